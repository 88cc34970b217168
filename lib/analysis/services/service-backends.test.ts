// The cases of Service port resolution and endpoints. Over 400 lines as one idea: the tests of one module.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, Protocol, Service } from '@/lib/model';
import { endpoint, endpointFor, model, pod, service, slice } from '@/lib/analysis/testing/builders';
import { findService, resolveServicePort, serviceEndpoints, serviceSelects, type ServiceBackend } from './service-backends';

/** The parts of a backend worth comparing, with the pod as "namespace/name". */
function view(b: ServiceBackend) {
  return {
    address: b.address,
    ...(b.pod ? { pod: `${b.pod.meta.namespace}/${b.pod.meta.name}` } : {}),
    ready: b.ready,
    serving: b.serving,
    terminating: b.terminating,
    ...(b.targetPort !== undefined ? { targetPort: b.targetPort } : {}),
    protocol: b.protocol,
    ...(b.problem ? { problem: b.problem } : {}),
  };
}

type View = ReturnType<typeof view>;

/** An expected backend: ready, serving, not terminating, TCP unless overridden. */
const want = (address: string, over: Partial<View> = {}): View => ({
  address,
  ready: true,
  serving: true,
  terminating: false,
  protocol: 'TCP',
  ...over,
});

function resolve(m: ClusterModel, svc: Service, port: number | string, protocol?: Protocol) {
  const r = resolveServicePort(m, svc, port, protocol);
  if ('error' in r) throw new Error(`unexpected error: ${r.error}`);
  return r;
}

// A Service with a named port http (80 → named target "http") and an unnamed-target metrics port.
const cart = service('shop/cart', {
  selector: { app: 'cart' },
  ports: [
    { name: 'http', port: 80, targetPort: 'http' },
    { name: 'metrics', port: 9090, targetPort: 9090 },
  ],
});
const cart1 = pod('shop/cart-1', { labels: { app: 'cart' }, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }, 9090] });
const cart2 = pod('shop/cart-2', { labels: { app: 'cart' }, ip: '10.0.0.2', ready: false, ports: [{ name: 'http', containerPort: 8081 }] });

describe('resolveServicePort: picking the Service port', () => {
  const dns = service('kube-system/dns', {
    selector: { k8s: 'dns' },
    ports: [
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
    ],
  });
  const udpOnly = service('kube-system/udp', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] });
  const m = model({ services: [cart, dns, udpOnly] });

  it.each([
    { name: 'a port is picked by number, TCP by default (core/v1 ServicePort.protocol)', svc: dns, port: 53, protocol: undefined, picked: 'dns-tcp' },
    { name: 'a port is picked by number and protocol (core/v1 ServicePort.port + protocol)', svc: dns, port: 53, protocol: 'UDP' as const, picked: 'dns' },
    { name: 'a port is picked by its name (core/v1 ServicePort.name)', svc: cart, port: 'metrics', protocol: undefined, picked: 'metrics' },
    { name: 'a string of digits is a port number: IANA names always have a letter (core/v1 ServicePort.name)', svc: cart, port: '80', protocol: undefined, picked: 'http' },
    { name: 'a named pick of a UDP port needs no protocol: names are unique in a Service (core/v1 ServicePort.name)', svc: udpOnly, port: 'dns', protocol: undefined, picked: 'dns' },
  ])('$name', ({ svc, port, protocol, picked }) => {
    expect(resolve(m, svc, port, protocol).servicePort.name).toBe(picked);
  });

  it.each([
    {
      name: 'an undeclared port number is an error listing the ports (core/v1 ServiceSpec.ports)',
      svc: cart,
      port: 8080,
      protocol: undefined,
      error: 'Service shop/cart has no port 8080/TCP; its ports: http 80/TCP → http, metrics 9090/TCP → 9090',
    },
    {
      name: 'a UDP-only port number is not found under the TCP default (core/v1 ServicePort.protocol)',
      svc: udpOnly,
      port: 53,
      protocol: undefined,
      error: 'Service kube-system/udp has no port 53/TCP; its ports: dns 53/UDP → 53',
    },
    {
      name: 'an unknown port name is an error (core/v1 ServicePort.name)',
      svc: cart,
      port: 'grpc',
      protocol: undefined,
      error: 'Service shop/cart has no port named "grpc"; its ports: http 80/TCP → http, metrics 9090/TCP → 9090',
    },
    {
      name: 'a named port of another protocol than asked is an error (core/v1 ServicePort.protocol)',
      svc: udpOnly,
      port: 'dns',
      protocol: 'TCP' as const,
      error: 'Service kube-system/udp port "dns" is UDP, not TCP; its ports: dns 53/UDP → 53',
    },
    {
      name: 'an ExternalName Service is a DNS CNAME with no endpoints (core/v1 ServiceSpec.externalName)',
      svc: service('shop/payments', { type: 'ExternalName', externalName: 'pay.example.com' }),
      port: 443,
      protocol: undefined,
      error: 'Service shop/payments is of type ExternalName: it is a DNS CNAME to pay.example.com and has no endpoints or ports to resolve',
    },
  ])('$name', ({ svc, port, protocol, error }) => {
    expect(resolveServicePort(m, svc, port, protocol)).toEqual({ error });
  });
});

describe('resolveServicePort: backends from EndpointSlices', () => {
  const cartSlice = slice('shop/cart-abc', {
    service: 'cart',
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }],
    endpoints: [endpointFor(cart1), endpointFor(cart2)],
  });

  it.each([
    {
      name: 'the endpoint port is the slice port with the Service port name: what the controller resolved (discovery/v1 EndpointPort.name)',
      m: model({ services: [cart], pods: [cart1, cart2], endpointslices: [cartSlice] }),
      svc: cart,
      port: 80,
      backends: [
        want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 }),
        // The slice says 8080 even though the pod declares 8081: the slice is what kube-proxy programs.
        want('10.0.0.2', { pod: 'shop/cart-2', targetPort: 8080, ready: false, serving: false }),
      ],
    },
    {
      name: 'an unnamed Service port maps to the unnamed slice port (discovery/v1 EndpointPort.name)',
      m: model({
        services: [service('shop/web', { ports: [{ port: 80, targetPort: 8080 }] })],
        endpointslices: [slice('shop/web-1', { service: 'web', ports: [8080], endpoints: [endpoint('10.0.1.1')] })],
      }),
      svc: service('shop/web', { ports: [{ port: 80, targetPort: 8080 }] }),
      port: 80,
      backends: [want('10.0.1.1', { targetPort: 8080 })],
    },
    {
      name: 'endpoints map to pods by targetRef, and by pod IP when there is none (discovery/v1 Endpoint.targetRef)',
      m: model({
        services: [cart],
        pods: [cart1, cart2],
        endpointslices: [slice('shop/cart-abc', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.1'), endpoint('10.0.0.2', { pod: 'cart-2' })] })],
      }),
      svc: cart,
      port: 'http',
      backends: [want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 }), want('10.0.0.2', { pod: 'shop/cart-2', targetPort: 8080 })],
    },
    {
      name: 'a targetRef of another kind than Pod resolves no pod, even when a pod has the IP (discovery/v1 Endpoint.targetRef)',
      m: model({
        services: [cart],
        pods: [cart1],
        endpointslices: [slice('shop/cart-vm', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.1', { targetRef: { kind: 'VirtualMachine', name: 'vm-1' } })] })],
      }),
      svc: cart,
      port: 80,
      backends: [want('10.0.0.1', { targetPort: 8080 })],
    },
    {
      name: 'an address in two slices counts once, ready if either says so (discovery/v1 EndpointSlice, slice handover)',
      m: model({
        services: [cart],
        pods: [cart1],
        endpointslices: [
          slice('shop/cart-old', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.1', { ready: false, pod: 'cart-1' })] }),
          slice('shop/cart-new', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.1', { pod: 'cart-1' })] }),
        ],
      }),
      svc: cart,
      port: 80,
      backends: [want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 })],
    },
    {
      name: 'slice conditions are carried: a terminating endpoint may still be serving (discovery/v1 EndpointConditions)',
      m: model({
        services: [cart],
        endpointslices: [slice('shop/cart-abc', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.9', { terminating: true, serving: true })] })],
      }),
      svc: cart,
      port: 80,
      backends: [want('10.0.0.9', { ready: false, serving: true, terminating: true, targetPort: 8080 })],
    },
    {
      name: 'slices of another Service or another namespace are not used (kubernetes.io/service-name label, same namespace)',
      m: model({
        services: [cart],
        endpointslices: [
          slice('shop/carts-1', { service: 'carts', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.9.0.1')] }),
          slice('blog/cart-1', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.9.0.2')] }),
          slice('shop/cart-1', { service: 'cart', ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint('10.0.0.1')] }),
        ],
      }),
      svc: cart,
      port: 80,
      backends: [want('10.0.0.1', { targetPort: 8080 })],
    },
    {
      name: 'a slice port of another protocol does not match: the endpoint gets no traffic on this port (discovery/v1 EndpointPort.protocol)',
      m: model({
        services: [cart],
        endpointslices: [slice('shop/cart-udp', { service: 'cart', ports: [{ name: 'http', port: 8080, protocol: 'UDP' }], endpoints: [endpoint('10.0.0.7')] })],
      }),
      svc: cart,
      port: 80,
      backends: [
        want('10.0.0.7', {
          problem:
            'named targetPort "http" cannot be resolved: the endpoint is not a known pod; EndpointSlice shop/cart-udp lists no port "http" (80/TCP), so this endpoint receives no traffic on it',
        }),
      ],
    },
    {
      name: 'a pod that does not declare the named port lands in a slice without it, and the reason is the pod (discovery/v1 EndpointSlice.ports)',
      m: model({
        services: [cart],
        pods: [pod('shop/cart-3', { labels: { app: 'cart' }, ip: '10.0.0.3', ports: [9090] })],
        endpointslices: [slice('shop/cart-metrics-only', { service: 'cart', ports: [{ name: 'metrics', port: 9090 }], endpoints: [endpoint('10.0.0.3', { pod: 'cart-3' })] })],
      }),
      svc: cart,
      port: 'http',
      backends: [
        want('10.0.0.3', {
          pod: 'shop/cart-3',
          problem:
            'named targetPort "http" is not declared by pod shop/cart-3 (it declares TCP 9090); EndpointSlice shop/cart-metrics-only lists no port "http" (80/TCP), so this endpoint receives no traffic on it',
        }),
      ],
    },
  ])('$name', ({ m, svc, port, backends }) => {
    const r = resolve(m, svc, port);
    expect(r.source).toBe('endpointslices');
    expect(r.backends.map(view)).toEqual(backends);
  });

  it('a selector-less Service uses its manually managed slices (core/v1 Service without selector)', () => {
    const external = service('shop/legacy-db', { selector: null, ports: [{ port: 5432 }] });
    const r = resolve(
      model({ services: [external], endpointslices: [slice('shop/legacy-db-1', { service: 'legacy-db', ports: [5432], endpoints: [endpoint('192.168.1.10')] })] }),
      external,
      5432,
    );
    expect(r.source).toBe('endpointslices');
    expect(r.backends.map(view)).toEqual([want('192.168.1.10', { targetPort: 5432 })]);
    expect(r.notes).toContain('Service has no selector: endpoints are managed outside Kubernetes');
  });

  it('a selector-less Service without slices has no endpoints, and says so (core/v1 Service without selector)', () => {
    const external = service('shop/legacy-db', { selector: null, ports: [{ port: 5432 }] });
    const r = resolve(model({ services: [external], pods: [pod('shop/db', { labels: { app: 'legacy-db' }, ip: '10.0.0.5' })] }), external, 5432);
    expect(r.source).toBe('endpointslices');
    expect(r.backends).toEqual([]);
    expect(r.notes).toEqual([
      'Service has no selector: endpoints are managed outside Kubernetes',
      'no EndpointSlices for shop/legacy-db, so it has no endpoints',
      'no endpoints: connections to shop/legacy-db port 5432/TCP are refused',
    ]);
  });
});

describe('resolveServicePort: backends from the selector (no EndpointSlices, as in manifests)', () => {
  it.each([
    {
      name: 'named targetPort resolves per pod by name and protocol (core/v1 ServicePort.targetPort)',
      pods: [cart1, cart2],
      svc: cart,
      backends: [
        want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 }),
        want('10.0.0.2', { pod: 'shop/cart-2', targetPort: 8081, ready: false, serving: false }),
      ],
    },
    {
      name: 'a named targetPort declared with another protocol does not resolve (core/v1 ServicePort.targetPort, FindPort)',
      pods: [pod('shop/cart-u', { labels: { app: 'cart' }, ip: '10.0.0.4', ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] })],
      svc: cart,
      backends: [want('10.0.0.4', { pod: 'shop/cart-u', problem: 'named targetPort "http" is declared by pod shop/cart-u as UDP 8080, not TCP' })],
    },
    {
      name: 'a named targetPort the pod does not declare is a problem naming what it declares (core/v1 ServicePort.targetPort)',
      pods: [pod('shop/checkout-7d9', { labels: { app: 'checkout' }, ip: '10.0.0.5', ports: [{ name: 'http', containerPort: 8080 }] })],
      svc: service('shop/checkout', { ports: [{ name: 'api', port: 80, targetPort: 'http-api' }] }),
      backends: [
        want('10.0.0.5', {
          pod: 'shop/checkout-7d9',
          problem: 'named targetPort "http-api" is not declared by pod shop/checkout-7d9 (it declares http/TCP 8080)',
        }),
      ],
    },
    {
      name: 'a named targetPort resolves on a native sidecar too (core/v1 ServicePort.targetPort, restartable init containers)',
      pods: [
        pod('shop/cart-s', {
          labels: { app: 'cart' },
          ip: '10.0.0.6',
          containers: [{ name: 'app', ports: [9090] }, { name: 'proxy', sidecar: true, ports: [{ name: 'http', containerPort: 15001 }] }],
        }),
      ],
      svc: cart,
      backends: [want('10.0.0.6', { pod: 'shop/cart-s', targetPort: 15001 })],
    },
    {
      name: 'a numeric targetPort is used as is, declared or not (core/v1 ServicePort.targetPort)',
      pods: [pod('shop/web-1', { labels: { app: 'web' }, ip: '10.0.0.8' })],
      svc: service('shop/web', { ports: [{ port: 80, targetPort: 3000 }] }),
      backends: [want('10.0.0.8', { pod: 'shop/web-1', targetPort: 3000 })],
    },
    {
      name: 'finished pods are never endpoints (EndpointSlice controller, ShouldPodBeInEndpoints)',
      pods: [cart1, pod('shop/cart-done', { labels: { app: 'cart' }, ip: '10.0.0.9', phase: 'Succeeded', ready: false, ports: [{ name: 'http', containerPort: 8080 }] })],
      svc: cart,
      backends: [want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 })],
    },
    {
      name: 'publishNotReadyAddresses counts not-ready pods as ready (core/v1 ServiceSpec.publishNotReadyAddresses)',
      pods: [cart2],
      svc: { ...cart, publishNotReadyAddresses: true },
      backends: [want('10.0.0.2', { pod: 'shop/cart-2', targetPort: 8081, ready: true, serving: false })],
    },
    {
      name: 'a terminating pod is not ready but listed as terminating (discovery/v1 EndpointConditions.terminating)',
      pods: [pod('shop/cart-t', { labels: { app: 'cart' }, ip: '10.0.0.10', deletionTimestamp: '2025-01-01T00:00:00Z', ports: [{ name: 'http', containerPort: 8080 }] })],
      svc: cart,
      backends: [want('10.0.0.10', { pod: 'shop/cart-t', targetPort: 8080, ready: false, serving: false, terminating: true })],
    },
    {
      name: 'a pod without an IP (a manifest) is listed without an address (core/v1 PodStatus.podIPs)',
      pods: [pod('shop/cart-m', { labels: { app: 'cart' }, ports: [{ name: 'http', containerPort: 8080 }] })],
      svc: cart,
      backends: [want('', { pod: 'shop/cart-m', targetPort: 8080 })],
    },
    {
      name: 'only pods of the Service namespace whose labels hold every selector pair are selected (core/v1 ServiceSpec.selector)',
      pods: [cart1, pod('blog/cart-1', { labels: { app: 'cart' }, ip: '10.1.0.1' }), pod('shop/other', { labels: { app: 'carts' }, ip: '10.0.0.11' })],
      svc: cart,
      backends: [want('10.0.0.1', { pod: 'shop/cart-1', targetPort: 8080 })],
    },
  ])('$name', ({ pods, svc, backends }) => {
    const r = resolve(model({ services: [svc], pods }), svc, 80);
    expect(r.source).toBe('selector');
    expect(r.notes[0]?.startsWith('targetPort') ? r.notes[1] : r.notes[0]).toBe(`no EndpointSlices for shop/${svc.meta.name}; using the pods its selector matches`);
    expect(r.backends.map(view)).toEqual(backends);
  });

  it.each([
    {
      name: 'a selector that matches nothing says so, with the nearest pods (core/v1 ServiceSpec.selector)',
      pods: [pod('shop/cart-x', { labels: { app: 'cart', tier: 'back' }, ip: '10.0.0.1' })],
      svc: service('shop/cart', { selector: { app: 'cart', tier: 'web' }, ports: [80] }),
      note: 'selector app=cart, tier=web matches no pod in namespace shop; nearest: shop/cart-x has tier=back',
    },
    {
      name: 'a named targetPort is explained as resolved per pod (core/v1 ServicePort.targetPort)',
      pods: [cart1],
      svc: cart,
      note: 'targetPort "http" is a name: each pod resolves it from its own TCP container ports',
    },
    {
      name: 'without EndpointSlices synced the selector view is flagged as possibly stale (model sync state)',
      pods: [cart1],
      svc: cart,
      sync: { endpointslices: { status: 'forbidden' as const, message: 'no list' } },
      note: 'EndpointSlices are not synced, so the live endpoints may differ from what the selector matches',
    },
    {
      name: 'no ready backend is called out (kube-proxy has nowhere to send the connection)',
      pods: [cart2],
      svc: cart,
      note: 'none of the 1 backends is ready with a resolved port, so connections to shop/cart port "http" (80/TCP) fail',
    },
  ])('$name', ({ pods, svc, note, ...rest }) => {
    const r = resolve(model({ services: [svc], pods, ...('sync' in rest ? { sync: rest.sync } : {}) }), svc, 80);
    expect(r.notes).toContain(note);
  });
});

describe('serviceEndpoints (every address, as DNS sees it)', () => {
  it('sets the endpoint hostname from a pod whose subdomain is the Service name (EndpointSlice controller)', () => {
    const headless = service('shop/db', { clusterIP: 'None', selector: { app: 'db' }, ports: [5432] });
    const pods = [
      pod('shop/db-0', { labels: { app: 'db' }, ip: '10.0.2.1', hostname: 'db-0', subdomain: 'db' }),
      pod('shop/db-x', { labels: { app: 'db' }, ip: '10.0.2.2', hostname: 'db-x', subdomain: 'other' }),
    ];
    const r = serviceEndpoints(model({ services: [headless], pods }), headless);
    expect(r.endpoints.map((e) => [e.address, e.hostname])).toEqual([
      ['10.0.2.1', 'db-0'],
      ['10.0.2.2', undefined],
    ]);
  });
});

describe('findService and serviceSelects', () => {
  it.each([
    { name: 'finds a Service by namespace and name', ns: 'shop', svc: 'cart', found: true },
    { name: 'a Service of the same name in another namespace is another Service', ns: 'blog', svc: 'cart', found: false },
  ])('$name (core/v1 ObjectMeta)', ({ ns, svc, found }) => {
    expect(findService(model({ services: [cart] }), ns, svc) === cart).toBe(found);
  });

  it.each<{ name: string; selector: Record<string, string>; labels: Record<string, string>; selects: boolean }>([
    { name: 'every selector pair must be present', selector: { app: 'cart', tier: 'web' }, labels: { app: 'cart', tier: 'web', x: 'y' }, selects: true },
    { name: 'a differing value does not select', selector: { app: 'cart' }, labels: { app: 'carts' }, selects: false },
    { name: 'a missing key does not select', selector: { app: 'cart', tier: 'web' }, labels: { app: 'cart' }, selects: false },
    { name: 'an empty value matches only an empty label', selector: { canary: '' }, labels: { canary: '' }, selects: true },
  ])('$name (core/v1 ServiceSpec.selector is an equality map)', ({ selector, labels, selects }) => {
    expect(serviceSelects(selector, labels)).toBe(selects);
  });
});

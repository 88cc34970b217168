// The cases of Ingress request routing. Over 400 lines as one idea: the tests of one module.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, Ingress } from '@/lib/model';
import {
  endpoint,
  httpPath,
  ingress,
  ingressClass,
  ingressRule,
  model,
  pod,
  resourceBackend,
  service,
  serviceBackend,
  slice,
  type ModelInit,
} from '@/lib/analysis/testing/builders';
import { matchHost, matchPath, routeRequest, type RouteResult } from './route-request';

// Every backend Service used below exists in namespace shop with a ready endpoint, so routing is what is tested.
const BACKENDS = ['web', 'api', 'api-v2', 'cart', 'static', 'fallback', 'wild', 'any', 'exact', 'prefix', 'old', 'new', 'other'];
const services = BACKENDS.map((name) => service(`shop/${name}`, { ports: [{ name: 'http', port: 80, targetPort: 8080 }] }));
const slices = BACKENDS.map((name, i) =>
  slice(`shop/${name}-1`, { service: name, ports: [{ name: 'http', port: 8080 }], endpoints: [endpoint(`10.0.0.${i + 1}`)] }),
);
const nginx = ingressClass('nginx', { isDefault: true });
const traefik = ingressClass('traefik');

const world = (ingresses: Ingress[], extra: ModelInit = {}): ClusterModel =>
  model({ ingressclasses: [nginx, traefik], services, endpointslices: slices, ingresses, ...extra });

const to = (svc: string) => serviceBackend(svc, 80);
const routedTo = (r: RouteResult) => r.service?.meta.name;

describe('matchHost (networking/v1 IngressRule.host)', () => {
  it.each([
    { name: 'a precise host matches itself', rule: 'foo.com', host: 'foo.com', rank: 2 },
    { name: 'a wildcard host matches exactly one label: bar.foo.com', rule: '*.foo.com', host: 'bar.foo.com', rank: 1 },
    { name: 'a wildcard host does not match two labels: baz.bar.foo.com', rule: '*.foo.com', host: 'baz.bar.foo.com', rank: undefined },
    { name: 'a wildcard host does not match the bare domain: foo.com', rule: '*.foo.com', host: 'foo.com', rank: undefined },
    { name: 'a rule without host matches every host', rule: undefined, host: 'anything.example', rank: 0 },
    { name: 'host matching is case-insensitive', rule: 'Shop.Example.com', host: 'shop.example.com', rank: 2 },
    { name: 'a different host does not match', rule: 'shop.example.com', host: 'shop.exmaple.com', rank: undefined },
  ])('$name', ({ rule, host, rank }) => {
    expect(matchHost(rule, host)?.rank).toBe(rank);
  });
});

describe('matchPath (networking/v1 HTTPIngressPath.pathType)', () => {
  it.each([
    { name: 'Exact matches the same string', rule: '/foo', type: 'Exact' as const, path: '/foo', matches: true },
    { name: 'Exact does not match a trailing slash', rule: '/foo', type: 'Exact' as const, path: '/foo/', matches: false },
    { name: 'Exact is case-sensitive', rule: '/foo', type: 'Exact' as const, path: '/FOO', matches: false },
    { name: 'Prefix /foo matches /foo', rule: '/foo', type: 'Prefix' as const, path: '/foo', matches: true },
    { name: 'Prefix /foo matches /foo/', rule: '/foo', type: 'Prefix' as const, path: '/foo/', matches: true },
    { name: 'Prefix /foo matches /foo/bar', rule: '/foo', type: 'Prefix' as const, path: '/foo/bar', matches: true },
    { name: 'Prefix matching is element-wise: /foo does not match /foobar', rule: '/foo', type: 'Prefix' as const, path: '/foobar', matches: false },
    { name: 'Prefix ignores a trailing slash in the rule: /foo/ matches /foo', rule: '/foo/', type: 'Prefix' as const, path: '/foo', matches: true },
    { name: 'Prefix / matches everything', rule: '/', type: 'Prefix' as const, path: '/any/thing', matches: true },
    { name: 'Prefix /aaa/bbb does not match /aaa/bbbxyz', rule: '/aaa/bbb', type: 'Prefix' as const, path: '/aaa/bbbxyz', matches: false },
    { name: 'Prefix is case-sensitive', rule: '/foo', type: 'Prefix' as const, path: '/Foo/bar', matches: false },
    { name: 'ImplementationSpecific is read as Prefix', rule: '/foo', type: 'ImplementationSpecific' as const, path: '/foo/bar', matches: true },
  ])('$name', ({ rule, type, path, matches }) => {
    expect(matchPath(rule, type, path) !== undefined).toBe(matches);
  });
});

describe('routeRequest: which rule wins (networking/v1 Ingress)', () => {
  it.each([
    {
      name: 'the longest matching path wins (networking/v1 HTTPIngressPath, multiple matches)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')), httpPath('/api', 'Prefix', to('api')), httpPath('/api/v2', 'Prefix', to('api-v2')))] })],
      host: 'shop.example.com',
      path: '/api/v2/items',
      service: 'api-v2',
      rule: { host: 'shop.example.com', path: '/api/v2', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'the longest path wins across Ingresses too (networking/v1 Ingress, rules merged by the controller)',
      ingresses: [
        ingress('shop/a', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')))] }),
        ingress('shop/b', { rules: [ingressRule('shop.example.com', httpPath('/cart', 'Prefix', to('cart')))] }),
      ],
      host: 'shop.example.com',
      path: '/cart/checkout',
      service: 'cart',
      rule: { host: 'shop.example.com', path: '/cart', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'Exact beats Prefix at equal length (networking/v1 HTTPIngressPath.pathType precedence)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/login', 'Prefix', to('prefix')), httpPath('/login', 'Exact', to('exact')))] })],
      host: 'shop.example.com',
      path: '/login',
      service: 'exact',
      rule: { host: 'shop.example.com', path: '/login', pathType: 'Exact', isDefaultBackend: false },
    },
    {
      name: 'a precise host beats a wildcard host (networking/v1 IngressRule.host)',
      ingresses: [
        // The wildcard Ingress is older, so only host precision can make the precise one win.
        ingress('shop/wild', { creationTimestamp: '2020-01-01T00:00:00Z', rules: [ingressRule('*.example.com', httpPath('/', 'Prefix', to('wild')))] }),
        ingress('shop/precise', { creationTimestamp: '2025-01-01T00:00:00Z', rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')))] }),
      ],
      host: 'shop.example.com',
      path: '/',
      service: 'web',
      rule: { host: 'shop.example.com', path: '/', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'a wildcard host beats a rule without host, even with a shorter path (networking/v1 IngressRule.host)',
      ingresses: [
        ingress('shop/any', { rules: [ingressRule(undefined, httpPath('/docs', 'Prefix', to('any')))] }),
        ingress('shop/wild', { rules: [ingressRule('*.example.com', httpPath('/', 'Prefix', to('wild')))] }),
      ],
      host: 'docs.example.com',
      path: '/docs/intro',
      service: 'wild',
      rule: { host: '*.example.com', path: '/', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'a rule without host matches every host (networking/v1 IngressRule.host)',
      ingresses: [ingress('shop/any', { rules: [ingressRule(undefined, httpPath('/', 'Prefix', to('any')))] })],
      host: 'whatever.test',
      path: '/x',
      service: 'any',
      rule: { path: '/', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'host matching ignores case and a :port (networking/v1 IngressRule.host, RFC 3986 host)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')))] })],
      host: 'SHOP.Example.COM:8443',
      path: '/',
      service: 'web',
      rule: { host: 'shop.example.com', path: '/', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'the query string is not part of the path (networking/v1 HTTPIngressPath.path)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/search', 'Exact', to('web')))] })],
      host: 'shop.example.com',
      path: '/search?q=shoes',
      service: 'web',
      rule: { host: 'shop.example.com', path: '/search', pathType: 'Exact', isDefaultBackend: false },
    },
    {
      name: 'the same host and path in two Ingresses goes to the older one (ingress-nginx conflict resolution)',
      ingresses: [
        ingress('shop/new', { creationTimestamp: '2025-02-01T00:00:00Z', rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('new')))] }),
        ingress('shop/old', { creationTimestamp: '2024-01-01T00:00:00Z', rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('old')))] }),
      ],
      host: 'shop.example.com',
      path: '/',
      service: 'old',
      rule: { host: 'shop.example.com', path: '/', pathType: 'Prefix', isDefaultBackend: false },
    },
    {
      name: 'without a matching path the defaultBackend of the Ingress for the host applies (networking/v1 IngressSpec.defaultBackend)',
      ingresses: [
        ingress('shop/other', { defaultBackend: to('other'), rules: [ingressRule('blog.example.com', httpPath('/', 'Prefix', to('web')))] }),
        ingress('shop/site', { defaultBackend: to('fallback'), rules: [ingressRule('shop.example.com', httpPath('/api', 'Prefix', to('api')))] }),
      ],
      host: 'shop.example.com',
      path: '/unknown',
      service: 'fallback',
      rule: { isDefaultBackend: true },
    },
    {
      name: 'without any matching rule an Ingress defaultBackend catches the request (networking/v1 IngressSpec.defaultBackend)',
      ingresses: [ingress('shop/catch-all', { defaultBackend: to('fallback') })],
      host: 'nothing.example.com',
      path: '/',
      service: 'fallback',
      rule: { isDefaultBackend: true },
    },
  ])('$name', ({ ingresses, host, path, service: svc, rule }) => {
    const r = routeRequest(world(ingresses), { host, path });
    expect(r.reasons).toEqual([]);
    expect(r.matched).toBe(true);
    expect(routedTo(r)).toBe(svc);
    expect(r.rule).toEqual(rule);
    expect(r.resolution?.backends.map((b) => b.targetPort)).toEqual([8080]);
  });

  it.each([
    {
      name: 'ImplementationSpecific is treated as Prefix, and the trace says so (networking/v1 HTTPIngressPath.pathType)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/static', 'ImplementationSpecific', to('static')))] })],
      path: '/static/app.js',
      kind: 'rule' as const,
      text: 'host shop.example.com matches shop.example.com exactly; path /static/app.js matches /static (ImplementationSpecific, treated as Prefix; the controller may match it differently)',
    },
    {
      name: 'the trace says a precise host beat a wildcard (networking/v1 IngressRule.host)',
      ingresses: [
        ingress('shop/wild', { rules: [ingressRule('*.example.com', httpPath('/static', 'Prefix', to('wild')))] }),
        ingress('shop/precise', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')))] }),
      ],
      path: '/static',
      kind: 'rule' as const,
      text: 'this rule beats shop/wild *.example.com /static (Prefix): a precise host beats a wildcard host (a controller picks the host first, then the path)',
    },
    {
      name: 'the trace says Exact beat Prefix (networking/v1 HTTPIngressPath.pathType)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/static', 'Prefix', to('prefix')), httpPath('/static', 'Exact', to('exact')))] })],
      path: '/static',
      kind: 'rule' as const,
      text: 'this rule beats shop/site shop.example.com /static (Prefix): Exact beats Prefix at equal length',
    },
    {
      name: 'the trace names the defaultBackend and why it applies (networking/v1 IngressSpec.defaultBackend)',
      ingresses: [ingress('shop/site', { defaultBackend: to('fallback'), rules: [ingressRule('shop.example.com', httpPath('/api', 'Prefix', to('api')))] })],
      path: '/nope',
      kind: 'ingress' as const,
      text: "Ingress shop/site's defaultBackend takes the request: it has a rule for host shop.example.com but no path of it matches /nope",
    },
    {
      name: 'the trace follows the Service port to its backends (core/v1 ServicePort, discovery/v1 EndpointSlice)',
      ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', serviceBackend('web', 'http')))] })],
      path: '/',
      kind: 'backend' as const,
      text: '10.0.0.1 port 8080: ready',
    },
  ])('$name', ({ ingresses, path, kind, text }) => {
    const r = routeRequest(world(ingresses), { host: 'shop.example.com', path });
    expect(r.steps.filter((s) => s.kind === kind).map((s) => s.text)).toContain(text);
  });

  it('the trace is in order: class, ingress, rule, service, backend', () => {
    const r = routeRequest(world([ingress('shop/site', { ingressClassName: 'nginx', rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to('web')))] })]), {
      host: 'shop.example.com',
      path: '/',
    });
    expect(r.steps.map((s) => s.kind)).toEqual(['ingressclass', 'ingress', 'rule', 'service', 'backend']);
    expect(r.steps[0]?.text).toBe('no class requested: considering Ingresses of every class; Ingress shop/site has class nginx from spec.ingressClassName');
    expect(r.steps[3]?.text).toBe('Service shop/web port http 80/TCP → 8080 (backends from EndpointSlices)');
  });
});

describe('routeRequest: Ingress classes (networking/v1 IngressSpec.ingressClassName, IngressClass)', () => {
  const site = (name: string, init: Partial<Ingress>, backend: string) =>
    ingress(`shop/${name}`, { ...init, rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', to(backend)))] });

  it.each([
    {
      name: 'only Ingresses of the requested class are considered (networking/v1 IngressSpec.ingressClassName)',
      ingresses: [site('a', { ingressClassName: 'traefik' }, 'other'), site('b', { ingressClassName: 'nginx' }, 'web')],
      ingressClass: 'nginx',
      service: 'web',
      classText: 'class nginx from spec.ingressClassName',
    },
    {
      name: 'the deprecated kubernetes.io/ingress.class annotation gives the class (networking/v1 Ingress, deprecated annotation)',
      ingresses: [site('a', { classAnnotation: 'traefik' }, 'web'), site('b', { ingressClassName: 'nginx' }, 'other')],
      ingressClass: 'traefik',
      service: 'web',
      classText: 'class traefik from the deprecated kubernetes.io/ingress.class annotation',
    },
    {
      name: 'an Ingress without class gets the default IngressClass (ingressclass.kubernetes.io/is-default-class)',
      ingresses: [site('a', {}, 'web'), site('b', { ingressClassName: 'traefik' }, 'other')],
      ingressClass: 'nginx',
      service: 'web',
      classText: 'class nginx from the default IngressClass (the Ingress names none)',
    },
  ])('$name', ({ ingresses, ingressClass: cls, service: svc, classText }) => {
    const r = routeRequest(world(ingresses), { host: 'shop.example.com', path: '/', ingressClass: cls });
    expect(r.matched).toBe(true);
    expect(routedTo(r)).toBe(svc);
    expect(r.ingressClass?.meta.name).toBe(cls);
    expect(r.steps[0]?.text).toContain(classText);
  });

  it.each([
    {
      name: 'an Ingress naming a class that does not exist is skipped with a reason (networking/v1 IngressSpec.ingressClassName)',
      ingresses: [site('a', { ingressClassName: 'ngnix' }, 'web')],
      ingressClass: undefined,
      reasons: ['no Ingress to consider', 'Ingress shop/a names IngressClass "ngnix", which does not exist (IngressClasses: nginx, traefik); it is skipped'],
    },
    {
      name: 'a requested class that does not exist is a reason with the nearest class (networking/v1 IngressClass)',
      ingresses: [site('a', { ingressClassName: 'nginx' }, 'web')],
      ingressClass: 'nginx-internal',
      reasons: ['no IngressClass "nginx-internal"; IngressClasses: nginx, traefik (nearest: nginx)'],
    },
    {
      name: 'no Ingress of the requested class is a reason (networking/v1 IngressSpec.ingressClassName)',
      ingresses: [site('a', { ingressClassName: 'nginx' }, 'web')],
      ingressClass: 'traefik',
      reasons: ['no Ingress of class traefik', '1 Ingress of other classes not considered'],
    },
  ])('$name', ({ ingresses, ingressClass: cls, reasons }) => {
    const r = routeRequest(world(ingresses), { host: 'shop.example.com', path: '/', ...(cls ? { ingressClass: cls } : {}) });
    expect(r.matched).toBe(false);
    expect(r.reasons).toEqual(reasons);
  });

  it('a skipped Ingress shows in the trace of a request another Ingress serves (networking/v1 IngressSpec.ingressClassName)', () => {
    const r = routeRequest(world([site('a', { ingressClassName: 'ngnix' }, 'other'), site('b', { ingressClassName: 'nginx' }, 'web')]), {
      host: 'shop.example.com',
      path: '/',
    });
    expect(routedTo(r)).toBe('web');
    expect(r.reasons).toEqual([]);
    expect(r.steps.slice(0, 2)).toEqual([
      { kind: 'ingressclass', text: 'no class requested: considering Ingresses of every class; Ingress shop/b has class nginx from spec.ingressClassName' },
      { kind: 'ingressclass', text: 'Ingress shop/a names IngressClass "ngnix", which does not exist (IngressClasses: nginx, traefik); it is skipped' },
    ]);
  });

  it('with several default classes an Ingress without class has none and is skipped for a requested class (IngressClass admission)', () => {
    const r = routeRequest(
      model({
        ingressclasses: [nginx, ingressClass('traefik', { isDefault: true })],
        services,
        endpointslices: slices,
        ingresses: [site('a', {}, 'web')],
      }),
      { host: 'shop.example.com', path: '/', ingressClass: 'nginx' },
    );
    expect(r.matched).toBe(false);
    expect(r.reasons).toContain('Ingress shop/a is skipped: no class: the Ingress names none and several IngressClasses are marked default (nginx, traefik)');
  });
});

describe('routeRequest: why nothing matched, with the nearest candidates', () => {
  const site = ingress('shop/site', {
    rules: [ingressRule('shop.example.com', httpPath('/api', 'Prefix', to('api')), httpPath('/Login', 'Exact', to('web'))), ingressRule('blog.example.com', httpPath('/', 'Prefix', to('web')))],
  });

  it.each([
    {
      name: 'a host with no rule lists the hosts that have rules, nearest first (networking/v1 IngressRule.host)',
      host: 'shop.exmaple.com',
      path: '/api',
      reasons: ['no rule for host shop.exmaple.com; hosts with rules: shop.example.com, blog.example.com', 'no considered Ingress has a defaultBackend'],
    },
    {
      name: 'Prefix /api does not match /apis, and the reason says element-wise (networking/v1 HTTPIngressPath.pathType)',
      host: 'shop.example.com',
      path: '/apis',
      reasons: [
        'no path for host shop.example.com matches /apis; paths for this host: /api (Prefix, shop/site), /Login (Exact, shop/site)',
        'Prefix /api does not match /apis: Prefix matching is element-wise',
        'no considered Ingress has a defaultBackend',
      ],
    },
    {
      name: 'Exact is case-sensitive, and the reason says so (networking/v1 HTTPIngressPath.pathType)',
      host: 'shop.example.com',
      path: '/login',
      reasons: [
        'no path for host shop.example.com matches /login; paths for this host: /api (Prefix, shop/site), /Login (Exact, shop/site)',
        'Exact /Login is case-sensitive',
        'no considered Ingress has a defaultBackend',
      ],
    },
  ])('$name', ({ host, path, reasons }) => {
    const r = routeRequest(world([site]), { host, path });
    expect(r.matched).toBe(false);
    expect(r.reasons).toEqual(reasons);
  });
});

describe('routeRequest: following the backend', () => {
  const rule = (backend: ReturnType<typeof to>) => ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', backend))] });

  it.each([
    {
      name: 'a missing Service is a reason, with the nearest Service name (networking/v1 IngressServiceBackend.name)',
      backend: serviceBackend('carts', 80),
      matched: false,
      reasons: ['Service shop/carts does not exist, so the controller answers 503; nearest Service in shop: cart'],
    },
    {
      name: 'a port the Service does not have is a reason (networking/v1 ServiceBackendPort)',
      backend: serviceBackend('web', 8080),
      matched: false,
      reasons: ['Service shop/web has no port 8080/TCP; its ports: http 80/TCP → 8080'],
    },
    {
      name: 'a port name the Service does not have is a reason (networking/v1 ServiceBackendPort.name)',
      backend: serviceBackend('web', 'https'),
      matched: false,
      reasons: ['Service shop/web has no port named "https"; its ports: http 80/TCP → 8080'],
    },
    {
      name: 'a resource backend matches but is not followed (networking/v1 IngressBackend.resource)',
      backend: resourceBackend('StorageBucket', 'static-assets', 'k8s.example.com'),
      matched: true,
      reasons: [],
    },
  ])('$name', ({ backend, matched, reasons }) => {
    const r = routeRequest(world([rule(backend)]), { host: 'shop.example.com', path: '/' });
    expect(r.matched).toBe(matched);
    expect(r.reasons).toEqual(reasons);
    expect(r.rule?.path).toBe('/');
  });

  it('a resource backend is explained in the trace (networking/v1 IngressBackend.resource)', () => {
    const r = routeRequest(world([rule(resourceBackend('StorageBucket', 'static-assets', 'k8s.example.com'))]), { host: 'shop.example.com', path: '/' });
    expect(r.service).toBeUndefined();
    expect(r.steps.at(-1)).toEqual({
      kind: 'backend',
      text: 'resource backend StorageBucket shop/static-assets (k8s.example.com): not a Service, so kube-netmap does not follow it',
    });
  });

  it('a Service without ready backends is routed to, with the 503 as a reason (discovery/v1 EndpointConditions.ready)', () => {
    const svc = service('shop/down', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const m = world([rule(to('down'))], {
      services: [...services, svc],
      pods: [pod('shop/down-1', { labels: { app: 'down' }, ip: '10.0.9.1', ready: false, notReadyReason: 'Containers not ready: app' })],
    });
    const r = routeRequest(m, { host: 'shop.example.com', path: '/' });
    expect(r.matched).toBe(true);
    expect(r.resolution?.source).toBe('selector');
    expect(r.reasons).toEqual(['Service shop/down has no ready backend on port http 80/TCP → 8080, so the controller answers 503']);
    expect(r.steps.at(-1)?.text).toBe('10.0.9.1 (pod shop/down-1) port 8080: not ready (Containers not ready: app)');
  });
});

describe('routeRequest: unsynced data gives no route (model sync state)', () => {
  it.each([
    { name: 'ingresses still loading', kind: 'ingresses' as const, state: { status: 'syncing' as const }, unknown: 'unknown: ingresses are still loading' },
    { name: 'ingressclasses forbidden', kind: 'ingressclasses' as const, state: { status: 'forbidden' as const, message: 'RBAC' }, unknown: 'unknown: ingressclasses cannot be read (forbidden: RBAC)' },
    { name: 'services in error', kind: 'services' as const, state: { status: 'error' as const, message: 'timeout' }, unknown: 'unknown: services could not be loaded (timeout)' },
    { name: 'endpointslices still loading', kind: 'endpointslices' as const, state: { status: 'syncing' as const }, unknown: 'unknown: endpointslices are still loading' },
    { name: 'pods still loading', kind: 'pods' as const, state: { status: 'syncing' as const }, unknown: 'unknown: pods are still loading' },
  ])('$name', ({ kind, state, unknown }) => {
    const r = routeRequest(world([ingress('shop/site', { rules: [ingressRule(undefined, httpPath('/', 'Prefix', to('web')))] })], { sync: { [kind]: state } }), {
      host: 'shop.example.com',
      path: '/',
    });
    expect(r).toEqual({ matched: false, steps: [], reasons: [unknown], unknown });
  });
});

// The whole trace through a Gateway: listener choice, ReferenceGrant, backend shares, redirects, the data-plane
// policy verdict and "unknown" for data not synced. Each case names the rule it proves.
import { describe, expect, it } from 'vitest';
import { checkReference } from './reference-grant';
import { traceGatewayRequest, type GatewayRequest } from './trace-gateway';
import { gateway, gatewayClass, httpRoute, listenerSet, namespace, referenceGrant, route, service, world } from './testing';

const ALL = '{namespaces: {from: All}}';

describe('listener choice', () => {
  const gw = gateway(
    'infra/gw',
    `[{name: exact, port: 80, protocol: HTTP, hostname: shop.example.com, allowedRoutes: ${ALL}},
      {name: wild, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: ${ALL}},
      {name: deep, port: 80, protocol: HTTP, hostname: "*.eu.example.com", allowedRoutes: ${ALL}},
      {name: any, port: 80, protocol: HTTP, allowedRoutes: ${ALL}},
      {name: tls, port: 443, protocol: TLS, hostname: db.example.com, tls: {mode: Passthrough}, allowedRoutes: ${ALL}}]`,
  );
  const listenerOf = (request: GatewayRequest, ...docs: string[]) => {
    const t = traceGatewayRequest(world(gatewayClass(), gw, ...docs), request);
    return t.listener?.name ?? t.reasons[0];
  };
  it.each([
    { name: 'an exact hostname beats a wildcard (exact before wildcard)', host: 'shop.example.com', want: 'exact' },
    { name: 'a wildcard beats no hostname (wildcard before fallback)', host: 'cart.example.com', want: 'wild' },
    { name: 'a wildcard takes several labels: *.example.com takes a.b.example.com', host: 'a.b.example.com', want: 'wild' },
    { name: 'the wildcard with more labels right of * wins (*.eu.example.com over *.example.com)', host: 'shop.eu.example.com', want: 'deep' },
    { name: 'the wildcard does not take the apex: example.com falls to the listener without hostname', host: 'example.com', want: 'any' },
  ])('$name', ({ host, want }) => {
    expect(listenerOf({ protocol: 'http', host, path: '/' })).toBe(want);
  });

  it('no listener on the port: not taken, and the listeners are listed', () => {
    expect(listenerOf({ protocol: 'http', host: 'shop.example.com', port: 8080, path: '/' })).toBe('no Gateway listener takes GET http://shop.example.com:8080/');
  });

  it('listeners of the Gateway on the same port and hostname with different protocols take nothing (Conflicted)', () => {
    const t = traceGatewayRequest(
      world(gatewayClass(), gateway('infra/c', '[{name: a, port: 8000, protocol: HTTP, hostname: x.example.com}, {name: b, port: 8000, protocol: HTTPS, hostname: x.example.com, tls: {}}]')),
      { protocol: 'http', host: 'x.example.com', port: 8000, path: '/' },
    );
    expect(t.reasons).toStrictEqual([
      'no Gateway listener takes GET http://x.example.com:8000/',
      'Gateway infra/c: no listener takes HTTP on port 8000 for x.example.com (its listeners: 8000/HTTP, 8000/HTTPS)',
      'listener "a" takes nothing: it conflicts with listener "b": port 8000 with hostname x.example.com only is HTTP on one and HTTPS on the other',
      'listener "b" on port 8000 is HTTPS, not HTTP',
    ]);
  });

  it('a ListenerSet listener that conflicts with a Gateway listener takes nothing; the Gateway\'s keeps it (ListenerSet precedence: parent Gateway first)', () => {
    const t = traceGatewayRequest(
      world(
        gatewayClass(),
        gateway('infra/gw', `[{name: web, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`, 'allowedListeners: {namespaces: {from: All}}'),
        listenerSet('shop/extra', '{name: gw, namespace: infra}', `[{name: web2, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`),
      ),
      { protocol: 'http', host: 'a.example.com', path: '/' },
    );
    expect({ listener: t.listener?.name, notes: t.steps.filter((s) => s.kind === 'listener').map((s) => s.text).slice(1) }).toStrictEqual({
      listener: 'web',
      notes: ['ListenerSet shop/extra listener "web2" takes nothing: it conflicts with listener "web", which comes first: both are HTTP on port 80 with any hostname (no hostname set)'],
    });
  });

  it('a TLS connection goes by SNI to the TLS listener and its TLSRoute', () => {
    const t = traceGatewayRequest(
      world(gatewayClass(), gw, service('shop/db', '[{port: 5432, targetPort: 8080}]'), route('TLSRoute', 'shop/db', 'parentRefs: [{name: gw, namespace: infra}], hostnames: [db.example.com], rules: [{backendRefs: [{name: db, port: 5432}]}]')),
      { protocol: 'tls', host: 'db.example.com', port: 443 },
    );
    expect({ listener: t.listener?.name, route: t.route, shares: t.backends.map((b) => [b.ref.name, b.share, b.state]) }).toStrictEqual({
      listener: 'tls',
      route: { kind: 'TLSRoute', namespace: 'shop', name: 'db' },
      shares: [['db', 1, 'ok']],
    });
  });
});

describe('ReferenceGrant (checkReference)', () => {
  const from = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' };
  const to = { group: '', kind: 'Service', namespace: 'payments', name: 'api' };
  const grant = (fromText: string, toText: string, ns = 'payments') => referenceGrant(`${ns}/g`, fromText, toText);
  const routeFrom = '[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]';
  it.each([
    { name: 'the same namespace needs no grant', docs: [], ref: { ...to, namespace: 'shop' }, want: true },
    { name: 'another namespace without any grant: RefNotPermitted', docs: [], ref: to, want: false },
    { name: 'a grant whose `to` has no name admits every Service of the namespace', docs: [grant(routeFrom, '[{group: "", kind: Service}]')], ref: to, want: true },
    { name: 'a grant whose `to` names the Service admits it', docs: [grant(routeFrom, '[{group: "", kind: Service, name: api}]')], ref: to, want: true },
    { name: 'a grant whose `to` names another Service does not admit this one', docs: [grant(routeFrom, '[{group: "", kind: Service, name: db}]')], ref: to, want: false },
    { name: 'a grant for GRPCRoutes does not admit an HTTPRoute (from.kind)', docs: [grant('[{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: shop}]', '[{group: "", kind: Service}]')], ref: to, want: false },
    { name: 'a grant trusting another namespace does not admit this one (from.namespace)', docs: [grant('[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}]', '[{group: "", kind: Service}]')], ref: to, want: false },
    { name: 'a grant in the route\'s own namespace does nothing: it must be in the target\'s', docs: [grant(routeFrom, '[{group: "", kind: Service}]', 'shop')], ref: to, want: false },
    { name: 'from entries are ORed: one matching entry among several is enough', docs: [grant(`[{group: gateway.networking.k8s.io, kind: TCPRoute, namespace: shop}, ${routeFrom.slice(1, -1)}]`, '[{group: "", kind: Secret}, {group: "", kind: Service}]')], ref: to, want: true },
  ])('$name', ({ docs, ref, want }) => {
    const m = world(namespace('shop'), namespace('payments'), ...docs);
    expect(checkReference(m, from, ref).permitted).toBe(want);
  });
});

describe('backends', () => {
  const base = [gatewayClass(), gateway('infra/gw', `[{name: web, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`), service('shop/web-v1'), service('shop/web-v2'), service('payments/api')];
  const trace = (routeSpec: string, ...extra: string[]) =>
    traceGatewayRequest(world(...base, ...extra, httpRoute('shop/r', `parentRefs: [{name: gw, namespace: infra}], ${routeSpec}`)), { protocol: 'http', host: 'shop.example.com', path: '/' });
  const shares = (t: ReturnType<typeof trace>) => t.backends.map((b) => [`${b.namespace}/${b.ref.name}`, b.share, b.state]);

  it('shares are weight / sum of weights: 90/10 (BackendRef.weight)', () => {
    expect(shares(trace('rules: [{backendRefs: [{name: web-v1, port: 80, weight: 90}, {name: web-v2, port: 80, weight: 10}]}]'))).toStrictEqual([
      ['shop/web-v1', 0.9, 'ok'],
      ['shop/web-v2', 0.1, 'ok'],
    ]);
  });

  it('an omitted weight is 1; weight 0 receives nothing', () => {
    expect(shares(trace('rules: [{backendRefs: [{name: web-v1, port: 80}, {name: web-v2, port: 80, weight: 0}]}]'))).toStrictEqual([
      ['shop/web-v1', 1, 'ok'],
      ['shop/web-v2', 0, 'no-traffic'],
    ]);
  });

  it('every weight 0: nothing is sent, and the Gateway answers 500', () => {
    const t = trace('rules: [{backendRefs: [{name: web-v1, port: 80, weight: 0}]}]');
    expect({ shares: shares(t), reasons: t.reasons }).toStrictEqual({
      shares: [['shop/web-v1', 0, 'no-traffic']],
      reasons: ['every backendRef of HTTPRoute shop/r rule 1 has weight 0, so the Gateway answers 500'],
    });
  });

  it('a cross-namespace backend without a ReferenceGrant is RefNotPermitted, and its share gets 500', () => {
    const t = trace('rules: [{backendRefs: [{name: web-v1, port: 80}, {name: api, namespace: payments, port: 80}]}]');
    expect({ shares: shares(t), reason: t.reasons }).toStrictEqual({
      shares: [['shop/web-v1', 0.5, 'ok'], ['payments/api', 0.5, 'RefNotPermitted']],
      reason: [
        'Service payments/api port 80, weight 1 of 2: 50%: RefNotPermitted: no ReferenceGrant in payments lets HTTPRoutes in shop refer to Service payments/api (there is no ReferenceGrant in payments), so for this share the Gateway answers 500',
      ],
    });
  });

  it('with a ReferenceGrant in the target namespace the cross-namespace backend is valid and names the grant', () => {
    const t = trace(
      'rules: [{backendRefs: [{name: api, namespace: payments, port: 80}]}]',
      referenceGrant('payments/from-shop', '[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]', '[{group: "", kind: Service, name: api}]'),
    );
    expect(t.backends.map((b) => [b.state, b.referenceGrant])).toStrictEqual([['ok', { namespace: 'payments', name: 'from-shop' }]]);
  });

  it('a missing Service is BackendNotFound; a port the Service lacks is NoSuchPort', () => {
    expect(shares(trace('rules: [{backendRefs: [{name: nope, port: 80}, {name: web-v1, port: 81}]}]'))).toStrictEqual([
      ['shop/nope', 0.5, 'BackendNotFound'],
      ['shop/web-v1', 0.5, 'NoSuchPort'],
    ]);
  });

  it('a rule without backendRefs answers 500', () => {
    expect(trace('rules: [{matches: [{path: {value: /}}]}]').reasons).toStrictEqual(['HTTPRoute shop/r rule 1 has no backendRefs, so the Gateway answers 500']);
  });

  it('the Service port resolves to targetPort and endpoints, as for Ingress', () => {
    const b = trace('rules: [{backendRefs: [{name: web-v1, port: 80}]}]').backends[0];
    expect({ port: b?.resolution?.servicePort.port, targets: b?.resolution?.backends.map((e) => [e.pod?.meta.name, e.targetPort, e.ready]) }).toStrictEqual({
      port: 80,
      targets: [['web-v1-template', 8080, true]],
    });
  });
});

describe('filters', () => {
  const base = [gatewayClass(), gateway('infra/gw', `[{name: web, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`), service('shop/web')];
  const trace = (filters: string, match = '{path: {value: /old}}', path = '/old/page') =>
    traceGatewayRequest(world(...base, httpRoute('shop/r', `parentRefs: [{name: gw, namespace: infra}], rules: [{matches: [${match}], filters: ${filters}, backendRefs: [{name: web, port: 80}]}]`)), {
      protocol: 'http',
      host: 'shop.example.com',
      path,
      query: 'q=1',
    });
  it.each([
    { name: 'a scheme redirect to https goes to port 443, which the Location leaves out (HTTPRequestRedirectFilter.port)', filters: '[{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]', want: { statusCode: 301, location: 'https://shop.example.com/old/page?q=1' } },
    { name: 'without a scheme the listener port is kept: port 80 is left out of an http Location', filters: '[{type: RequestRedirect, requestRedirect: {hostname: www.example.com}}]', want: { statusCode: 302, location: 'http://www.example.com/old/page?q=1' } },
    { name: 'an explicit port is written', filters: '[{type: RequestRedirect, requestRedirect: {port: 8443, scheme: https}}]', want: { statusCode: 302, location: 'https://shop.example.com:8443/old/page?q=1' } },
    { name: 'ReplacePrefixMatch replaces the matched prefix segment-wise', filters: '[{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}}]', want: { statusCode: 302, location: 'http://shop.example.com/new/page?q=1' } },
    { name: 'ReplaceFullPath replaces the whole path', filters: '[{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: /}}}]', want: { statusCode: 302, location: 'http://shop.example.com/?q=1' } },
  ])('redirect: $name', ({ filters, want }) => {
    const t = trace(filters);
    expect({ redirect: t.redirect, backends: t.backends.length, matched: t.matched }).toStrictEqual({ redirect: want, backends: 0, matched: true });
  });

  it('header, rewrite and mirror filters are shown in order and the trace goes on to the backends', () => {
    const t = trace(
      '[{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x-env, value: prod}]}}, {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}}, {type: RequestMirror, requestMirror: {backendRef: {name: shadow, port: 80}}}]',
    );
    expect({ filters: t.filters.map((f) => f.text), backends: t.backends.map((b) => b.state) }).toStrictEqual({
      filters: ['request headers: add x-env: prod', 'rewrite: path becomes /v2/page', 'mirror to Service shadow port 80; its responses are ignored'],
      backends: ['ok'],
    });
  });
});

describe('data plane and sync state', () => {
  const docs = [gatewayClass(), gateway('infra/gw', `[{name: web, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`), service('shop/web'), httpRoute('shop/r', 'parentRefs: [{name: gw, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]')];
  const envoy = `apiVersion: v1\nkind: Pod\nmetadata: {name: envoy-gw-1, namespace: envoy-gateway-system, labels: {gateway.envoyproxy.io/owning-gateway-name: gw, gateway.envoyproxy.io/owning-gateway-namespace: infra}}\nspec: {containers: [{name: envoy, image: x}]}`;
  const denyShop = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress]}`;
  const request: GatewayRequest = { protocol: 'http', host: 'shop.example.com', path: '/' };

  it('without data-plane pods the policy verdict is not given, and the note says where it looked', () => {
    const t = traceGatewayRequest(world(...docs), request);
    expect({ flow: t.backends[0]?.flow, note: t.backends[0]?.flowNote }).toStrictEqual({
      flow: undefined,
      note: 'no data-plane pods of Gateway infra/gw were found (looked for gateway.networking.k8s.io/gateway-name=gw or gateway.envoyproxy.io/owning-gateway-name=gw,gateway.envoyproxy.io/owning-gateway-namespace=infra); name them with the gateway pods option',
    });
  });

  it('Envoy Gateway\'s data-plane pods are found by their owning-gateway labels, and a policy denying the backend is the verdict', () => {
    const t = traceGatewayRequest(world(...docs, envoy, denyShop), request);
    expect({ pods: t.dataPlane?.pods, verdict: t.backends[0]?.flow?.verdict }).toStrictEqual({
      pods: [{ namespace: 'envoy-gateway-system', name: 'envoy-gw-1' }],
      verdict: 'denied',
    });
  });

  it('data-plane pods named by an option (labels and namespace)', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: proxy, namespace: edge, labels: {app: proxy}}\nspec: {containers: [{name: p, image: x}]}`;
    const t = traceGatewayRequest(world(...docs, pod), request, { dataPlane: { labels: { app: 'proxy' }, namespace: 'edge' } });
    expect(t.backends[0]?.flow?.verdict).toBe('allowed');
  });

  it('an unsynced route kind makes the answer unknown, with the reason', () => {
    const m = world(...docs);
    const t = traceGatewayRequest({ ...m, sync: { ...m.sync, httproutes: { status: 'forbidden', message: 'httproutes is forbidden' } } }, request);
    expect({ unknown: t.unknown, matched: t.matched }).toStrictEqual({ unknown: 'unknown: httproutes cannot be read (forbidden: httproutes is forbidden)', matched: false });
  });

  it('ListenerSets not synced do not matter while no Gateway admits any', () => {
    const m = world(...docs);
    const t = traceGatewayRequest({ ...m, sync: { ...m.sync, listenersets: { status: 'syncing' } } }, request);
    expect(t.matched).toBe(true);
  });
});

describe('what carries the route out', () => {
  const docs = [gateway('infra/gw', `[{name: web, port: 80, protocol: HTTP, allowedRoutes: ${ALL}}]`), service('shop/web'), httpRoute('shop/r', 'parentRefs: [{name: gw, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]')];
  const request: GatewayRequest = { protocol: 'http', host: 'shop.example.com', path: '/' };
  it.each([
    { name: 'a missing GatewayClass: routed from spec, and the reason says no controller serves it', docs, want: ['GatewayClass envoy does not exist, so no controller serves Gateway infra/gw'] },
    {
      name: 'a Gateway whose status says Programmed False: the reason says it carries no traffic',
      docs: [gatewayClass(), `${docs[0]}\nstatus: {conditions: [{type: Programmed, status: "False", reason: Invalid}]}`, ...docs.slice(1)],
      want: ['Gateway infra/gw is not programmed (Invalid): it carries no traffic'],
    },
  ])('$name', ({ docs: d, want }) => {
    const t = traceGatewayRequest(world(...d), request);
    expect({ matched: t.matched, reasons: t.reasons }).toStrictEqual({ matched: true, reasons: want });
  });

  it('GatewayClasses not synced: unknown, never "no such GatewayClass"', () => {
    const m = world(gatewayClass(), ...docs);
    expect(traceGatewayRequest({ ...m, sync: { ...m.sync, gatewayclasses: { status: 'syncing' } } }, request).unknown).toBe('unknown: gatewayclasses are still loading');
  });
});

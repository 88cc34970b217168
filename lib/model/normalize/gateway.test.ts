// Table-driven tests of the Gateway API normalisers. Each case names the defaulting rule it proves and where the
// v1.6 standard-channel CRDs (config/crd/standard of sigs.k8s.io/gateway-api v1.6.3) declare it. The objects are
// written the way people write them (the "manifest" form, before the API server's defaulting); where a case needs
// the server's form, it says so.
import { describe, expect, it } from 'vitest';
import { normalize } from '@/lib/model/normalize';
import type { RawObject } from '@/lib/model/normalize/raw';
import { normalizeTable as table } from './normalize-table';

const V1 = 'gateway.networking.k8s.io/v1';

const gateway = (spec: Record<string, unknown>, status?: Record<string, unknown>): RawObject => ({
  apiVersion: V1,
  kind: 'Gateway',
  metadata: { name: 'shop', namespace: 'infra', creationTimestamp: '2026-11-24T13:04:12Z' },
  spec: { gatewayClassName: 'envoy', ...spec },
  ...(status ? { status } : {}),
});

const httpRoute = (spec: Record<string, unknown>, status?: Record<string, unknown>): RawObject => ({
  apiVersion: V1,
  kind: 'HTTPRoute',
  metadata: { name: 'store', namespace: 'shop' },
  spec,
  ...(status ? { status } : {}),
});

describe('normalize("gateways")', () => {
  table('gateways', [
    {
      name: 'listener allowedRoutes defaults to namespaces.from Same with no kinds (Listener.allowedRoutes default {namespaces: {from: Same}})',
      raw: gateway({ listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }),
      pick: (g) => g.listeners,
      want: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' }, kinds: [] } }],
    },
    {
      name: 'a tls block without mode is Terminate; a kind without group is gateway.networking.k8s.io (ListenerTLSConfig.mode default Terminate; RouteGroupKind.group default)',
      raw: gateway({
        listeners: [
          {
            name: 'https',
            hostname: '*.Example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'shop-tls' }] },
            allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' } } }, kinds: [{ kind: 'HTTPRoute' }] },
          },
        ],
      }),
      pick: (g) => g.listeners,
      want: [
        {
          name: 'https',
          hostname: '*.example.com',
          port: 443,
          protocol: 'HTTPS',
          tlsMode: 'Terminate',
          allowedRoutes: {
            namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'true' }, matchExpressions: [] } },
            kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
          },
        },
      ],
    },
    {
      name: 'allowedListeners absent or without from admits no ListenerSets (AllowedListeners.namespaces default {from: None})',
      raw: gateway({ listeners: [], allowedListeners: {} }),
      pick: (g) => g.allowedListeners,
      want: { from: 'None' },
    },
    {
      name: 'no status: the CRD default, Accepted and Programmed Unknown with reason Pending (Gateway.status default)',
      raw: gateway({ listeners: [] }),
      pick: (g) => ({ conditions: g.conditions.map((c) => [c.type, c.status, c.reason]), addresses: g.statusAddresses }),
      want: { conditions: [['Accepted', 'Unknown', 'Pending'], ['Programmed', 'Unknown', 'Pending']], addresses: [] },
    },
    {
      name: 'server form: status conditions, addresses (type default IPAddress) and listener statuses are kept (GatewayStatus)',
      raw: gateway(
        { listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
        {
          addresses: [{ value: '172.18.255.200' }],
          conditions: [
            { type: 'Accepted', status: 'True', reason: 'Accepted' },
            { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'no address yet' },
          ],
          listeners: [{ name: 'http', attachedRoutes: 2, conditions: [{ type: 'Programmed', status: 'True' }] }],
        },
      ),
      pick: (g) => ({ conditions: g.conditions, addresses: g.statusAddresses, listeners: g.listenerStatuses }),
      want: {
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'no address yet' },
        ],
        addresses: [{ type: 'IPAddress', value: '172.18.255.200' }],
        listeners: [{ name: 'http', attachedRoutes: 2, conditions: [{ type: 'Programmed', status: 'True' }] }],
      },
    },
  ]);
});

describe('normalize("httproutes")', () => {
  table('httproutes', [
    {
      name: 'parentRef group and kind default to gateway.networking.k8s.io Gateway (ParentReference.group/kind defaults)',
      raw: httpRoute({ parentRefs: [{ name: 'shop', namespace: 'infra', sectionName: 'https' }, { name: 'mesh', group: '', kind: 'Service', port: 80 }] }),
      pick: (r) => r.parentRefs,
      want: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'shop', sectionName: 'https' },
        { group: '', kind: 'Service', name: 'mesh', port: 80 },
      ],
    },
    {
      name: 'no rules: one rule with a PathPrefix "/" match and no backends (HTTPRouteSpec.rules default)',
      raw: httpRoute({ parentRefs: [{ name: 'shop' }] }),
      pick: (r) => r.rules,
      want: [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }], filters: [], backendRefs: [] }],
    },
    {
      name: 'a rule without matches, and a match without path, match PathPrefix "/" (HTTPRouteRule.matches default; HTTPRouteMatch.path default)',
      raw: httpRoute({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }, { matches: [{ method: 'POST' }] }] }),
      pick: (r) => r.rules.map((rule) => rule.matches),
      want: [
        [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }],
        [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [], method: 'POST' }],
      ],
    },
    {
      name: 'path type defaults to PathPrefix, value to "/"; header and query matches default to Exact (HTTPPathMatch, HTTPHeaderMatch.type, HTTPQueryParamMatch.type defaults)',
      raw: httpRoute({
        rules: [
          {
            matches: [
              { path: { value: '/api' }, headers: [{ name: 'x-canary', value: 'yes' }], queryParams: [{ name: 'v', value: '2', type: 'RegularExpression' }] },
              { path: { type: 'Exact' } },
            ],
          },
        ],
      }),
      pick: (r) => r.rules[0]?.matches,
      want: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ type: 'Exact', name: 'x-canary', value: 'yes' }],
          queryParams: [{ type: 'RegularExpression', name: 'v', value: '2' }],
        },
        { path: { type: 'Exact', value: '/' }, headers: [], queryParams: [] },
      ],
    },
    {
      name: 'backendRef group "" (core), kind Service and weight 1 by default; weight 0 is kept (BackendObjectReference group/kind, BackendRef.weight defaults)',
      raw: httpRoute({
        rules: [{ backendRefs: [{ name: 'web-v1', port: 8080, weight: 0 }, { name: 'web-v2', namespace: 'next', port: 8080 }] }],
      }),
      pick: (r) => r.rules[0]?.backendRefs,
      want: [
        { group: '', kind: 'Service', name: 'web-v1', port: 8080, weight: 0, filters: [] },
        { group: '', kind: 'Service', name: 'web-v2', namespace: 'next', port: 8080, weight: 1, filters: [] },
      ],
    },
    {
      name: 'hostnames are lower-cased (hostnames are case-insensitive, RFC 1123)',
      raw: httpRoute({ hostnames: ['Shop.Example.com', '*.example.com'] }),
      pick: (r) => r.hostnames,
      want: ['shop.example.com', '*.example.com'],
    },
    {
      name: 'RequestRedirect statusCode defaults to 302; rewrite, header modifier and mirror keep their fields (HTTPRequestRedirectFilter.statusCode default)',
      raw: httpRoute({
        rules: [
          {
            filters: [
              { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } },
              { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } },
              { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], remove: ['x-debug'] } },
              { type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } },
            ],
          },
        ],
      }),
      pick: (r) => r.rules[0]?.filters,
      want: [
        { type: 'RequestRedirect', requestRedirect: { statusCode: 302, scheme: 'https' } },
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } },
        { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], add: [], remove: ['x-debug'] } },
        { type: 'RequestMirror', requestMirror: { backendRef: { group: '', kind: 'Service', name: 'shadow', port: 80 } } },
      ],
    },
    {
      name: 'server form: status.parents keep parentRef (defaulted), controllerName and conditions (RouteParentStatus)',
      raw: httpRoute(
        {},
        {
          parents: [
            {
              parentRef: { name: 'shop', namespace: 'infra' },
              controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
              conditions: [{ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' }],
            },
          ],
        },
      ),
      pick: (r) => r.parents,
      want: [
        {
          parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'shop' },
          controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
          conditions: [{ type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners' }],
        },
      ],
    },
  ]);
});

describe('normalize: the other Gateway API kinds', () => {
  it('GatewayClass: controllerName; without status the CRD default Accepted Unknown (Pending) (GatewayClass.status default)', () => {
    const c = normalize('gatewayclasses', { apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'envoy' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } });
    expect({ name: c.meta.name, namespace: c.meta.namespace, controllerName: c.controllerName, conditions: c.conditions.map((x) => [x.type, x.status, x.reason]) }).toStrictEqual({
      name: 'envoy',
      namespace: undefined,
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      conditions: [['Accepted', 'Unknown', 'Pending']],
    });
  });

  it('ListenerSet: parentRef defaults to group gateway.networking.k8s.io kind Gateway; listeners default like a Gateway\'s (ParentGatewayReference defaults)', () => {
    const s = normalize('listenersets', {
      apiVersion: V1,
      kind: 'ListenerSet',
      metadata: { name: 'team-a', namespace: 'team-a' },
      spec: { parentRef: { name: 'shop', namespace: 'infra' }, listeners: [{ name: 'a', hostname: 'a.example.com', port: 443, protocol: 'HTTPS', tls: {} }] },
    });
    expect({ parentRef: s.parentRef, listeners: s.listeners }).toStrictEqual({
      parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop', namespace: 'infra' },
      listeners: [{ name: 'a', hostname: 'a.example.com', port: 443, protocol: 'HTTPS', tlsMode: 'Terminate', allowedRoutes: { namespaces: { from: 'Same' }, kinds: [] } }],
    });
  });

  it('GRPCRoute: method match type defaults to Exact; a rule without matches keeps none (matches every request) (GRPCMethodMatch.type default)', () => {
    const r = normalize('grpcroutes', {
      apiVersion: V1,
      kind: 'GRPCRoute',
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { rules: [{ matches: [{ method: { service: 'shop.Cart', method: 'Add' } }], backendRefs: [{ name: 'cart', port: 9000 }] }, { backendRefs: [{ name: 'fallback', port: 9000 }] }] },
    });
    expect(r.rules.map((rule) => rule.matches)).toStrictEqual([[{ method: { type: 'Exact', service: 'shop.Cart', method: 'Add' }, headers: [] }], []]);
  });

  it('TLSRoute, TCPRoute, UDPRoute: hostnames (TLS only) and rules of backendRefs with weights', () => {
    const raw = (kind: string) => ({
      apiVersion: V1,
      kind,
      metadata: { name: 'db', namespace: 'shop' },
      spec: { parentRefs: [{ name: 'shop', namespace: 'infra', sectionName: 'pg' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'postgres', port: 5432, weight: 3 }] }] },
    });
    const tls = normalize('tlsroutes', raw('TLSRoute'));
    const tcp = normalize('tcproutes', raw('TCPRoute'));
    const udp = normalize('udproutes', raw('UDPRoute'));
    expect({ tls: tls.hostnames, tcp: 'hostnames' in tcp, rules: [tls.rules, tcp.rules, udp.rules].map((r) => r[0]?.backendRefs[0]?.weight) }).toStrictEqual({
      tls: ['db.example.com'],
      tcp: false,
      rules: [3, 3, 3],
    });
  });

  it('ReferenceGrant: `to` keeps a name only when given (ReferenceGrantTo.name: "When unspecified, this policy refers to all resources of the specified Group and Kind")', () => {
    const g = normalize('referencegrants', {
      apiVersion: V1,
      kind: 'ReferenceGrant',
      metadata: { name: 'from-shop', namespace: 'payments' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }, { group: '', kind: 'Service', name: 'payments' }] },
    });
    expect({ from: g.from, to: g.to }).toStrictEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service' }, { group: '', kind: 'Service', name: 'payments' }],
    });
  });

  it('BackendTLSPolicy: targetRefs and validation.hostname', () => {
    const p = normalize('backendtlspolicies', {
      apiVersion: V1,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'payments-tls', namespace: 'shop' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'payments', sectionName: 'https' }], validation: { hostname: 'payments.shop.svc', wellKnownCACertificates: 'System' } },
    });
    expect({ targetRefs: p.targetRefs, hostname: p.hostname, ancestors: p.ancestors }).toStrictEqual({
      targetRefs: [{ group: '', kind: 'Service', name: 'payments', sectionName: 'https' }],
      hostname: 'payments.shop.svc',
      ancestors: [],
    });
  });
});

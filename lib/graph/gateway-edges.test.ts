// buildGraph's Gateways: a node per Gateway in its namespace group, and an edge per Service its attached routes send
// traffic to, labelled with hostname, path and (when a rule splits) the share, with broken references marked in
// style and in words. Inline worlds, then the demo shop.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gateway, gatewayClass, httpRoute, namespace, referenceGrant, route, service, world } from '@/lib/analysis/gateway/testing';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { buildGraph, DEFAULT_FOLD_ABOVE, parseNodeId, type Graph, type GraphOptions } from './elements';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));

const options = (init: Partial<GraphOptions> = {}): GraphOptions => ({ groupBy: 'namespace', foldAbove: DEFAULT_FOLD_ABOVE, expanded: new Set(), health: new Map(), ...init });

const gatewayEdges = (g: Graph) => g.edges.filter((e) => e.kind === 'gateway-service').map((e) => `${e.source} -> ${e.target}${e.invalid ? ' INVALID' : ''}: ${e.label}`);
const gatewayNodes = (g: Graph) => g.nodes.filter((n) => n.kind === 'gateway' || n.missing).map((n) => `${n.id} < ${n.parent}: ${n.label.replace('\n', ' ')}${n.missing ? ` ${n.health}` : ''}`);

const http = '[{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]';
const base = [gatewayClass(), namespace('infra'), namespace('shop'), gateway('infra/gw', http), service('shop/web'), service('shop/web-v2')];

describe('buildGraph: Gateways and their routes', () => {
  it.each([
    {
      name: 'a route with one backend: hostname and path, no share (nothing is split)',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{matches: [{path: {type: PathPrefix, value: /app}}], backendRefs: [{name: web, port: 80}]}]")],
      want: ['gw:infra/gw -> svc:shop/web: a.example.com /app'],
    },
    {
      name: 'a split rule: each edge carries its share (weight / sum of the rule\'s weights)',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, port: 80, weight: 3}, {name: web-v2, port: 80, weight: 1}]}]")],
      want: ['gw:infra/gw -> svc:shop/web: a.example.com / · 75%', 'gw:infra/gw -> svc:shop/web-v2: a.example.com / · 25%'],
    },
    {
      name: 'a route without hostnames on a listener without one takes every hostname: *',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]")],
      want: ['gw:infra/gw -> svc:shop/web: * /'],
    },
    {
      name: 'two rules to one Service: one edge, one line per rule',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{matches: [{path: {type: Exact, value: /x}}], backendRefs: [{name: web, port: 80}]}, {matches: [{path: {type: PathPrefix, value: /y}}], backendRefs: [{name: web, port: 80}]}]")],
      want: ['gw:infra/gw -> svc:shop/web: a.example.com /x\na.example.com /y'],
    },
    {
      name: 'weight 0 receives nothing: 0% and said so',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, port: 80}, {name: web-v2, port: 80, weight: 0}]}]")],
      want: ['gw:infra/gw -> svc:shop/web: a.example.com / · 100%', 'gw:infra/gw -> svc:shop/web-v2: a.example.com / · 0% (weight 0)'],
    },
    {
      name: 'a cross-namespace backend without a ReferenceGrant is RefNotPermitted: marked invalid, and said so in the label',
      docs: [httpRoute('infra/r', "parentRefs: [{name: gw}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, namespace: shop, port: 80}]}]")],
      want: ['gw:infra/gw -> svc:shop/web INVALID: a.example.com / ✕ RefNotPermitted'],
    },
    {
      name: 'the same backend with a ReferenceGrant in its namespace is fine',
      docs: [
        httpRoute('infra/r', "parentRefs: [{name: gw}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, namespace: shop, port: 80}]}]"),
        referenceGrant('shop/allow-infra', '[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]', '[{group: "", kind: Service}]'),
      ],
      want: ['gw:infra/gw -> svc:shop/web: a.example.com /'],
    },
    {
      name: 'a port the Service does not have is NoSuchPort: invalid',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, port: 8080}]}]")],
      want: ['gw:infra/gw -> svc:shop/web INVALID: a.example.com / ✕ NoSuchPort'],
    },
    {
      name: 'a route that attaches to no listener draws no edge (the Gateway panel says why)',
      docs: [httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra, sectionName: nope}], rules: [{backendRefs: [{name: web, port: 80}]}]")],
      want: [],
    },
    {
      name: 'a TCPRoute is labelled with its kind and name (it has no hostname or path)',
      docs: [gateway('infra/tcp', '[{name: db, port: 5432, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}]'), route('TCPRoute', 'shop/db', 'parentRefs: [{name: tcp, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]')],
      want: ['gw:infra/tcp -> svc:shop/web: TCPRoute db'],
    },
  ])('$name', ({ docs, want }) => {
    expect(gatewayEdges(buildGraph(world(...base, ...docs), options()))).toStrictEqual(want);
  });

  it('a backend Service that does not exist gets a node marked missing (an error), so the broken edge has an end', () => {
    const g = buildGraph(world(...base, httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [{backendRefs: [{name: gone, port: 80}]}]")), options());
    expect(gatewayNodes(g)).toStrictEqual(['gw:infra/gw < ns:infra: gw HTTP :80', 'svc:shop/gone < ns:shop: gone (missing) error']);
    expect(gatewayEdges(g)).toStrictEqual(['gw:infra/gw -> svc:shop/gone INVALID: a.example.com / ✕ BackendNotFound']);
  });

  it('a Gateway is drawn in its namespace group, counted in its summary, and not at all when its namespace is filtered out', () => {
    const m = world(...base, httpRoute('shop/r', "parentRefs: [{name: gw, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]"));
    const g = buildGraph(m, options());
    expect(gatewayNodes(g)).toStrictEqual(['gw:infra/gw < ns:infra: gw HTTP :80']);
    expect(g.nodes.find((n) => n.id === 'ns:infra')?.summary).toBe('infra\n0 pods · 1 Gateway');
    // A route edge always says whether it is broken.
    expect(g.edges.find((e) => e.kind === 'gateway-service')?.invalid).toBe(false);
    // The Service's namespace hidden: the Gateway stays, its edge goes.
    const onlyInfra = buildGraph(m, options({ namespaces: new Set(['infra']) }));
    expect([gatewayNodes(onlyInfra), gatewayEdges(onlyInfra)]).toStrictEqual([['gw:infra/gw < ns:infra: gw HTTP :80'], []]);
    expect(gatewayNodes(buildGraph(m, options({ namespaces: new Set(['shop']) })))).toStrictEqual([]);
  });

  it('parseNodeId reads a Gateway node id back', () => {
    expect(parseNodeId('gw:infra/gw')).toStrictEqual({ kind: 'gateway', namespace: 'infra', name: 'gw' });
  });
});

describe('buildGraph on the demo shop: the Gateway shop/shop', () => {
  it('draws the Gateway beside the Ingress, the 90/10 split and the RefNotPermitted backend', async () => {
    const g = buildGraph((await loadManifestPaths([DEMO])).model, options());
    expect(gatewayNodes(g)).toStrictEqual(['gw:shop/shop < ns:shop: shop HTTP :80 *.shop.example.com']);
    expect(gatewayEdges(g)).toStrictEqual([
      'gw:shop/shop -> svc:ingress-nginx/ingress-nginx-controller INVALID: next.shop.example.com /legacy ✕ RefNotPermitted',
      'gw:shop/shop -> svc:shop/api: next.shop.example.com /api',
      'gw:shop/shop -> svc:shop/frontend: next.shop.example.com / · 90%',
      'gw:shop/shop -> svc:shop/frontend-v2: next.shop.example.com / · 10%',
    ]);
  });
});

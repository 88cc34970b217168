// Route attachment for every allowedRoutes form, sectionName/port, kinds and hostname intersection, with the
// reason upstream's status would carry (RouteConditionReason). Each case names the rule it proves.
import { describe, expect, it } from 'vitest';
import { attachRoute } from './attachment';
import { intersectHostnames } from './hostnames';
import { gateway, gatewayClass, httpRoute, listenerSet, namespace, route, world } from './testing';
import { routesOf } from './refs';

/** Each parentRef of the only route of the world: its reason and the listeners it attached to. */
function attach(...docs: string[]): string[] {
  const m = world(gatewayClass(), namespace('infra'), namespace('shop', '{team: shop}'), namespace('other'), ...docs);
  const [r] = routesOf(m);
  if (!r) throw new Error('no route in the case');
  return attachRoute(m, r).map((a) => `${a.reason}${a.listeners.length > 0 ? ` ${a.listeners.map((l) => `${l.entry.listener.name}[${l.hostnames?.join(',') ?? '*'}]`).join(' ')}` : ''}`);
}

const listener = (allowed: string, extra = '') => `[{name: web, port: 80, protocol: HTTP${extra}, allowedRoutes: ${allowed}}]`;
const routeIn = (ns: string, parentRef = '{name: gw, namespace: infra}', extra = '') => httpRoute(`${ns}/r`, `parentRefs: [${parentRef}]${extra}`);

describe('attachment: allowedRoutes namespaces', () => {
  it.each([
    { name: 'default (no allowedRoutes) is from: Same: a route in the Gateway\'s namespace attaches', docs: [gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP}]'), routeIn('infra')], want: ['Accepted web[*]'] },
    { name: 'default from: Same: a route in another namespace is NotAllowedByListeners', docs: [gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP}]'), routeIn('shop')], want: ['NotAllowedByListeners'] },
    { name: 'from: All admits any namespace', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}')), routeIn('other')], want: ['Accepted web[*]'] },
    { name: 'from: Selector admits a namespace whose labels match', docs: [gateway('infra/gw', listener('{namespaces: {from: Selector, selector: {matchLabels: {team: shop}}}}')), routeIn('shop')], want: ['Accepted web[*]'] },
    { name: 'from: Selector refuses a namespace whose labels do not match', docs: [gateway('infra/gw', listener('{namespaces: {from: Selector, selector: {matchLabels: {team: shop}}}}')), routeIn('other')], want: ['NotAllowedByListeners'] },
    {
      name: 'from: Selector without a selector admits no namespace, not every one',
      docs: [gateway('infra/gw', listener('{namespaces: {from: Selector}}')), routeIn('infra')],
      want: ['NotAllowedByListeners'],
    },
    {
      name: 'from: Selector with an empty selector ({}) admits every namespace (label selector semantics)',
      docs: [gateway('infra/gw', listener('{namespaces: {from: Selector, selector: {}}}')), routeIn('other')],
      want: ['Accepted web[*]'],
    },
    {
      name: 'from: Selector with matchExpressions (kubernetes.io/metadata.name In)',
      docs: [gateway('infra/gw', listener('{namespaces: {from: Selector, selector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [other]}]}}}')), routeIn('other')],
      want: ['Accepted web[*]'],
    },
  ])('$name', ({ docs, want }) => {
    expect(attach(...docs)).toStrictEqual(want);
  });
});

describe('attachment: kinds, sectionName and port', () => {
  it.each([
    { name: 'kinds [GRPCRoute] refuses an HTTPRoute (AllowedRoutes.kinds)', docs: [gateway('infra/gw', listener('{namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}')), routeIn('shop')], want: ['NotAllowedByListeners'] },
    { name: 'kinds [HTTPRoute] admits an HTTPRoute', docs: [gateway('infra/gw', listener('{namespaces: {from: All}, kinds: [{kind: HTTPRoute}]}')), routeIn('shop')], want: ['Accepted web[*]'] },
    { name: 'a TCP listener carries no HTTPRoute, even with kinds empty (kinds follow the protocol)', docs: [gateway('infra/gw', '[{name: db, port: 5432, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}]'), routeIn('shop')], want: ['NotAllowedByListeners'] },
    { name: 'a TCP listener carries a TCPRoute', docs: [gateway('infra/gw', '[{name: db, port: 5432, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}]'), route('TCPRoute', 'shop/r', 'parentRefs: [{name: gw, namespace: infra}]')], want: ['Accepted db[*]'] },
    {
      name: 'sectionName selects one listener (ParentReference.sectionName)',
      docs: [gateway('infra/gw', '[{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: b, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]'), routeIn('shop', '{name: gw, namespace: infra, sectionName: b}')],
      want: ['Accepted b[*]'],
    },
    { name: 'a sectionName no listener has is NoMatchingParent', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}')), routeIn('shop', '{name: gw, namespace: infra, sectionName: nope}')], want: ['NoMatchingParent'] },
    { name: 'a port no listener has is NoMatchingParent (ParentReference.port)', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}')), routeIn('shop', '{name: gw, namespace: infra, port: 443}')], want: ['NoMatchingParent'] },
    { name: 'a Gateway that does not exist is NoMatchingParent', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}')), routeIn('shop', '{name: missing, namespace: infra}')], want: ['NoMatchingParent'] },
    { name: 'parentRef namespace defaults to the route\'s: gw in shop does not exist', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}')), routeIn('shop', '{name: gw}')], want: ['NoMatchingParent'] },
  ])('$name', ({ docs, want }) => {
    expect(attach(...docs)).toStrictEqual(want);
  });
});

describe('attachment: hostnames', () => {
  it.each([
    { name: 'a route without hostnames takes the listener\'s hostname', docs: [gateway('infra/gw', listener('{namespaces: {from: All}}', ', hostname: shop.example.com')), routeIn('shop')], want: ['Accepted web[shop.example.com]'] },
    {
      name: 'route hostnames outside the listener\'s are ignored (HTTPRouteSpec.hostnames)',
      docs: [gateway('infra/gw', listener('{namespaces: {from: All}}', ', hostname: "*.example.com"')), routeIn('shop', undefined, ', hostnames: [a.example.com, a.example.net]')],
      want: ['Accepted web[a.example.com]'],
    },
    {
      name: 'no intersection is NoMatchingListenerHostname',
      docs: [gateway('infra/gw', listener('{namespaces: {from: All}}', ', hostname: shop.example.com')), routeIn('shop', undefined, ', hostnames: [shop.example.net]')],
      want: ['NoMatchingListenerHostname'],
    },
  ])('$name', ({ docs, want }) => {
    expect(attach(...docs)).toStrictEqual(want);
  });

  it.each([
    { name: 'neither sets hostnames: every hostname', listener: undefined, route: [], want: undefined },
    { name: 'listener only: the listener\'s', listener: 'shop.example.com', route: [], want: ['shop.example.com'] },
    { name: 'route only: the route\'s', listener: undefined, route: ['a.example.com'], want: ['a.example.com'] },
    { name: 'exact listener, wildcard route covering it: the listener\'s name', listener: 'test.example.com', route: ['*.example.com'], want: ['test.example.com'] },
    { name: 'wildcard listener, exact routes: those under it (several labels deep too)', listener: '*.example.com', route: ['test.example.com', 'foo.test.example.com', 'example.com'], want: ['test.example.com', 'foo.test.example.com'] },
    { name: 'wildcard listener, narrower wildcard route: the narrower', listener: '*.example.com', route: ['*.shop.example.com'], want: ['*.shop.example.com'] },
    { name: 'narrower wildcard listener, wider wildcard route: the narrower', listener: '*.shop.example.com', route: ['*.example.com'], want: ['*.shop.example.com'] },
    { name: 'unrelated names: none', listener: 'example.com', route: ['test.example.net'], want: [] },
    { name: 'the wildcard does not cover the apex: *.example.com and example.com do not intersect', listener: '*.example.com', route: ['example.com'], want: [] },
  ])('intersection: $name', ({ listener: l, route: r, want }) => {
    expect(intersectHostnames(l, r)).toStrictEqual(want);
  });
});

describe('attachment: ListenerSets', () => {
  const gw = (allowed: string) => gateway('infra/gw', listener('{namespaces: {from: All}}'), allowed);
  const set = listenerSet('shop/extra', '{name: gw, namespace: infra}', '[{name: extra, port: 8443, protocol: HTTPS, hostname: extra.example.com, tls: {}}]');
  it.each([
    { name: 'a route to a ListenerSet the Gateway admits attaches to its listeners (Same: the ListenerSet\'s namespace)', docs: [gw('allowedListeners: {namespaces: {from: All}}'), set, routeIn('shop', '{kind: ListenerSet, name: extra}')], want: ['Accepted extra[extra.example.com]'] },
    { name: 'by default a Gateway admits no ListenerSet: NoMatchingParent (AllowedListeners default from: None)', docs: [gw(''), set, routeIn('shop', '{kind: ListenerSet, name: extra}')], want: ['NoMatchingParent'] },
    { name: 'allowedListeners from: Same refuses a ListenerSet in another namespace', docs: [gw('allowedListeners: {namespaces: {from: Same}}'), set, routeIn('shop', '{kind: ListenerSet, name: extra}')], want: ['NoMatchingParent'] },
    {
      name: 'a route to the Gateway attaches to its own listeners only, never to a ListenerSet\'s (GEP-1713)',
      docs: [gw('allowedListeners: {namespaces: {from: All}}'), set, routeIn('shop', '{name: gw, namespace: infra, sectionName: extra}')],
      want: ['NoMatchingParent'],
    },
  ])('$name', ({ docs, want }) => {
    expect(attach(...docs)).toStrictEqual(want);
  });
});

describe('attachment: an HTTPRoute and a GRPCRoute on one listener (GRPCRouteSpec.hostnames)', () => {
  const gw = gateway('infra/gw', listener('{namespaces: {from: All}}'));
  const reasons = (...docs: string[]) => {
    const m = world(gatewayClass(), namespace('infra'), namespace('shop'), gw, ...docs);
    return routesOf(m).map((r) => `${r.kind} ${attachRoute(m, r).map((a) => a.reason).join()}`);
  };
  it.each([
    {
      name: 'intersecting hostnames: the older route is accepted, the other is not (RouteConflict)',
      docs: [httpRoute('shop/h', 'parentRefs: [{name: gw, namespace: infra}], hostnames: [api.example.com]', '2026-01-02T00:00:00Z'), route('GRPCRoute', 'shop/g', 'parentRefs: [{name: gw, namespace: infra}], hostnames: ["*.example.com"]', '2026-01-01T00:00:00Z')],
      want: ['HTTPRoute RouteConflict', 'GRPCRoute Accepted'],
    },
    {
      name: 'disjoint hostnames: both are accepted',
      docs: [httpRoute('shop/h', 'parentRefs: [{name: gw, namespace: infra}], hostnames: [www.example.com]', '2026-01-02T00:00:00Z'), route('GRPCRoute', 'shop/g', 'parentRefs: [{name: gw, namespace: infra}], hostnames: [api.example.com]', '2026-01-01T00:00:00Z')],
      want: ['HTTPRoute Accepted', 'GRPCRoute Accepted'],
    },
  ])('$name', ({ docs, want }) => {
    expect(reasons(...docs)).toStrictEqual(want);
  });
});

// Which route rule takes a request, by upstream's precedence (HTTPRouteRule.matches, HTTPRouteSpec.hostnames,
// Listener.allowedRoutes, GRPCRouteRule.matches). Each case names the rule it proves; the world is one Gateway with
// an HTTP listener on port 80 admitting routes from every namespace, and the routes of the case.
import { describe, expect, it } from 'vitest';
import { traceGatewayRequest, type GatewayRequest, type HTTPGatewayRequest } from './trace-gateway';
import { gateway, gatewayClass, httpRoute, route, service, world } from './testing';

const GW = gateway('infra/gw', '[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: grpc, port: 50051, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]');
const parent = 'parentRefs: [{name: gw, namespace: infra}]';
const to = (svc: string) => `backendRefs: [{name: ${svc}, port: 80}]`;

interface Case {
  name: string;
  routes: string[];
  request: GatewayRequest;
  /** "namespace/name rule N", or "404" when nothing takes it. */
  want: string;
}

function winner(routes: string[], request: GatewayRequest): string {
  const t = traceGatewayRequest(world(gatewayClass(), GW, service('shop/web'), ...routes), request);
  if (t.unknown) return `unknown: ${t.unknown}`;
  return t.route ? `${t.route.namespace}/${t.route.name} rule ${t.rule!.index + 1}` : '404';
}

const get = (path: string, extra: Partial<HTTPGatewayRequest> = {}): GatewayRequest => ({ protocol: 'http', host: 'shop.example.com', path, ...extra });

describe('HTTPRoute precedence', () => {
  it.each<Case>([
    {
      name: 'Exact beats PathPrefix of the same path ("Exact" path match first)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {type: PathPrefix, value: /api}}], ${to('web')}}]`), httpRoute('shop/b', `${parent}, rules: [{matches: [{path: {type: Exact, value: /api}}], ${to('web')}}]`)],
      request: get('/api'),
      want: 'shop/b rule 1',
    },
    {
      name: 'Exact beats a longer PathPrefix (Exact comes before prefix length)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {type: PathPrefix, value: /api/cart/items}}], ${to('web')}}]`), httpRoute('shop/b', `${parent}, rules: [{matches: [{path: {type: Exact, value: /api/cart/items/7}}], ${to('web')}}]`)],
      request: get('/api/cart/items/7'),
      want: 'shop/b rule 1',
    },
    {
      name: 'the longest PathPrefix wins ("Prefix" path match with largest number of characters)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}, {matches: [{path: {value: /api/v1}}], ${to('web')}}]`)],
      request: get('/api/v1/items'),
      want: 'shop/a rule 2',
    },
    {
      name: 'PathPrefix matches whole segments only: /api does not take /apix (PathMatchPathPrefix, element by element)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}, {matches: [{path: {value: /}}], ${to('web')}}]`)],
      request: get('/apix'),
      want: 'shop/a rule 2',
    },
    {
      name: 'a trailing slash of the prefix is ignored: /api/ takes /api (PathMatchPathPrefix "a trailing / is ignored")',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api/}}], ${to('web')}}]`)],
      request: get('/api'),
      want: 'shop/a rule 1',
    },
    {
      name: 'Exact is case-sensitive and does not take a trailing slash (PathMatchExact)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {type: Exact, value: /Api}}], ${to('web')}}]`)],
      request: get('/api/'),
      want: '404',
    },
    {
      name: 'at equal path, a method match wins (Method match, after the path)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}, {matches: [{path: {value: /api}, method: POST}], ${to('web')}}]`)],
      request: get('/api', { method: 'POST' }),
      want: 'shop/a rule 2',
    },
    {
      name: 'a longer prefix beats a method and headers (path before method and headers)',
      routes: [
        httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}, method: GET, headers: [{name: x-a, value: "1"}]}], ${to('web')}}]`),
        httpRoute('shop/b', `${parent}, rules: [{matches: [{path: {value: /api/v1}}], ${to('web')}}]`),
      ],
      request: get('/api/v1', { headers: { 'x-a': '1' } }),
      want: 'shop/b rule 1',
    },
    {
      name: 'more header matches win (largest number of header matches)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{headers: [{name: x-a, value: "1"}]}], ${to('web')}}, {matches: [{headers: [{name: x-a, value: "1"}, {name: x-b, value: "2"}]}], ${to('web')}}]`)],
      request: get('/', { headers: { 'X-A': '1', 'x-b': '2' } }),
      want: 'shop/a rule 2',
    },
    {
      name: 'a method beats more headers (method before header count)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{headers: [{name: x-a, value: "1"}, {name: x-b, value: "2"}]}], ${to('web')}}, {matches: [{method: GET}], ${to('web')}}]`)],
      request: get('/', { headers: { 'x-a': '1', 'x-b': '2' } }),
      want: 'shop/a rule 2',
    },
    {
      name: 'one header beats two query parameters (header count before query count)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{queryParams: [{name: a, value: "1"}, {name: b, value: "2"}]}], ${to('web')}}, {matches: [{headers: [{name: x-a, value: "1"}]}], ${to('web')}}]`)],
      request: get('/', { headers: { 'x-a': '1' }, query: 'a=1&b=2' }),
      want: 'shop/a rule 2',
    },
    {
      name: 'more query parameter matches win (largest number of query param matches)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{queryParams: [{name: a, value: "1"}]}], ${to('web')}}, {matches: [{queryParams: [{name: a, value: "1"}, {name: b, value: "2"}]}], ${to('web')}}]`)],
      request: get('/', { query: 'b=2&a=1' }),
      want: 'shop/a rule 2',
    },
    {
      name: 'header names match case-insensitively, values exactly (HTTPHeaderMatch.name, Exact)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{headers: [{name: X-Canary, value: "yes"}]}], ${to('web')}}]`)],
      request: get('/', { headers: { 'x-canary': 'YES' } }),
      want: '404',
    },
    {
      name: 'of two entries for one header name only the first counts (HTTPHeaderMatch.name: subsequent entries MUST be ignored)',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{headers: [{name: x-a, value: "1"}, {name: X-A, value: "2"}]}], ${to('web')}}]`)],
      request: get('/', { headers: { 'x-a': '1' } }),
      want: 'shop/a rule 1',
    },
    {
      name: 'a tie goes to the oldest route (creation timestamp)',
      routes: [
        httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}]`, '2026-02-01T00:00:00Z'),
        httpRoute('shop/b', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}]`, '2026-01-01T00:00:00Z'),
      ],
      request: get('/api'),
      want: 'shop/b rule 1',
    },
    {
      name: 'a tie at the same age goes to "namespace/name" first in alphabetical order',
      routes: [
        httpRoute('web/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}]`, '2026-01-01T00:00:00Z'),
        httpRoute('shop/z', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}]`, '2026-01-01T00:00:00Z'),
      ],
      request: get('/api'),
      want: 'shop/z rule 1',
    },
    {
      name: 'a tie within one route goes to the first rule listed',
      routes: [httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}, {matches: [{path: {value: /api}}], ${to('web')}}]`)],
      request: get('/api'),
      want: 'shop/a rule 1',
    },
    {
      name: 'hostname specificity comes first: an exact hostname with "/" beats a wildcard hostname with Exact /api (HTTPRouteSpec.hostnames precedence)',
      routes: [
        httpRoute('shop/wild', `${parent}, hostnames: ["*.example.com"], rules: [{matches: [{path: {type: Exact, value: /api}}], ${to('web')}}]`),
        httpRoute('shop/exact', `${parent}, hostnames: [shop.example.com], rules: [{${to('web')}}]`),
      ],
      request: get('/api'),
      want: 'shop/exact rule 1',
    },
    {
      name: 'a longer wildcard beats a shorter one (characters in a matching hostname)',
      routes: [
        httpRoute('shop/short', `${parent}, hostnames: ["*.example.com"], rules: [{${to('web')}}]`),
        httpRoute('shop/long', `${parent}, hostnames: ["*.shop.example.com"], rules: [{${to('web')}}]`),
      ],
      request: { protocol: 'http', host: 'eu.shop.example.com', path: '/' },
      want: 'shop/long rule 1',
    },
    {
      name: 'a route with hostnames beats one without (a matching hostname has characters)',
      routes: [httpRoute('shop/any', `${parent}, rules: [{matches: [{path: {type: Exact, value: /}}], ${to('web')}}]`), httpRoute('shop/named', `${parent}, hostnames: ["*.example.com"], rules: [{${to('web')}}]`)],
      request: get('/'),
      want: 'shop/named rule 1',
    },
    {
      name: 'a route whose hostnames do not take the Host is not considered; the port in the Host header is ignored (HTTPRouteSpec.hostnames)',
      routes: [httpRoute('shop/other', `${parent}, hostnames: [other.example.com], rules: [{${to('web')}}]`), httpRoute('shop/mine', `${parent}, hostnames: [shop.example.com], rules: [{matches: [{path: {value: /x}}], ${to('web')}}]`)],
      request: { protocol: 'http', host: 'Shop.Example.com:80', path: '/x/y' },
      want: 'shop/mine rule 1',
    },
  ])('$name', ({ routes, request, want }) => {
    expect(winner(routes, request)).toBe(want);
  });

  it('a RegularExpression match is flagged as implementation-specific', () => {
    const t = traceGatewayRequest(world(gatewayClass(), GW, service('shop/web'), httpRoute('shop/re', `${parent}, rules: [{matches: [{path: {type: RegularExpression, value: "/api/v[0-9]+/.*"}}], ${to('web')}}]`)), get('/api/v2/items'));
    expect({ rule: t.rule, flagged: t.steps.some((s) => /implementation-specific/.test(s.text)) }).toStrictEqual({
      rule: { index: 0, match: 'RegularExpression /api/v[0-9]+/.*', regex: true },
      flagged: true,
    });
  });

  it('the losing rules are named with the precedence rule that beat them', () => {
    const t = traceGatewayRequest(
      world(gatewayClass(), GW, service('shop/web'), httpRoute('shop/a', `${parent}, rules: [{matches: [{path: {value: /api}}], ${to('web')}}, {matches: [{path: {type: Exact, value: /api}}], ${to('web')}}]`)),
      get('/api'),
    );
    expect(t.steps.filter((s) => s.kind === 'match').map((s) => s.text)).toStrictEqual([
      'HTTPRoute shop/a rule 2 takes it: Exact /api',
      'this rule beats HTTPRoute shop/a rule 1 (PathPrefix /api): an Exact path beats a PathPrefix',
    ]);
  });
});

describe('GRPCRoute precedence', () => {
  const grpcParent = 'parentRefs: [{name: gw, namespace: infra, sectionName: grpc}]';
  const call = (service: string, method: string): GatewayRequest => ({ protocol: 'grpc', host: 'api.example.com', port: 50051, service, method });
  it.each<Case>([
    {
      name: 'service and method beat service only (characters in a matching method)',
      routes: [route('GRPCRoute', 'shop/g', `${grpcParent}, rules: [{matches: [{method: {service: shop.Cart}}], ${to('web')}}, {matches: [{method: {service: shop.Cart, method: Add}}], ${to('web')}}]`)],
      request: call('shop.Cart', 'Add'),
      want: 'shop/g rule 2',
    },
    {
      name: 'a longer matching service wins (characters in a matching service)',
      routes: [route('GRPCRoute', 'shop/g', `${grpcParent}, rules: [{matches: [{method: {method: Add}}], ${to('web')}}, {matches: [{method: {service: shop.Cart}}], ${to('web')}}]`)],
      request: call('shop.Cart', 'Add'),
      want: 'shop/g rule 2',
    },
    {
      name: 'a rule without matches takes every call, after any more specific rule',
      routes: [route('GRPCRoute', 'shop/g', `${grpcParent}, rules: [{${to('web')}}, {matches: [{method: {service: shop.Cart}}], ${to('web')}}]`)],
      request: call('shop.Orders', 'List'),
      want: 'shop/g rule 1',
    },
  ])('$name', ({ routes, request, want }) => {
    expect(winner(routes, request)).toBe(want);
  });
});

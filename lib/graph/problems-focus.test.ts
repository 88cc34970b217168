import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/analysis/diagnose';
import type { Finding, FindingObject, Severity } from '@/lib/analysis/diagnose/types';
import { summarizeGateways } from '@/lib/analysis/gateway';
import { gateway, gatewayClass, httpRoute, namespace, referenceGrant, service, world } from '@/lib/analysis/gateway/testing';
import { loadManifestPaths } from '@/lib/sources/manifests';
import {
  filterFindings,
  findingNodeId,
  findingsAbout,
  namespaceOptions,
  objectLabel,
  objectNodeId,
  serviceHealthOf,
  severityCounts,
} from './problems-focus';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));

const obj = (text: string): FindingObject => {
  // "Kind/ns/name" or "Kind/name" (cluster-scoped).
  const [kind, a, b] = text.split('/') as [string, string, string | undefined];
  return b === undefined ? { kind, name: a } : { kind, namespace: a, name: b };
};
const finding = (id: string, severity: Severity, objects: string[]): Finding => ({
  id,
  check: id.split(':')[0] ?? id,
  severity,
  objects: objects.map(obj),
  message: `message of ${id}`,
  hint: `hint of ${id}`,
});

const FINDINGS: Finding[] = [
  finding('a:Service/shop/cart', 'error', ['Service/shop/cart']),
  finding('b:Service/shop/checkout:80/TCP', 'error', ['Service/shop/checkout', 'Pod/shop/checkout-1']),
  finding('c:Ingress/shop/site:api', 'warning', ['Ingress/shop/site', 'Service/shop/api']),
  finding('d:Service/blog/web', 'warning', ['Service/blog/web', 'EndpointSlice/blog/web-abc']),
  finding('e:Namespace/quiet', 'info', ['Namespace/quiet']),
];

describe('objectNodeId', () => {
  it.each([
    { object: 'Service/shop/cart', id: 'svc:shop/cart' },
    { object: 'Ingress/shop/site', id: 'ing:shop/site' },
    { object: 'Gateway/shop/shop', id: 'gw:shop/shop' },
    { object: 'Pod/shop/api-1', id: 'pod:shop/api-1' },
    { object: 'Namespace/shop', id: 'ns:shop' },
    { object: 'EndpointSlice/shop/cart-x', id: undefined },
    { object: 'IngressClass/nginx', id: undefined },
  ])('$object → $id', ({ object, id }) => {
    expect(objectNodeId(obj(object))).toBe(id);
  });
});

describe('findingNodeId', () => {
  it.each([
    { name: 'a Service at fault', objects: ['Service/shop/cart'], id: 'svc:shop/cart' },
    { name: 'the first object wins over the pods involved', objects: ['Service/shop/checkout', 'Pod/shop/checkout-1'], id: 'svc:shop/checkout' },
    { name: 'an Ingress at fault', objects: ['Ingress/shop/site', 'Service/shop/api'], id: 'ing:shop/site' },
    { name: 'a Namespace', objects: ['Namespace/quiet'], id: 'ns:quiet' },
    { name: 'a first object without a node: the next one that has one', objects: ['EndpointSlice/blog/web-abc', 'Service/blog/web'], id: 'svc:blog/web' },
    { name: 'no object with a node: the namespace of a namespaced one', objects: ['IngressClass/nginx', 'EndpointSlice/blog/web-abc'], id: 'ns:blog' },
    { name: "a policy of a kind the engine does not evaluate (no node of its own): the first pod it selects", objects: ['Calico NetworkPolicy/shop/db-lockdown', 'Pod/shop/db-0'], id: 'pod:shop/db-0' },
    { name: 'nothing to focus', objects: ['IngressClass/nginx'], id: undefined },
    { name: 'no objects', objects: [], id: undefined },
  ])('$name', ({ objects, id }) => {
    expect(findingNodeId(finding('x:y', 'error', objects))).toBe(id);
  });
});

describe('filterFindings', () => {
  const all = new Set<Severity>(['error', 'warning', 'info']);
  it.each([
    { name: 'no filter keeps everything, in order', filter: { severities: all }, ids: ['a', 'b', 'c', 'd', 'e'] },
    { name: 'an empty namespace means every namespace', filter: { namespace: '', severities: all }, ids: ['a', 'b', 'c', 'd', 'e'] },
    { name: 'a namespace keeps its objects', filter: { namespace: 'shop', severities: all }, ids: ['a', 'b', 'c'] },
    { name: 'a Namespace object counts for its namespace', filter: { namespace: 'quiet', severities: all }, ids: ['e'] },
    { name: 'severities are a set', filter: { severities: new Set<Severity>(['warning', 'info']) }, ids: ['c', 'd', 'e'] },
    { name: 'both combine', filter: { namespace: 'blog', severities: new Set<Severity>(['warning']) }, ids: ['d'] },
    { name: 'no severity checked keeps nothing', filter: { severities: new Set<Severity>() }, ids: [] },
    { name: 'a namespace without findings', filter: { namespace: 'other', severities: all }, ids: [] },
  ])('$name', ({ filter, ids }) => {
    expect(filterFindings(FINDINGS, filter).map((f) => f.id.split(':')[0])).toEqual(ids);
  });
});

describe('severityCounts', () => {
  it.each([
    { name: 'all', findings: FINDINGS, counts: { error: 2, warning: 2, info: 1 } },
    { name: 'none', findings: [], counts: { error: 0, warning: 0, info: 0 } },
  ])('$name', ({ findings, counts }) => {
    expect(severityCounts(findings)).toEqual(counts);
  });
});

describe('namespaceOptions', () => {
  it.each([
    { name: 'the given ones plus those findings name, sorted', given: ['shop'], findings: FINDINGS, options: ['blog', 'quiet', 'shop'] },
    { name: 'no duplicates; code-unit order', given: ['shop', 'Zed', 'shop'], findings: [], options: ['Zed', 'shop'] },
    { name: 'a cluster-scoped object adds nothing', given: [], findings: [finding('x', 'info', ['IngressClass/nginx'])], options: [] },
  ])('$name', ({ given, findings, options }) => {
    expect(namespaceOptions(given, findings)).toEqual(options);
  });
});

describe('findingsAbout', () => {
  it.each([
    { name: 'as the object at fault', object: 'Service/shop/cart', ids: ['a'] },
    { name: 'as another object involved', object: 'Service/shop/api', ids: ['c'] },
    { name: 'a pod', object: 'Pod/shop/checkout-1', ids: ['b'] },
    { name: 'the kind must match', object: 'Ingress/shop/cart', ids: [] },
    { name: 'the namespace must match', object: 'Service/blog/cart', ids: [] },
  ])('$name', ({ object, ids }) => {
    expect(findingsAbout(FINDINGS, obj(object)).map((f) => f.id.split(':')[0])).toEqual(ids);
  });
});

describe('serviceHealthOf', () => {
  it.each([
    { name: 'error wins', findings: FINDINGS, service: { namespace: 'shop', name: 'cart' }, health: 'error' },
    { name: 'a warning naming it as another object', findings: FINDINGS, service: { namespace: 'shop', name: 'api' }, health: 'warning' },
    { name: 'no finding: ok', findings: FINDINGS, service: { namespace: 'shop', name: 'redis' }, health: 'ok' },
    { name: 'info counts as ok', findings: [finding('i', 'info', ['Service/shop/redis'])], service: { namespace: 'shop', name: 'redis' }, health: 'ok' },
    {
      name: 'the worst of several',
      findings: [finding('i', 'info', ['Service/a/b']), finding('w', 'warning', ['Service/a/b'])],
      service: { namespace: 'a', name: 'b' },
      health: 'warning',
    },
  ])('$name', ({ findings, service, health }) => {
    expect(serviceHealthOf(findings, service)).toBe(health);
  });
});

describe('objectLabel', () => {
  it.each([
    { object: 'Service/shop/cart', label: 'Service shop/cart' },
    { object: 'Namespace/shop', label: 'Namespace shop' },
  ])('$object', ({ object, label }) => {
    expect(objectLabel(obj(object))).toBe(label);
  });
});

describe('findingNodeId: Gateway API objects focus the Gateway (or the Service a grant admits a route to)', () => {
  const gateways = summarizeGateways(
    world(
      gatewayClass(),
      namespace('infra'),
      namespace('shop'),
      gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}]'),
      service('shop/web'),
      httpRoute('infra/r', 'parentRefs: [{name: gw}], hostnames: [a.example.com], rules: [{backendRefs: [{name: web, namespace: shop, port: 80}]}]'),
      httpRoute('shop/elsewhere', 'parentRefs: [{name: gw, namespace: infra}], hostnames: [a.other.org], rules: [{backendRefs: [{name: web, port: 80}]}]'),
      httpRoute('shop/orphan', 'parentRefs: [{name: missing, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]'),
      referenceGrant('shop/allow-infra', '[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]', '[{group: "", kind: Service}]'),
    ),
  );
  it.each([
    { name: 'a Gateway: its node', objects: ['Gateway/infra/gw'], id: 'gw:infra/gw' },
    { name: 'an attached HTTPRoute: its parent Gateway', objects: ['HTTPRoute/infra/r'], id: 'gw:infra/gw' },
    { name: 'an HTTPRoute that names the Gateway but does not attach (NoMatchingListenerHostname): that Gateway still', objects: ['HTTPRoute/shop/elsewhere'], id: 'gw:infra/gw' },
    { name: 'an HTTPRoute whose Gateway does not exist: its namespace', objects: ['HTTPRoute/shop/orphan'], id: 'ns:shop' },
    { name: 'a route and a Service: the route (the object at fault) wins', objects: ['HTTPRoute/infra/r', 'Service/shop/web'], id: 'gw:infra/gw' },
    { name: 'a GatewayClass: the first Gateway of that class', objects: ['GatewayClass/envoy'], id: 'gw:infra/gw' },
    { name: 'a GatewayClass no Gateway uses: nothing', objects: ['GatewayClass/other'], id: undefined },
    { name: 'a ReferenceGrant: the Service it admits a route to (the end of the route\'s edge)', objects: ['ReferenceGrant/shop/allow-infra'], id: 'svc:shop/web' },
    { name: 'a ReferenceGrant that admits nothing used: its namespace', objects: ['ReferenceGrant/data/unused'], id: 'ns:data' },
  ])('$name', ({ objects, id }) => {
    expect(findingNodeId(finding('x:y', 'error', objects), gateways)).toBe(id);
  });

  it('on the demo, the RefNotPermitted finding of HTTPRoute shop/storefront focuses Gateway shop/shop', async () => {
    const demo = (await loadManifestPaths([DEMO])).model;
    const refNotPermitted = diagnose(demo, { source: 'manifests' }).findings.filter((f) => f.check === 'gateway-backend-ref-not-permitted');
    expect(refNotPermitted.map((f) => [f.objects.map(objectLabel), findingNodeId(f, summarizeGateways(demo))])).toStrictEqual([[['HTTPRoute shop/storefront'], 'gw:shop/shop']]);
  });
});

import { describe, expect, it } from 'vitest';
import { explainFlow, type FlowRequest } from '@/lib/analysis/flow/explain-flow';
import { traceRequest } from '@/lib/analysis/routing/trace-request';
import {
  endpoint,
  endpointFor,
  httpPath,
  ingress,
  ingressClass,
  ingressRule,
  model,
  namespace,
  networkPolicy,
  pod,
  service,
  serviceBackend,
  slice,
} from '@/lib/analysis/testing/builders';
import { gateway, gatewayClass, httpRoute, namespace as namespaceDoc, service as serviceDocs, world } from '@/lib/analysis/gateway/testing';
import type { ClusterModel } from '@/lib/model';
import { calicoDaemonSet, flannelDaemonSet } from '@/lib/analysis/testing/network-plugins';
import { calicoPolicy } from '@/lib/analysis/testing/plugin-builders';
import type { GraphOptions } from './elements';
import { flowPath, tracePath } from './highlight-targets';

// The panels get the engine's answers through the API, as JSON: the ids are read off that form.
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const web1 = pod('shop/web-1', { labels: { app: 'web' }, ip: '10.0.1.1', ports: [{ name: 'http', containerPort: 8080 }] });
const web2 = pod('shop/web-2', { labels: { app: 'web' }, ip: '10.0.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
const client = pod('shop/client', { labels: { app: 'client' }, ip: '10.0.2.1' });
const other = pod('tools/other', { labels: { app: 'client' }, ip: '10.0.3.1' });
const controller = pod('ingress/controller', { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ip: '10.0.9.1' });
const web = service('shop/web', { selector: { app: 'web' }, clusterIP: '10.96.0.10', ports: [{ port: 80, targetPort: 'http' }] });
const clients = service('shop/clients', { selector: { app: 'client' } });
const empty = service('shop/empty', { selector: { app: 'nothing' } });
const nginx = ingressClass('nginx', { controller: 'k8s.io/ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } });

function cluster(init: Partial<ClusterModel['resources']> = {}): ClusterModel {
  return model({
    namespaces: [namespace('shop'), namespace('tools'), namespace('ingress')],
    pods: [web1, web2, client, other, controller],
    services: [web, clients, empty],
    ingressclasses: [nginx],
    ingresses: [
      ingress('shop/site', {
        ingressClassName: 'nginx',
        rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', serviceBackend('web', 80)), httpPath('/empty', 'Prefix', serviceBackend('empty', 80)))],
      }),
      ingress('shop/broken', { ingressClassName: 'nginx', rules: [ingressRule('broken.example.com', httpPath('/', 'Prefix', serviceBackend('missing', 80)))] }),
    ],
    ...init,
  });
}

const options: GraphOptions = { groupBy: 'namespace', foldAbove: 3, expanded: new Set(), health: new Map() };
const explained = (m: ClusterModel, request: FlowRequest) => flowPath(overTheWire(explainFlow(m, request)), m, options);
const traced = (m: ClusterModel, host: string, path: string) => tracePath(overTheWire(traceRequest(m, { host, path })), m, options);
/** The drawn edges as `source -> target: verdict [deniedAt] | label`, one string each, to compare at a glance. */
const drawn = (path: { edges?: { source: string; target: string; verdict?: string; deniedAt?: string; label?: string }[] }) =>
  (path.edges ?? []).map((e) => `${e.source} -> ${e.target}: ${e.verdict}${e.deniedAt ? ` [${e.deniedAt}]` : ''} | ${e.label?.replace('\n', ' / ')}`);

const webClosed = networkPolicy('shop/web-closed', { podSelector: { app: 'web' }, policyTypes: ['Ingress'] });
const clientClosed = networkPolicy('shop/client-closed', { podSelector: { app: 'client' }, policyTypes: ['Egress'] });

describe('flowPath: the nodes an explained flow runs through, in path order', () => {
  it.each<{ name: string; request: FlowRequest; model?: ClusterModel; want: string[] }>([
    { name: 'pod to pod', request: { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 }, want: ['pod:shop/client', 'pod:shop/web-1'] },
    {
      name: 'pod to Service: the source, the Service, every endpoint pod',
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      want: ['pod:shop/client', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'],
    },
    {
      name: 'a Service as the source: each of its pods, each id once',
      request: { from: 'svc/shop/clients', to: 'pod/shop/web-2', port: 8080 },
      want: ['pod:shop/client', 'pod:shop/web-2'],
    },
    {
      name: 'through the cluster IP of a Service',
      request: { from: 'pod/tools/other', to: '10.96.0.10', port: 80 },
      want: ['pod:tools/other', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'],
    },
    { name: 'an address that is no pod has no node', request: { from: 'pod/shop/client', to: '8.8.8.8', port: 53 }, want: ['pod:shop/client'] },
    { name: 'a pod address resolves to the pod', request: { from: '10.0.2.1', to: 'pod/shop/web-1', port: 8080 }, want: ['pod:shop/client', 'pod:shop/web-1'] },
    { name: 'a pod to itself', request: { from: 'pod/shop/client', to: 'pod/shop/client', port: 80 }, want: ['pod:shop/client'] },
    { name: 'a Service without endpoints: no paths, the Service alone', request: { from: 'pod/shop/client', to: 'svc/shop/empty', port: 80 }, want: ['svc:shop/empty'] },
  ])('$name', ({ request, model: m, want }) => {
    expect(explained(m ?? cluster(), request).ids).toEqual(want);
  });

  it('uses the EndpointSlices of live data, endpoints without a pod having no node', () => {
    const m = cluster({
      endpointslices: [slice('shop/web-abc', { service: 'web', ports: [{ name: '', port: 8080 }], endpoints: [endpointFor(web1), endpoint('10.0.7.7')] })],
    });
    expect(explained(m, { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 }).ids).toEqual(['pod:shop/client', 'svc:shop/web', 'pod:shop/web-1']);
  });
});

describe('flowPath: the flow drawn from source to destination, in its verdict, the side that denied marked', () => {
  it.each<{ name: string; model: ClusterModel; request: FlowRequest; edges: string[]; denying: string[] }>([
    {
      name: 'allowed through a Service: the Service port to the Service, the pod port to each pod',
      model: cluster(),
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      edges: [
        'pod:shop/client -> svc:shop/web: allowed | TCP 80 / ✓ allowed',
        'svc:shop/web -> pod:shop/web-1: allowed | TCP 8080 / ✓ allowed',
        'svc:shop/web -> pod:shop/web-2: allowed | TCP 8080 / ✓ allowed',
      ],
      denying: [],
    },
    {
      name: 'denied by the pods’ ingress: each hop denied, the bar at the pods, which are marked',
      model: cluster({ networkpolicies: [webClosed] }),
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      edges: [
        'pod:shop/client -> svc:shop/web: denied | TCP 80 / ✕ denied',
        'svc:shop/web -> pod:shop/web-1: denied [target] | TCP 8080 / ✕ denied by ingress',
        'svc:shop/web -> pod:shop/web-2: denied [target] | TCP 8080 / ✕ denied by ingress',
      ],
      denying: ['pod:shop/web-1', 'pod:shop/web-2'],
    },
    {
      name: 'denied by the source’s egress: the bar at the source, on the hop to the Service too, and the source marked',
      model: cluster({ networkpolicies: [clientClosed] }),
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      edges: [
        'pod:shop/client -> svc:shop/web: denied [source] | TCP 80 / ✕ denied by egress',
        'svc:shop/web -> pod:shop/web-1: denied [source] | TCP 8080 / ✕ denied by egress',
        'svc:shop/web -> pod:shop/web-2: denied [source] | TCP 8080 / ✕ denied by egress',
      ],
      denying: ['pod:shop/client'],
    },
    {
      name: 'denied by both sides, pod to pod: one edge, bars at both ends',
      model: cluster({ networkpolicies: [clientClosed, webClosed] }),
      request: { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 },
      edges: ['pod:shop/client -> pod:shop/web-1: denied [both] | TCP 8080 / ✕ denied by egress and ingress'],
      denying: ['pod:shop/client', 'pod:shop/web-1'],
    },
    {
      name: 'one endpoint allowed, one denied: the hop to the Service is partly allowed',
      model: cluster({
        networkpolicies: [networkPolicy('shop/locked', { podSelector: { locked: 'yes' }, policyTypes: ['Ingress'] })],
        pods: [web1, pod('shop/web-2', { labels: { app: 'web', locked: 'yes' }, ip: '10.0.1.2', ports: [{ name: 'http', containerPort: 8080 }] }), client, other, controller],
      }),
      request: { from: 'pod/tools/other', to: 'svc/shop/web', port: 80 },
      edges: [
        'pod:tools/other -> svc:shop/web: partial | TCP 80 / ◐ partly allowed',
        'svc:shop/web -> pod:shop/web-1: allowed | TCP 8080 / ✓ allowed',
        'svc:shop/web -> pod:shop/web-2: denied [target] | TCP 8080 / ✕ denied by ingress',
      ],
      denying: ['pod:shop/web-2'],
    },
    {
      name: 'a policy kube-netmap does not evaluate selects the pods: unknown, with no side marked',
      model: cluster({ caliconetworkpolicies: [calicoPolicy('shop/web-lock', { selector: "app == 'web'" })] }),
      request: { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 },
      edges: ['pod:shop/client -> pod:shop/web-1: unknown | TCP 8080 / ? unknown'],
      denying: [],
    },
    {
      name: 'policies not listed yet: every hop unknown, whatever its path says',
      model: { ...cluster(), sync: { ...cluster().sync, networkpolicies: { status: 'syncing' } } },
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      edges: [
        'pod:shop/client -> svc:shop/web: unknown | TCP 80 / ? unknown',
        'svc:shop/web -> pod:shop/web-1: unknown | TCP 8080 / ? unknown',
        'svc:shop/web -> pod:shop/web-2: unknown | TCP 8080 / ? unknown',
      ],
      denying: [],
    },
    {
      name: 'flannel does not enforce the denial: drawn as flowing, the side named, no node marked',
      model: cluster({ daemonsets: [flannelDaemonSet], networkpolicies: [webClosed] }),
      request: { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 },
      edges: ['pod:shop/client -> pod:shop/web-1: not-enforced [target] | TCP 8080 / ⚠ denied, not enforced by ingress'],
      denying: [],
    },
    {
      name: 'a Service without endpoints: the hop to it in the flow’s verdict (denied: nothing serves it)',
      model: cluster(),
      request: { from: 'pod/shop/client', to: 'svc/shop/empty', port: 80 },
      edges: [],
      denying: [],
    },
  ])('$name', ({ model: m, request, edges, denying }) => {
    const path = explained(m, request);
    expect(drawn(path)).toStrictEqual(edges);
    expect(path.denying).toStrictEqual(denying);
  });

  it('a folded workload’s pods are one node: one edge to it, their verdicts combined', () => {
    const replica = (i: number, locked: boolean) =>
      pod(`shop/api-${i}`, { labels: { app: 'api', ...(locked ? { locked: 'yes' } : {}) }, ip: `10.0.4.${i}`, workload: { kind: 'Deployment', name: 'api' }, ports: [{ containerPort: 8080 }] });
    const lock = networkPolicy('shop/api-locked', { podSelector: { app: 'api', locked: 'yes' }, policyTypes: ['Ingress'] });
    const m = cluster({ pods: [client, replica(1, false), replica(2, false), replica(3, false), replica(4, true)], networkpolicies: [lock] });
    const path = explained(m, { from: 'pod/shop/client', to: 'deploy/shop/api', port: 8080 });
    expect(drawn(path)).toStrictEqual(['pod:shop/client -> wl:shop/Deployment/api: partial | TCP 8080 / ◐ partly allowed']);
    expect(path.ids).toStrictEqual(['pod:shop/client', 'wl:shop/Deployment/api']);
    expect(path.denying).toStrictEqual(['wl:shop/Deployment/api']);
  });

  it.each([
    { name: 'flannel, a flow the policies deny: drawn as flowing', model: cluster({ daemonsets: [flannelDaemonSet], networkpolicies: [webClosed] }), verdict: 'not-enforced' },
    { name: 'flannel, a flow the policies allow: allowed', model: cluster({ daemonsets: [flannelDaemonSet] }), verdict: 'allowed' },
    { name: 'Calico, a flow the policies deny: denied (Calico enforces it)', model: cluster({ daemonsets: [calicoDaemonSet], networkpolicies: [webClosed] }), verdict: 'denied' },
  ])('$name', ({ model: m, verdict }) => {
    const path = explained(m, { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 });
    expect(path.ids).toStrictEqual(['pod:shop/client', 'pod:shop/web-1']);
    expect(path.edges?.map((e) => e.verdict)).toStrictEqual([verdict]);
  });
});

describe('tracePath: the Ingress, its backend Service and the Service’s pods, in the verdict of the controller’s flow', () => {
  it.each<{ name: string; host: string; path: string; model?: ClusterModel; ids: string[]; edges: string[] }>([
    {
      name: 'a routed request the controller may send on',
      host: 'shop.example.com',
      path: '/cart',
      ids: ['ing:shop/site', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'],
      edges: [
        'ing:shop/site -> svc:shop/web: allowed | shop.example.com/ / ✓ allowed',
        'svc:shop/web -> pod:shop/web-1: allowed | TCP 8080 / ✓ allowed',
        'svc:shop/web -> pod:shop/web-2: allowed | TCP 8080 / ✓ allowed',
      ],
    },
    {
      name: 'the pods’ ingress shuts the controller out: the bar at the pods',
      host: 'shop.example.com',
      path: '/cart',
      model: cluster({ networkpolicies: [webClosed] }),
      ids: ['ing:shop/site', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'],
      edges: [
        'ing:shop/site -> svc:shop/web: denied | shop.example.com/ / ✕ denied',
        'svc:shop/web -> pod:shop/web-1: denied [target] | TCP 8080 / ✕ denied by ingress',
        'svc:shop/web -> pod:shop/web-2: denied [target] | TCP 8080 / ✕ denied by ingress',
      ],
    },
    {
      name: 'no controller pods known: the route drawn, its verdict unknown',
      host: 'shop.example.com',
      path: '/cart',
      model: cluster({ pods: [web1, web2, client, other] }),
      ids: ['ing:shop/site', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'],
      edges: [
        'ing:shop/site -> svc:shop/web: unknown | shop.example.com/ / ? unknown',
        'svc:shop/web -> pod:shop/web-1: unknown | TCP 8080 / ? unknown',
        'svc:shop/web -> pod:shop/web-2: unknown | TCP 8080 / ? unknown',
      ],
    },
    { name: 'a backend Service without pods', host: 'shop.example.com', path: '/empty/x', ids: ['ing:shop/site', 'svc:shop/empty'], edges: ['ing:shop/site -> svc:shop/empty: denied | shop.example.com/empty / ✕ denied'] },
    { name: 'a host no Ingress serves', host: 'nowhere.example.com', path: '/', ids: [], edges: [] },
  ])('$name', ({ host, path, model: m, ids, edges }) => {
    const drawing = traced(m ?? cluster(), host, path);
    expect(drawing.ids).toEqual(ids);
    expect(drawn(drawing)).toStrictEqual(edges);
  });

  it('a rule whose backend Service does not exist: the Ingress alone', () => {
    const drawing = traced(cluster(), 'broken.example.com', '/');
    expect(drawing.ids).toEqual(['ing:shop/broken']);
    expect(drawing.edges).toStrictEqual([]);
  });
});

describe('tracePath: the Gateway, the Services its backendRefs share the request between, and their pods', () => {
  const gatewayWorld = (...more: string[]) =>
    world(
      gatewayClass(),
      namespaceDoc('infra'),
      namespaceDoc('shop'),
      gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]'),
      serviceDocs('shop/web'),
      serviceDocs('shop/web-v2'),
      httpRoute(
        'shop/r',
        'parentRefs: [{name: gw, namespace: infra}], hostnames: [a.example.com], rules: [' +
          '{matches: [{path: {type: PathPrefix, value: /old}}], backendRefs: [{name: web, port: 80}, {name: web-v2, port: 80, weight: 0}]},' +
          '{matches: [{path: {type: PathPrefix, value: /other}}], backendRefs: [{name: web, namespace: infra, port: 80}]},' +
          '{backendRefs: [{name: web, port: 80, weight: 9}, {name: web-v2, port: 80, weight: 1}]}]',
      ),
      ...more,
    );
  it.each<{ name: string; host: string; path: string; ids: string[]; edges: string[] }>([
    {
      name: 'a split rule: each share to its Service and pods; no data-plane pods known, so the verdicts are unknown',
      host: 'a.example.com',
      path: '/',
      ids: ['gw:infra/gw', 'svc:shop/web', 'pod:shop/web-template', 'svc:shop/web-v2', 'pod:shop/web-v2-template'],
      edges: [
        'gw:infra/gw -> svc:shop/web: unknown | 90% / ? unknown',
        'gw:infra/gw -> svc:shop/web-v2: unknown | 10% / ? unknown',
        'svc:shop/web -> pod:shop/web-template: unknown | ? unknown',
        'svc:shop/web-v2 -> pod:shop/web-v2-template: unknown | ? unknown',
      ],
    },
    {
      name: 'a backendRef of weight 0 gets no share: not drawn',
      host: 'a.example.com',
      path: '/old',
      ids: ['gw:infra/gw', 'svc:shop/web', 'pod:shop/web-template'],
      edges: ['gw:infra/gw -> svc:shop/web: unknown | 100% / ? unknown', 'svc:shop/web -> pod:shop/web-template: unknown | ? unknown'],
    },
    {
      name: 'a backend the Gateway cannot use (another namespace, no ReferenceGrant): drawn denied, saying why',
      host: 'a.example.com',
      path: '/other',
      ids: ['gw:infra/gw', 'svc:infra/web'],
      edges: ['gw:infra/gw -> svc:infra/web: denied | 100% / ✕ RefNotPermitted'],
    },
    { name: 'a host no route takes: nothing', host: 'b.example.com', path: '/', ids: [], edges: [] },
  ])('$name', ({ host, path, ids, edges }) => {
    const drawing = traced(gatewayWorld(), host, path);
    expect(drawing.ids).toEqual(ids);
    expect(drawn(drawing)).toStrictEqual(edges);
  });
});

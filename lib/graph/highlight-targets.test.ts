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
import { flowNodeIds, flowPath, traceNodeIds } from './highlight-targets';

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

describe('flowNodeIds: the pods of every path, and the Service a flow goes through', () => {
  it.each<{ name: string; request: FlowRequest; model?: ClusterModel; want: string[] }>([
    { name: 'pod to pod', request: { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 }, want: ['pod:shop/client', 'pod:shop/web-1'] },
    {
      name: 'pod to Service: every endpoint pod, then the Service',
      request: { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 },
      want: ['pod:shop/client', 'pod:shop/web-1', 'pod:shop/web-2', 'svc:shop/web'],
    },
    {
      name: 'a Service as the source: each of its pods, each id once',
      request: { from: 'svc/shop/clients', to: 'pod/shop/web-2', port: 8080 },
      want: ['pod:shop/client', 'pod:shop/web-2'],
    },
    {
      name: 'through the cluster IP of a Service',
      request: { from: 'pod/tools/other', to: '10.96.0.10', port: 80 },
      want: ['pod:tools/other', 'pod:shop/web-1', 'pod:shop/web-2', 'svc:shop/web'],
    },
    { name: 'an address that is no pod has no node', request: { from: 'pod/shop/client', to: '8.8.8.8', port: 53 }, want: ['pod:shop/client'] },
    { name: 'a pod address resolves to the pod', request: { from: '10.0.2.1', to: 'pod/shop/web-1', port: 8080 }, want: ['pod:shop/client', 'pod:shop/web-1'] },
    { name: 'a pod to itself', request: { from: 'pod/shop/client', to: 'pod/shop/client', port: 80 }, want: ['pod:shop/client'] },
    { name: 'a Service without endpoints: no paths, the Service alone', request: { from: 'pod/shop/client', to: 'svc/shop/empty', port: 80 }, want: ['svc:shop/empty'] },
  ])('$name', ({ request, model: m, want }) => {
    expect(flowNodeIds(overTheWire(explainFlow(m ?? cluster(), request)))).toEqual(want);
  });

  it('uses the EndpointSlices of live data, endpoints without a pod having no node', () => {
    const m = cluster({
      endpointslices: [slice('shop/web-abc', { service: 'web', ports: [{ name: '', port: 8080 }], endpoints: [endpointFor(web1), endpoint('10.0.7.7')] })],
    });
    expect(flowNodeIds(overTheWire(explainFlow(m, { from: 'pod/shop/client', to: 'svc/shop/web', port: 80 })))).toEqual([
      'pod:shop/client',
      'pod:shop/web-1',
      'svc:shop/web',
    ]);
  });
});

describe('flowPath: the nodes of an explained flow, drawn apart when the policies deny it but it flows', () => {
  const closed = networkPolicy('shop/web-closed', { podSelector: { app: 'web' }, policyTypes: ['Ingress'] });
  const request: FlowRequest = { from: 'pod/shop/client', to: 'pod/shop/web-1', port: 8080 };
  it.each([
    { name: 'flannel, a flow the policies deny: the explanation’s note comes with the nodes', model: cluster({ daemonsets: [flannelDaemonSet], networkpolicies: [closed] }), plugins: ['flannel'] },
    { name: 'flannel, a flow the policies allow: no note', model: cluster({ daemonsets: [flannelDaemonSet] }), plugins: undefined },
    { name: 'Calico, a flow the policies deny: no note (it is denied)', model: cluster({ daemonsets: [calicoDaemonSet], networkpolicies: [closed] }), plugins: undefined },
  ])('$name', ({ model: m, plugins }) => {
    const path = flowPath(overTheWire(explainFlow(m, request)));
    expect(path.ids).toStrictEqual(['pod:shop/client', 'pod:shop/web-1']);
    expect(path.enforcement?.plugins).toStrictEqual(plugins);
  });
});

describe('traceNodeIds: the Ingress, its backend Service and the Service’s pods', () => {
  it.each<{ name: string; host: string; path: string; want: string[] }>([
    { name: 'a routed request', host: 'shop.example.com', path: '/cart', want: ['ing:shop/site', 'svc:shop/web', 'pod:shop/web-1', 'pod:shop/web-2'] },
    { name: 'a backend Service without pods', host: 'shop.example.com', path: '/empty/x', want: ['ing:shop/site', 'svc:shop/empty'] },
    { name: 'a host no Ingress serves', host: 'nowhere.example.com', path: '/', want: [] },
  ])('$name', ({ host, path, want }) => {
    expect(traceNodeIds(overTheWire(traceRequest(cluster(), { host, path })))).toEqual(want);
  });

  it('a rule whose backend Service does not exist: the Ingress alone', () => {
    const result = overTheWire(traceRequest(cluster(), { host: 'broken.example.com', path: '/' }));
    expect(result.matched).toBe(false);
    expect(traceNodeIds(result)).toEqual(['ing:shop/broken']);
  });
});

describe('traceNodeIds: the Gateway, the Services its backendRefs share the request between, and their pods', () => {
  const gatewayWorld = () =>
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
          '{backendRefs: [{name: web, port: 80, weight: 9}, {name: web-v2, port: 80, weight: 1}]}]',
      ),
    );
  it.each<{ name: string; host: string; path: string; want: string[] }>([
    { name: 'a split rule: the Gateway, both Services and their pods', host: 'a.example.com', path: '/', want: ['gw:infra/gw', 'svc:shop/web', 'pod:shop/web-template', 'svc:shop/web-v2', 'pod:shop/web-v2-template'] },
    { name: 'a backendRef of weight 0 gets no share: not lit', host: 'a.example.com', path: '/old', want: ['gw:infra/gw', 'svc:shop/web', 'pod:shop/web-template'] },
    { name: 'a host no route takes: nothing', host: 'b.example.com', path: '/', want: [] },
  ])('$name', ({ host, path, want }) => {
    expect(traceNodeIds(overTheWire(traceRequest(gatewayWorld(), { host, path })))).toEqual(want);
  });
});

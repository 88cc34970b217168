// The cases of buildGraph: grouping, folding, edges, order, health and the demo (the Gateway cases are in
// gateway-edges.test.ts). Over 400 lines as one idea: the tests of one function.

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/analysis/diagnose';
import type { DiagnoseReport, Finding, Severity } from '@/lib/analysis/diagnose/types';
import {
  endpointFor,
  httpPath,
  ingress,
  ingressRule,
  model,
  namespace,
  node,
  pod,
  service,
  serviceBackend,
  slice,
  type PodInit,
} from '@/lib/analysis/testing/builders';
import type { ClusterModel, Pod } from '@/lib/model';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { buildGraph, DEFAULT_FOLD_ABOVE, podNodeId, serviceHealth, type Graph, type GraphOptions } from './elements';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));

const deployment = (name: string) => ({ kind: 'Deployment', name });

function options(init: Partial<GraphOptions> = {}): GraphOptions {
  return { groupBy: 'namespace', foldAbove: DEFAULT_FOLD_ABOVE, expanded: new Set(), health: new Map(), ...init };
}

/** n pods of one Deployment in shop, labelled app=<name>, spread over two nodes; `init(i)` overrides per pod. */
function replicas(name: string, n: number, init: (i: number) => PodInit = () => ({})): Pod[] {
  return Array.from({ length: n }, (_, i) =>
    pod(`shop/${name}-${i + 1}`, {
      labels: { app: name },
      workload: deployment(name),
      ip: `10.244.${i % 2}.${10 + i}`,
      nodeName: `kwok-node-${(i % 2) + 1}`,
      ports: [8080],
      ...init(i),
    }),
  );
}

const SHOP_PODS = [
  ...replicas('api', 2),
  pod('shop/debug', { ip: '10.244.0.99', nodeName: 'kwok-node-1' }),
  pod('data/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' } }),
  pod('ops/agent-x', { workload: { kind: 'DaemonSet', name: 'agent' }, hostNetwork: true, ip: '10.0.0.1', nodeName: 'kwok-node-1' }),
];

const cluster = (init: Partial<ClusterModel['resources']> = {}): ClusterModel =>
  model({
    namespaces: [namespace('shop'), namespace('data'), namespace('ops'), namespace('empty')],
    nodes: [node('kwok-node-1', { ip: '10.0.0.1' }), node('kwok-node-2', { ip: '10.0.0.2' })],
    pods: SHOP_PODS,
    services: [service('shop/api', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), service('data/db', { ports: [5432] })],
    ingresses: [ingress('shop/site', { rules: [ingressRule('shop.example.com', httpPath('/api', 'Prefix', serviceBackend('api', 'http')))] })],
    ...init,
  });

/** `id < parent: label` per node, for compact, readable expectations. */
const nodeLines = (g: Graph) => g.nodes.map((n) => `${n.id} < ${n.parent ?? '-'}: ${n.label}`);
const edgeLines = (g: Graph) =>
  g.edges.map((e) => `${e.id} ${e.kind}${e.ready === undefined ? '' : e.ready ? ' ready' : ' not-ready'}${e.invalid ? ' invalid' : ''}${e.label ? ` "${e.label}"` : ''}`);
const ids = (g: Graph) => g.nodes.map((n) => n.id);

describe('buildGraph: grouping', () => {
  it('namespace grouping: a compound per namespace (empty ones too) holding its pods, Services and Ingresses', () => {
    expect(nodeLines(buildGraph(cluster(), options()))).toStrictEqual([
      'ing:shop/site < ns:shop: site',
      'ns:data < -: data',
      'ns:empty < -: empty',
      'ns:ops < -: ops',
      'ns:shop < -: shop',
      'pod:data/db-0 < ns:data: db-0',
      'pod:ops/agent-x < ns:ops: agent-x',
      'pod:shop/api-1 < ns:shop: api-1',
      'pod:shop/api-2 < ns:shop: api-2',
      'pod:shop/debug < ns:shop: debug',
      'svc:data/db < ns:data: db',
      'svc:shop/api < ns:shop: api',
    ]);
  });

  it('node grouping: a compound per node (name and InternalIP) and "unscheduled" holding the pods; Services and Ingresses keep their namespace compounds', () => {
    expect(nodeLines(buildGraph(cluster(), options({ groupBy: 'node' })))).toStrictEqual([
      'ing:shop/site < ns:shop: site',
      'node:kwok-node-1 < -: kwok-node-1\n10.0.0.1',
      'node:kwok-node-2 < -: kwok-node-2\n10.0.0.2',
      // Only namespaces that hold a Service or an Ingress remain.
      'ns:data < -: data',
      'ns:shop < -: shop',
      // The pod's name, then its namespace and address: pods of every namespace share a node.
      'pod:data/db-0 < unscheduled: db-0\ndata',
      'pod:ops/agent-x < node:kwok-node-1: agent-x\nops · 10.0.0.1 · host network',
      'pod:shop/api-1 < node:kwok-node-1: api-1\nshop · 10.244.0.10',
      'pod:shop/api-2 < node:kwok-node-2: api-2\nshop · 10.244.1.11',
      'pod:shop/debug < node:kwok-node-1: debug\nshop · 10.244.0.99',
      'svc:data/db < ns:data: db',
      'svc:shop/api < ns:shop: api',
      'unscheduled < -: unscheduled',
    ]);
  });

  it.each([
    {
      name: 'namespace grouping: pods (folded ones counted), Services and Ingresses; an empty namespace says 0 pods',
      groupBy: 'namespace' as const,
      foldAbove: 1,
      expected: {
        'ns:data': 'data\n1 pod · 1 Service',
        'ns:empty': 'empty\n0 pods',
        'ns:ops': 'ops\n1 pod',
        'ns:shop': 'shop\n3 pods · 1 Service · 1 Ingress',
      },
    },
    {
      name: 'node grouping: a node summarises the pods it runs, under its name only (no IP)',
      groupBy: 'node' as const,
      foldAbove: 3,
      expected: {
        'node:kwok-node-1': 'kwok-node-1\n3 pods',
        'node:kwok-node-2': 'kwok-node-2\n1 pod',
        'ns:data': 'data\n0 pods · 1 Service',
        'ns:shop': 'shop\n0 pods · 1 Service · 1 Ingress',
        unscheduled: 'unscheduled\n1 pod',
      },
    },
  ])('group summaries, shown when zoomed far out: $name', ({ groupBy, foldAbove, expected }) => {
    const graph = buildGraph(cluster(), options({ groupBy, foldAbove }));
    expect(Object.fromEntries(graph.nodes.filter((n) => n.summary !== undefined).map((n) => [n.id, n.summary]))).toStrictEqual(expected);
  });

  it('the same Service and Ingress ids, with the same data, exist in both groupings', () => {
    const byNamespace = buildGraph(cluster(), options());
    const byNode = buildGraph(cluster(), options({ groupBy: 'node' }));
    const pick = (g: Graph) => g.nodes.filter((n) => n.kind === 'service' || n.kind === 'ingress');
    expect(pick(byNode)).toStrictEqual(pick(byNamespace));
    expect(byNode.edges).toStrictEqual(byNamespace.edges);
  });

  it('pod and Service data: phase, readiness, IP, host network, node, workload; Service type, ports, health', () => {
    const g = buildGraph(cluster(), options({ health: new Map([['svc:shop/api', 'warning']]) }));
    const find = (id: string) => g.nodes.find((n) => n.id === id);
    expect(find('pod:ops/agent-x')).toStrictEqual({
      id: 'pod:ops/agent-x',
      parent: 'ns:ops',
      kind: 'pod',
      label: 'agent-x',
      namespace: 'ops',
      name: 'agent-x',
      phase: 'Running',
      ready: true,
      hostNetwork: true,
      workload: 'DaemonSet/agent',
      ip: '10.0.0.1',
      nodeName: 'kwok-node-1',
    });
    expect(find('svc:shop/api')).toStrictEqual({
      id: 'svc:shop/api',
      parent: 'ns:shop',
      kind: 'service',
      label: 'api',
      namespace: 'shop',
      name: 'api',
      serviceType: 'ClusterIP',
      ports: 'http 80/TCP → 8080',
      health: 'warning',
    });
    // Absent from the health map: ok.
    expect(find('svc:data/db')?.health).toBe('ok');
  });

  it('a pod on a node the model lacks still gets that node compound; a namespace filter keeps only the nodes that run a drawn pod', () => {
    const m = cluster({ pods: [...SHOP_PODS, pod('data/cache-0', { nodeName: 'kwok-node-9' })] });
    expect(ids(buildGraph(m, options({ groupBy: 'node' }))).filter((id) => id.startsWith('node:'))).toStrictEqual(['node:kwok-node-1', 'node:kwok-node-2', 'node:kwok-node-9']);
    expect(buildGraph(m, options({ groupBy: 'node' })).nodes.find((n) => n.id === 'node:kwok-node-9')?.label).toBe('kwok-node-9');
    expect(ids(buildGraph(m, options({ groupBy: 'node', namespaces: new Set(['data']) })))).toStrictEqual([
      'node:kwok-node-9',
      'ns:data',
      'pod:data/cache-0',
      'pod:data/db-0',
      'svc:data/db',
      'unscheduled',
    ]);
  });

  it('the namespace filter drops the other namespaces and every edge into them', () => {
    const g = buildGraph(cluster(), options({ namespaces: new Set(['shop']) }));
    expect(ids(g)).toStrictEqual(['ing:shop/site', 'ns:shop', 'pod:shop/api-1', 'pod:shop/api-2', 'pod:shop/debug', 'svc:shop/api']);
    expect(edgeLines(g)).toStrictEqual([
      'e:ing:shop/site->svc:shop/api ingress-service "shop.example.com/api"',
      'e:svc:shop/api->pod:shop/api-1 service-endpoint ready',
      'e:svc:shop/api->pod:shop/api-2 service-endpoint ready',
    ]);
  });
});

describe('buildGraph: folding', () => {
  interface FoldCase {
    name: string;
    pods: Pod[];
    options: Partial<GraphOptions>;
    /** The pod and workload node ids of namespace shop. */
    expected: string[];
  }
  const cases: FoldCase[] = [
    { name: 'as many pods as foldAbove: not folded', pods: replicas('api', 3), options: {}, expected: ['pod:shop/api-1', 'pod:shop/api-2', 'pod:shop/api-3'] },
    { name: 'one pod more than foldAbove: folded', pods: replicas('api', 4), options: {}, expected: ['wl:shop/Deployment/api'] },
    { name: 'a lower threshold folds smaller workloads', pods: replicas('api', 2), options: { foldAbove: 1 }, expected: ['wl:shop/Deployment/api'] },
    {
      name: 'an expanded workload shows its pods',
      pods: replicas('api', 4),
      options: { expanded: new Set(['wl:shop/Deployment/api']) },
      expected: ['pod:shop/api-1', 'pod:shop/api-2', 'pod:shop/api-3', 'pod:shop/api-4'],
    },
    {
      name: 'expanding one workload leaves the others folded',
      pods: [...replicas('api', 4), ...replicas('web', 5)],
      options: { expanded: new Set(['wl:shop/Deployment/api']) },
      expected: ['pod:shop/api-1', 'pod:shop/api-2', 'pod:shop/api-3', 'pod:shop/api-4', 'wl:shop/Deployment/web'],
    },
    {
      name: 'bare pods (workload kind Pod) are never folded',
      pods: Array.from({ length: 5 }, (_, i) => pod(`shop/job-${i}`)),
      options: { foldAbove: 0 },
      expected: ['pod:shop/job-0', 'pod:shop/job-1', 'pod:shop/job-2', 'pod:shop/job-3', 'pod:shop/job-4'],
    },
    {
      name: 'workloads of the same kind and name in two namespaces are counted apart',
      pods: [...replicas('api', 2), ...replicas('api', 3).map((p) => ({ ...p, meta: { ...p.meta, namespace: 'other', name: `x${p.meta.name}` } }))],
      options: { foldAbove: 2 },
      expected: ['pod:shop/api-1', 'pod:shop/api-2'],
    },
    {
      name: 'node grouping never folds: it shows where each pod runs',
      pods: replicas('api', 4),
      options: { groupBy: 'node' },
      expected: ['pod:shop/api-1', 'pod:shop/api-2', 'pod:shop/api-3', 'pod:shop/api-4'],
    },
  ];
  it.each(cases)('$name', ({ pods, options: init, expected }) => {
    const m = cluster({ pods, services: [], ingresses: [] });
    const g = buildGraph(m, options(init));
    expect(g.nodes.filter((n) => (n.kind === 'pod' || n.kind === 'workload') && n.namespace === 'shop').map((n) => n.id)).toStrictEqual(expected);
    // podNodeId agrees with what is drawn.
    const drawn = new Set(ids(g));
    for (const p of pods) expect(drawn.has(podNodeId(p, options(init), m))).toBe(true);
  });

  it('a folded workload node: label "name ×n", ready and pod counts, in its namespace', () => {
    const pods = replicas('api', 5, (i) => (i < 2 ? { ready: false } : {}));
    const g = buildGraph(cluster({ pods, services: [], ingresses: [] }), options());
    expect(g.nodes.find((n) => n.kind === 'workload')).toStrictEqual({
      id: 'wl:shop/Deployment/api',
      parent: 'ns:shop',
      kind: 'workload',
      label: 'api ×5',
      namespace: 'shop',
      name: 'api',
      workload: 'Deployment/api',
      ready: false,
      readyCount: 3,
      podCount: 5,
    });
  });

  it('podNodeId: the pod itself, or its folded workload', () => {
    const pods = replicas('api', 4);
    const m = cluster({ pods });
    const first = pods[0] as Pod;
    expect(podNodeId(first, options(), m)).toBe('wl:shop/Deployment/api');
    expect(podNodeId(first, options({ foldAbove: 4 }), m)).toBe('pod:shop/api-1');
    expect(podNodeId(first, options({ expanded: new Set(['wl:shop/Deployment/api']) }), m)).toBe('pod:shop/api-1');
    expect(podNodeId(first, options({ groupBy: 'node' }), m)).toBe('pod:shop/api-1');
  });
});

describe('buildGraph: edges', () => {
  it('Ingress → Service for every existing Service its rules and default backend name, labelled host/path, deduplicated', () => {
    const site = ingress('shop/site', {
      defaultBackend: serviceBackend('web', 80),
      rules: [
        ingressRule('shop.example.com', httpPath('/api', 'Prefix', serviceBackend('api', 'http')), httpPath('/v2', 'Prefix', serviceBackend('api', 80)), httpPath('/', 'Prefix', serviceBackend('web', 80))),
        ingressRule('admin.example.com', httpPath('/api', 'Prefix', serviceBackend('api', 'http'))),
        // The same route twice (another port) is one line.
        ingressRule('shop.example.com', httpPath('/api', 'Prefix', serviceBackend('api', 81))),
        // A rule without a host matches every host; a path-less ImplementationSpecific path every path.
        ingressRule(undefined, httpPath(undefined, 'ImplementationSpecific', serviceBackend('web', 80))),
        // A Service that does not exist, and one in another namespace of the same name, get no edge.
        ingressRule('shop.example.com', httpPath('/gone', 'Prefix', serviceBackend('gone', 80)), httpPath('/db', 'Prefix', serviceBackend('db', 5432))),
      ],
    });
    const m = cluster({ ingresses: [site], services: [service('shop/api'), service('shop/web'), service('data/db')] });
    expect(edgeLines(buildGraph(m, options())).filter((l) => l.includes('ingress-service'))).toStrictEqual([
      'e:ing:shop/site->svc:shop/api ingress-service "shop.example.com/api\nshop.example.com/v2\nadmin.example.com/api"',
      'e:ing:shop/site->svc:shop/web ingress-service "shop.example.com/\n*/\ndefault backend"',
    ]);
  });

  it('Service → endpoint pods from the selector, ready or not; finished pods and pods of other Services get none', () => {
    const pods = replicas('api', 3, (i) => (i === 1 ? { ready: false } : i === 2 ? { phase: 'Succeeded', ready: false } : {}));
    const m = cluster({ pods: [...pods, pod('shop/other', { labels: { app: 'other' } })], services: [service('shop/api')], ingresses: [] });
    expect(edgeLines(buildGraph(m, options()))).toStrictEqual([
      'e:svc:shop/api->pod:shop/api-1 service-endpoint ready',
      'e:svc:shop/api->pod:shop/api-2 service-endpoint not-ready',
    ]);
  });

  it('Service → endpoint pods from EndpointSlices when there are any (endpoints without a known pod get no edge)', () => {
    const pods = replicas('api', 2);
    const [a, b] = pods as [Pod, Pod];
    const s = slice('shop/api-abc', {
      service: 'api',
      endpoints: [endpointFor(a), endpointFor(b, { ready: false }), endpointFor(pod('shop/ghost', { ip: '10.244.9.9' }))],
      ports: [80],
    });
    const m = cluster({ pods, services: [service('shop/api')], endpointslices: [s], ingresses: [] });
    expect(edgeLines(buildGraph(m, options()))).toStrictEqual([
      'e:svc:shop/api->pod:shop/api-1 service-endpoint ready',
      'e:svc:shop/api->pod:shop/api-2 service-endpoint not-ready',
    ]);
  });

  interface FoldedEdgeCase {
    name: string;
    ready: boolean[];
    expected: string[];
  }
  const foldedCases: FoldedEdgeCase[] = [
    { name: 'one edge to the folded workload, ready when any pod is', ready: [false, true, false, false], expected: ['e:svc:shop/api->wl:shop/Deployment/api service-endpoint ready'] },
    { name: 'not ready when none is', ready: [false, false, false, false], expected: ['e:svc:shop/api->wl:shop/Deployment/api service-endpoint not-ready'] },
    { name: 'ready when the first is and the others are not', ready: [true, false, false, false], expected: ['e:svc:shop/api->wl:shop/Deployment/api service-endpoint ready'] },
  ];
  it.each(foldedCases)('folded endpoints: $name', ({ ready, expected }) => {
    const pods = replicas('api', ready.length, (i) => ({ ready: ready[i] ?? true }));
    const m = cluster({ pods, services: [service('shop/api')], ingresses: [] });
    expect(edgeLines(buildGraph(m, options()))).toStrictEqual(expected);
  });

  it('an ExternalName Service has no endpoint edges', () => {
    const m = cluster({ services: [service('shop/api', { type: 'ExternalName', externalName: 'api.example.com', selector: { app: 'api' } })], ingresses: [] });
    expect(buildGraph(m, options()).edges).toStrictEqual([]);
  });
});

describe('buildGraph: order', () => {
  it('is deterministic: nodes and edges sorted by id (code units), whatever the order of the model', () => {
    const m = cluster({ services: [service('shop/api'), service('shop/Zeta', { selector: { app: 'api' } })] });
    const shuffled: ClusterModel = {
      ...m,
      resources: Object.fromEntries(Object.entries(m.resources).map(([k, v]) => [k, [...v].reverse()])) as ClusterModel['resources'],
    };
    const a = buildGraph(m, options());
    const b = buildGraph(shuffled, options());
    expect(b).toStrictEqual(a);
    const sorted = (list: string[]) => [...list].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(ids(a)).toStrictEqual(sorted(ids(a)));
    expect(a.edges.map((e) => e.id)).toStrictEqual(sorted(a.edges.map((e) => e.id)));
    // Upper case sorts before lower case, as code units do.
    expect(ids(a).indexOf('svc:shop/Zeta')).toBeLessThan(ids(a).indexOf('svc:shop/api'));
  });
});

describe('serviceHealth', () => {
  const finding = (severity: Severity, ...objects: Finding['objects']): Finding => ({
    id: `check:${objects.map((o) => o.name).join(',')}:${severity}`,
    check: 'check',
    severity,
    objects,
    message: '',
    hint: '',
  });
  const svc = (ns: string, name: string) => ({ kind: 'Service', namespace: ns, name });
  const report = (...findings: Finding[]): DiagnoseReport => ({ findings, skipped: [] });

  interface HealthCase {
    name: string;
    report: DiagnoseReport;
    expected: [string, string][];
  }
  const cases: HealthCase[] = [
    { name: 'no findings: no entries', report: report(), expected: [] },
    { name: 'info counts as ok', report: report(finding('info', svc('shop', 'api'))), expected: [['svc:shop/api', 'ok']] },
    { name: 'a warning', report: report(finding('warning', svc('shop', 'api'))), expected: [['svc:shop/api', 'warning']] },
    {
      name: 'the worst severity wins, in any order',
      report: report(finding('warning', svc('shop', 'api')), finding('error', svc('shop', 'api')), finding('info', svc('shop', 'api'))),
      expected: [['svc:shop/api', 'error']],
    },
    {
      name: 'an error is not lowered by a later warning',
      report: report(finding('error', svc('shop', 'api')), finding('warning', svc('shop', 'api'))),
      expected: [['svc:shop/api', 'error']],
    },
    {
      name: 'every Service a finding names counts, not only the first object; other kinds are ignored',
      report: report(finding('error', { kind: 'Ingress', namespace: 'shop', name: 'site' }, svc('shop', 'web')), finding('warning', svc('data', 'db'), { kind: 'Pod', namespace: 'data', name: 'db-0' })),
      expected: [
        ['svc:shop/web', 'error'],
        ['svc:data/db', 'warning'],
      ],
    },
  ];
  it.each(cases)('$name', ({ report: r, expected }) => {
    expect([...serviceHealth(r)]).toStrictEqual(expected);
  });
});

describe('buildGraph on the demo shop (examples/demo)', () => {
  let demo: ClusterModel;
  beforeAll(async () => {
    demo = (await loadManifestPaths([DEMO])).model;
  });

  it("draws the Ingress's and the Gateway's routes (the 90/10 split, the RefNotPermitted backend), each Service's endpoints (none for cart's typo), and the planted faults as unhealthy Services", () => {
    const health = serviceHealth(diagnose(demo, { source: 'manifests' }));
    const g = buildGraph(demo, options({ health }));
    expect(edgeLines(g)).toStrictEqual([
      'e:gw:shop/shop->svc:ingress-nginx/ingress-nginx-controller gateway-service invalid "next.shop.example.com /legacy ✕ RefNotPermitted"',
      'e:gw:shop/shop->svc:shop/api gateway-service "next.shop.example.com /api"',
      'e:gw:shop/shop->svc:shop/frontend gateway-service "next.shop.example.com / · 90%"',
      'e:gw:shop/shop->svc:shop/frontend-v2 gateway-service "next.shop.example.com / · 10%"',
      'e:ing:shop/shop->svc:shop/api ingress-service "shop.example.com/api"',
      'e:ing:shop/shop->svc:shop/frontend ingress-service "shop.example.com/"',
      'e:svc:ingress-nginx/ingress-nginx-controller->pod:ingress-nginx/ingress-nginx-controller-template service-endpoint ready',
      'e:svc:shop/api->pod:shop/api-template service-endpoint ready',
      'e:svc:shop/checkout->pod:shop/checkout-template service-endpoint ready',
      'e:svc:shop/frontend->pod:shop/frontend-template service-endpoint ready',
      'e:svc:shop/frontend-v2->pod:shop/frontend-v2-template service-endpoint ready',
      'e:svc:shop/payments->pod:shop/payments-template service-endpoint ready',
      'e:svc:shop/postgres->pod:shop/postgres-template service-endpoint ready',
      'e:svc:shop/redis->pod:shop/redis-template service-endpoint ready',
    ]);
    expect(g.nodes.filter((n) => n.kind === 'service').map((n) => `${n.id} ${n.health}`)).toStrictEqual([
      'svc:ingress-nginx/ingress-nginx-controller ok',
      'svc:shop/api ok',
      'svc:shop/cart error',
      'svc:shop/checkout error',
      'svc:shop/frontend ok',
      'svc:shop/frontend-v2 ok',
      'svc:shop/payments error',
      'svc:shop/postgres ok',
      'svc:shop/redis ok',
    ]);
    // Manifests place no pod on a node: in node grouping they are all unscheduled.
    const byNode = buildGraph(demo, options({ groupBy: 'node' }));
    expect(byNode.nodes.filter((n) => n.kind === 'pod').every((n) => n.parent === 'unscheduled')).toBe(true);
  });
});

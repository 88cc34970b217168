import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdgeData, GraphNodeData } from './elements';
import type { Highlight } from './highlight';
import { groupOf, summarizeGraph, summarizeHighlight, summarizePath } from './summary';

const ns = (name: string): GraphNodeData => ({ id: `ns:${name}`, kind: 'namespace', label: name, name, summary: `${name}\n…` });
const pod = (namespace: string, name: string, ready = true, workload = `Pod/${name}`): GraphNodeData => ({
  id: `pod:${namespace}/${name}`,
  parent: `ns:${namespace}`,
  kind: 'pod',
  label: name,
  namespace,
  name,
  ready,
  workload,
});
const workload = (namespace: string, name: string, podCount: number, readyCount: number): GraphNodeData => ({
  id: `wl:${namespace}/Deployment/${name}`,
  parent: `ns:${namespace}`,
  kind: 'workload',
  label: `${name} ×${podCount}`,
  namespace,
  name,
  workload: `Deployment/${name}`,
  podCount,
  readyCount,
  ready: podCount === readyCount,
});
const svc = (namespace: string, name: string): GraphNodeData => ({ id: `svc:${namespace}/${name}`, parent: `ns:${namespace}`, kind: 'service', label: name, namespace, name, health: 'ok' });
const gw = (namespace: string, name: string): GraphNodeData => ({ id: `gw:${namespace}/${name}`, parent: `ns:${namespace}`, kind: 'gateway', label: name, namespace, name });
const edge = (source: string, target: string, kind: GraphEdgeData['kind'], more: Partial<GraphEdgeData> = {}): GraphEdgeData => ({
  id: `e:${source}->${target}`,
  source,
  target,
  kind,
  ...more,
});

// shop: a Deployment of 5 (1 not ready), a Deployment's single pod, a bare pod not ready, two Services.
// infra: a Gateway routing to both shop Services (one reference not permitted), and an empty namespace.
const graph: Graph = {
  nodes: [
    ns('empty'),
    ns('infra'),
    ns('shop'),
    gw('infra', 'edge'),
    workload('shop', 'api', 5, 4),
    pod('shop', 'web-1', true, 'Deployment/web'),
    pod('shop', 'debug', false),
    svc('shop', 'api'),
    svc('shop', 'web'),
  ],
  edges: [
    edge('gw:infra/edge', 'svc:shop/api', 'gateway-service', { label: '/api', invalid: false }),
    edge('gw:infra/edge', 'svc:shop/web', 'gateway-service', { label: '/', invalid: true }),
    edge('svc:shop/api', 'wl:shop/Deployment/api', 'service-endpoint', { ready: true }),
    edge('svc:shop/web', 'pod:shop/web-1', 'service-endpoint', { ready: true }),
  ],
};

describe('summarizeGraph: namespaces not expanded are one node each', () => {
  it.each([
    {
      name: 'nothing expanded: one node a namespace, one edge for the Gateway routes between them, the endpoints inside dropped',
      expanded: [],
      nodes: ['ns:empty', 'ns:infra', 'ns:shop'],
      edges: [{ id: 'agg:gateway-service:ns:infra->ns:shop', source: 'ns:infra', target: 'ns:shop', aggregated: 2, invalid: true, label: '2 Gateway routes (1 ✕)' }],
    },
    {
      name: 'shop expanded: its contents drawn as in the full graph, the routes from the infra summary to each Service',
      expanded: ['ns:shop'],
      nodes: ['ns:empty', 'ns:infra', 'ns:shop', 'pod:shop/debug', 'pod:shop/web-1', 'svc:shop/api', 'svc:shop/web', 'wl:shop/Deployment/api'],
      edges: [
        { id: 'agg:gateway-service:ns:infra->svc:shop/api', source: 'ns:infra', target: 'svc:shop/api', aggregated: 1, label: '1 Gateway route' },
        { id: 'agg:gateway-service:ns:infra->svc:shop/web', source: 'ns:infra', target: 'svc:shop/web', aggregated: 1, invalid: true, label: '1 Gateway route (1 ✕)' },
        { id: 'e:svc:shop/api->wl:shop/Deployment/api', source: 'svc:shop/api', target: 'wl:shop/Deployment/api', aggregated: undefined },
        { id: 'e:svc:shop/web->pod:shop/web-1', source: 'svc:shop/web', target: 'pod:shop/web-1', aggregated: undefined },
      ],
    },
    {
      name: 'everything expanded: the full graph as it is',
      expanded: ['ns:empty', 'ns:infra', 'ns:shop'],
      nodes: graph.nodes.map((n) => n.id).sort(),
      edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, aggregated: undefined, ...(e.invalid ? { invalid: true } : {}) })),
    },
  ])('$name', ({ expanded, nodes, edges }) => {
    const summary = summarizeGraph(graph, new Set(expanded));
    expect(summary.nodes.map((n) => n.id)).toStrictEqual(nodes);
    expect(
      summary.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        aggregated: e.aggregated,
        ...(e.invalid ? { invalid: true } : {}),
        ...(e.aggregated ? { label: e.label } : {}),
      })),
    ).toStrictEqual(edges);
  });

  it('a summary counts pods (folded ones too), workloads (not bare pods), Services and pods not ready', () => {
    const summary = summarizeGraph(graph, new Set());
    const shop = summary.nodes.find((n) => n.id === 'ns:shop')!;
    expect(shop).toMatchObject({ kind: 'namespace', name: 'shop', collapsed: true, ready: false, podCount: 7, readyCount: 5, workloadCount: 2, serviceCount: 2 });
    expect(shop.label).toBe('shop\n7 pods · 2 workloads · 2 Services\n2 not ready');
    expect(summary.nodes.find((n) => n.id === 'ns:empty')!.label).toBe('empty\n0 pods · 0 workloads · 0 Services');
    expect(summary.summarised).toStrictEqual(new Set(['ns:empty', 'ns:infra', 'ns:shop']));
  });

  it('drawnAs names the summary of each node inside one, and nothing for what is drawn', () => {
    const summary = summarizeGraph(graph, new Set(['ns:shop']));
    expect(Object.fromEntries(summary.drawnAs)).toStrictEqual({ 'gw:infra/edge': 'ns:infra' });
  });

  it('endpoint edges merged into one are ready when any behind it is', () => {
    const g: Graph = {
      nodes: [ns('a'), ns('b'), svc('a', 's'), pod('b', 'p1'), pod('b', 'p2')],
      edges: [edge('svc:a/s', 'pod:b/p1', 'service-endpoint', { ready: false }), edge('svc:a/s', 'pod:b/p2', 'service-endpoint', { ready: true })],
    };
    const [merged] = summarizeGraph(g, new Set(['ns:a'])).edges;
    expect(merged).toStrictEqual({ id: 'agg:service-endpoint:svc:a/s->ns:b', source: 'svc:a/s', target: 'ns:b', kind: 'service-endpoint', aggregated: 2, ready: true, label: '×2' });
  });

  it('groupOf gives the top-level group of any node, and undefined for an id not in the graph', () => {
    const of = groupOf(graph);
    expect(['pod:shop/debug', 'gw:infra/edge', 'ns:empty', 'pod:gone/x'].map(of)).toStrictEqual(['ns:shop', 'ns:infra', 'ns:empty', undefined]);
  });
});

describe('summarizeHighlight and summarizePath: what lights inside a summary lights the summary', () => {
  const highlight: Highlight = {
    selected: 'pod:shop/debug',
    peers: [
      { id: 'gw:infra/edge', direction: 'ingress' },
      { id: 'pod:shop/web-1', direction: 'egress' },
      { id: 'svc:infra/dns', direction: 'egress' },
    ],
    flowEdges: [
      { id: 'flow:pod:shop/debug->pod:shop/web-1', source: 'pod:shop/debug', target: 'pod:shop/web-1', kind: 'flow', label: 'TCP 80' },
      { id: 'flow:pod:shop/debug->svc:infra/dns', source: 'pod:shop/debug', target: 'svc:infra/dns', kind: 'flow', label: 'UDP 53', notEnforced: true },
      { id: 'flow:gw:infra/edge->pod:shop/debug', source: 'gw:infra/edge', target: 'pod:shop/debug', kind: 'flow', label: 'TCP 8080' },
    ],
    rows: [],
  };
  const drawnAs = new Map([
    ['gw:infra/edge', 'ns:infra'],
    ['svc:infra/dns', 'ns:infra'],
  ]);

  it('peers in a summary become the summary, in both directions when they differ; their flows end at it and merge', () => {
    const mapped = summarizeHighlight(highlight, drawnAs);
    expect(mapped.selected).toBe('pod:shop/debug');
    expect(mapped.peers).toStrictEqual([
      { id: 'ns:infra', direction: 'both' },
      { id: 'pod:shop/web-1', direction: 'egress' },
    ]);
    expect(mapped.flowEdges.map((e) => [e.id, e.label, e.notEnforced])).toStrictEqual([
      ['flow:ns:infra->pod:shop/debug', 'TCP 8080', undefined],
      ['flow:pod:shop/debug->ns:infra', 'UDP 53', true],
      ['flow:pod:shop/debug->pod:shop/web-1', 'TCP 80', undefined],
    ]);
  });

  it('with nothing summarised the highlight is returned as it is', () => {
    expect(summarizeHighlight(highlight, new Map())).toBe(highlight);
  });

  it('a path through a summary lights it once; a hop inside one is dropped', () => {
    const path = summarizePath(
      {
        ids: ['pod:shop/debug', 'gw:infra/edge', 'svc:infra/dns'],
        edges: [
          { id: 'path:pod:shop/debug->gw:infra/edge', source: 'pod:shop/debug', target: 'gw:infra/edge', kind: 'path', verdict: 'allowed' },
          { id: 'path:gw:infra/edge->svc:infra/dns', source: 'gw:infra/edge', target: 'svc:infra/dns', kind: 'path', verdict: 'denied' },
        ],
        denying: ['svc:infra/dns'],
      },
      drawnAs,
    );
    expect(path).toStrictEqual({
      ids: ['pod:shop/debug', 'ns:infra'],
      edges: [{ id: 'path:pod:shop/debug->ns:infra', source: 'pod:shop/debug', target: 'ns:infra', kind: 'path', verdict: 'allowed' }],
      denying: ['ns:infra'],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Graph } from '@/lib/graph/elements';
import { layoutPositions, layoutRequest, layoutSeed } from './layout-positions';

const pods = (ns: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `pod:${ns}/p${i}`, parent: `ns:${ns}`, kind: 'pod' as const, label: `p${i}-a-rather-long-pod-name\n10.244.0.${i}` }));
const graph: Graph = {
  nodes: [{ id: 'ns:a', kind: 'namespace', label: 'a' }, { id: 'ns:b', kind: 'namespace', label: 'b' }, ...pods('a', 4), ...pods('b', 4), { id: 'svc:a/s', parent: 'ns:a', kind: 'service', label: 's' }],
  edges: [{ id: 'e:svc:a/s->pod:a/p0', source: 'svc:a/s', target: 'pod:a/p0', kind: 'service-endpoint', ready: true }],
};

describe('layoutRequest: what the layout keeps room for', () => {
  it('a node gets room for its label (12px text, up to 170px) below its shape; groups keep their nesting', () => {
    const request = layoutRequest(graph);
    expect(request.nodes.find((n) => n.id === 'pod:a/p0')).toStrictEqual({ id: 'pod:a/p0', kind: 'pod', parent: 'ns:a', width: 162.5, height: 62 });
    expect(request.nodes.find((n) => n.id === 'svc:a/s')).toStrictEqual({ id: 'svc:a/s', kind: 'service', parent: 'ns:a', width: 30, height: 46 });
    expect(request.edges).toStrictEqual([{ id: 'e:svc:a/s->pod:a/p0', source: 'svc:a/s', target: 'pod:a/p0' }]);
  });

  it('a labelled edge asks for room for its longest line (8px text), up to 200px; a short label for no more than the default', () => {
    const edge = (label: string) => ({ id: 'e', source: 'svc:a/s', target: 'pod:a/p0', kind: 'gateway-service' as const, label });
    const lengths = ['next.shop.example.com / · 90%', 'x\nnext.shop.example.com /legacy ✕ RefNotPermitted', '*', 'a'.repeat(100)].map(
      (label) => layoutRequest({ nodes: graph.nodes, edges: [edge(label)] }).edges[0]?.length,
    );
    expect(lengths).toStrictEqual([29 * 4.5, 200, undefined, 200]);
  });
});

describe('layoutPositions: fcose on a headless instance', () => {
  it('places every leaf, none on top of another, and keeps the two groups apart', () => {
    const positions = layoutPositions(layoutRequest(graph));
    const leaves = graph.nodes.filter((n) => n.parent).map((n) => n.id);
    expect(Object.keys(positions).sort()).toStrictEqual(leaves.sort());
    for (const [i, a] of leaves.entries()) {
      for (const b of leaves.slice(i + 1)) {
        const [p, q] = [positions[a]!, positions[b]!];
        expect(Math.hypot(p.x - q.x, p.y - q.y), `${a} and ${b}`).toBeGreaterThan(20);
      }
    }
    const box = (ns: string) => {
      const xs = leaves.filter((id) => id.includes(`:${ns}/`)).map((id) => positions[id]!);
      const min = (values: number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
      const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
      return { x1: min(xs.map((p) => p.x)), x2: max(xs.map((p) => p.x)), y1: min(xs.map((p) => p.y)), y2: max(xs.map((p) => p.y)) };
    };
    const [a, b] = [box('a'), box('b')];
    const overlap = a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
    expect(overlap).toBe(false);
  });
});

describe('layoutPositions: the same objects give the same picture', () => {
  it('two layouts of the same graph place every node at the same point, and Math.random is left as it was', () => {
    const random = Math.random;
    const first = layoutPositions(layoutRequest(graph));
    const second = layoutPositions(layoutRequest(graph));
    expect(second).toStrictEqual(first);
    expect(Math.random).toBe(random);
  });

  it('the seed follows the content: another pod, another seed; the same graph built again, the same seed', () => {
    const other: Graph = { nodes: [...graph.nodes, { id: 'pod:b/p9', parent: 'ns:b', kind: 'pod', label: 'p9' }], edges: graph.edges };
    expect(layoutSeed(layoutRequest(graph))).toBe(layoutSeed(layoutRequest({ nodes: [...graph.nodes], edges: [...graph.edges] })));
    expect(layoutSeed(layoutRequest(other))).not.toBe(layoutSeed(layoutRequest(graph)));
  });
});

describe('layoutGrids: a big map, or a summary map, in grids', () => {
  it('each group in a grid (Services before pods), groups packed in rows, nothing on top of anything', () => {
    const positions = layoutPositions({ ...layoutRequest(graph), grid: true });
    // ns:a holds 5 leaves: the Service first, then p0..p3, in a grid of 2 columns and 3 rows (cells 162.5+12 by 62+12).
    expect(positions['svc:a/s']!.x).toBeLessThan(positions['pod:a/p0']!.x);
    const a = ['svc:a/s', 'pod:a/p0', 'pod:a/p1', 'pod:a/p2', 'pod:a/p3'].map((id) => positions[id]!);
    expect(new Set(a.map((p) => p.x)).size).toBe(2);
    expect(new Set(a.map((p) => p.y)).size).toBe(3);
    const all = Object.values(positions);
    for (const [i, p] of all.entries()) for (const q of all.slice(i + 1)) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(30);
    expect(Object.keys(positions).sort()).toStrictEqual(graph.nodes.filter((n) => n.parent).map((n) => n.id).sort());
  });

  it('a summary (a group with nothing in it) is placed as a leaf of its own', () => {
    const summaries: Graph = { nodes: [{ id: 'ns:a', kind: 'namespace', label: 'a\n3 pods', collapsed: true }, { id: 'ns:b', kind: 'namespace', label: 'b\n1 pod', collapsed: true }], edges: [] };
    const positions = layoutPositions({ ...layoutRequest(summaries), grid: true });
    expect(Object.keys(positions).sort()).toStrictEqual(['ns:a', 'ns:b']);
    expect(positions['ns:a']).not.toStrictEqual(positions['ns:b']);
  });
});

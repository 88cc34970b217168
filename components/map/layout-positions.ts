import cytoscape, { type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Graph, GraphNodeData, NodeKind } from '@/lib/graph/elements';
import { GROUP_LABEL_HEIGHT, layoutGrids } from './grid-layout';
import { shelfPack } from './shelf-pack';

export { layoutGrids };

// The map's one full layout (fcose, compound-aware), run on the first graph. On a big cluster it takes a second or
// more, so it runs in a Web Worker and the page stays responsive meanwhile. It is deterministic: fcose draws its
// randomness (the spectral start, the tree reduction) from Math.random, which is seeded from the graph for the
// run, so the same objects give the same picture on every load and in every browser.

cytoscape.use(fcose);

/** What the layout needs of the graph: ids, nesting, edges and each leaf's room (its shape and its label). */
export interface LayoutRequest {
  /** `kind`: the grid layout orders a group's leaves by it. */
  nodes: { id: string; kind?: NodeKind; parent?: string; width: number; height: number }[];
  /** `length`: the room a labelled edge wants (its longest label line), so that labels do not sit on the nodes. */
  edges: { id: string; source: string; target: string; length?: number }[];
  /** Groups' contents in grids (layoutGrids) whatever the size: the summary map, whose groups are single nodes. */
  grid?: boolean;
}

export type Positions = Record<string, Position>;

const NODE_SIZE = 30;
const LABEL_CHAR_WIDTH = 6.5;
const LABEL_MAX_WIDTH = 170;
const LABEL_HEIGHT = 16;
/** fcose's ideal edge length (below) for an unlabelled edge; the map's edge labels are 8px, about 4.5px a character. */
const EDGE_LENGTH = 40;
const EDGE_CHAR_WIDTH = 4.5;
const EDGE_MAX_LENGTH = 200;

/** Room for a node and its label below it (the map's labels: 12px, up to 170px wide), as the layout should keep. */
export function layoutRequest(graph: Graph): LayoutRequest {
  const room = (n: GraphNodeData) => {
    const lines = n.label.split('\n');
    const longest = lines.reduce((max, l) => Math.max(max, l.length), 0);
    return { width: Math.max(NODE_SIZE, Math.min(LABEL_MAX_WIDTH, longest * LABEL_CHAR_WIDTH)), height: NODE_SIZE + lines.length * LABEL_HEIGHT };
  };
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, ...(n.parent ? { parent: n.parent } : {}), ...room(n) })),
    edges: graph.edges.map((e) => {
      const longest = (e.label ?? '').split('\n').reduce((max, l) => Math.max(max, l.length), 0);
      const length = Math.min(EDGE_MAX_LENGTH, Math.max(EDGE_LENGTH, longest * EDGE_CHAR_WIDTH));
      return { id: e.id, source: e.source, target: e.target, ...(length > EDGE_LENGTH ? { length } : {}) };
    }),
  };
}


/**
 * Above this many nodes the groups' contents are put in grids (layoutGrids) instead of laid out by fcose. fcose on
 * the whole graph grows faster than linearly: 12 s for the 8,000 nodes of a 10,000-pod cluster (Node 24, this
 * 2-core machine); group by group it still took 6 s, each headless instance and fcose run costing 10-40 ms even for
 * a group of ten. A grid is a few milliseconds for the whole map. The groups are packed in rows afterwards either
 * way; below this size the whole graph is laid out by fcose at once, as before.
 */
export const FCOSE_MAX_NODES = 1500;

/**
 * Runs fcose on a headless instance, packs the top-level groups in rows (shelf-pack.ts), and returns the positions
 * of the leaves (groups follow their contents).
 */
export function layoutPositions(request: LayoutRequest): Positions {
  if (request.grid || request.nodes.length > FCOSE_MAX_NODES) return layoutGrids(request);
  const cy = laidOut(request);
  const tops = cy.nodes().orphans();
  const boxes = new Map(tops.map((top) => [top.id(), top.boundingBox({})] as const));
  const places = shelfPack([...boxes].map(([id, box]) => ({ id, w: box.w, h: box.h + GROUP_LABEL_HEIGHT })));
  const positions: Positions = {};
  tops.forEach((top) => {
    const box = boxes.get(top.id())!;
    const place = places[top.id()]!;
    const [dx, dy] = [place.x - box.x1, place.y + GROUP_LABEL_HEIGHT - box.y1];
    top.union(top.descendants()).filter(':childless').forEach((n) => {
      const p = n.position();
      positions[n.id()] = { x: p.x + dx, y: p.y + dy };
    });
  });
  cy.destroy();
  return positions;
}

/** A headless instance of the request's elements, laid out by fcose with the request's own seed. */
function laidOut(request: LayoutRequest): cytoscape.Core {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(width)', height: 'data(height)', padding: '14px' } }],
    elements: [...request.nodes.map((data) => ({ group: 'nodes' as const, data })), ...request.edges.map((data) => ({ group: 'edges' as const, data }))],
  });
  // Somewhat tighter than fcose's defaults (repulsion 4500, edge length 50): a small cluster then fits at a zoom
  // where its labels are drawn. A labelled edge asks for room for its label.
  const idealEdgeLength = (edge: cytoscape.EdgeSingular) => (edge.data('length') as number | undefined) ?? EDGE_LENGTH;
  if (request.nodes.length > 1) {
    withSeededRandom(layoutSeed(request), () =>
      cy.layout({ name: 'fcose', animate: false, randomize: true, packComponents: false, nodeRepulsion: 2000, idealEdgeLength } as cytoscape.LayoutOptions).run(),
    );
  }
  return cy;
}

/** The seed of a layout: a 32-bit FNV-1a hash of what it lays out (ids, nesting, sizes, edges, all sorted by id). */
export function layoutSeed(request: LayoutRequest): number {
  // Of what fcose reads: a node's kind orders grids only, and the seed (so the picture) stays what it was without it.
  const text = JSON.stringify({ ...request, nodes: request.nodes.map((n) => ({ id: n.id, parent: n.parent, width: n.width, height: n.height })) });
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast generator of uniform numbers in [0, 1), the same sequence for the same seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `run` with Math.random replaced by a generator seeded with `seed`, and restores it after. The layout runs
 * synchronously (in its worker, or on the page's thread where no worker starts), so no other code draws from it.
 */
function withSeededRandom(seed: number, run: () => void): void {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    run();
  } finally {
    Math.random = original;
  }
}

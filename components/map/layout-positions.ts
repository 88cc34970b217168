import cytoscape, { type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Graph, GraphNodeData } from '@/lib/graph/elements';

// The map's one full layout (fcose, compound-aware), run on the first graph. On a big cluster it takes a second or
// more, so it runs in a Web Worker and the page stays responsive meanwhile.

cytoscape.use(fcose);

/** What the layout needs of the graph: ids, nesting, edges and each leaf's room (its shape and its label). */
export interface LayoutRequest {
  nodes: { id: string; parent?: string; width: number; height: number }[];
  /** `length`: the room a labelled edge wants (its longest label line), so that labels do not sit on the nodes. */
  edges: { id: string; source: string; target: string; length?: number }[];
}

export type Positions = Record<string, Position>;

const NODE_SIZE = 30;
const LABEL_CHAR_WIDTH = 6.5;
const LABEL_MAX_WIDTH = 120;
const LABEL_HEIGHT = 16;
/** fcose's ideal edge length (below) for an unlabelled edge; the map's edge labels are 8px, about 4.5px a character. */
const EDGE_LENGTH = 40;
const EDGE_CHAR_WIDTH = 4.5;
const EDGE_MAX_LENGTH = 200;

/** Room for a node and its label below it (the map's labels: 12px, cut at 120px), as the layout should keep. */
export function layoutRequest(graph: Graph): LayoutRequest {
  const room = (n: GraphNodeData) => {
    const lines = n.label.split('\n');
    const longest = lines.reduce((max, l) => Math.max(max, l.length), 0);
    return { width: Math.max(NODE_SIZE, Math.min(LABEL_MAX_WIDTH, longest * LABEL_CHAR_WIDTH)), height: NODE_SIZE + lines.length * LABEL_HEIGHT };
  };
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, ...(n.parent ? { parent: n.parent } : {}), ...room(n) })),
    edges: graph.edges.map((e) => {
      const longest = (e.label ?? '').split('\n').reduce((max, l) => Math.max(max, l.length), 0);
      const length = Math.min(EDGE_MAX_LENGTH, Math.max(EDGE_LENGTH, longest * EDGE_CHAR_WIDTH));
      return { id: e.id, source: e.source, target: e.target, ...(length > EDGE_LENGTH ? { length } : {}) };
    }),
  };
}

/** Runs fcose on a headless instance and returns the positions of the leaves (groups follow their contents). */
export function layoutPositions(request: LayoutRequest): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(width)', height: 'data(height)', padding: '14px' } }],
    elements: [...request.nodes.map((data) => ({ group: 'nodes' as const, data })), ...request.edges.map((data) => ({ group: 'edges' as const, data }))],
  });
  // Somewhat tighter than fcose's defaults (repulsion 4500, edge length 50): a small cluster then fits at a zoom
  // where its labels are drawn. A labelled edge asks for room for its label.
  const idealEdgeLength = (edge: cytoscape.EdgeSingular) => (edge.data('length') as number | undefined) ?? EDGE_LENGTH;
  cy.layout({ name: 'fcose', animate: false, randomize: true, packComponents: false, nodeRepulsion: 2000, idealEdgeLength } as cytoscape.LayoutOptions).run();
  const positions: Positions = {};
  cy.nodes(':childless').forEach((n) => {
    positions[n.id()] = { ...n.position() };
  });
  cy.destroy();
  return positions;
}

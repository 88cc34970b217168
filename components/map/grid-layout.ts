import type { NodeKind } from '@/lib/graph/elements';
import type { LayoutRequest, Positions } from './layout-positions';
import { shelfPack } from './shelf-pack';

// The map's layout for big maps and summary maps: each group's contents in a grid, the groups packed in rows. Pure
// and linear, and free of Cytoscape, so that the page runs it on its own thread (a worker would first have to load
// Cytoscape and fcose: seconds on a busy machine, against 30 ms for this at 10,000 pods).

/** A group's label sits above its box: room for it when groups are packed. */
export const GROUP_LABEL_HEIGHT = 20;

/** Room between two cells of a group's grid. */
const GRID_GAP = 12;
/** The order of kinds in a group's grid: what routes traffic first, then what receives it. */
const GRID_ORDER: readonly NodeKind[] = ['ingress', 'gateway', 'service', 'workload', 'pod', 'ipRange'];
const gridRank = (kind: NodeKind | undefined) => {
  const rank = kind ? GRID_ORDER.indexOf(kind) : -1;
  return rank < 0 ? GRID_ORDER.length : rank;
};

/**
 * Each top-level group's leaves in a grid (Ingresses and Gateways first, then Services, workloads and pods, each by
 * id), cells as large as the group's largest leaf, about as wide as tall; then the groups packed in rows. Pure and
 * linear: the same objects give the same picture, and a change in one group leaves the others as they were.
 */
export function layoutGrids(request: LayoutRequest): Positions {
  const parentOf = new Map(request.nodes.map((n) => [n.id, n.parent] as const));
  const isParent = new Set(request.nodes.flatMap((n) => (n.parent ? [n.parent] : [])));
  const topOf = (id: string): string => {
    let current = id;
    for (let parent = parentOf.get(current); parent !== undefined && parentOf.has(parent); parent = parentOf.get(current)) current = parent;
    return current;
  };
  const leavesByTop = new Map<string, LayoutRequest['nodes']>();
  for (const node of request.nodes) {
    if (isParent.has(node.id)) continue;
    const top = topOf(node.id);
    const leaves = leavesByTop.get(top);
    if (leaves) leaves.push(node);
    else leavesByTop.set(top, [node]);
  }
  const grids = [...leavesByTop].map(([id, leaves]) => {
    leaves.sort((a, b) => gridRank(a.kind) - gridRank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const cellW = leaves.reduce((max, n) => Math.max(max, n.width), 0) + GRID_GAP;
    const cellH = leaves.reduce((max, n) => Math.max(max, n.height), 0) + GRID_GAP;
    const columns = Math.max(1, Math.ceil(Math.sqrt((leaves.length * cellH) / cellW)));
    const rows = Math.ceil(leaves.length / columns);
    // A group's box is its padding (14px) around its leaves.
    return { id, leaves, cellW, cellH, columns, w: columns * cellW + 28, h: rows * cellH + 28 };
  });
  const packed = shelfPack(grids.map(({ id, w, h }) => ({ id, w, h: h + GROUP_LABEL_HEIGHT })));
  const positions: Positions = {};
  for (const { id, leaves, cellW, cellH, columns } of grids) {
    const place = packed[id]!;
    leaves.forEach((leaf, i) => {
      const [column, row] = [i % columns, Math.floor(i / columns)];
      positions[leaf.id] = { x: place.x + 14 + (column + 0.5) * cellW, y: place.y + GROUP_LABEL_HEIGHT + 14 + (row + 0.5) * cellH };
    });
  }
  return positions;
}


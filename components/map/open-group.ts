import type { Position } from 'cytoscape';
import { layoutGrids } from './grid-layout';
import type { LayoutRequest, Positions } from './layout-positions';

// Where a summary's contents go when it is opened on a map already drawn: in a grid centred where the summary was,
// and the other groups moved aside (those to its right in its row, further right; those below it, further down) so
// that nothing overlaps and nothing else changes order. Pure.

export interface TopBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The contents' places: a grid (as layoutGrids makes one) whose top-left corner is `corner`; and its size. */
export function placeContents(groupId: string, contents: LayoutRequest['nodes'], corner: Position): { positions: Positions; w: number; h: number } {
  if (contents.length === 0) return { positions: {}, w: 0, h: 0 };
  const grid = layoutGrids({ nodes: [{ id: groupId, width: 0, height: 0 }, ...contents.map((n) => ({ ...n, parent: groupId }))], edges: [] });
  const points = Object.values(grid);
  const room = contents.reduce((max, n) => Math.max(max, n.width, n.height), 0);
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) [x1, y1, x2, y2] = [Math.min(x1, p.x), Math.min(y1, p.y), Math.max(x2, p.x), Math.max(y2, p.y)];
  // The group's padding (14px) and its label above it.
  const [left, top] = [corner.x + 14 + room / 2, corner.y + 34 + room / 2];
  const positions: Positions = {};
  for (const [id, p] of Object.entries(grid)) positions[id] = { x: p.x - x1 + left, y: p.y - y1 + top };
  return { positions, w: x2 - x1 + room + 28, h: y2 - y1 + room + 48 };
}

/**
 * How far each other top-level box moves so that `opened` (its top-left corner kept, now `w` by `h`) overlaps none:
 * boxes of its row (overlapping it vertically) to its right move right by the growth in width, boxes below its row
 * move down by the growth in height. Boxes (x, y: centre) that need not move are absent.
 */
export function makeRoom(opened: TopBox, w: number, h: number, others: readonly TopBox[]): Map<string, Position> {
  const moves = new Map<string, Position>();
  const dw = Math.max(0, w - opened.w);
  const dh = Math.max(0, h - opened.h);
  if (dw === 0 && dh === 0) return moves;
  const [top, bottom] = [opened.y - opened.h / 2, opened.y + opened.h / 2];
  for (const box of others) {
    if (box.id === opened.id) continue;
    const inRow = box.y + box.h / 2 > top && box.y - box.h / 2 < bottom;
    const right = box.x - box.w / 2 >= opened.x;
    const below = box.y - box.h / 2 >= bottom;
    const dx = inRow && right ? dw : 0;
    const dy = below ? dh : 0;
    if (dx || dy) moves.set(box.id, { x: dx, y: dy });
  }
  return moves;
}

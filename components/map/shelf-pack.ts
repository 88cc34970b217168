// Where the map's top-level groups (namespaces, nodes) go, once fcose has laid out their contents. Left to itself,
// fcose leaves groups linked by an edge or two far apart on a diagonal, and the whole map then fits the window only
// at a zoom where its labels cannot be read. Packed in rows, tallest first, to the map's landscape shape, the groups
// fill the window. Pure.

export interface Box {
  id: string;
  w: number;
  h: number;
}

/** The map's shape (width / height) the rows aim for: a wide window beside the side panel. */
const ASPECT = 1.4;
/** Room between two groups, and for a group's label above its box. */
const GAP = 40;

/**
 * The top-left corner of each box, packed in rows (shelves) from the top left: boxes sorted by height (tallest
 * first, then by id, so the same boxes give the same places), each row as wide as the widest box or the width at
 * which the rows come out in the map's shape, whichever is wider.
 */
export function shelfPack(boxes: readonly Box[]): Record<string, { x: number; y: number }> {
  const sorted = [...boxes].sort((a, b) => b.h - a.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const area = sorted.reduce((sum, b) => sum + (b.w + GAP) * (b.h + GAP), 0);
  const rowWidth = sorted.reduce((widest, b) => Math.max(widest, b.w), Math.sqrt(area * ASPECT));
  const places: Record<string, { x: number; y: number }> = {};
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const box of sorted) {
    if (x > 0 && x + box.w > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    places[box.id] = { x, y };
    x += box.w + GAP;
    rowHeight = Math.max(rowHeight, box.h);
  }
  return places;
}

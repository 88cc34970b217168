import type { Positions } from './layout-positions';

// Where the map's nodes were, kept per context (and grouping) in the browser, so that a reload shows the picture the
// person left: pods come and go under new names, which would give a fresh layout another seed (layout-positions.ts),
// and a node they dragged stays where they put it. Pure but for the Storage handed in (localStorage in the page).

const PREFIX = 'kube-netmap.positions.v1:';
/** The contexts kept; the least recently saved goes first. */
const MAX_KEYS = 8;
/** The nodes kept per context: those on the map now first, then those seen before (a filtered-out namespace's). */
const MAX_NODES = 5000;
/**
 * The first graph is drawn from the saved places when they cover at least this share of its nodes (the rest go beside
 * their group, as new nodes do); below it the cluster changed too much for them, and it is laid out afresh.
 */
const SAVED_COVER = 0.5;

interface Saved {
  savedAt: number;
  /** id -> [x, y], rounded to whole pixels. */
  at: Record<string, [number, number]>;
}

/** The key one map's places are kept under: its context and its grouping (the groups differ, and so do the places). */
export const positionsKey = (context: string, groupBy: string) => `${PREFIX}${groupBy}:${context}`;

function read(storage: Storage, key: string): Saved | undefined {
  try {
    const saved = JSON.parse(storage.getItem(key) ?? 'null') as Saved | null;
    return saved && typeof saved.at === 'object' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** The saved places of the given nodes, if they cover enough of them to draw the map from (see SAVED_COVER). */
export function savedFirstPositions(storage: Storage, key: string, leafIds: readonly string[]): Positions | undefined {
  const saved = read(storage, key);
  if (!saved || leafIds.length === 0) return undefined;
  const positions: Positions = {};
  for (const id of leafIds) {
    const at = saved.at[id];
    if (at) positions[id] = { x: at[0], y: at[1] };
  }
  return Object.keys(positions).length >= leafIds.length * SAVED_COVER ? positions : undefined;
}

/**
 * Keeps the places of the nodes on the map now, and as many of those saved before as fit. A full or refusing
 * storage is not an error: the map then starts from its seeded layout next time.
 */
export function savePositions(storage: Storage, key: string, current: Positions, now = Date.now()): void {
  const at: Record<string, [number, number]> = {};
  let count = 0;
  for (const [id, p] of Object.entries(current)) {
    at[id] = [Math.round(p.x), Math.round(p.y)];
    count += 1;
  }
  for (const [id, p] of Object.entries(read(storage, key)?.at ?? {})) {
    if (count >= MAX_NODES) break;
    if (at[id]) continue;
    at[id] = p;
    count += 1;
  }
  try {
    storage.setItem(key, JSON.stringify({ savedAt: now, at } satisfies Saved));
    forgetOldest(storage);
  } catch {
    // Quota exceeded or storage disabled.
  }
}

function forgetOldest(storage: Storage): void {
  const keys: { key: string; savedAt: number }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) keys.push({ key, savedAt: read(storage, key)?.savedAt ?? 0 });
  }
  keys.sort((a, b) => b.savedAt - a.savedAt);
  for (const { key } of keys.slice(MAX_KEYS)) storage.removeItem(key);
}

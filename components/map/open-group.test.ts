import { describe, expect, it } from 'vitest';
import { makeRoom, placeContents, type TopBox } from './open-group';

describe('placeContents: an opened summary holds its contents in a grid from where its box began', () => {
  it('four leaves of 30x46 make a grid of 3 columns (as wide as tall: 3 x 42 against 2 x 58) from the corner, with room for the padding and label', () => {
    const contents = ['pod:a/1', 'pod:a/2', 'pod:a/3', 'svc:a/s'].map((id) => ({ id, kind: id.startsWith('svc:') ? ('service' as const) : ('pod' as const), width: 30, height: 46 }));
    const { positions, w, h } = placeContents('ns:a', contents, { x: 100, y: 200 });
    // Services first (the grid's order), then pods by id; cells of 30+12 by 46+12.
    expect(positions).toStrictEqual({
      'svc:a/s': { x: 137, y: 257 },
      'pod:a/1': { x: 179, y: 257 },
      'pod:a/2': { x: 221, y: 257 },
      'pod:a/3': { x: 137, y: 315 },
    });
    expect([w, h]).toStrictEqual([84 + 46 + 28, 58 + 46 + 48]);
  });

  it('nothing to place: no positions and no size', () => {
    expect(placeContents('ns:a', [], { x: 0, y: 0 })).toStrictEqual({ positions: {}, w: 0, h: 0 });
  });
});

describe('makeRoom: the groups after an opened one move aside', () => {
  // A row of three summaries 170x64 (centres 100, 300, 500 at y 50) and a row below (y 150).
  const box = (id: string, x: number, y: number): TopBox => ({ id, x, y, w: 170, h: 64 });
  const others = [box('ns:a', 100, 50), box('ns:b', 300, 50), box('ns:c', 500, 50), box('ns:d', 100, 150), box('ns:e', 300, 150)];

  it.each([
    { name: 'opening the first of a row moves the rest of its row right and every row below down', opened: 'ns:a', w: 400, h: 300, want: { 'ns:b': { x: 230, y: 0 }, 'ns:c': { x: 230, y: 0 }, 'ns:d': { x: 0, y: 236 }, 'ns:e': { x: 0, y: 236 } } },
    { name: 'opening the last of a row moves only the rows below', opened: 'ns:c', w: 400, h: 300, want: { 'ns:d': { x: 0, y: 236 }, 'ns:e': { x: 0, y: 236 } } },
    { name: 'a group no larger than its summary moves nothing', opened: 'ns:b', w: 100, h: 40, want: {} },
    { name: 'only wider: its row moves right, no row moves down', opened: 'ns:d', w: 300, h: 64, want: { 'ns:e': { x: 130, y: 0 } } },
  ])('$name', ({ opened, w, h, want }) => {
    const at = others.find((b) => b.id === opened)!;
    expect(Object.fromEntries(makeRoom(at, w, h, others))).toStrictEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import { shelfPack, type Box } from './shelf-pack';

const overlap = (a: Box & { x: number; y: number }, b: Box & { x: number; y: number }) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('shelfPack: the top-level groups in rows, to the map’s landscape shape', () => {
  it('one box stays at the origin', () => {
    expect(shelfPack([{ id: 'ns:a', w: 300, h: 200 }])).toStrictEqual({ 'ns:a': { x: 0, y: 0 } });
  });

  it('a big group and a small one: the small one starts the next row, right under the big one, not on a far diagonal', () => {
    const places = shelfPack([
      { id: 'ns:shop', w: 930, h: 700 },
      { id: 'ns:ingress', w: 225, h: 225 },
    ]);
    expect(places['ns:shop']).toStrictEqual({ x: 0, y: 0 });
    expect(places['ns:ingress']).toStrictEqual({ x: 0, y: 740 });
  });

  it('many groups: none overlaps another, tallest first, and the whole comes out wider than tall', () => {
    const boxes: Box[] = Array.from({ length: 30 }, (_, i) => ({ id: `ns:n${String(i).padStart(2, '0')}`, w: 100 + ((i * 37) % 400), h: 80 + ((i * 53) % 300) }));
    const places = shelfPack(boxes);
    const placed = boxes.map((b) => ({ ...b, ...places[b.id]! }));
    for (const [i, a] of placed.entries()) for (const b of placed.slice(i + 1)) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
    const width = placed.reduce((max, b) => Math.max(max, b.x + b.w), 0);
    const height = placed.reduce((max, b) => Math.max(max, b.y + b.h), 0);
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(2.5);
    const tallest = [...boxes].sort((a, b) => b.h - a.h)[0]!;
    expect(places[tallest.id]).toStrictEqual({ x: 0, y: 0 });
  });

  it('the same boxes in another order get the same places', () => {
    const boxes: Box[] = [
      { id: 'ns:a', w: 100, h: 100 },
      { id: 'ns:b', w: 100, h: 100 },
      { id: 'ns:c', w: 300, h: 50 },
    ];
    expect(shelfPack([...boxes].reverse())).toStrictEqual(shelfPack(boxes));
  });
});

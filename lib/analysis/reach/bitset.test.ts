import { describe, expect, it } from 'vitest';
import { Bitset } from './bitset';

const of = (size: number, ids: number[]) => {
  const set = new Bitset(size);
  for (const id of ids) set.add(id);
  return set;
};
const ids = (set: Bitset) => {
  const out: number[] = [];
  set.forEach((id) => out.push(id));
  return out;
};

describe('Bitset', () => {
  it('holds the ids added, lowest first, across word boundaries', () => {
    const set = of(100, [99, 0, 31, 32, 64, 33]);
    expect(ids(set)).toEqual([0, 31, 32, 33, 64, 99]);
    expect([set.has(31), set.has(30), set.has(99)]).toEqual([true, false, true]);
  });
  it('addAll is the union, keepOnly the intersection, copyFrom a copy, clear empties', () => {
    const a = of(70, [1, 40, 69]);
    a.addAll(of(70, [2, 40]));
    expect(ids(a)).toEqual([1, 2, 40, 69]);
    a.keepOnly(of(70, [2, 69, 5]));
    expect(ids(a)).toEqual([2, 69]);
    const b = new Bitset(70);
    b.copyFrom(a);
    expect(ids(b)).toEqual([2, 69]);
    b.clear();
    expect([ids(b), ids(a)]).toEqual([[], [2, 69]]);
  });
});

import { describe, expect, it } from 'vitest';
import { positionsKey, savedFirstPositions, savePositions } from './saved-positions';

/** The Storage interface over a Map, as localStorage behaves (strings in, strings out). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const key = positionsKey('kind-dev', 'namespace');

describe('saved positions: the picture a person left, per context', () => {
  it('a reload draws the saved places (rounded to whole pixels) when they cover the map', () => {
    const storage = memoryStorage();
    savePositions(storage, key, { 'pod:a/x': { x: 10.4, y: -3.6 }, 'pod:a/y': { x: 50, y: 60 } });
    expect(savedFirstPositions(storage, key, ['pod:a/x', 'pod:a/y'])).toStrictEqual({ 'pod:a/x': { x: 10, y: -4 }, 'pod:a/y': { x: 50, y: 60 } });
  });

  it('half the nodes known is enough (the rest go beside their group); fewer, and the map is laid out afresh', () => {
    const storage = memoryStorage();
    savePositions(storage, key, { 'pod:a/x': { x: 1, y: 1 } });
    expect(savedFirstPositions(storage, key, ['pod:a/x', 'pod:a/new'])).toStrictEqual({ 'pod:a/x': { x: 1, y: 1 } });
    expect(savedFirstPositions(storage, key, ['pod:a/x', 'pod:a/new', 'pod:a/newer'])).toBeUndefined();
  });

  it('another context or another grouping has places of its own', () => {
    const storage = memoryStorage();
    savePositions(storage, key, { 'pod:a/x': { x: 1, y: 1 } });
    expect(savedFirstPositions(storage, positionsKey('other', 'namespace'), ['pod:a/x'])).toBeUndefined();
    expect(savedFirstPositions(storage, positionsKey('kind-dev', 'node'), ['pod:a/x'])).toBeUndefined();
  });

  it('saving again keeps the places of nodes no longer drawn (a namespace filtered out) and moves the others', () => {
    const storage = memoryStorage();
    savePositions(storage, key, { 'pod:a/x': { x: 1, y: 1 }, 'pod:b/y': { x: 2, y: 2 } });
    savePositions(storage, key, { 'pod:a/x': { x: 5, y: 5 } });
    expect(savedFirstPositions(storage, key, ['pod:a/x', 'pod:b/y'])).toStrictEqual({ 'pod:a/x': { x: 5, y: 5 }, 'pod:b/y': { x: 2, y: 2 } });
  });

  it('only the 8 most recently saved contexts are kept', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 10; i++) savePositions(storage, positionsKey(`c${i}`, 'namespace'), { n: { x: i, y: i } }, 1000 + i);
    expect(storage.length).toBe(8);
    expect(savedFirstPositions(storage, positionsKey('c1', 'namespace'), ['n'])).toBeUndefined();
    expect(savedFirstPositions(storage, positionsKey('c9', 'namespace'), ['n'])).toStrictEqual({ n: { x: 9, y: 9 } });
  });

  it('unreadable saved data and a storage that refuses to write are no error', () => {
    const storage = memoryStorage();
    storage.setItem(key, '{not json');
    expect(savedFirstPositions(storage, key, ['n'])).toBeUndefined();
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } } as Storage;
    expect(() => savePositions(full, key, { n: { x: 1, y: 1 } })).not.toThrow();
  });
});

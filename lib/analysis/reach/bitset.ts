// A fixed-size set of small integers (the ids of equivalence classes and address ranges) as 32-bit words, so the
// engine can combine "which other ends a rule admits" for thousands of ends in a few hundred word operations.

export class Bitset {
  readonly words: Uint32Array;

  /** The ids it may hold: 0 to size - 1. */
  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  has(id: number): boolean {
    return (this.words[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    this.words[id >>> 5]! |= 1 << (id & 31);
  }

  /** Adds every id of `other` (of the same size) to this set. */
  addAll(other: Bitset): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! |= b[i]!;
  }

  /** Keeps only the ids `other` (of the same size) has too. */
  keepOnly(other: Bitset): void {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! &= b[i]!;
  }

  clear(): void {
    this.words.fill(0);
  }

  /** Makes this set a copy of `other` (of the same size). */
  copyFrom(other: Bitset): void {
    this.words.set(other.words);
  }

  /** Calls `f` with every id of the set, lowest first. */
  forEach(f: (id: number) => void): void {
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      let word = words[i]!;
      while (word !== 0) {
        const low = word & -word;
        f((i << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
  }
}

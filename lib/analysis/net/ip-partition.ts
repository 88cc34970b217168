// The address space cut into disjoint ranges at the edges of a set of ranges (the cidrs and excepts of ipBlocks),
// each piece named by which of those ranges contain it: addresses of pieces with the same name are inside exactly
// the same ranges. Bigint arithmetic on sorted starts; pure, no I/O.

import { formatIp, parseIp, type IpRange } from './cidr';

export type Family = 4 | 6;

export const FAMILIES: readonly Family[] = [4, 6];
export const MAX_ADDRESS: Readonly<Record<Family, bigint>> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

export interface IpPartition {
  /** Per family, the sorted starts of the pieces; the first is always 0. */
  boundaries: Record<Family, bigint[]>;
  /** Per family and piece (by position in `boundaries`), an id of the set of ranges that contain it; -1 for none. */
  membership: Record<Family, number[]>;
}

/** Cuts each family's address space at every range's first address and after its last. */
export function partitionAt(ranges: readonly IpRange[]): IpPartition {
  const boundaries = { 4: [0n], 6: [0n] } as Record<Family, bigint[]>;
  const membership = { 4: [], 6: [] } as Record<Family, number[]>;
  const ids = new Map<string, number>();
  for (const family of FAMILIES) {
    const own = ranges.filter((r) => r.family === family);
    const cuts = [0n];
    for (const range of own) {
      cuts.push(range.start);
      if (range.end < MAX_ADDRESS[family]) cuts.push(range.end + 1n);
    }
    boundaries[family] = uniqueSorted(cuts);
    membership[family] = boundaries[family].map((start) => {
      const key = own.map((r, i) => (r.start <= start && start <= r.end ? i : -1)).filter((i) => i >= 0).join(',');
      if (key === '') return -1;
      let id = ids.get(`${family}:${key}`);
      if (id === undefined) ids.set(`${family}:${key}`, (id = ids.size));
      return id;
    });
  }
  return { boundaries, membership };
}

/** The membership id of the piece an address falls in; -1 for an unparsable address, like one inside no range. */
export function membershipOf(partition: IpPartition, ip: string): number {
  const parsed = parseIp(ip);
  if (!parsed) return -1;
  return partition.membership[parsed.family][pieceIndex(partition.boundaries[parsed.family], parsed.value)] as number;
}

/**
 * The pieces of a family as ranges, after cutting them further around each of `alone` (each such address becomes
 * a piece of its own), leaving out the pieces made only of `skip` addresses (sorted).
 */
export function pieces(partition: IpPartition, family: Family, alone: readonly bigint[], skip: readonly bigint[]): { range: IpRange; ip: string }[] {
  let starts = partition.boundaries[family];
  const extra = alone.flatMap((value) => (value < MAX_ADDRESS[family] ? [value, value + 1n] : [value]));
  if (extra.length > 0) starts = uniqueSorted([...starts, ...extra]);
  const out: { range: IpRange; ip: string }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as bigint;
    const end = i + 1 < starts.length ? (starts[i + 1] as bigint) - 1n : MAX_ADDRESS[family];
    if (countInRange(skip, start, end) === end - start + 1n) continue;
    out.push({ range: { family, start, end }, ip: formatIp(family, start) });
  }
  return out;
}

/** The index of the last start <= value (starts[0] is 0). */
function pieceIndex(starts: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as bigint) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many of the sorted values lie in [start, end]. */
function countInRange(sorted: readonly bigint[], start: bigint, end: bigint): bigint {
  const lowerBound = (value: bigint) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as bigint) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return BigInt(lowerBound(end + 1n) - lowerBound(start));
}

export function uniqueSorted(values: readonly bigint[]): bigint[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

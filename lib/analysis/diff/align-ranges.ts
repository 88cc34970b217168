// The address ranges of two connectivity reports, cut so that both can be compared address by address. Each
// report tells apart the ranges its own policies' ipBlocks distinguish, so the same addresses may be one entry in
// the base and two in the head (or none); comparing entries by their CIDR lists would report a reworded range as
// one range removed and another added.

import { IpRangeSet, parseCidr, type IpRange } from '../net/cidr';
import type { ConnectivityEntry } from '../reach/connectivity';

/** The address-range entries of one workload and direction in one report: disjoint, as connectivity lists them. */
export type RangeEntries = ConnectivityEntry[];

export interface AlignedRange {
  addresses: IpRangeSet;
  /** The base's entry for every one of the addresses; absent when the base has none for them. */
  base?: ConnectivityEntry;
  head?: ConnectivityEntry;
}

/**
 * The addresses either report lists, in pieces on which each report has one entry or none: every non-empty
 * intersection of a base entry's addresses with a head entry's, and what each covers that the other report does
 * not list. The pieces are disjoint and cover exactly the union.
 */
export function alignRanges(base: RangeEntries, head: RangeEntries): AlignedRange[] {
  const baseSets = base.map(addressesOf);
  const headSets = head.map(addressesOf);
  const union = (sets: IpRangeSet[]) => sets.reduce((u, s) => u.union(s), IpRangeSet.empty());
  const baseAll = union(baseSets);
  const headAll = union(headSets);
  const pieces: AlignedRange[] = [];
  const keep = (piece: AlignedRange) => {
    if (!piece.addresses.isEmpty()) pieces.push(piece);
  };
  base.forEach((b, i) => {
    head.forEach((h, j) => keep({ addresses: baseSets[i]!.intersect(headSets[j]!), base: b, head: h }));
    keep({ addresses: baseSets[i]!.subtract(headAll), base: b });
  });
  head.forEach((h, j) => keep({ addresses: headSets[j]!.subtract(baseAll), head: h }));
  return pieces;
}

function addressesOf(entry: ConnectivityEntry): IpRangeSet {
  const endpoint = entry.source.type === 'ipRange' ? entry.source : entry.destination;
  const cidrs = endpoint.type === 'ipRange' ? endpoint.cidrs : [];
  return IpRangeSet.fromRanges(cidrs.map(parseCidr).filter((r): r is IpRange => r !== undefined));
}

// IPv4 and IPv6 addresses, CIDRs and sets of address ranges as bigints. Pure; no I/O, no dependencies.

import type { IPBlock } from '@/lib/model/types';

/** An inclusive range of addresses of one family. */
export interface IpRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAX = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;

const DECIMAL_OCTET = /^[0-9]{1,3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX_LENGTH = /^[0-9]{1,3}$/;

/**
 * Dotted-quad IPv4. Leading zeros are read as decimal ("010" is 10), as Kubernetes' own parser
 * (k8s.io/utils/net ParseIPSloppy) reads legacy values already stored in the API server.
 */
function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Colon-separated 16-bit groups; the last one may be an embedded dotted-quad IPv4 (two groups). */
function parseGroups(parts: string[], ipv4Allowed: boolean): number[] | undefined {
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (ipv4Allowed && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else {
      if (!HEX_GROUP.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  let groups: number[] | undefined;
  if (halves.length === 1) {
    groups = parseGroups(text.split(':'), true);
    if (groups?.length !== 8) return undefined;
  } else if (halves.length === 2) {
    const [left, right] = halves as [string, string];
    const head = left === '' ? [] : parseGroups(left.split(':'), false);
    const tail = right === '' ? [] : parseGroups(right.split(':'), true);
    if (!head || !tail) return undefined;
    // "::" stands for at least one group of zeros.
    if (head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    return undefined;
  }
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

/**
 * Parsed addresses and CIDRs by their text: the policy matchers ask about the same few thousand texts (pod IPs,
 * ipBlocks, networks) again and again, and parsing into BigInts is slow. Bounded: emptied when full.
 */
const parsedIps = new Map<string, Readonly<{ family: 4 | 6; value: bigint }> | null>();
const parsedCidrs = new Map<string, IpRange | null>();
const MAX_REMEMBERED = 1 << 16;

function remembered<T extends object>(cache: Map<string, T | null>, text: string, parse: () => T | undefined): T | undefined {
  const known = cache.get(text);
  if (known !== undefined) return known ?? undefined;
  const value = parse();
  if (cache.size >= MAX_REMEMBERED) cache.clear();
  cache.set(text, value ?? null);
  return value;
}

/**
 * An IPv4 or IPv6 address, or undefined for anything else (zones like `fe80::1%eth0`, whitespace, prefixes).
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is IPv6: it does not match IPv4 CIDRs.
 */
export function parseIp(text: string): Readonly<{ family: 4 | 6; value: bigint }> | undefined {
  return remembered(parsedIps, text, () => {
    if (text.includes(':')) {
      const value = parseIpv6(text);
      return value === undefined ? undefined : Object.freeze({ family: 6, value });
    }
    const value = parseIpv4(text);
    return value === undefined ? undefined : Object.freeze({ family: 4, value });
  });
}

function prefixRange(family: 4 | 6, value: bigint, prefix: number): IpRange {
  const hostMask = (1n << BigInt(BITS[family] - prefix)) - 1n;
  const start = value & ~hostMask & MAX[family];
  return Object.freeze({ family, start, end: start | hostMask });
}

/**
 * A CIDR as an inclusive range. A bare address is /32 or /128. Host bits (10.0.0.1/8) are masked off, as the API
 * server accepts them in ipBlock. Undefined for anything unparsable.
 */
export function parseCidr(text: string): IpRange | undefined {
  return remembered(parsedCidrs, text, () => parseCidrText(text));
}

function parseCidrText(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const bits = BITS[ip.family];
  let prefix: number = bits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!PREFIX_LENGTH.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return prefixRange(ip.family, ip.value, prefix);
}

function checkValue(family: 4 | 6, value: bigint) {
  if ((family !== 4 && family !== 6) || value < 0n || value > MAX[family]) {
    throw new RangeError(`${String(value)} is not an IPv${String(family)} address`);
  }
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (`::ffff:a.b.c.d` for IPv4-mapped, RFC 5952 §5). */
export function formatIp(family: 4 | 6, value: bigint): string {
  checkValue(family, value);
  if (family === 4) return formatIpv4(value);
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`;
  // The longest run of two or more zero groups becomes "::"; the first one on a tie (RFC 5952 §4.2).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** floor(log2(n)) for n > 0. */
const log2 = (n: bigint) => n.toString(2).length - 1;

/** The prefix length when the range is exactly one CIDR block, else undefined. */
function exactPrefix(range: IpRange): number | undefined {
  const size = range.end - range.start + 1n;
  if (size <= 0n || (size & (size - 1n)) !== 0n || (range.start & (size - 1n)) !== 0n) return undefined;
  return BITS[range.family] - log2(size);
}

/** A CIDR (`10.0.0.0/8`, `10.0.0.1/32`) when the range is exactly one block, else `start-end`. */
export function formatRange(range: IpRange): string {
  const prefix = exactPrefix(range);
  if (prefix !== undefined) return `${formatIp(range.family, range.start)}/${String(prefix)}`;
  return `${formatIp(range.family, range.start)}-${formatIp(range.family, range.end)}`;
}

/** The minimal list of CIDR blocks covering exactly the range, in address order. */
function rangeToCidrs(range: IpRange): string[] {
  const bits = BITS[range.family];
  const cidrs: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    // The largest block aligned at start (its lowest set bit) that still fits before end.
    const alignment = start === 0n ? bits : log2(start & -start);
    const hostBits = Math.min(alignment, log2(range.end - start + 1n));
    cidrs.push(`${formatIp(range.family, start)}/${String(bits - hostBits)}`);
    start += 1n << BigInt(hostBits);
  }
  return cidrs;
}

/**
 * Whether ip is inside the block's cidr and outside every except entry (networking/v1 IPBlock). An unparsable ip or
 * cidr, or an ip of the other family, is never inside. An unparsable except entry carves nothing.
 */
export function ipBlockContains(block: IPBlock, ip: string): boolean {
  const address = parseIp(ip);
  const cidr = parseCidr(block.cidr);
  if (!address || !cidr || address.family !== cidr.family) return false;
  const inside = (range: IpRange) => address.value >= range.start && address.value <= range.end;
  if (!inside(cidr)) return false;
  return !block.except.some((text) => {
    const except = parseCidr(text);
    return except !== undefined && except.family === address.family && inside(except);
  });
}

type Ranges = readonly IpRange[];

const byStart = (a: IpRange, b: IpRange) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

function freezeRange(family: 4 | 6, start: bigint, end: bigint): IpRange {
  return Object.freeze({ family, start, end });
}

/** Coalesces ranges sorted by start into disjoint, non-adjacent ones. */
function coalesce(family: 4 | 6, sorted: Ranges): Ranges {
  const out: IpRange[] = [];
  let current: { start: bigint; end: bigint } | undefined;
  for (const range of sorted) {
    if (current && range.start <= current.end + 1n) {
      if (range.end > current.end) current.end = range.end;
      continue;
    }
    if (current) out.push(freezeRange(family, current.start, current.end));
    current = { start: range.start, end: range.end };
  }
  if (current) out.push(freezeRange(family, current.start, current.end));
  return Object.freeze(out);
}

/** Merges two lists sorted by start into one sorted list (the sort finds the two sorted runs: linear). */
const mergeSorted = (a: Ranges, b: Ranges): IpRange[] => [...a, ...b].sort(byStart);

function intersectRanges(family: 4 | 6, a: Ranges, b: Ranges): Ranges {
  const out: IpRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as IpRange;
    const y = b[j] as IpRange;
    const start = x.start > y.start ? x.start : y.start;
    const end = x.end < y.end ? x.end : y.end;
    if (start <= end) out.push(freezeRange(family, start, end));
    if (x.end < y.end) i++;
    else j++;
  }
  return coalesce(family, out);
}

function subtractRanges(family: 4 | 6, a: Ranges, b: Ranges): Ranges {
  const out: IpRange[] = [];
  let j = 0;
  for (const x of a) {
    let cursor = x.start;
    while (j < b.length && (b[j] as IpRange).end < cursor) j++;
    let k = j;
    while (k < b.length && (b[k] as IpRange).start <= x.end) {
      const y = b[k] as IpRange;
      if (y.start > cursor) out.push(freezeRange(family, cursor, y.start - 1n));
      if (y.end + 1n > cursor) cursor = y.end + 1n;
      if (y.end > x.end) break; // y may also cut the next range of a
      k++;
    }
    j = k;
    if (cursor <= x.end) out.push(freezeRange(family, cursor, x.end));
  }
  return Object.freeze(out);
}

function sameRanges(a: Ranges, b: Ranges): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => x.start === b[i]?.start && x.end === b[i]?.end);
}

function findRange(ranges: Ranges, value: bigint): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid] as IpRange;
    if (value < range.start) hi = mid - 1;
    else if (value > range.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * An immutable set of addresses of both families, kept per family as sorted, disjoint, non-adjacent ranges (so two
 * sets with the same addresses have the same ranges). Set operations are linear sweeps over the sorted lists.
 */
export class IpRangeSet {
  private constructor(
    private readonly v4: Ranges,
    private readonly v6: Ranges,
  ) {}

  private static readonly EMPTY = new IpRangeSet(Object.freeze([]), Object.freeze([]));

  static empty(): IpRangeSet {
    return IpRangeSet.EMPTY;
  }

  /** Any ranges, overlapping or not, in any order. Throws RangeError for a range with start > end or out of its family. */
  static fromRanges(ranges: IpRange[]): IpRangeSet {
    const v4: IpRange[] = [];
    const v6: IpRange[] = [];
    for (const range of ranges) {
      checkValue(range.family, range.start);
      checkValue(range.family, range.end);
      if (range.start > range.end) {
        throw new RangeError(`range start ${formatIp(range.family, range.start)} is after its end ${formatIp(range.family, range.end)}`);
      }
      (range.family === 4 ? v4 : v6).push(range);
    }
    return new IpRangeSet(coalesce(4, v4.sort(byStart)), coalesce(6, v6.sort(byStart)));
  }

  /** Every address: 0.0.0.0/0 and ::/0. */
  static all(): IpRangeSet {
    return IpRangeSet.ALL;
  }

  private static readonly ALL = new IpRangeSet(
    Object.freeze([freezeRange(4, 0n, MAX[4])]),
    Object.freeze([freezeRange(6, 0n, MAX[6])]),
  );

  /**
   * The cidr minus its except entries (networking/v1 IPBlock). An unparsable cidr gives the empty set; an unparsable
   * except entry, or one of the other family, carves nothing.
   */
  static fromIpBlock(block: IPBlock): IpRangeSet {
    const cidr = parseCidr(block.cidr);
    if (!cidr) return IpRangeSet.EMPTY;
    const excepts = block.except.map(parseCidr).filter((r): r is IpRange => r !== undefined && r.family === cidr.family);
    return IpRangeSet.fromRanges([cidr]).subtract(IpRangeSet.fromRanges(excepts));
  }

  union(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(coalesce(4, mergeSorted(this.v4, other.v4)), coalesce(6, mergeSorted(this.v6, other.v6)));
  }

  intersect(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(intersectRanges(4, this.v4, other.v4), intersectRanges(6, this.v6, other.v6));
  }

  subtract(other: IpRangeSet): IpRangeSet {
    return new IpRangeSet(subtractRanges(4, this.v4, other.v4), subtractRanges(6, this.v6, other.v6));
  }

  /** Whether the address is in the set; false for an unparsable address. */
  contains(ip: string): boolean {
    const address = parseIp(ip);
    if (!address) return false;
    return findRange(address.family === 4 ? this.v4 : this.v6, address.value);
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** The ranges, IPv4 first, each family sorted by start. */
  ranges(): IpRange[] {
    return [...this.v4, ...this.v6].map(({ family, start, end }) => ({ family, start, end }));
  }

  equals(other: IpRangeSet): boolean {
    return sameRanges(this.v4, other.v4) && sameRanges(this.v6, other.v6);
  }

  /** The minimal list of CIDR blocks covering exactly the set, IPv4 first, in address order. */
  toCidrs(): string[] {
    return [...this.v4, ...this.v6].flatMap(rangeToCidrs);
  }

  /** The CIDRs, comma-separated, or `(none)`; for logs and debugging. */
  toString(): string {
    return this.isEmpty() ? '(none)' : this.toCidrs().join(',');
  }
}

// Allowed connections as per-protocol port ranges (in the style of np-guard's connection sets). Pure; no I/O.

import type { NetworkPolicyPort, Protocol } from '@/lib/model/types';

/** An inclusive range of ports, 1..65535. */
export type PortRange = { start: number; end: number };

export type ConnectionSetJSON = { all: true } | Partial<Record<Protocol, [number, number][]>>;

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const MIN_PORT = 1;
const MAX_PORT = 65535;

type Ranges = readonly PortRange[];
type ByProtocol = Readonly<Record<Protocol, Ranges>>;

const isPort = (n: number) => Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT;
const FULL: Ranges = Object.freeze([Object.freeze({ start: MIN_PORT, end: MAX_PORT })]);
const NONE: Ranges = Object.freeze([]);

function freezeRange(start: number, end: number): PortRange {
  return Object.freeze({ start, end });
}

/** Sorts and coalesces ranges into disjoint, non-adjacent ones. */
function normalize(ranges: readonly PortRange[]): Ranges {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: PortRange[] = [];
  let current: PortRange | undefined;
  for (const range of sorted) {
    if (current && range.start <= current.end + 1) {
      current.end = Math.max(current.end, range.end);
      continue;
    }
    if (current) out.push(freezeRange(current.start, current.end));
    current = { start: range.start, end: range.end };
  }
  if (current) out.push(freezeRange(current.start, current.end));
  return Object.freeze(out);
}

function intersectRanges(a: Ranges, b: Ranges): Ranges {
  const out: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as PortRange;
    const y = b[j] as PortRange;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start <= end) out.push(freezeRange(start, end));
    if (x.end < y.end) i++;
    else j++;
  }
  return Object.freeze(out);
}

function subtractRanges(a: Ranges, b: Ranges): Ranges {
  const out: PortRange[] = [];
  let j = 0;
  for (const x of a) {
    let cursor = x.start;
    while (j < b.length && (b[j] as PortRange).end < cursor) j++;
    let k = j;
    while (k < b.length && (b[k] as PortRange).start <= x.end) {
      const y = b[k] as PortRange;
      if (y.start > cursor) out.push(freezeRange(cursor, y.start - 1));
      cursor = Math.max(cursor, y.end + 1);
      if (y.end > x.end) break; // y may also cut the next range of a
      k++;
    }
    j = k;
    if (cursor <= x.end) out.push(freezeRange(cursor, x.end));
  }
  return Object.freeze(out);
}

const isFull = (ranges: Ranges) => ranges.length === 1 && ranges[0]?.start === MIN_PORT && ranges[0].end === MAX_PORT;
const sameRanges = (a: Ranges, b: Ranges) =>
  a.length === b.length && a.every((x, i) => x.start === b[i]?.start && x.end === b[i]?.end);
const formatRanges = (ranges: Ranges) =>
  ranges.map((r) => (r.start === r.end ? String(r.start) : `${String(r.start)}-${String(r.end)}`)).join(',');

/** An immutable set of allowed connections: for each protocol (TCP, UDP, SCTP), sorted disjoint port ranges. */
export class ConnectionSet {
  private constructor(private readonly byProtocol: ByProtocol) {}

  private static readonly ALL = new ConnectionSet(Object.freeze({ TCP: FULL, UDP: FULL, SCTP: FULL }));
  private static readonly NONE = new ConnectionSet(Object.freeze({ TCP: NONE, UDP: NONE, SCTP: NONE }));

  private static build(f: (protocol: Protocol) => Ranges): ConnectionSet {
    return new ConnectionSet(Object.freeze({ TCP: f('TCP'), UDP: f('UDP'), SCTP: f('SCTP') }));
  }

  static all(): ConnectionSet {
    return ConnectionSet.ALL;
  }

  static none(): ConnectionSet {
    return ConnectionSet.NONE;
  }

  /** The given port ranges of one protocol. Throws RangeError for a non-integer port, one outside 1..65535, or start > end. */
  static ports(protocol: Protocol, ranges: PortRange[]): ConnectionSet {
    for (const { start, end } of ranges) {
      if (!isPort(start) || !isPort(end) || start > end) {
        throw new RangeError(`invalid port range ${String(start)}-${String(end)} (ports are integers 1..65535)`);
      }
    }
    const normalized = normalize(ranges);
    return ConnectionSet.build((p) => (p === protocol ? normalized : NONE));
  }

  /** Every port of one protocol. */
  static allOf(protocol: Protocol): ConnectionSet {
    return ConnectionSet.build((p) => (p === protocol ? FULL : NONE));
  }

  union(other: ConnectionSet): ConnectionSet {
    return ConnectionSet.build((p) => normalize([...this.byProtocol[p], ...other.byProtocol[p]]));
  }

  intersect(other: ConnectionSet): ConnectionSet {
    return ConnectionSet.build((p) => intersectRanges(this.byProtocol[p], other.byProtocol[p]));
  }

  subtract(other: ConnectionSet): ConnectionSet {
    return ConnectionSet.build((p) => subtractRanges(this.byProtocol[p], other.byProtocol[p]));
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => isFull(this.byProtocol[p]));
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => this.byProtocol[p].length === 0);
  }

  allows(protocol: Protocol, port: number): boolean {
    const ranges = this.byProtocol[protocol];
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid] as PortRange;
      if (port < range.start) hi = mid - 1;
      else if (port > range.end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The protocol's ranges, sorted, disjoint and non-adjacent (a copy). */
  rangesFor(protocol: Protocol): PortRange[] {
    return this.byProtocol[protocol].map(({ start, end }) => ({ start, end }));
  }

  equals(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => sameRanges(this.byProtocol[p], other.byProtocol[p]));
  }

  /** `All connections`, `No connections`, or e.g. `TCP 1-79,81-65535; UDP 53; SCTP (all ports)`. */
  toString(): string {
    if (this.isAll()) return 'All connections';
    if (this.isEmpty()) return 'No connections';
    return PROTOCOLS.filter((p) => this.byProtocol[p].length > 0)
      .map((p) => (isFull(this.byProtocol[p]) ? `${p} (all ports)` : `${p} ${formatRanges(this.byProtocol[p])}`))
      .join('; ');
  }

  /** `{ all: true }`, or the non-empty protocols' ranges as [start, end] pairs, e.g. `{ TCP: [[1, 79]], UDP: [[53, 53]] }`. */
  toJSON(): ConnectionSetJSON {
    if (this.isAll()) return { all: true };
    const json: Partial<Record<Protocol, [number, number][]>> = {};
    for (const p of PROTOCOLS) {
      const ranges = this.byProtocol[p];
      if (ranges.length > 0) json[p] = ranges.map((r): [number, number] => [r.start, r.end]);
    }
    return json;
  }
}

/**
 * The connections a NetworkPolicy rule's ports allow (networking/v1 NetworkPolicyPort): an empty list allows
 * everything; each entry adds one protocol's ports: every port when port is absent, the numeric port, or port..endPort
 * inclusive, or the numbers resolveNamedPort returns for a named port (the destination pod's container ports of that
 * name and protocol; none contributes nothing).
 *
 * Entries the API server would reject contribute nothing: a port outside 1..65535, endPort below port or above
 * 65535, endPort without a port or with a named port.
 */
export function connectionSetForPolicyPorts(
  ports: NetworkPolicyPort[],
  resolveNamedPort: (name: string, protocol: Protocol) => number[],
): ConnectionSet {
  if (ports.length === 0) return ConnectionSet.all();
  const ranges: Record<Protocol, PortRange[]> = { TCP: [], UDP: [], SCTP: [] };
  for (const { protocol, port, endPort } of ports) {
    const into = ranges[protocol];
    if (port === undefined) {
      if (endPort === undefined) into.push({ start: MIN_PORT, end: MAX_PORT });
    } else if (typeof port === 'number') {
      const end = endPort ?? port;
      if (isPort(port) && isPort(end) && end >= port) into.push({ start: port, end });
    } else if (endPort === undefined) {
      for (const resolved of resolveNamedPort(port, protocol)) {
        if (isPort(resolved)) into.push({ start: resolved, end: resolved });
      }
    }
  }
  return PROTOCOLS.reduce((set, p) => set.union(ConnectionSet.ports(p, ranges[p])), ConnectionSet.none());
}

// What a change to the model does to who can talk to whom: the difference between two connectivity reports (a
// base and a head, say a branch and the pull request that changes its NetworkPolicies). Pure; no I/O.
//
// Both sides are connectivity's answers, so the semantics are connectivity's (allowedConnections') on both: the
// diff compares what the engine already computed and adds no semantics of its own. A difference whose verdict is
// unknown on either side stays unknown here: it is never reported as added or removed.

import { byCodeUnits } from '@/lib/model/names';
import type { ConnectionSet } from '../net/connection-set';
import {
  connectivityEndpointKey,
  type ConnectivityEndpoint,
  type ConnectivityEntry,
  type ConnectivityReport,
  type WorkloadEndpoint,
} from '../reach/connectivity';
import { alignRanges, type RangeEntries } from './align-ranges';

/**
 * added: the head allows what the base did not allow between the two ends (and both know it); removed: the
 * reverse; changed: both allow something, not the same (connections, or whether every pod pair has them);
 * unknown: they differ and a verdict on either side is unknown, so which way is not known.
 */
export type DiffKind = 'added' | 'removed' | 'changed' | 'unknown';

export const DIFF_KINDS: readonly DiffKind[] = ['added', 'removed', 'changed', 'unknown'];

/** One report's entry for the pair (for an address range: the entry that covers the pair's addresses). */
export type DiffSide = Omit<ConnectivityEntry, 'source' | 'destination'>;

export interface DiffEntry {
  kind: DiffKind;
  source: ConnectivityEndpoint;
  destination: ConnectivityEndpoint;
  /** Absent when the base allows nothing between the two ends and knows it. */
  base?: DiffSide;
  /** Absent when the head allows nothing between the two ends and knows it. */
  head?: DiffSide;
  /** For `changed`: the connections the head allows and the base did not; may be empty (only `partial` changed). */
  gained?: ConnectionSet;
  /** For `changed`: the connections the base allowed and the head does not. */
  lost?: ConnectionSet;
  /** For `unknown`: why, each reason prefixed with the side it is of ("base: ", "head: "). */
  reasons?: string[];
}

export interface ConnectivityDiff {
  /** Sorted by source, then destination, as connectivity sorts its entries. */
  entries: DiffEntry[];
  /** Workloads in one report and not the other, in the reports' order. */
  workloads: { added: WorkloadEndpoint[]; removed: WorkloadEndpoint[] };
  counts: Record<DiffKind, number>;
  /** Set when a report is not a certainty (data not synced, kinds not yet part of connectivity): then every difference is unknown. */
  unknown?: { base?: string; head?: string };
}

interface Pair {
  source: ConnectivityEndpoint;
  destination: ConnectivityEndpoint;
  base?: ConnectivityEntry;
  head?: ConnectivityEntry;
}

/**
 * The difference from `base` to `head`, by workload pair and by address range: pairs whose connections the change
 * adds, removes or changes, and the workloads it adds or removes. Address ranges are compared address by address
 * (see alignRanges), so a range is reported only for the addresses whose connections differ. A report compared
 * with itself has no difference.
 */
export function diffConnectivity(base: ConnectivityReport, head: ConnectivityReport): ConnectivityDiff {
  const workloadPairs = new Map<string, Pair>();
  const rangeEntries = new Map<string, { workload: ConnectivityEndpoint; egress: boolean; base: RangeEntries; head: RangeEntries }>();
  for (const [side, report] of [['base', base], ['head', head]] as const) {
    for (const entry of report.entries) {
      const { source, destination } = entry;
      if (source.type === 'workload' && destination.type === 'workload') {
        const key = `${connectivityEndpointKey(source)}\u0000${connectivityEndpointKey(destination)}`;
        const pair = workloadPairs.get(key) ?? { source, destination };
        pair[side] = entry;
        workloadPairs.set(key, pair);
        continue;
      }
      const egress = source.type === 'workload';
      const workload = egress ? source : destination;
      const key = `${egress ? 'egress' : 'ingress'}\u0000${connectivityEndpointKey(workload)}`;
      const group = rangeEntries.get(key) ?? { workload, egress, base: [], head: [] };
      group[side].push(entry);
      rangeEntries.set(key, group);
    }
  }

  const pairs: Pair[] = [...workloadPairs.values()];
  for (const { workload, egress, base: b, head: h } of rangeEntries.values()) {
    for (const piece of alignRanges(b, h)) {
      const range: ConnectivityEndpoint = { type: 'ipRange', cidrs: piece.addresses.toCidrs() };
      pairs.push({ source: egress ? workload : range, destination: egress ? range : workload, base: piece.base, head: piece.head });
    }
  }

  const unknown = base.unknown || head.unknown ? { ...(base.unknown ? { base: base.unknown } : {}), ...(head.unknown ? { head: head.unknown } : {}) } : undefined;
  const entries = pairs
    .map((pair) => compare(pair, unknown))
    .filter((e): e is DiffEntry => e !== undefined)
    .sort(
      (a, b) =>
        byCodeUnits(connectivityEndpointKey(a.source), connectivityEndpointKey(b.source)) ||
        byCodeUnits(connectivityEndpointKey(a.destination), connectivityEndpointKey(b.destination)),
    );
  const counts = Object.fromEntries(DIFF_KINDS.map((kind) => [kind, entries.filter((e) => e.kind === kind).length])) as Record<DiffKind, number>;
  const diff: ConnectivityDiff = { entries, workloads: workloadsDiff(base.workloads, head.workloads), counts };
  if (unknown) diff.unknown = unknown;
  return diff;
}

function compare({ source, destination, base, head }: Pair, reportUnknown: ConnectivityDiff['unknown']): DiffEntry | undefined {
  if (sameSide(base, head)) return undefined;
  const entry: DiffEntry = { kind: 'changed', source, destination };
  if (base) entry.base = sideOf(base);
  if (head) entry.head = sideOf(head);
  const reasons = [
    ...(reportUnknown?.base ? [`base: ${reportUnknown.base}`] : []),
    ...(base?.unknown?.reasons ?? []).map((r) => `base: ${r}`),
    ...(reportUnknown?.head ? [`head: ${reportUnknown.head}`] : []),
    ...(head?.unknown?.reasons ?? []).map((r) => `head: ${r}`),
  ];
  if (reportUnknown || base?.unknown || head?.unknown) return { ...entry, kind: 'unknown', reasons };
  if (!base) return { ...entry, kind: 'added' };
  if (!head) return { ...entry, kind: 'removed' };
  return { ...entry, gained: head.connections.subtract(base.connections), lost: base.connections.subtract(head.connections) };
}

/** Same connections, same unknown connections, and every pod pair has them on both sides or on neither. */
function sameSide(a: ConnectivityEntry | undefined, b: ConnectivityEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (!a.connections.equals(b.connections) || !!a.partial !== !!b.partial) return false;
  return a.unknown && b.unknown ? a.unknown.connections.equals(b.unknown.connections) : !a.unknown && !b.unknown;
}

function sideOf(entry: ConnectivityEntry): DiffSide {
  const side: DiffSide = { connections: entry.connections, policies: entry.policies };
  if (entry.partial) side.partial = true;
  if (entry.unknown) side.unknown = entry.unknown;
  return side;
}

function workloadsDiff(base: WorkloadEndpoint[], head: WorkloadEndpoint[]): ConnectivityDiff['workloads'] {
  const keys = (list: WorkloadEndpoint[]) => new Set(list.map(connectivityEndpointKey));
  const inBase = keys(base);
  const inHead = keys(head);
  return {
    added: head.filter((w) => !inBase.has(connectivityEndpointKey(w))),
    removed: base.filter((w) => !inHead.has(connectivityEndpointKey(w))),
  };
}

// The connectivity report summed up by namespace: for each ordered pair of namespaces (and the addresses outside the
// cluster), how many of its workload pairs the policies open to every connection, to some, to none, or in a way that
// is not known; drilled down, the same pair by pair. Pure; no I/O.
//
// It adds no semantics: a pair's verdict is read off connectivity's entries for it (an absent entry is "nothing
// allowed", as connectivity lists every pair that has something allowed or unknown), and a namespace's cell counts
// its pairs' verdicts. So the page and the CLI show the same numbers that `connectivity` lists.

import type { ClusterModel } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { IpRangeSet, parseCidr, type IpRange } from '../net/cidr';
import type { EnforcementNote } from '../enforcement/note';
import {
  connectivityEndpointKey,
  workloadEndpointOf,
  type ConnectivityEntry,
  type ConnectivityReport,
  type WorkloadEndpoint,
} from './connectivity';

/**
 * One workload pair's verdict: `all` when every pod pair has every connection; `some` when some connection is
 * allowed, but not every one, or not for every pod pair; `none` when nothing is allowed (and that is known);
 * `unknown` when some connection's verdict is unknown (a policy kube-netmap does not evaluate, a cluster-wide rule
 * that may match, data not synced): then neither "all" nor "none" can be claimed, whatever else is allowed.
 */
export type PairVerdict = 'all' | 'some' | 'none' | 'unknown';

export const PAIR_VERDICTS: readonly PairVerdict[] = ['all', 'some', 'none', 'unknown'];

/** A namespace cell's verdict: its pairs' when they agree, `some` when they do not, `unknown` when any is; `empty` when it has no pair. */
export type CellVerdict = PairVerdict | 'empty';

/** A row or column of the namespace matrix: a namespace's workloads, or the addresses outside the cluster's pods. */
export type MatrixGroup = { type: 'namespace'; namespace: string } | { type: 'outside' };

/** One end of a matrix pair: a workload, or every address outside the cluster's pods. */
export type MatrixEnd = WorkloadEndpoint | { type: 'outside' };

export interface MatrixPair {
  source: MatrixEnd;
  destination: MatrixEnd;
  verdict: PairVerdict;
  /**
   * connectivity's entries for the pair: at most one between two workloads; between a workload and the outside, one
   * per address range with the same connections. Empty when nothing is allowed and nothing is unknown.
   */
  entries: ConnectivityEntry[];
  /** Why the verdict is unknown, each reason once; empty otherwise. */
  reasons: string[];
}

export interface NamespaceCell {
  source: MatrixGroup;
  destination: MatrixGroup;
  verdict: CellVerdict;
  /** The cell's pairs by verdict; they add up to `pairs`. */
  counts: Record<PairVerdict, number>;
  /** Ordered workload pairs with at least one pod pair (a single pod and itself is none), or workloads, towards the outside. */
  pairs: number;
  /** Why some pairs are unknown, each reason once. */
  reasons: string[];
  /**
   * Set when the network plugin does not enforce NetworkPolicy and the policies deny some of the cell's connections
   * (a pair is not `all`): what they deny flows all the same (see the matrix's `enforcement`).
   */
  notEnforced?: true;
}

export interface NamespaceMatrix {
  /** The namespaces with workloads, sorted, then the outside. */
  groups: MatrixGroup[];
  /** By source group, then destination group, in `groups`' order. */
  cells: NamespaceCell[][];
  /** The report's: data not synced, so every pair is unknown. */
  unknown?: string;
  /** The report's: the network plugin does not enforce NetworkPolicy. */
  enforcement?: EnforcementNote;
}

export interface WorkloadMatrix {
  source: MatrixGroup;
  destination: MatrixGroup;
  /** The source group's workloads (or the outside), in the report's order. */
  rows: MatrixEnd[];
  columns: MatrixEnd[];
  /** By row, then column; undefined where the two ends have no pod pair (a single pod and itself). */
  cells: (MatrixPair | undefined)[][];
  unknown?: string;
  enforcement?: EnforcementNote;
}

export const OUTSIDE: MatrixGroup & MatrixEnd = { type: 'outside' };

/** The number of pods of each workload of the model, by connectivityEndpointKey: a single pod is no pair with itself. */
export function workloadPodCounts(model: ClusterModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pod of model.resources.pods) {
    const key = connectivityEndpointKey(workloadEndpointOf(pod));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export const matrixGroupKey = (group: MatrixGroup): string => (group.type === 'outside' ? '\u0000outside' : group.namespace);

/** Keys by endpoint object: a report's entries share their workloads' endpoint objects, so each key is built once. */
const endKeys = new WeakMap<MatrixEnd, string>();
function endKey(end: MatrixEnd): string {
  let key = endKeys.get(end);
  if (key === undefined) endKeys.set(end, (key = end.type === 'outside' ? '\u0000outside' : connectivityEndpointKey(end)));
  return key;
}
const groupKeyOf = (end: MatrixEnd): string => (end.type === 'outside' ? '\u0000outside' : end.namespace);
/** The group an end is drawn in: its namespace, or the outside. */
export const matrixGroupOf = (end: MatrixEnd): MatrixGroup => (end.type === 'outside' ? OUTSIDE : { type: 'namespace', namespace: end.namespace });

/** The report's entries by ordered pair of ends (address ranges folded into the outside), and its workloads by namespace. */
class PairIndex {
  readonly pairs = new Map<string, { source: MatrixEnd; destination: MatrixEnd; entries: ConnectivityEntry[] }>();
  readonly workloads = new Map<string, WorkloadEndpoint[]>();

  constructor(
    readonly report: ConnectivityReport,
    private readonly podCounts: ReadonlyMap<string, number>,
  ) {
    for (const entry of report.entries) {
      const source = toEnd(entry.source);
      const destination = toEnd(entry.destination);
      const key = pairKey(source, destination);
      const known = this.pairs.get(key);
      if (known) known.entries.push(entry);
      else this.pairs.set(key, { source, destination, entries: [entry] });
    }
    for (const workload of report.workloads) {
      const list = this.workloads.get(workload.namespace);
      if (list) list.push(workload);
      else this.workloads.set(workload.namespace, [workload]);
    }
  }

  ends(group: MatrixGroup): MatrixEnd[] {
    return group.type === 'outside' ? [OUTSIDE] : (this.workloads.get(group.namespace) ?? []);
  }

  /** Whether the two ends have a pod pair: the outside has none with itself, nor a single pod with itself. */
  hasPodPair(source: MatrixEnd, destination: MatrixEnd): boolean {
    if (source.type === 'outside' && destination.type === 'outside') return false;
    if (source.type === 'outside' || destination.type === 'outside') return true;
    const key = endKey(source);
    return key !== endKey(destination) || this.pods(source) > 1;
  }

  /** How many pairs of ends with a pod pair the two groups have. */
  pairCount(source: MatrixGroup, destination: MatrixGroup): number {
    const rows = this.ends(source);
    const columns = this.ends(destination);
    if (source.type === 'outside' && destination.type === 'outside') return 0;
    const same = source.type === 'namespace' && destination.type === 'namespace' && source.namespace === destination.namespace;
    const singles = same ? rows.filter((w) => w.type === 'workload' && this.pods(w) <= 1).length : 0;
    return rows.length * columns.length - singles;
  }

  pair(source: MatrixEnd, destination: MatrixEnd): MatrixPair {
    const entries = this.pairs.get(pairKey(source, destination))?.entries ?? [];
    return { source, destination, entries, ...pairVerdict(entries, isOutsidePair(source, destination), this.report.unknown) };
  }

  private pods(workload: WorkloadEndpoint): number {
    return this.podCounts.get(endKey(workload)) ?? 0;
  }
}

/** One index per report and pod counts: a cell's drill-down after the matrix reads the same report again. */
const indexes = new WeakMap<ConnectivityReport, { podCounts: ReadonlyMap<string, number>; index: PairIndex }>();
function pairIndex(report: ConnectivityReport, podCounts: ReadonlyMap<string, number>): PairIndex {
  const known = indexes.get(report);
  if (known?.podCounts === podCounts) return known.index;
  const index = new PairIndex(report, podCounts);
  indexes.set(report, { podCounts, index });
  return index;
}

const pairKey = (source: MatrixEnd, destination: MatrixEnd) => `${endKey(source)}\u0001${endKey(destination)}`;
const isOutsidePair = (source: MatrixEnd, destination: MatrixEnd) => source.type === 'outside' || destination.type === 'outside';
const toEnd = (endpoint: ConnectivityEntry['source']): MatrixEnd => (endpoint.type === 'ipRange' ? OUTSIDE : endpoint);

/**
 * A pair's verdict from its entries. Between a workload and the outside, `all` needs every address covered with
 * every connection for every pod; an address range absent from the entries is one where nothing is allowed.
 */
export function pairVerdict(entries: readonly ConnectivityEntry[], outside: boolean, reportUnknown?: string): Pick<MatrixPair, 'verdict' | 'reasons'> {
  const reasons = [...new Set([...(reportUnknown ? [reportUnknown] : []), ...entries.flatMap((e) => e.unknown?.reasons ?? [])])];
  if (reportUnknown) return { verdict: 'unknown', reasons };
  if (entries.some((e) => e.unknown)) return { verdict: 'unknown', reasons };
  if (entries.length === 0) return { verdict: 'none', reasons };
  const full = entries.filter((e) => !e.partial && e.connections.isAll());
  if (!outside) return { verdict: full.length > 0 ? 'all' : 'some', reasons };
  const covered = IpRangeSet.fromRanges(full.flatMap((e) => rangesOf(e.destination.type === 'ipRange' ? e.destination : e.source)));
  return { verdict: covered.equals(IpRangeSet.all()) ? 'all' : 'some', reasons };
}

function rangesOf(endpoint: ConnectivityEntry['source']): IpRange[] {
  if (endpoint.type !== 'ipRange') return [];
  return endpoint.cidrs.map(parseCidr).filter((r): r is IpRange => r !== undefined);
}

/**
 * The matrix of every namespace with workloads, and the outside, by ordered pair. Only the pairs connectivity lists
 * are looked at; the others of a cell are `none` (or `unknown`, when the report is), so the work is linear in the
 * report, not in the number of workload pairs.
 */
export function namespaceMatrix(report: ConnectivityReport, podCounts: ReadonlyMap<string, number>): NamespaceMatrix {
  const index = pairIndex(report, podCounts);
  const groups: MatrixGroup[] = [
    ...[...index.workloads.keys()].sort(byCodeUnits).map((namespace): MatrixGroup => ({ type: 'namespace', namespace })),
    OUTSIDE,
  ];
  const listed = new Map<string, { counts: Record<PairVerdict, number>; reasons: Set<string> }>();
  for (const { source, destination, entries } of index.pairs.values()) {
    const key = `${groupKeyOf(source)}\u0001${groupKeyOf(destination)}`;
    let cell = listed.get(key);
    if (!cell) listed.set(key, (cell = { counts: { all: 0, some: 0, none: 0, unknown: 0 }, reasons: new Set() }));
    const { verdict, reasons } = pairVerdict(entries, isOutsidePair(source, destination), report.unknown);
    cell.counts[verdict] += 1;
    for (const reason of reasons) cell.reasons.add(reason);
  }
  const cells = groups.map((source) =>
    groups.map((destination): NamespaceCell => {
      const pairs = index.pairCount(source, destination);
      const found = listed.get(`${matrixGroupKey(source)}\u0001${matrixGroupKey(destination)}`);
      const counts = { ...(found?.counts ?? { all: 0, some: 0, none: 0, unknown: 0 }) };
      // The pairs connectivity does not list have nothing allowed: none, unless nothing is known.
      const unlisted = pairs - PAIR_VERDICTS.reduce((n, v) => n + counts[v], 0);
      counts[report.unknown ? 'unknown' : 'none'] += unlisted;
      const reasons = [...(found?.reasons ?? []), ...(report.unknown && unlisted > 0 && !found?.reasons.has(report.unknown) ? [report.unknown] : [])];
      const cell: NamespaceCell = { source, destination, verdict: cellVerdict(counts, pairs), counts, pairs, reasons };
      if (report.enforcement && counts.all < pairs) cell.notEnforced = true;
      return cell;
    }),
  );
  return { groups, cells, ...notes(report) };
}

/** The pairs behind one cell of the namespace matrix: its source group's ends by its destination group's. */
export function workloadMatrix(report: ConnectivityReport, podCounts: ReadonlyMap<string, number>, source: MatrixGroup, destination: MatrixGroup): WorkloadMatrix {
  const index = pairIndex(report, podCounts);
  const rows = index.ends(source);
  const columns = index.ends(destination);
  const cells = rows.map((s) => columns.map((d) => (index.hasPodPair(s, d) ? index.pair(s, d) : undefined)));
  return { source, destination, rows, columns, cells, ...notes(report) };
}

/** Unknown wins (nothing else can be claimed); then the pairs' verdict when they agree, else `some`. */
export function cellVerdict(counts: Record<PairVerdict, number>, pairs: number): CellVerdict {
  if (pairs === 0) return 'empty';
  if (counts.unknown > 0) return 'unknown';
  if (counts.all === pairs) return 'all';
  if (counts.none === pairs) return 'none';
  return 'some';
}

function notes(report: ConnectivityReport): Pick<NamespaceMatrix, 'unknown' | 'enforcement'> {
  return { ...(report.unknown ? { unknown: report.unknown } : {}), ...(report.enforcement ? { enforcement: report.enforcement } : {}) };
}

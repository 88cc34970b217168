// The matrix's answers as plain data, ready to cross from the Web Worker to the page (structured clone keeps no
// class, so no ConnectionSet): the engine's pairs with the texts connectivity writes for their connections. Nothing
// is worked out here; verdicts, counts and reasons come from lib/analysis/reach/connectivity-matrix.

import type { WorkloadMatrix, MatrixEnd, MatrixGroup, MatrixPair, PairVerdict } from '@/lib/analysis/reach/connectivity-matrix';
import { formatConnectivityEndpoint, type ConnectivityEntry } from '@/lib/analysis/reach/connectivity';
import type { PolicyRef, UnknownConnections } from '@/lib/analysis/policy/types';
import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import type { ClusterModel, Protocol } from '@/lib/model';

export interface EntryView {
  /** The address ranges, for a pair with the outside; '' between two workloads. */
  ranges: string;
  /** As connectivity writes it: `TCP 8080`, `All connections`; `none known` when only unknown connections are listed. */
  connections: string;
  /** Not every pod pair of the two workloads has `connections`. */
  partial: boolean;
  unknown?: { connections: string; reasons: string[] };
  /** The egress-side and ingress-side policies whose rules allow some of the connections. */
  policies: PolicyRef[];
}

export interface PortChoice {
  protocol: Protocol;
  port: number;
}

export interface PairView {
  source: MatrixEnd;
  destination: MatrixEnd;
  verdict: PairVerdict;
  reasons: string[];
  entries: EntryView[];
  /**
   * Ports worth asking explain about, the first allowed one first: the ports the destination's pods declare, and
   * the first port of each allowed range. Empty for a pair with the outside (no one address to explain).
   */
  ports: PortChoice[];
}

export interface WorkloadMatrixView {
  source: MatrixGroup;
  destination: MatrixGroup;
  rows: MatrixEnd[];
  columns: MatrixEnd[];
  /** Undefined where the two ends have no pod pair. */
  cells: (PairView | undefined)[][];
  unknown?: string;
  enforcement?: EnforcementNote;
}

const MAX_PORTS = 8;

export function workloadMatrixView(matrix: WorkloadMatrix, model: ClusterModel): WorkloadMatrixView {
  const declared = declaredPorts(model);
  const view: WorkloadMatrixView = {
    source: matrix.source,
    destination: matrix.destination,
    rows: matrix.rows,
    columns: matrix.columns,
    cells: matrix.cells.map((row) => row.map((pair) => pair && pairView(pair, declared))),
  };
  if (matrix.unknown) view.unknown = matrix.unknown;
  if (matrix.enforcement) view.enforcement = matrix.enforcement;
  return view;
}

function pairView(pair: MatrixPair, declared: Map<string, PortChoice[]>): PairView {
  const outside = pair.source.type === 'outside' || pair.destination.type === 'outside';
  return {
    source: pair.source,
    destination: pair.destination,
    verdict: pair.verdict,
    reasons: pair.reasons,
    entries: pair.entries.map(entryView),
    ports: outside ? [] : portChoices(pair.entries, declared.get(endKey(pair.destination)) ?? []),
  };
}

function entryView(entry: ConnectivityEntry): EntryView {
  const range = entry.source.type === 'ipRange' ? entry.source : entry.destination.type === 'ipRange' ? entry.destination : undefined;
  const view: EntryView = {
    ranges: range ? formatConnectivityEndpoint(range) : '',
    connections: entry.connections.isEmpty() ? 'none known' : entry.connections.toString(),
    partial: entry.partial === true,
    policies: entry.policies,
  };
  if (entry.unknown) view.unknown = unknownView(entry.unknown);
  return view;
}

const unknownView = (unknown: UnknownConnections) => ({ connections: unknown.connections.toString(), reasons: unknown.reasons });

/**
 * The destination's declared ports and the first port of each allowed range, the allowed ones first, each once.
 * Only a choice of questions for explain: its answer, not this order, says what is allowed.
 */
export function portChoices(entries: readonly ConnectivityEntry[], declared: readonly PortChoice[]): PortChoice[] {
  const allowed = (p: PortChoice) => entries.some((e) => e.connections.allows(p.protocol, p.port));
  const starts = entries.flatMap((e) =>
    e.connections.isAll() ? [] : (['TCP', 'UDP', 'SCTP'] as const).flatMap((protocol) => e.connections.rangesFor(protocol).map((r) => ({ protocol, port: r.start }))),
  );
  const seen = new Set<string>();
  const unique = [...declared, ...starts].filter((p) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...unique.filter(allowed), ...unique.filter((p) => !allowed(p))].slice(0, MAX_PORTS);
}

const endKey = (end: MatrixEnd) => (end.type === 'outside' ? '' : `${end.namespace}/${end.kind}/${end.name}`);

/** The ports each workload's pods declare (containers and native sidecars), by workload, each once. */
function declaredPorts(model: ClusterModel): Map<string, PortChoice[]> {
  const byWorkload = new Map<string, PortChoice[]>();
  for (const pod of model.resources.pods) {
    const key = `${pod.meta.namespace ?? ''}/${pod.workload.kind}/${pod.workload.name}`;
    const list = byWorkload.get(key) ?? [];
    for (const container of pod.containers) {
      for (const port of container.ports) {
        if (!list.some((p) => p.protocol === port.protocol && p.port === port.containerPort)) list.push({ protocol: port.protocol, port: port.containerPort });
      }
    }
    byWorkload.set(key, list);
  }
  return byWorkload;
}

/** A group as the matrix heads its row and column. */
export const groupLabel = (group: MatrixGroup) => (group.type === 'outside' ? 'outside' : group.namespace);

/** kubectl's short names of the workload kinds, so that the drill-down's narrow headings keep the names. */
const SHORT_KINDS: Readonly<Record<string, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  ReplicationController: 'rc',
  Job: 'job',
  CronJob: 'cj',
  Pod: 'pod',
};

/** An end as the drill-down heads it (its namespace is the group's): `deploy/api`, or `outside the cluster`. */
export const endLabel = (end: MatrixEnd) => (end.type === 'outside' ? 'outside the cluster' : `${SHORT_KINDS[end.kind] ?? end.kind}/${end.name}`);

/** An end in full, as connectivity names it: `shop/Deployment/api`. */
export const endName = (end: MatrixEnd) => (end.type === 'outside' ? 'outside the cluster' : formatConnectivityEndpoint(end));

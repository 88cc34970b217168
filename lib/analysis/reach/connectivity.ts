// Every allowed connection in the cluster, grouped by workload, plus the address ranges outside the pods that
// workloads may reach or be reached from. Pure; no I/O.
//
// The semantics are allowedConnections' (both sides: egress at the source, ingress at the destination). The work
// is done on pairs of equivalence classes (classes × classes), never on pairs of pods: a class's side of a flow only
// depends on its policy signature (see equivalence.ts), so each side is computed once per signature and other
// class, and a pair's second side is only asked when its first allows something (SideMemo.pair in class-sides.ts
// asks first the direction with fewer signatures).

import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import type { IpRange } from '../net/cidr';
import { IpRangeSet } from '../net/cidr';
import { ConnectionSet } from '../net/connection-set';
import { describeRanges } from '../net/describe-ranges';
import type { Direction, FlowPeer, UnknownConnections } from '../policy/types';
import { POLICY_KINDS } from '../policy/kinds';
import { unsyncedReason } from '../sync-state';
import { classSide, isClosed, type Side } from './class-sides';
import { ownNodeSide, podEquivalence, type EquivalenceClass } from './equivalence';

export type ConnectivityEndpoint =
  | { type: 'workload'; namespace: string; kind: string; name: string }
  /** Addresses that are not the cluster's pods (see ReachPeer in reachable-peers.ts). */
  | { type: 'ipRange'; cidrs: string[] };

export interface ConnectivityEntry {
  source: ConnectivityEndpoint;
  destination: ConnectivityEndpoint;
  /**
   * The union over the pod pairs of the two workloads (see `partial`). Serialises with toJSON (`{ all: true }` or
   * per-protocol port ranges) and reads with toString().
   */
  connections: ConnectionSet;
  /**
   * Set when not every pod pair of the two workloads has all of `connections`: pods of one workload were told apart
   * (their IPs fall on different sides of an ipBlock, their labels or named ports differ, one runs on the node of a
   * host-network pod), so `connections` holds for some of their pods only.
   */
  partial?: true;
  /**
   * Connections (outside `connections`) whose verdict is unknown for some pod pair, and why: policies of kinds the
   * engine does not evaluate select one end. An entry with unknown connections only has `connections` empty.
   */
  unknown?: UnknownConnections;
}

export interface ConnectivityReport {
  /** Sorted by source, then destination: workloads by namespace, kind and name, then address ranges in address order. */
  entries: ConnectivityEntry[];
  /** Set when data the report rests on is not synced: then it is what the model says, not a certainty. */
  unknown?: string;
  stats: {
    pods: number;
    classes: number;
    workloads: number;
    /** Class pairs looked at, plus (policy signature, address range) pairs evaluated. */
    pairsEvaluated: number;
  };
}

const NEEDED_KINDS = POLICY_KINDS;

interface Workload {
  key: string;
  endpoint: ConnectivityEndpoint;
  pods: number;
  classes: Set<EquivalenceClass>;
}

interface Accumulator {
  source: Workload | RangeEndpoint;
  destination: Workload | RangeEndpoint;
  connections: ConnectionSet;
  /** Pod pairs that contributed. */
  pairs: number;
  /** Contributions differed, so some pod pairs have less than the union. */
  mixed: boolean;
  unknown: ConnectionSet;
  unknownReasons: Set<string>;
}

interface RangeEndpoint {
  key: string;
  endpoint: ConnectivityEndpoint;
}

/**
 * Every allowed connection between workloads (pod.workload: the Deployment, StatefulSet, DaemonSet, Job, CronJob or
 * ReplicaSet, or the pod itself when bare), and between workloads and the address ranges outside the pods.
 *
 * Grouping is by UNION: a workload pair's connections are everything at least one pod of the source may open to at
 * least one pod of the destination. Pods of one workload usually behave alike; when they do not, the entry is marked
 * `partial` rather than dropped or narrowed to the intersection, so nothing allowed is hidden and nothing is claimed
 * for every pod. Pods of one workload talking to each other are a connection (source and destination are the same
 * workload); a pod talking to itself is not.
 *
 * Address ranges are the disjoint ranges the policies' ipBlocks distinguish (0.0.0.0/0 and ::/0 cut at every cidr
 * and except), those with the same connections for a workload merged into one endpoint. Traffic between a pod and
 * its own node is always allowed; that exception is left out of the ranges here (it holds for every pod and its
 * node), while reachablePeers lists a pod's own node addresses.
 */
export function connectivity(model: ClusterModel): ConnectivityReport {
  const equivalence = podEquivalence(model);
  const { index, classes } = equivalence;

  // Workloads, and the pods of each class per workload.
  const workloads = new Map<string, Workload>();
  const members: { workload: Workload; pods: Pod[] }[][] = classes.map((c) => {
    const byWorkload = new Map<Workload, Pod[]>();
    for (const pod of c.pods) {
      const workload = workloadOf(workloads, pod);
      workload.pods += 1;
      workload.classes.add(c);
      const pods = byWorkload.get(workload);
      if (pods) pods.push(pod);
      else byWorkload.set(workload, [pod]);
    }
    return [...byWorkload].map(([workload, pods]) => ({ workload, pods }));
  });

  const entries = new Map<string, Accumulator>();
  const add = (
    source: Workload | RangeEndpoint,
    destination: Workload | RangeEndpoint,
    connections: ConnectionSet,
    pairs: number,
    mixed = false,
    unknown?: UnknownConnections,
  ) => {
    const key = `${source.key}\u0000${destination.key}`;
    let entry = entries.get(key);
    if (entry && unknown) entry.unknown = entry.unknown.union(unknown.connections);
    for (const reason of unknown?.reasons ?? []) entry?.unknownReasons.add(reason);
    if (!entry) {
      entry = { source, destination, connections, pairs, mixed, unknown: unknown?.connections ?? ConnectionSet.none(), unknownReasons: new Set(unknown?.reasons) };
      entries.set(key, entry);
      return;
    }
    entry.pairs += pairs;
    entry.mixed ||= mixed;
    if (!entry.connections.equals(connections)) {
      entry.connections = entry.connections.union(connections);
      entry.mixed = true;
    }
  };

  // Class pairs. Each side is computed once per signature and other end, and the second only when the first
  // allows something (see SideMemo.pair).
  const { sides } = equivalence;
  let pairsEvaluated = 0;
  for (const destination of classes) {
    for (const source of classes) {
      pairsEvaluated += 1;
      const hostPair = source.hostNetwork !== destination.hostNetwork;
      const side = sides.pair(source, destination);
      if (hostPair) {
        // One end uses the host network: the own-node exception opens the pairs on the same node, pod by pod.
        for (const from of members[source.id] ?? []) {
          for (const to of members[destination.id] ?? []) {
            for (const p of from.pods) {
              for (const q of to.pods) {
                const pair = ownNodeSide(p, q, equivalence) ?? side;
                if (!isClosed(pair)) add(from.workload, to.workload, pair.allowed, 1, false, pair.unknown);
              }
            }
          }
        }
        continue;
      }
      if (isClosed(side)) continue;
      for (const from of members[source.id] ?? []) {
        for (const to of members[destination.id] ?? []) {
          const self = source === destination && from.workload === to.workload;
          const pairs = from.pods.length * to.pods.length - (self ? from.pods.length : 0);
          if (pairs > 0) add(from.workload, to.workload, side.allowed, pairs, false, side.unknown);
        }
      }
    }
  }

  // Address ranges: an address's own side is never governed (allowedConnections allows everything for it), so
  // only the pod's side counts, and it depends on the class's signature only.
  const ranges = equivalence.externalRanges;
  const rangeRows = new Map<string, Side[]>();
  const rangeRow = (direction: Direction, c: EquivalenceClass): Side[] => {
    const key = `${direction}:${c.signature[direction]}`;
    let row = rangeRows.get(key);
    if (!row) {
      row = ranges.map(({ ip }) => classSide(direction, c, { type: 'ip', ip } satisfies FlowPeer, index));
      rangeRows.set(key, row);
      pairsEvaluated += ranges.length;
    }
    return row;
  };
  const rangeEndpoints = new Map<string, RangeEndpoint>();
  for (const workload of workloads.values()) {
    for (const direction of ['egress', 'ingress'] as const) {
      const rows = [...workload.classes].map((c) => rangeRow(direction, c));
      const groups = new Map<string, { ranges: IpRange[]; connections: ConnectionSet; mixed: boolean; unknown?: UnknownConnections }>();
      ranges.forEach(({ range }, i) => {
        let connections = ConnectionSet.none();
        let unknown = ConnectionSet.none();
        const reasons = new Set<string>();
        let mixed = false;
        rows.forEach((row, j) => {
          const side = row[i] as Side;
          if (j > 0 && !side.allowed.equals(connections)) mixed = true;
          connections = j === 0 ? side.allowed : connections.union(side.allowed);
          if (side.unknown) unknown = unknown.union(side.unknown.connections);
          for (const reason of side.unknown?.reasons ?? []) reasons.add(reason);
        });
        if (connections.isEmpty() && unknown.isEmpty()) return;
        const unknownPart = unknown.isEmpty() ? undefined : { connections: unknown, reasons: [...reasons] };
        const key = `${connections.toString()}\u0000${mixed}\u0000${unknown.toString()}\u0000${[...reasons].join('\u0000')}`;
        const group = groups.get(key);
        if (group) group.ranges.push(range);
        else groups.set(key, { ranges: [range], connections, mixed, ...(unknownPart ? { unknown: unknownPart } : {}) });
      });
      for (const group of groups.values()) {
        const endpoint = rangeEndpoint(rangeEndpoints, group.ranges);
        if (direction === 'egress') add(workload, endpoint, group.connections, 0, group.mixed, group.unknown);
        else add(endpoint, workload, group.connections, 0, group.mixed, group.unknown);
      }
    }
  }

  const total = (a: Workload | RangeEndpoint, b: Workload | RangeEndpoint) =>
    'pods' in a && 'pods' in b ? a.pods * b.pods - (a === b ? a.pods : 0) : 0;
  const sorted = [...entries.values()].sort((a, b) => byCodeUnits(a.source.key, b.source.key) || byCodeUnits(a.destination.key, b.destination.key));
  const report: ConnectivityReport = {
    entries: sorted.map((e) => {
      const entry: ConnectivityEntry = { source: e.source.endpoint, destination: e.destination.endpoint, connections: e.connections };
      if (e.mixed || e.pairs < total(e.source, e.destination)) entry.partial = true;
      if (!e.unknown.isEmpty()) entry.unknown = { connections: e.unknown, reasons: [...e.unknownReasons] };
      return entry;
    }),
    stats: { pods: model.resources.pods.length, classes: classes.length, workloads: workloads.size, pairsEvaluated },
  };
  const unknown = unsyncedReason(model, NEEDED_KINDS);
  if (unknown) report.unknown = unknown;
  return report;
}

/** One line per entry: `shop/Deployment/frontend => shop/Deployment/api : TCP 8080`; ranges as their CIDRs. */
export function formatConnectivity(report: ConnectivityReport): string {
  const lines = report.entries.map(
    (e) =>
      `${formatConnectivityEndpoint(e.source)} => ${formatConnectivityEndpoint(e.destination)} : ${e.connections.isEmpty() ? 'none known' : e.connections.toString()}${e.partial ? ' (not every pod pair)' : ''}${e.unknown ? `; unknown: ${e.unknown.connections.toString()} (${e.unknown.reasons.join('; ')})` : ''}`,
  );
  if (report.unknown) lines.unshift(`# ${report.unknown}`);
  return lines.join('\n');
}

export function formatConnectivityEndpoint(endpoint: ConnectivityEndpoint): string {
  return endpoint.type === 'workload' ? `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}` : describeRanges(endpoint.cidrs);
}

function workloadOf(workloads: Map<string, Workload>, pod: Pod): Workload {
  const namespace = pod.meta.namespace ?? '';
  // Sort key: workloads before ranges ("0" < "1"), then namespace, kind, name.
  const key = `0${namespace}\u0000${pod.workload.kind}\u0000${pod.workload.name}`;
  let workload = workloads.get(key);
  if (!workload) {
    workload = { key, endpoint: { type: 'workload', namespace, kind: pod.workload.kind, name: pod.workload.name }, pods: 0, classes: new Set() };
    workloads.set(key, workload);
  }
  return workload;
}

function rangeEndpoint(endpoints: Map<string, RangeEndpoint>, ranges: IpRange[]): RangeEndpoint {
  const cidrs = IpRangeSet.fromRanges(ranges).toCidrs();
  const first = ranges[0] as IpRange;
  // Sort key: after workloads, IPv4 first, by first address (fixed width), then by the whole list.
  const key = `1${first.family}${first.start.toString(16).padStart(32, '0')}\u0000${cidrs.join(',')}`;
  let endpoint = endpoints.get(key);
  if (!endpoint) endpoints.set(key, (endpoint = { key, endpoint: { type: 'ipRange', cidrs } }));
  return endpoint;
}

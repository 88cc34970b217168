// Every allowed connection in the cluster, grouped by workload, plus the address ranges outside the pods that
// workloads may reach or be reached from. Pure; no I/O.
//
// The semantics are allowedConnections' (both sides: egress at the source, ingress at the destination). The work
// is done on equivalence classes, never on pairs of pods, and from sets rather than pairs: each policy rule is
// matched once against every class and address range (rule-matches.ts), the classes a side may let anything through
// to are the union of its rules' bitsets, and PairCandidates turns the egress sets around so that each destination
// gets, in a few word operations, the only sources worth asking. Only those pairs are evaluated: each side once per
// signature and profile of the other end, and a pair's second side only when its first allows something
// (SideMemo.pair in class-sides.ts).

import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { IpRangeSet, parseCidr, type IpRange } from '../net/cidr';
import { ConnectionSet } from '../net/connection-set';
import { describeRanges } from '../net/describe-ranges';
import { enforcementNote, type EnforcementNote } from '../enforcement/note';
import { formatPolicy, mergePolicies, type Direction, type PolicyRef, type UnknownConnections } from '../policy/types';
import { POLICY_KINDS } from '../policy/kinds';
import { unsyncedReason } from '../sync-state';
import { Bitset } from './bitset';
import { CLOSED_SIDE, isClosed, type Side } from './class-sides';
import { PairCandidates } from './pair-candidates';
import { ownNodeSide, podEquivalence, type EquivalenceClass } from './equivalence';

export type ConnectivityEndpoint =
  | WorkloadEndpoint
  /** Addresses that are not the cluster's pods (see ReachPeer in reachable-peers.ts). */
  | { type: 'ipRange'; cidrs: string[] };

export interface WorkloadEndpoint {
  type: 'workload';
  namespace: string;
  kind: string;
  name: string;
}

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
   * The egress-side and ingress-side policies whose rules allow some of `connections` (sorted; each once); empty
   * where no policy isolates either end.
   */
  policies: PolicyRef[];
  /**
   * Connections (outside `connections`) whose verdict is unknown for some pod pair, and why: policies of kinds the
   * engine does not evaluate select one end. An entry with unknown connections only has `connections` empty.
   */
  unknown?: UnknownConnections;
}

export interface ConnectivityReport {
  /** Sorted by source, then destination: workloads by namespace, kind and name, then address ranges in address order. */
  entries: ConnectivityEntry[];
  /** Every workload of the model, connected or not, in the entries' order. */
  workloads: WorkloadEndpoint[];
  /** Set when data the report rests on is not synced: then it is what the model says, not a certainty. */
  unknown?: string;
  /**
   * Set when the network plugin does not enforce NetworkPolicy: what the policies deny (every connection the entries
   * leave out) flows all the same.
   */
  enforcement?: EnforcementNote;
  stats: {
    pods: number;
    classes: number;
    workloads: number;
    /** Class pairs looked at (those that may let something through, and those the own-node exception may open), plus (policy signature, address range) pairs evaluated. */
    pairsEvaluated: number;
  };
}

const NEEDED_KINDS = POLICY_KINDS;

interface Workload {
  key: string;
  endpoint: WorkloadEndpoint;
  pods: number;
  classes: Set<EquivalenceClass>;
}

interface Accumulator {
  source: Workload | RangeEndpoint;
  destination: Workload | RangeEndpoint;
  connections: ConnectionSet;
  policies: PolicyRef[];
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
  const { classes } = equivalence;

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

  // By source, then destination: looked up once per class pair and workload pair, so keyed by the objects.
  const entries = new Map<Workload | RangeEndpoint, Map<Workload | RangeEndpoint, Accumulator>>();
  const add = (
    source: Workload | RangeEndpoint,
    destination: Workload | RangeEndpoint,
    { allowed: connections, policies, unknown }: Pick<Side, 'allowed' | 'policies' | 'unknown'>,
    pairs: number,
    mixed = false,
  ) => {
    let row = entries.get(source);
    if (!row) entries.set(source, (row = new Map()));
    let entry = row.get(destination);
    if (entry && unknown) entry.unknown = entry.unknown.union(unknown.connections);
    for (const reason of unknown?.reasons ?? []) entry?.unknownReasons.add(reason);
    if (!entry) {
      entry = { source, destination, connections, policies, pairs, mixed, unknown: unknown?.connections ?? ConnectionSet.none(), unknownReasons: new Set(unknown?.reasons) };
      row.set(destination, entry);
      return;
    }
    entry.pairs += pairs;
    entry.mixed ||= mixed;
    if (policies.length > 0 && policies !== entry.policies) entry.policies = mergePolicies(entry.policies, policies);
    if (!entry.connections.equals(connections)) {
      entry.connections = entry.connections.union(connections);
      entry.mixed = true;
    }
  };

  // Class pairs: for each destination, the sources whose pair may let something through (PairCandidates), and
  // every pair with one end on the host network, which the own-node exception may open pod by pod. Each side is
  // computed once per signature and other end, and the second only when the first allows something (see
  // SideMemo.pair).
  const { sides } = equivalence;
  const pairs = new PairCandidates(equivalence);
  const size = classes.length + equivalence.externalRanges.length;
  const hostClasses = new Bitset(size);
  const podClasses = new Bitset(size);
  for (const c of classes) (c.hostNetwork ? hostClasses : podClasses).add(c.id);
  const visit = new Bitset(size);
  let pairsEvaluated = 0;
  for (const destination of classes) {
    const candidates = pairs.sourcesOf(destination);
    visit.copyFrom(candidates);
    visit.addAll(destination.hostNetwork ? podClasses : hostClasses);
    visit.forEach((id) => {
      const source = classes[id]!;
      pairsEvaluated += 1;
      const side = candidates.has(id) ? sides.pair(source, destination) : CLOSED_SIDE;
      if (source.hostNetwork !== destination.hostNetwork) {
        // One end uses the host network: the own-node exception opens the pairs on the same node, pod by pod.
        for (const from of members[source.id] ?? []) {
          for (const to of members[destination.id] ?? []) {
            for (const p of from.pods) {
              for (const q of to.pods) {
                const pair = ownNodeSide(p, q, equivalence) ?? side;
                if (!isClosed(pair)) add(from.workload, to.workload, pair, 1);
              }
            }
          }
        }
        return;
      }
      if (isClosed(side)) return;
      for (const from of members[source.id] ?? []) {
        for (const to of members[destination.id] ?? []) {
          const self = source === destination && from.workload === to.workload;
          const pairs = from.pods.length * to.pods.length - (self ? from.pods.length : 0);
          if (pairs > 0) add(from.workload, to.workload, side, pairs);
        }
      }
    });
  }

  // Address ranges: an address's own side is never governed (allowedConnections allows everything for it), so
  // only the pod's side counts, and it depends on the class's signature only.
  const ranges = equivalence.externalRanges;
  const rangeRows = new Map<string, Side[]>();
  const rangeRow = (direction: Direction, c: EquivalenceClass): Side[] => {
    const key = `${direction}:${c.signature[direction]}`;
    let row = rangeRows.get(key);
    if (!row) {
      row = ranges.map((_, i) => {
        if (sides.admits(direction, c, classes.length + i)) pairsEvaluated += 1;
        return sides.rangeSide(direction, c, i);
      });
      rangeRows.set(key, row);
    }
    return row;
  };
  // A workload's range entries depend on the signatures of its classes only (in their order, which orders the
  // unknown reasons): computed once per such list, then added for every workload with it.
  const rangeEndpoints = new Map<string, RangeEndpoint>();
  const rangeGroups = new Map<string, { endpoint: RangeEndpoint; side: Side; mixed: boolean }[]>();
  const groupsOf = (direction: Direction, workload: Workload) => {
    const bySignature = new Map<number, EquivalenceClass>();
    for (const c of workload.classes) if (!bySignature.has(c.signature[direction])) bySignature.set(c.signature[direction], c);
    const key = `${direction}:${[...bySignature.keys()].join(',')}`;
    let found = rangeGroups.get(key);
    if (!found) rangeGroups.set(key, (found = rangeGroupsOf([...bySignature.values()].map((c) => rangeRow(direction, c)))));
    return found;
  };
  const rangeGroupsOf = (rows: Side[][]) => {
    const groups = new Map<string, { ranges: IpRange[]; side: Side; mixed: boolean }>();
    ranges.forEach(({ range }, i) => {
      // Nothing to fold when every row is closed there (most ranges, for most workloads).
      if (rows.every((row) => isClosed(row[i] as Side))) return;
      let connections = ConnectionSet.none();
      let unknown = ConnectionSet.none();
      const reasons = new Set<string>();
      let policies: PolicyRef[] = [];
      let mixed = false;
      rows.forEach((row, j) => {
        const side = row[i] as Side;
        if (j > 0 && !side.allowed.equals(connections)) mixed = true;
        connections = j === 0 ? side.allowed : connections.union(side.allowed);
        policies = mergePolicies(policies, side.policies);
        if (side.unknown) unknown = unknown.union(side.unknown.connections);
        for (const reason of side.unknown?.reasons ?? []) reasons.add(reason);
      });
      if (connections.isEmpty() && unknown.isEmpty()) return;
      const unknownPart = unknown.isEmpty() ? undefined : { connections: unknown, reasons: [...reasons] };
      const key = `${connections.toString()}\u0000${mixed}\u0000${unknown.toString()}\u0000${[...reasons].join('\u0000')}`;
      const group = groups.get(key);
      if (group) {
        group.ranges.push(range);
        group.side = { ...group.side, policies: mergePolicies(group.side.policies, policies) };
      } else groups.set(key, { ranges: [range], side: { allowed: connections, policies, ...(unknownPart ? { unknown: unknownPart } : {}) }, mixed });
    });
    return [...groups.values()].map(({ ranges, side, mixed }) => ({ endpoint: rangeEndpoint(rangeEndpoints, ranges), side, mixed }));
  };
  for (const workload of workloads.values()) {
    for (const { endpoint, side, mixed } of groupsOf('egress', workload)) add(workload, endpoint, side, 0, mixed);
    for (const { endpoint, side, mixed } of groupsOf('ingress', workload)) add(endpoint, workload, side, 0, mixed);
  }

  const total = (a: Workload | RangeEndpoint, b: Workload | RangeEndpoint) =>
    'pods' in a && 'pods' in b ? a.pods * b.pods - (a === b ? a.pods : 0) : 0;
  const sorted = [...entries.values()].flatMap((row) => [...row.values()]).sort((a, b) => byCodeUnits(a.source.key, b.source.key) || byCodeUnits(a.destination.key, b.destination.key));
  const report: ConnectivityReport = {
    entries: sorted.map((e) => {
      const policies = [...e.policies].sort((a, b) => byCodeUnits(formatPolicy(a), formatPolicy(b)));
      const entry: ConnectivityEntry = { source: e.source.endpoint, destination: e.destination.endpoint, connections: e.connections, policies };
      if (e.mixed || e.pairs < total(e.source, e.destination)) entry.partial = true;
      if (!e.unknown.isEmpty()) entry.unknown = { connections: e.unknown, reasons: [...e.unknownReasons] };
      return entry;
    }),
    workloads: [...workloads.values()].sort((a, b) => byCodeUnits(a.key, b.key)).map((w) => w.endpoint),
    stats: { pods: model.resources.pods.length, classes: classes.length, workloads: workloads.size, pairsEvaluated },
  };
  const unknown = unsyncedReason(model, NEEDED_KINDS);
  if (unknown) report.unknown = unknown;
  const enforcement = enforcementNote(model);
  if (enforcement) report.enforcement = enforcement;
  return report;
}

/** One line per entry: `shop/Deployment/frontend => shop/Deployment/api : TCP 8080`; ranges as their CIDRs. */
export function formatConnectivity(report: ConnectivityReport): string {
  const lines = report.entries.map(
    (e) =>
      `${formatConnectivityEndpoint(e.source)} => ${formatConnectivityEndpoint(e.destination)} : ${e.connections.isEmpty() ? 'none known' : e.connections.toString()}${e.partial ? ' (not every pod pair)' : ''}${e.unknown ? `; unknown: ${e.unknown.connections.toString()} (${e.unknown.reasons.join('; ')})` : ''}`,
  );
  if (report.enforcement) lines.unshift(`# connections not listed here are ${report.enforcement.text}`);
  if (report.unknown) lines.unshift(`# ${report.unknown}`);
  return lines.join('\n');
}

export function formatConnectivityEndpoint(endpoint: ConnectivityEndpoint): string {
  return endpoint.type === 'workload' ? `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}` : describeRanges(endpoint.cidrs);
}

/**
 * The endpoint's identity, which also orders endpoints as reports list them (compare with byCodeUnits): workloads
 * before ranges ("0" < "1"), workloads by namespace, kind and name, ranges IPv4 first, by first address (fixed
 * width), then by the whole list.
 */
export function connectivityEndpointKey(endpoint: ConnectivityEndpoint): string {
  if (endpoint.type === 'workload') return `0${endpoint.namespace}\u0000${endpoint.kind}\u0000${endpoint.name}`;
  // toCidrs lists IPv4 first, in address order: the first CIDR starts at the lowest address.
  const first = parseCidr(endpoint.cidrs[0] ?? '');
  const start = first ? `${first.family}${first.start.toString(16).padStart(32, '0')}` : '';
  return `1${start}\u0000${endpoint.cidrs.join(',')}`;
}

/** The workload a pod counts under in the report (pod.workload, in the pod's namespace). */
export function workloadEndpointOf(pod: Pod): WorkloadEndpoint {
  return { type: 'workload', namespace: pod.meta.namespace ?? '', kind: pod.workload.kind, name: pod.workload.name };
}

function workloadOf(workloads: Map<string, Workload>, pod: Pod): Workload {
  const endpoint = workloadEndpointOf(pod);
  const key = connectivityEndpointKey(endpoint);
  let workload = workloads.get(key);
  if (!workload) {
    workload = { key, endpoint, pods: 0, classes: new Set() };
    workloads.set(key, workload);
  }
  return workload;
}

function rangeEndpoint(endpoints: Map<string, RangeEndpoint>, ranges: IpRange[]): RangeEndpoint {
  const endpoint: ConnectivityEndpoint = { type: 'ipRange', cidrs: IpRangeSet.fromRanges(ranges).toCidrs() };
  const key = connectivityEndpointKey(endpoint);
  let known = endpoints.get(key);
  if (!known) endpoints.set(key, (known = { key, endpoint }));
  return known;
}

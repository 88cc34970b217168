// Pods that every NetworkPolicy treats alike, grouped so reachability is computed once per group instead of once per
// pod. Pure; no I/O. Built once per model (models are immutable) and cached on the model object, like indexModel.
// The results themselves always come from allowedConnections (the policy engine); this module only decides which
// pods may share one.
//
// What the policy engine reads of a pod, and so what the classes are keyed by:
// - namespace and labels: which policies select it (NetworkPolicySpec.podSelector) and which podSelector /
//   namespaceSelector peers match it (NetworkPolicyPeer). Labels are taken as the policies' selectors can see them:
//   a key no selector names is left out, and a value no selector names under its key is replaced by one "other"
//   value (to matchLabels, In, NotIn, Exists and DoesNotExist all such values look the same). So StatefulSet pods,
//   whose pod-name labels differ, still share a class unless a policy names those labels;
// - hostNetwork: host-network pods are never selected, and pod selectors never match them;
// - named container ports (name, protocol, number) whose names policies use: a named port in a policy resolves on
//   the destination pod (NetworkPolicyPort.port);
// - its IPs, only through ipBlock peers (IPBlock): pods are further split by which of the disjoint address ranges
//   that all ipBlock cidrs and excepts distinguish their IPs fall in (nothing to split when no policy has an ipBlock);
// - its node, only through the own-node exception (traffic between a pod and its own node is always allowed). That
//   exception only ever applies to a pod and a host-network pod (or a node address) on the same node, so every
//   host-network pod is a class of its own, class representatives carry no node (so class-level results never
//   include the exception), and the callers add it back for the pod pairs it applies to (`sameNodeHostPair`).
//
// One side of a flow (allowedConnections(direction, subject, other)) reads of the subject only its isolating
// policies, plus, on ingress, its named ports: classes with the same `signature` share their sides. Of the other end
// it reads what matchPeer reads (for a pod outside the policies' namespace, only its namespace's labels, not the
// namespace's name) plus, on egress, its named ports: `peerGroup` and `targetGroup` gather the classes that look
// alike from outside their namespace. `SideMemo` computes each side once per signature and such group.

import type { ClusterModel, LabelSelector, NetworkPolicy, Pod } from '@/lib/model';
import { indexModel, type ModelIndex } from '../model-index';
import { formatIp, parseCidr, parseIp, type IpRange } from '../net/cidr';
import { ConnectionSet } from '../net/connection-set';
import { allowedConnections } from '../policy/allowed-connections';
import { isolatingPolicies } from '../policy/isolation';
import { namespaceLabels } from '../policy/match-peer';
import type { Direction, FlowPeer, PolicyRef } from '../policy/types';

type Family = 4 | 6;

const MAX: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };
/** Stands for every label value no selector names under that key. */
const OTHER_VALUE = '\u0000other';

export interface EquivalenceClass {
  /** Position in `PodEquivalence.classes`. */
  id: number;
  key: string;
  namespace: string;
  hostNetwork: boolean;
  /** In model order; never empty. */
  pods: Pod[];
  /**
   * The first pod of the class without nodeName and hostIP: evaluating it never triggers the own-node exception,
   * so a result computed on it holds for every pod of the class against any pod that does not use the host network.
   */
  representative: Pod;
  /** The policies that isolate the class per direction (they select it and have that policyType). */
  isolating: Record<Direction, NetworkPolicy[]>;
  /**
   * Classes with the same signature get the same result for their side of a flow against any other end: on egress
   * the side depends on the isolating policies only, on ingress also on the named ports (they resolve on the
   * destination, here the subject). -1 when the class is not isolated: then its side allows everything.
   */
  signature: Record<Direction, number>;
  /** Classes of the same group look alike to the peers of any policy outside their namespace. */
  peerGroup: number;
  /** Like peerGroup, and with the same named ports: alike as the destination of an egress side. */
  targetGroup: number;
}

/** One of the disjoint address ranges the policies' ipBlocks distinguish, outside the pods' own addresses. */
export interface ExternalRange {
  range: IpRange;
  /** An address of the range to evaluate it with (its first). */
  ip: string;
}

export interface PodEquivalence {
  index: ModelIndex;
  classes: EquivalenceClass[];
  classOf: Map<Pod, EquivalenceClass>;
  /** How many distinct signatures per direction (signature ids are 0..n-1). */
  signatures: Record<Direction, number>;
  /** Whether any policy has an ipBlock peer (else pod IPs play no part in the classes). */
  hasIpBlocks: boolean;
  /** Per family, the sorted starts of the disjoint ranges all ipBlock cidrs and excepts cut the address space into. */
  boundaries: Record<Family, bigint[]>;
  /**
   * Per family and range (by position in `boundaries`), which ipBlock cidrs and excepts contain it, as an id:
   * addresses of ranges with the same id are inside exactly the same ipBlocks. -1 for ranges inside none.
   */
  membership: Record<Family, number[]>;
  /** Per family, the sorted addresses that are pods' own (what explainFlow reads as a pod rather than an address). */
  podAddresses: Record<Family, bigint[]>;
  /** The address space split at `boundaries`, without ranges made only of pod addresses; IPv4 first. */
  externalRanges: ExternalRange[];
  /** Class-level sides computed so far, kept with the model for later questions. */
  sides: SideMemo;
}

const cache = new WeakMap<ClusterModel, PodEquivalence>();

/** The equivalence classes of the model's pods (cached per model). */
export function podEquivalence(model: ClusterModel): PodEquivalence {
  const cached = cache.get(model);
  if (cached) return cached;
  const index = indexModel(model);
  const policies = model.resources.networkpolicies;
  const refs = policyReferences(policies);
  const { boundaries, membership } = ipBlockPartition(policies);
  const hasIpBlocks = policies.some((p) => [...p.ingress, ...p.egress].some((r) => r.peers.some((peer) => peer.ipBlock)));

  const classes: EquivalenceClass[] = [];
  const byKey = new Map<string, EquivalenceClass>();
  const classOf = new Map<Pod, EquivalenceClass>();
  const ids = { signature: { egress: new Map<string, number>(), ingress: new Map<string, number>() }, peer: new Map<string, number>(), target: new Map<string, number>() };
  const idOf = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  };
  const namespaceKeys = new Map<string, string>();
  const namespaceKey = (name: string) => {
    let key = namespaceKeys.get(name);
    if (key === undefined) namespaceKeys.set(name, (key = projectLabels(namespaceLabels(index, name), refs.namespaceLabels)));
    return key;
  };

  for (const pod of model.resources.pods) {
    const namespace = pod.meta.namespace ?? '';
    const labels = projectLabels(pod.meta.labels, refs.podLabels);
    const ports = namedPortsKey(pod, refs.portNames);
    const ips = hasIpBlocks ? ipKey(boundaries, membership, pod.podIPs) : '';
    const key = pod.hostNetwork
      ? `host\u0000${pod.meta.uid}\u0000${namespace}/${pod.meta.name}`
      : `${namespace}\u0000${labels}\u0000${ports}\u0000${ips}`;
    let group = byKey.get(key);
    if (!group) {
      const representative = withoutNode(pod);
      const isolating = {
        egress: isolatingPolicies(representative, 'egress', index),
        ingress: isolatingPolicies(representative, 'ingress', index),
      };
      const peerKey = `${namespaceKey(namespace)}\u0000${labels}\u0000${pod.hostNetwork}\u0000${ips}`;
      group = {
        id: classes.length,
        key,
        namespace,
        hostNetwork: pod.hostNetwork,
        pods: [],
        representative,
        isolating,
        signature: {
          egress: isolating.egress.length === 0 ? -1 : idOf(ids.signature.egress, policiesKey(isolating.egress)),
          ingress: isolating.ingress.length === 0 ? -1 : idOf(ids.signature.ingress, `${policiesKey(isolating.ingress)}\u0000${ports}`),
        },
        peerGroup: idOf(ids.peer, peerKey),
        targetGroup: idOf(ids.target, `${peerKey}\u0000${ports}`),
      };
      byKey.set(key, group);
      classes.push(group);
    }
    group.pods.push(pod);
    classOf.set(pod, group);
  }

  const podAddresses: Record<Family, bigint[]> = { 4: [], 6: [] };
  for (const ip of index.podByIP.keys()) {
    const parsed = parseIp(ip);
    if (parsed) podAddresses[parsed.family].push(parsed.value);
  }
  for (const family of [4, 6] as const) podAddresses[family] = uniqueSorted(podAddresses[family]);

  const signatures = { egress: ids.signature.egress.size, ingress: ids.signature.ingress.size };
  const equivalence: PodEquivalence = {
    index,
    classes,
    classOf,
    signatures,
    hasIpBlocks,
    boundaries,
    membership,
    podAddresses,
    externalRanges: [],
    sides: new SideMemo(index, signatures),
  };
  equivalence.externalRanges = externalRanges(equivalence);
  cache.set(model, equivalence);
  return equivalence;
}

/**
 * The external ranges, each address of `splitAt` (for example a pod's own node addresses, which the own-node
 * exception treats apart) made a range of its own. Without `splitAt`, the cached `externalRanges`.
 */
export function externalRanges(equivalence: PodEquivalence, splitAt: readonly string[] = []): ExternalRange[] {
  const out: ExternalRange[] = [];
  for (const family of [4, 6] as const) {
    let starts = equivalence.boundaries[family];
    const extra = splitAt
      .map(parseIp)
      .filter((ip): ip is { family: Family; value: bigint } => ip?.family === family)
      .flatMap((ip) => (ip.value < MAX[family] ? [ip.value, ip.value + 1n] : [ip.value]));
    if (extra.length > 0) starts = uniqueSorted([...starts, ...extra]);
    const pods = equivalence.podAddresses[family];
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] as bigint;
      const end = i + 1 < starts.length ? (starts[i + 1] as bigint) - 1n : MAX[family];
      // A range made only of pod addresses holds nothing external: those addresses are the pods.
      if (countInRange(pods, start, end) === end - start + 1n) continue;
      out.push({ range: { family, start, end }, ip: formatIp(family, start) });
    }
  }
  return out;
}

/**
 * Whether the own-node exception decides a pair of pods: one uses the host network and the other runs on the same
 * node. Then each side allows everything (the host-network pod's side is not governed, and the other pod's own
 * node is always allowed), whatever the class-level result says.
 */
export function sameNodeHostPair(a: Pod, b: Pod): boolean {
  if (a.hostNetwork === b.hostNetwork) return false;
  const pod = a.hostNetwork ? b : a;
  const host = a.hostNetwork ? a : b;
  return !!pod.nodeName && pod.nodeName === host.nodeName;
}

// ---------------------------------------------------------------------------------------------------------------
// Sides and pairs at class level: thin wrappers around allowedConnections, which is the semantics.

/** What one side allows between two ends, and the policies whose rules allow it. */
export interface Side {
  allowed: ConnectionSet;
  policies: PolicyRef[];
}

/** The side of a subject no policy isolates (or does not govern): everything, by no policy. */
export const OPEN_SIDE: Side = Object.freeze({ allowed: ConnectionSet.all(), policies: [] as PolicyRef[] });
export const CLOSED_SIDE: Side = Object.freeze({ allowed: ConnectionSet.none(), policies: [] as PolicyRef[] });

/**
 * The subject class's side of a flow against the other end, from its representative (so without the own-node
 * exception). A class that is not isolated allows everything without asking.
 */
export function classSide(direction: Direction, subject: EquivalenceClass, other: FlowPeer, index: ModelIndex): Side {
  if (subject.signature[direction] < 0) return OPEN_SIDE;
  return sideOf(allowedConnections(direction, { type: 'pod', pod: subject.representative }, other, index));
}

/** The part of allowedConnections' answer a pair needs; one shared object for "nothing". */
export function sideOf(side: { allowed: ConnectionSet; policies: PolicyRef[] }): Side {
  return side.allowed.isEmpty() ? CLOSED_SIDE : { allowed: side.allowed, policies: side.policies };
}

/**
 * Class-level sides, each computed once per subject signature and other end as the signature's policies see it:
 * a class of the subject's own namespace by itself, any other by its group.
 */
export class SideMemo {
  private readonly memos: Record<Direction, (Map<number, Side> | undefined)[]>;

  private readonly egressFirst: boolean;

  constructor(
    private readonly index: ModelIndex,
    signatures: Record<Direction, number>,
  ) {
    this.egressFirst = signatures.egress <= signatures.ingress;
    this.memos = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
  }

  side(direction: Direction, subject: EquivalenceClass, other: EquivalenceClass): Side {
    const signature = subject.signature[direction];
    if (signature < 0) return OPEN_SIDE;
    const memos = this.memos[direction];
    let memo = memos[signature];
    if (!memo) memos[signature] = memo = new Map();
    const key = memoKey(direction, subject, other);
    let side = memo.get(key);
    if (!side) {
      side = classSide(direction, subject, peerOfClass(other), this.index);
      memo.set(key, side);
    }
    return side;
  }

  /**
   * Both sides of a flow from a pod of `source` to a pod of `destination` (the own-node exception aside). A side
   * already known to allow nothing settles it; otherwise the direction with fewer signatures (fewer sides to
   * compute in all) is asked first, and the other only when the first allows something.
   */
  pair(source: EquivalenceClass, destination: EquivalenceClass): Side {
    const egress = this.known('egress', source, destination);
    if (egress?.allowed.isEmpty()) return CLOSED_SIDE;
    const ingress = this.known('ingress', destination, source);
    if (ingress?.allowed.isEmpty()) return CLOSED_SIDE;
    if (egress && ingress) return bothSides(egress, ingress);
    if (this.egressFirst) {
      const e = egress ?? this.side('egress', source, destination);
      return e.allowed.isEmpty() ? CLOSED_SIDE : bothSides(e, ingress ?? this.side('ingress', destination, source));
    }
    const i = ingress ?? this.side('ingress', destination, source);
    return i.allowed.isEmpty() ? CLOSED_SIDE : bothSides(egress ?? this.side('egress', source, destination), i);
  }

  /** The side when already known (or open), else undefined; never computes. */
  known(direction: Direction, subject: EquivalenceClass, other: EquivalenceClass): Side | undefined {
    const signature = subject.signature[direction];
    if (signature < 0) return OPEN_SIDE;
    return this.memos[direction][signature]?.get(memoKey(direction, subject, other));
  }
}

/** How the other end looks to the subject's policies: a class of their own namespace by itself, others by group. */
const memoKey = (direction: Direction, subject: EquivalenceClass, other: EquivalenceClass) =>
  other.namespace === subject.namespace ? -1 - other.id : direction === 'egress' ? other.targetGroup : other.peerGroup;

/** A connection needs both sides: egress at the source and ingress at the destination. */
export function bothSides(egress: Side, ingress: Side): Side {
  if (egress.allowed.isEmpty() || ingress.allowed.isEmpty()) return CLOSED_SIDE;
  if (ingress === OPEN_SIDE) return egress;
  if (egress === OPEN_SIDE) return ingress;
  const allowed = egress.allowed.isAll() ? ingress.allowed : ingress.allowed.isAll() ? egress.allowed : egress.allowed.intersect(ingress.allowed);
  if (allowed.isEmpty()) return CLOSED_SIDE;
  return { allowed, policies: mergePolicies(egress.policies, ingress.policies) };
}

export function mergePolicies(...lists: PolicyRef[][]): PolicyRef[] {
  const seen = new Set<string>();
  const out: PolicyRef[] = [];
  for (const list of lists) {
    for (const ref of list) {
      const key = `${ref.namespace}/${ref.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return out;
}

export const peerOfClass = (c: EquivalenceClass): FlowPeer => ({ type: 'pod', pod: c.representative });

// ---------------------------------------------------------------------------------------------------------------
// Keys

interface PolicyReferences {
  /** Label keys pod selectors name, each with the values they name under it. */
  podLabels: Map<string, Set<string>>;
  namespaceLabels: Map<string, Set<string>>;
  /** Named ports of policy ports. */
  portNames: Set<string>;
}

function policyReferences(policies: NetworkPolicy[]): PolicyReferences {
  const refs: PolicyReferences = { podLabels: new Map(), namespaceLabels: new Map(), portNames: new Set() };
  const note = (into: Map<string, Set<string>>, selector: LabelSelector | undefined) => {
    if (!selector) return;
    const values = (key: string) => {
      let set = into.get(key);
      if (!set) into.set(key, (set = new Set()));
      return set;
    };
    for (const [key, value] of Object.entries(selector.matchLabels)) values(key).add(value);
    for (const requirement of selector.matchExpressions) {
      const set = values(requirement.key);
      for (const value of requirement.values) set.add(value);
    }
  };
  for (const policy of policies) {
    note(refs.podLabels, policy.podSelector);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        note(refs.podLabels, peer.podSelector);
        note(refs.namespaceLabels, peer.namespaceSelector);
      }
      for (const port of rule.ports) if (typeof port.port === 'string') refs.portNames.add(port.port);
    }
  }
  return refs;
}

/** The labels as selectors naming only `refs` can tell them apart, as a key. */
function projectLabels(labels: Record<string, string>, refs: Map<string, Set<string>>): string {
  const kept: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const values = refs.get(key);
    if (values) kept.push(`${key}=${values.has(value) ? value : OTHER_VALUE}`);
  }
  return JSON.stringify(kept.sort());
}

const policiesKey = (policies: NetworkPolicy[]) => policies.map((p) => `${p.meta.uid}@${p.meta.namespace ?? ''}/${p.meta.name}`).join(',');

function namedPortsKey(pod: Pod, names: Set<string>): string {
  const ports = new Set<string>();
  for (const container of pod.containers) {
    for (const port of container.ports) if (port.name && names.has(port.name)) ports.add(`${port.name}/${port.protocol}/${port.containerPort}`);
  }
  return [...ports].sort().join(',');
}

/** A copy of the pod without what the own-node exception reads. */
function withoutNode(pod: Pod): Pod {
  const copy = { ...pod };
  delete copy.nodeName;
  delete copy.hostIP;
  return copy;
}

/**
 * Every cidr and except of every ipBlock cuts the address space at its first address and after its last; each
 * resulting range is then named by the set of those cidrs and excepts that contain it.
 */
function ipBlockPartition(policies: NetworkPolicy[]): { boundaries: Record<Family, bigint[]>; membership: Record<Family, number[]> } {
  const blocks: Record<Family, IpRange[]> = { 4: [], 6: [] };
  const seen = new Set<string>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (!peer.ipBlock) continue;
        for (const text of [peer.ipBlock.cidr, ...peer.ipBlock.except]) {
          const range = parseCidr(text);
          if (!range) continue;
          const key = `${range.family}:${range.start}:${range.end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          blocks[range.family].push(range);
        }
      }
    }
  }
  const boundaries = { 4: [0n], 6: [0n] } as Record<Family, bigint[]>;
  const membership = { 4: [], 6: [] } as Record<Family, number[]>;
  const ids = new Map<string, number>();
  for (const family of [4, 6] as const) {
    const cuts = [0n];
    for (const range of blocks[family]) {
      cuts.push(range.start);
      if (range.end < MAX[family]) cuts.push(range.end + 1n);
    }
    boundaries[family] = uniqueSorted(cuts);
    membership[family] = boundaries[family].map((start) => {
      const key = blocks[family].map((r, i) => (r.start <= start && start <= r.end ? i : -1)).filter((i) => i >= 0).join(',');
      // Inside no cidr or except at all: such an address matches no ipBlock, like no address.
      if (key === '') return -1;
      let id = ids.get(`${family}:${key}`);
      if (id === undefined) ids.set(`${family}:${key}`, (id = ids.size));
      return id;
    });
  }
  return { boundaries, membership };
}

/** Which ipBlocks the pod's IPs are inside. An unparsable IP is inside none, like no IP at all. */
function ipKey(boundaries: Record<Family, bigint[]>, membership: Record<Family, number[]>, ips: string[]): string {
  const keys = new Set<number>();
  for (const ip of ips) {
    const parsed = parseIp(ip);
    const id = parsed ? (membership[parsed.family][rangeIndex(boundaries[parsed.family], parsed.value)] as number) : -1;
    if (id >= 0) keys.add(id);
  }
  return [...keys].sort((a, b) => a - b).join(',');
}

/** The index of the last start <= value (starts[0] is 0). */
function rangeIndex(starts: bigint[], value: bigint): number {
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
function countInRange(sorted: bigint[], start: bigint, end: bigint): bigint {
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

function uniqueSorted(values: bigint[]): bigint[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

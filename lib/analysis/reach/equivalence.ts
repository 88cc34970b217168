// Pods that every evaluated policy (NetworkPolicy and the cluster-wide tiers) treats alike, grouped so reachability is
// computed once per group instead of once per pod. Pure; no I/O. Built once per model (models are immutable) and cached on the model object, like indexModel.
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
// - the cluster-wide policies (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy) read the same
//   things through their subjects and their `namespaces`/`pods` peers (namespace labels and pod labels, which join the
//   projections above), their named ports, and their `networks` peers (CIDRs that match pod IPs too: they cut the
//   address space like ipBlocks, and a pod with no IP, which a network may or may not hold, is told apart). Their
//   `nodes` peers match node addresses and host-network pods by their node: every node address is an external range
//   of its own, and a host-network class keeps its node;
// - Cilium's rules read the same kinds of things (cilium-keys.ts): the classes are split by the rules that select
//   them per direction, the endpoint labels their selectors name (pod labels, the namespace's name and labels, the
//   service account) join the projections, their named ports the named ports, their CIDRs cut the address space,
//   and node addresses are ranges of their own (entities host, remote-node). A class representative has no node, so
//   to it every node is a remote one: the pairs of a pod and a host-network pod on its node are evaluated pod by pod
//   (ownNodeSide);
// - policies the engine does not evaluate (policy/not-evaluated.ts: Calico's, Cilium's host policies) that select it, per
//   direction: their selectors read labels no NetworkPolicy names, so the classes are split by the very list of
//   such policies, and a class they select has an unknown side there for every one of its pods.
//
// One side of a flow (allowedConnections(direction, subject, other)) reads of the subject only its isolating
// policies, plus, on ingress, its named ports: classes with the same `signature` share their sides. Of the other end
// it reads what matchPeer reads (for a pod outside the policies' namespace, only its namespace's labels, not the
// namespace's name) plus, on egress, its named ports: `peerGroup` and `targetGroup` gather the classes that look
// alike from outside their namespace. `SideMemo` (class-sides.ts) computes each side once per signature and such
// group.

import type { ClusterModel, ClusterWidePolicy, LabelSelector, NetworkPolicy, Pod } from '@/lib/model';
import { indexModel, type ModelIndex } from '../model-index';
import { parseCidr, parseIp, type IpRange } from '../net/cidr';
import { FAMILIES, membershipOf, partitionAt, pieces, uniqueSorted, type Family, type IpPartition } from '../net/ip-partition';
import { ciliumSelection } from '../cilium/selection';
import { ciliumEndpointLabels } from '../cilium/selector';
import { allowedConnections } from '../policy/allowed-connections';
import { clusterTiersOf, isolatingPolicies, type ClusterTiers } from '../policy/isolation';
import { notEvaluatedSelecting } from '../policy/not-evaluated';
import { namespaceLabels } from '../policy/match-peer';
import type { Direction, FlowPeer } from '../policy/types';
import { ciliumReferences, ciliumSelectionKey } from './cilium-keys';
import { bothSides, OPEN_SIDE, SideMemo, sideOf, type Side } from './class-sides';
import { rebaseEquivalence, type EquivalenceReuse } from './rebase-equivalence';

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
  /** The cluster-wide policies per tier that select the class and have rules for the direction. */
  cluster: Record<Direction, ClusterTiers>;
  /** The named ports policies use, with their numbers, as a key: they resolve on the class when it is the destination. */
  namedPorts: string;
  /** Whether policies the engine does not evaluate select the class for the direction (its side is then unknown). */
  notEvaluated: Record<Direction, boolean>;
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
  /** Whether any policy has an ipBlock or networks peer (else pod IPs play no part in the classes). */
  hasIpBlocks: boolean;
  /**
   * The address space cut at every ipBlock cidr and except and every networks CIDR, each piece named by the ranges
   * that contain it.
   */
  partition: IpPartition;
  /** Addresses that are external ranges of their own for every question: node addresses, when a nodes peer names them. */
  aloneAddresses: string[];
  /** Per family, the sorted addresses that are pods' own (what explainFlow reads as a pod rather than an address). */
  podAddresses: Record<Family, bigint[]>;
  /** The address space split at `boundaries`, without ranges made only of pod addresses; IPv4 first. */
  externalRanges: ExternalRange[];
  /** Class-level sides computed so far, kept with the model for later questions. */
  sides: SideMemo;
  /** The pairs of a pod and a host-network pod on its node computed so far (see ownNodeSide), by their classes. */
  ownNodeSides: Map<number, Side>;
  /** What rebaseEquivalence needs to take the classes over to a next model. */
  reuse: EquivalenceReuse;
}

const cache = new WeakMap<ClusterModel, PodEquivalence>();

/**
 * The last equivalence built (or rebased), with its model: the next model, when it differs from it by a few pods,
 * takes its classes and sides over (rebaseEquivalence). One model is kept alive by it.
 */
let latest: { model: ClusterModel; equivalence: PodEquivalence } | undefined;

/** The equivalence classes of the model's pods (cached per model; rebased on the previous model's when it can be). */
export function podEquivalence(model: ClusterModel): PodEquivalence {
  const cached = cache.get(model);
  if (cached) return cached;
  const equivalence = (latest && rebaseEquivalence(model, latest.model, latest.equivalence)) ?? buildEquivalence(model);
  cache.set(model, equivalence);
  latest = { model, equivalence };
  return equivalence;
}

/**
 * Forgets the last equivalence, so that the next model's is built from nothing: for benchmarks that time a cold
 * build, and tests that compare a rebased answer with a fresh one.
 */
export function forgetLatestEquivalence(): void {
  latest = undefined;
}

function buildEquivalence(model: ClusterModel): PodEquivalence {
  const index = indexModel(model);
  const policies = model.resources.networkpolicies;
  const clusterPolicies = [...index.clusterPolicies.Admin, ...index.clusterPolicies.Baseline];
  const refs = policyReferences(policies, clusterPolicies);
  const cilium = ciliumReferences(index);
  for (const name of cilium.portNames) refs.portNames.add(name);
  const partition = partitionAt([...ipBlockRanges(policies), ...refs.networks, ...cilium.cidrs]);
  const hasIpBlocks = refs.networks.length > 0 || policies.some((p) => [...p.ingress, ...p.egress].some((r) => r.peers.some((peer) => peer.ipBlock)));
  const hasNetworks = refs.networks.length > 0;
  // A node peer tells node addresses apart from other addresses, and host-network pods by their node.
  const aloneAddresses = refs.nodes || cilium.any ? [...index.nodeByIP.keys()] : [];

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

  /** What the policy engine reads of a pod, as one key, and its parts the class keeps; `index` is the pod's model's. */
  const keyOf = (pod: Pod, index: ModelIndex) => {
    const namespace = pod.meta.namespace ?? '';
    const labels = projectLabels(pod.meta.labels, refs.podLabels);
    const ports = namedPortsKey(pod, refs.portNames);
    const ips = hasIpBlocks ? ipKey(partition, pod.podIPs, hasNetworks) : '';
    const unevaluated = { egress: notEvaluatedKey(pod, 'egress', index), ingress: notEvaluatedKey(pod, 'ingress', index) };
    const ciliumLabels = cilium.any ? projectLabels(ciliumEndpointLabels(pod, index), cilium.endpointLabels) : '';
    const ciliumRules = { egress: ciliumSelectionKey(pod, 'egress', index), ingress: ciliumSelectionKey(pod, 'ingress', index) };
    const key = pod.hostNetwork
      ? `host\u0000${pod.meta.uid}\u0000${namespace}/${pod.meta.name}`
      : `${namespace}\u0000${labels}\u0000${ports}\u0000${ips}\u0000${unevaluated.egress}\u0000${unevaluated.ingress}\u0000${ciliumLabels}\u0000${ciliumRules.egress}\u0000${ciliumRules.ingress}`;
    return { key, namespace, labels, ports, ips, unevaluated, ciliumLabels, ciliumRules };
  };

  for (const pod of model.resources.pods) {
    const { key, namespace, labels, ports, ips, unevaluated, ciliumLabels, ciliumRules } = keyOf(pod, index);
    let group = byKey.get(key);
    if (!group) {
      // A host-network pod keeps its node: nodes peers match it by its node, and the own-node exception never
      // applies to it as the subject (its side is not governed).
      const representative = pod.hostNetwork ? pod : withoutNode(pod);
      const isolating = {
        egress: isolatingPolicies(representative, 'egress', index),
        ingress: isolatingPolicies(representative, 'ingress', index),
      };
      const cluster = { egress: clusterTiersOf(representative, 'egress', index), ingress: clusterTiersOf(representative, 'ingress', index) };
      const governed = {
        egress: withCilium(governedKey(isolating.egress, cluster.egress), ciliumRules.egress),
        ingress: withCilium(governedKey(isolating.ingress, cluster.ingress), ciliumRules.ingress),
      };
      const notEvaluated = { egress: unevaluated.egress !== '', ingress: unevaluated.ingress !== '' };
      const node = pod.hostNetwork ? (pod.nodeName ?? '') : '';
      const peerKey = `${namespaceKey(namespace)}\u0000${labels}\u0000${pod.hostNetwork}\u0000${node}\u0000${ips}\u0000${ciliumLabels}`;
      group = {
        id: classes.length,
        key,
        namespace,
        hostNetwork: pod.hostNetwork,
        pods: [],
        representative,
        isolating,
        cluster,
        namedPorts: ports,
        notEvaluated,
        // A side that is not evaluated is never open: it gets a signature of its own kind.
        signature: {
          egress: governed.egress === '' && !notEvaluated.egress ? -1 : idOf(ids.signature.egress, `${governed.egress}\u0000${unevaluated.egress}`),
          ingress:
            governed.ingress === '' && !notEvaluated.ingress
              ? -1
              : idOf(ids.signature.ingress, `${governed.ingress}\u0000${ports}\u0000${unevaluated.ingress}`),
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

  const podAddresses = podAddressesOf(index);

  const signatures = { egress: ids.signature.egress.size, ingress: ids.signature.ingress.size };
  const ranges = rangesOf({ partition, aloneAddresses, podAddresses });
  return {
    index,
    classes,
    classOf,
    signatures,
    hasIpBlocks,
    partition,
    aloneAddresses,
    podAddresses,
    externalRanges: ranges,
    sides: new SideMemo(index, { classes, ranges }, signatures),
    ownNodeSides: new Map(),
    reuse: {
      byKey,
      keyOf: (pod, index) => keyOf(pod, index).key,
      representativeOf: withoutNode,
      podAddresses: podAddressesOf,
      ranges: (podAddresses) => rangesOf({ partition, aloneAddresses, podAddresses }),
    },
  };
}

/**
 * The external ranges, each address of `aloneAddresses` and of `splitAt` (for example a pod's own node addresses,
 * which the own-node exception treats apart) made a range of its own. Without `splitAt`, the cached `externalRanges`.
 */
export function externalRanges(equivalence: PodEquivalence, splitAt: readonly string[] = []): ExternalRange[] {
  return splitAt.length === 0 ? equivalence.externalRanges : rangesOf(equivalence, splitAt);
}

function rangesOf(equivalence: Pick<PodEquivalence, 'aloneAddresses' | 'partition' | 'podAddresses'>, splitAt: readonly string[] = []): ExternalRange[] {
  const addresses = [...equivalence.aloneAddresses, ...splitAt].map(parseIp);
  return FAMILIES.flatMap((family) => {
    const alone = uniqueSorted(addresses.flatMap((ip) => (ip?.family === family ? [ip.value] : [])));
    // A range made only of pod addresses holds nothing external: those addresses are the pods.
    return pieces(equivalence.partition, family, alone, equivalence.podAddresses[family]);
  });
}

/** Per family, the sorted addresses that are pods' own (see PodEquivalence.podAddresses). */
function podAddressesOf(index: ModelIndex): Record<Family, bigint[]> {
  const podAddresses: Record<Family, bigint[]> = { 4: [], 6: [] };
  for (const ip of index.podByIP.keys()) {
    const parsed = parseIp(ip);
    if (parsed) podAddresses[parsed.family].push(parsed.value);
  }
  for (const family of FAMILIES) podAddresses[family] = uniqueSorted(podAddresses[family]);
  return podAddresses;
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

/**
 * The pair from `source` to `destination` when the own-node exception may decide it (see sameNodeHostPair), from the
 * pods themselves: class representatives carry no node. Mostly open; but a side the engine does not evaluate stays
 * unknown, and Cilium's rules may still decide (its deny rules, its egress rules with entity host). Undefined for any
 * other pair, which the class-level pair answers.
 */
export function ownNodeSide(source: Pod, destination: Pod, equivalence: PodEquivalence): Side | undefined {
  if (!sameNodeHostPair(source, destination)) return undefined;
  const { index, classOf, classes, ownNodeSides } = equivalence;
  // The pods of a class on the node of a host-network pod all get the same pair: what the classes hold, and the node.
  const key = classOf.get(source)!.id * classes.length + classOf.get(destination)!.id;
  const known = ownNodeSides.get(key);
  if (known) return known;
  const [pod, host, direction, hostDirection] = source.hostNetwork
    ? ([destination, source, 'ingress', 'egress'] as const)
    : ([source, destination, 'egress', 'ingress'] as const);
  // The usual case, open: the exception decides the pod's side, and nothing governs the host-network pod's.
  const governed = classOf.get(pod)?.notEvaluated[direction] || classOf.get(host)?.notEvaluated[hostDirection] || ciliumSelection(pod, direction, index).rules.length > 0;
  const from: FlowPeer = { type: 'pod', pod: source };
  const to: FlowPeer = { type: 'pod', pod: destination };
  const side = governed ? bothSides(sideOf(allowedConnections('egress', from, to, index)), sideOf(allowedConnections('ingress', to, from, index))) : OPEN_SIDE;
  ownNodeSides.set(key, side);
  return side;
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

/** The unevaluated policies that select the pod for the direction, as a key ('' when none). */
function notEvaluatedKey(pod: Pod, direction: Direction, index: ModelIndex): string {
  return notEvaluatedSelecting(pod, direction, index)
    .map((p) => `${p.kind}\u0001${p.namespace ?? ''}/${p.name}\u0001${p.selection}`)
    .join('\u0002');
}

interface PolicyReferences {
  /** Label keys pod selectors name, each with the values they name under it. */
  podLabels: Map<string, Set<string>>;
  namespaceLabels: Map<string, Set<string>>;
  /** Named ports of policy ports. */
  portNames: Set<string>;
  /** The CIDRs of the cluster-wide policies' networks peers. */
  networks: IpRange[];
  /** Whether a cluster-wide policy has a nodes peer. */
  nodes: boolean;
}

function policyReferences(policies: NetworkPolicy[], clusterPolicies: ClusterWidePolicy[]): PolicyReferences {
  const refs: PolicyReferences = { podLabels: new Map(), namespaceLabels: new Map(), portNames: new Set(), networks: [], nodes: false };
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
  for (const policy of clusterPolicies) {
    note(refs.podLabels, policy.subject.podSelector);
    note(refs.namespaceLabels, policy.subject.namespaceSelector);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers) {
        if (peer.type === 'pods') {
          note(refs.podLabels, peer.podSelector);
          note(refs.namespaceLabels, peer.namespaceSelector);
        } else if (peer.type === 'networks') {
          for (const cidr of peer.networks) {
            const range = parseCidr(cidr);
            if (range) refs.networks.push(range);
          }
        } else if (peer.type === 'nodes') refs.nodes = true;
      }
      for (const port of rule.ports) if (port.type === 'named') refs.portNames.add(port.name);
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

const policiesKey = (policies: (NetworkPolicy | ClusterWidePolicy)[]) => policies.map((p) => `${p.meta.uid}@${p.meta.namespace ?? ''}/${p.meta.name}`).join(',');

/** A side's governing policies with the Cilium rules that select it ('' when neither: the side is open). */
const withCilium = (governed: string, ciliumRules: string) => (ciliumRules === '' ? governed : `${governed}\u0000cilium:${ciliumRules}`);

/** The policies of every tier that govern a side, as a key ('' when none does: the side is open). */
function governedKey(isolating: NetworkPolicy[], cluster: ClusterTiers): string {
  if (isolating.length === 0 && cluster.Admin.length === 0 && cluster.Baseline.length === 0) return '';
  return `${policiesKey(cluster.Admin)}\u0000${policiesKey(isolating)}\u0000${policiesKey(cluster.Baseline)}`;
}

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

/** Every cidr and except of every ipBlock, once each, in policy order. */
function ipBlockRanges(policies: NetworkPolicy[]): IpRange[] {
  const ranges: IpRange[] = [];
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
          ranges.push(range);
        }
      }
    }
  }
  return ranges;
}

/**
 * Which ipBlocks (and networks) the pod's IPs are inside. An unparsable IP is inside none, like no IP at all; but a
 * networks peer may or may not hold a pod with no IP (ClusterPeerMatch "maybe"), so with `noIpApart` those pods are
 * a group of their own.
 */
function ipKey(partition: IpPartition, ips: string[], noIpApart: boolean): string {
  if (noIpApart && ips.length === 0) return 'none';
  const keys = new Set<number>();
  for (const ip of ips) {
    const id = membershipOf(partition, ip);
    if (id >= 0) keys.add(id);
  }
  return [...keys].sort((a, b) => a - b).join(',');
}

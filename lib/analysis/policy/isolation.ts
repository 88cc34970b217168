// Which policies govern one side of a flow: the single place that decides whether a pod is isolated for a
// direction, and by which policies. Both forms of the engine (evaluateSide for one port, allowedConnections for the
// set of connections) and the equivalence classes start here, so they cannot disagree on it. A new policy kind
// (AdminNetworkPolicy, a CNI's own policies such as Cilium's) joins the engine by joining `sideIsolation`.

import type { ClusterPolicyTier, ClusterWidePolicy, NetworkPolicy, Pod, PolicyType, Protocol } from '@/lib/model';
import { rulesFor } from '../cluster-policy/tier';
import { clusterPoliciesSelecting } from '../cluster-policy/select';
import type { ModelIndex } from '../model-index';
import { matchesSelector } from '../selectors/label-selector';
import { ciliumSelection, NO_CILIUM, type CiliumSelection } from '../cilium/selection';
import { notEvaluatedSelecting, type NotEvaluatedPolicy } from './not-evaluated';
import { isOwnNode } from './own-node';
import type { Direction, FlowPeer, FlowQuery } from './types';

export const POLICY_TYPE: Record<Direction, PolicyType> = { egress: 'Egress', ingress: 'Ingress' };

/**
 * The policies that select a pod (networking/v1 NetworkPolicySpec.podSelector): those of its own namespace whose
 * podSelector matches its labels. Host-network pods are never selected.
 */
export function selectingPolicies(pod: Pod, index: ModelIndex): NetworkPolicy[] {
  if (pod.hostNetwork) return [];
  return (index.policiesByNamespace.get(pod.meta.namespace ?? '') ?? []).filter((p) => matchesSelector(p.podSelector, pod.meta.labels));
}

/** The policies that isolate the pod for the direction: they select it and have that policyType. */
export function isolatingPolicies(pod: Pod, direction: Direction, index: ModelIndex): NetworkPolicy[] {
  const type = POLICY_TYPE[direction];
  return selectingPolicies(pod, index).filter((p) => p.policyTypes.includes(type));
}

/** Container ports of a pod with this name and protocol (a named port in a policy is the destination's). */
export function namedPortsOf(pod: Pod | undefined, name: string, protocol: Protocol): number[] {
  if (!pod) return [];
  return pod.containers.flatMap((c) => c.ports.filter((p) => p.name === name && p.protocol === protocol).map((p) => p.containerPort));
}

/**
 * What the rules of an isolating policy are evaluated against, built once per side and passed whole down the
 * pipeline (after Kiali's appender GlobalInfo) instead of a parameter list.
 */
export interface RuleContext {
  direction: Direction;
  /** The other end of the flow: what a rule's peers must match. */
  other: FlowPeer;
  /** The destination of the flow (the subject on ingress, the other end on egress), where named ports resolve. */
  destination: FlowPeer;
  index: ModelIndex;
  /** The destination's container ports with this name and protocol. */
  resolveNamedPort: (name: string, protocol: Protocol) => number[];
}

/** A RuleContext with the one connection a flow asks about. */
export interface FlowRuleContext extends RuleContext {
  query: FlowQuery;
}

/**
 * The cluster-wide policies of each tier that select the subject and have rules for the direction (a policy with
 * none does not affect that direction), in the tier's order.
 */
export type ClusterTiers = Record<ClusterPolicyTier, ClusterWidePolicy[]>;

/**
 * The cluster-wide policies of each tier that select the pod and have rules for the direction. A side reads them
 * through governingPolicies, which keeps them per index and pod.
 */
export function clusterTiersOf(pod: Pod, direction: Direction, index: ModelIndex): ClusterTiers {
  const select = (tier: ClusterPolicyTier) => clusterPoliciesSelecting(pod, tier, index).filter((p) => rulesFor(p, direction).length > 0);
  return { Admin: select('Admin'), Baseline: select('Baseline') };
}

const hasClusterPolicies = (tiers: ClusterTiers) => tiers.Admin.length > 0 || tiers.Baseline.length > 0;

/**
 * Who governs one side of a flow, before any rule is read. The policy tier (NetworkPolicies, `policies`, and the Cilium
 * rules that select the pod, `cilium`: see policy-tier.ts) sits between the Admin and the Baseline tier of the
 * cluster-wide policies (`cluster`).
 */
export type SideIsolation =
  /** The subject is an address, not a pod: no policy of the cluster governs its side. */
  | { kind: 'not-a-pod'; ip: string }
  /** Policies the engine does not evaluate select the pod: the side is unknown (policy/not-evaluated.ts). */
  | { kind: 'not-evaluated'; pod: Pod; policies: NotEvaluatedPolicy[] }
  /** A host-network pod: policies never select it (Cilium's host policies are not evaluated, see above). */
  | { kind: 'host-network'; pod: Pod }
  /** Neither a NetworkPolicy nor a Cilium rule with default deny isolates the pod; other policies may select it. */
  | { kind: 'not-isolated'; pod: Pod; cluster: ClusterTiers; cilium: CiliumSelection; context: RuleContext }
  /**
   * Selected by a policy, but the other end is the pod's own node. kube-netmap's own-node exception (`exception`):
   * NetworkPolicy and the cluster-wide tiers always allow it, and Cilium lets the node reach its local pods
   * (allow-localhost, always on Kubernetes). Only Cilium's rules may still decide: its deny entries, and on egress,
   * where no exception applies, its rules (entity host).
   */
  | { kind: 'own-node'; pod: Pod; policies: NetworkPolicy[]; cluster: ClusterTiers; cilium: CiliumSelection; exception: boolean; context: RuleContext }
  /** Isolated by NetworkPolicies or Cilium rules with default deny: below the Admin tier, only their rules allow. */
  | { kind: 'isolated'; pod: Pod; policies: NetworkPolicy[]; cluster: ClusterTiers; cilium: CiliumSelection; context: RuleContext };

/**
 * One side of a flow: the egress side is evaluated on the source with the destination as the other end, the
 * ingress side on the destination with the source as the other end. A side is isolated when a NetworkPolicy
 * selecting the subject has that policy type, or a Cilium rule with default deny for the direction selects it.
 */
export function sideIsolation(direction: Direction, subject: FlowPeer, other: FlowPeer, index: ModelIndex): SideIsolation {
  if (subject.type === 'ip') return { kind: 'not-a-pod', ip: subject.ip };
  const pod = subject.pod;
  const governing = governingPolicies(pod, direction, index);
  // The hook for policies that are detected but not evaluated: they decide before any evaluated kind is read.
  if (governing.notEvaluated.length > 0) return { kind: 'not-evaluated', pod, policies: governing.notEvaluated };
  if (pod.hostNetwork) return { kind: 'host-network', pod };
  const { policies, cluster, cilium } = governing;
  const destination = direction === 'ingress' ? subject : other;
  const destinationPod = destination.type === 'pod' ? destination.pod : undefined;
  const resolveNamedPort = (name: string, protocol: Protocol) => namedPortsOf(destinationPod, name, protocol);
  const context = { direction, other, destination, index, resolveNamedPort };
  const selected = policies.length > 0 || hasClusterPolicies(cluster);
  // kube-netmap applies the own-node exception to the cluster-wide tiers too; upstream does not say either way.
  if ((selected || cilium.rules.length > 0) && isOwnNode(pod, other, index)) {
    return { kind: 'own-node', pod, policies, cluster, cilium, exception: selected || direction === 'ingress', context };
  }
  if (policies.length === 0 && !cilium.defaultDeny) return { kind: 'not-isolated', pod, cluster, cilium, context };
  return { kind: 'isolated', pod, policies, cluster, cilium, context };
}

/** What selects the subject of a side, whatever the other end: every kind of policy, per direction. */
interface GoverningPolicies {
  notEvaluated: NotEvaluatedPolicy[];
  policies: NetworkPolicy[];
  cluster: ClusterTiers;
  cilium: CiliumSelection;
}

const governingCache = new WeakMap<ModelIndex, WeakMap<Pod, Partial<Record<Direction, GoverningPolicies>>>>();

/**
 * The policies of every kind that select the pod for the direction. Cached per index and pod (both immutable):
 * every side of the pod asks, against every other end, and selection reads every policy in scope.
 */
function governingPolicies(pod: Pod, direction: Direction, index: ModelIndex): GoverningPolicies {
  let byPod = governingCache.get(index);
  if (!byPod) governingCache.set(index, (byPod = new WeakMap()));
  let entry = byPod.get(pod);
  if (!entry) byPod.set(pod, (entry = {}));
  const cached = entry[direction];
  if (cached) return cached;
  const notEvaluated = notEvaluatedSelecting(pod, direction, index);
  const governing =
    notEvaluated.length > 0 || pod.hostNetwork
      ? { notEvaluated, policies: [], cluster: { Admin: [], Baseline: [] }, cilium: NO_CILIUM }
      : { notEvaluated, policies: isolatingPolicies(pod, direction, index), cluster: clusterTiersOf(pod, direction, index), cilium: ciliumSelection(pod, direction, index) };
  return (entry[direction] = governing);
}

/** The rules of a policy for the direction. */
export const rulesOf = (policy: NetworkPolicy, direction: Direction) => (direction === 'ingress' ? policy.ingress : policy.egress);

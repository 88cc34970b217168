import { describeTierUnknown } from '../cluster-policy/describe';
import type { ClusterPolicyTier, ClusterWidePolicy } from '@/lib/model';
import { evaluateTier, type TierOutcome } from '../cluster-policy/tier';
import { combineTiers } from '../cluster-policy/tiers';
import { ciliumAllowing, describeCiliumUnknown } from '../cilium/explain';
import { ConnectionSet } from '../net/connection-set';
import type { ModelIndex } from '../model-index';
import { evaluatePolicyTier } from './evaluate-policy-tier';
import { sideIsolation } from './isolation';
import { formatNotEvaluated } from './not-evaluated';
import { clusterPolicyRef, policyRef, type Direction, type FlowPeer, type PolicyRef, type UnknownConnections } from './types';

export interface SideConnections {
  /** Every connection (protocol and port) this side lets through between the two ends. */
  allowed: ConnectionSet;
  /**
   * Connections this side may or may not let through, and why (as evaluateSide words it): a tier's rules may decide
   * them (see TierOutcome.unknown), or a policy of a kind kube-netmap does not evaluate selects the subject (then
   * all of them). Empty when the side is known for every connection.
   */
  unknown: UnknownConnections;
  /** False when the subject is not a pod policies can select: then everything is allowed. */
  governed: boolean;
  /** Whether a policy of any tier selects the subject for this direction. */
  isolated: boolean;
  /** The policies whose rules contribute to `allowed` (empty when not isolated). */
  policies: PolicyRef[];
  /** The other end is the pod's own node, where the own-node exception applies (see SideIsolation). */
  ownNode: boolean;
}

/**
 * A tier's outcome for `policies` against the other end, from `evaluate` or from an earlier question that looks the
 * same to those policies: a caller that knows when two other ends look alike to them (the equivalence classes) reuses
 * outcomes through it.
 */
export type TierMemo = (tier: ClusterPolicyTier, policies: ClusterWidePolicy[], evaluate: () => TierOutcome) => TierOutcome;

/**
 * The set form of evaluateSide: instead of one port, every connection one side allows. Same isolation
 * (sideIsolation), same tiers (combineTiers), same rules, so that "reach" and "explain" always agree: a port is in
 * `allowed` exactly when evaluateSide allows it, and in `unknown` exactly when it says unknown. Named ports resolve
 * against the destination (the subject on ingress, the other end on egress).
 */
export function allowedConnections(direction: Direction, subject: FlowPeer, other: FlowPeer, index: ModelIndex, tierMemo?: TierMemo): SideConnections {
  const isolation = sideIsolation(direction, subject, other, index);
  switch (isolation.kind) {
    case 'not-evaluated': {
      // Told by the subject's end of the flow, never by its name: reach asks for a whole class of pods at once.
      const end = direction === 'egress' ? 'the source' : 'the destination';
      const reasons = isolation.policies.map((policy) => formatNotEvaluated(policy, end));
      return { allowed: ConnectionSet.none(), unknown: { connections: ConnectionSet.all(), reasons }, governed: true, isolated: false, policies: [], ownNode: false };
    }
    case 'not-a-pod':
    case 'host-network':
      return { allowed: ConnectionSet.all(), unknown: known(), governed: false, isolated: false, policies: [], ownNode: false };
    case 'own-node':
      // Cilium's rules may still decide between a pod and its node (see SideIsolation); nothing else does.
      if (isolation.cilium.rules.length === 0) return { allowed: ConnectionSet.all(), unknown: known(), governed: true, isolated: true, policies: [], ownNode: true };
  }
  const { context, cluster } = isolation;
  const ownNode = isolation.kind === 'own-node';
  const tier = (name: ClusterPolicyTier) => {
    // The own-node exception leaves the cluster-wide tiers out.
    if (ownNode || cluster[name].length === 0) return undefined;
    const evaluate = () => evaluateTier(name, cluster[name], direction, other, index, context.resolveNamedPort, 'sets');
    return tierMemo ? tierMemo(name, cluster[name], evaluate) : evaluate();
  };
  const admin = tier('Admin');
  const policyTier = evaluatePolicyTier(isolation);
  const baseline = policyTier.outcome?.isolated ? undefined : tier('Baseline');
  if (!admin && !policyTier.outcome && !baseline) {
    return { allowed: ConnectionSet.all(), unknown: known(), governed: true, isolated: false, policies: [], ownNode: false };
  }
  const { allowed, unknown } = combineTiers(admin, policyTier.outcome, baseline);
  const reasons: string[] = [];
  for (const outcome of [admin, baseline]) {
    if (!outcome || outcome.unknown.intersect(unknown).isEmpty()) continue;
    for (const reason of describeTierUnknown(outcome, direction)) reasons.push(reason);
  }
  if (policyTier.cilium) for (const reason of describeCiliumUnknown(policyTier.cilium, unknown, direction)) reasons.push(reason);
  // The cluster-wide policies whose Accept decides part of what is allowed, before and after the policy tier's.
  const accepting = (outcome: typeof admin) => (outcome && !outcome.accept.isEmpty() ? acceptingPolicies(outcome) : []);
  const policies = [
    ...accepting(admin),
    ...(policyTier.networkPolicy?.contributing.map(policyRef) ?? []),
    ...(policyTier.cilium ? ciliumAllowing(policyTier.cilium, allowed) : []),
    ...accepting(baseline),
  ];
  return { allowed, unknown: { connections: unknown, reasons }, governed: true, isolated: true, policies, ownNode };
}

/** No connection unknown. */
const known = (): UnknownConnections => ({ connections: ConnectionSet.none(), reasons: [] });

function acceptingPolicies(outcome: NonNullable<ReturnType<typeof evaluateTier>>): PolicyRef[] {
  const refs = new Map<string, PolicyRef>();
  for (const r of outcome.rules) {
    if (r.match === 'yes' && r.rule.action === 'Accept' && r.ports.intersect(outcome.accept).isEmpty() === false) refs.set(r.policy.meta.uid, clusterPolicyRef(r.policy));
  }
  return [...refs.values()];
}

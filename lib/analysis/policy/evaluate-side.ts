import type { ModelIndex } from '../model-index';
import { ciliumRefs } from '../cilium/describe';
import { POLICY_TYPE, sideIsolation } from './isolation';
import { formatNotEvaluated } from './not-evaluated';
import { policyTierSide } from './policy-tier-side';
import { networkPolicyRules, tierStep } from './side-steps';
import {
  clusterPolicyRef,
  formatPeer,
  formatPod,
  formatPolicy,
  mergePolicies,
  policyRef,
  type Direction,
  type FlowPeer,
  type FlowQuery,
  type SideStep,
  type SideVerdict,
  type TierRuleMatch,
} from './types';

const OWN_NODE_NOTE = 'traffic between a pod and the node it runs on is always allowed, whatever the policies say';

/**
 * One side of a flow, with its reasons (see sideIsolation for who governs it): unknown when a policy kube-netmap
 * does not evaluate selects the subject; otherwise tier by tier (see combineTiers): the Admin tier's cluster-wide
 * policies, then the policy tier (NetworkPolicy, and Cilium's rules: policy-tier-side.ts), then the Baseline tier,
 * then allowed. When NetworkPolicy alone isolates the pod, only a rule whose peers AND ports both match allows the
 * flow; NetworkPolicies are additive.
 */
export function evaluateSide(direction: Direction, subject: FlowPeer, other: FlowPeer, query: FlowQuery, index: ModelIndex): SideVerdict {
  const trace: SideStep[] = [];
  const base = { direction, isolatingPolicies: [], allowedBy: [], deniedBy: [], nearMisses: [], unknownReasons: [], tierRules: [] };
  const isolation = sideIsolation(direction, subject, other, index);
  switch (isolation.kind) {
    case 'not-evaluated': {
      // Before any tier: a kind kube-netmap does not evaluate may overrule every one of them either way.
      const unknownReasons = isolation.policies.map((policy) => formatNotEvaluated(policy, formatPod(isolation.pod)));
      for (const reason of unknownReasons) trace.push({ kind: 'unknown', text: `unknown: ${reason}` });
      return { ...base, governed: true, isolated: false, allowed: false, unknownReasons, trace };
    }
    case 'not-a-pod':
      trace.push({ kind: 'not-governed', text: `${isolation.ip} is not a pod of the cluster; NetworkPolicies of the cluster do not govern its side` });
      return { ...base, governed: false, isolated: false, allowed: true, trace };
    case 'host-network':
      trace.push({ kind: 'not-governed', text: `${formatPod(isolation.pod)} uses the host network; NetworkPolicies never select it` });
      return { ...base, governed: false, isolated: false, allowed: true, trace };
  }

  const pod = isolation.pod;
  const clusterRefs = [...isolation.cluster.Admin, ...isolation.cluster.Baseline].map(clusterPolicyRef);
  const networkPolicies = isolation.kind === 'not-isolated' ? [] : isolation.policies.map(policyRef);
  const isolatingPolicies = mergePolicies(networkPolicies, ciliumRefs(isolation.cilium.rules), clusterRefs);
  const context = { ...isolation.context, query };
  const tierRules: TierRuleMatch[] = [];
  const unknownReasons: string[] = [];
  const verdict = { ...base, governed: true, isolatingPolicies, tierRules, unknownReasons, trace };
  // Cilium's rules join NetworkPolicy's in the policy tier; without them, the tier is NetworkPolicy's alone.
  const cilium = isolation.cilium.rules.length > 0;

  if (isolation.kind === 'own-node' && cilium) return { ...verdict, ...policyTierSide(isolation, context, verdict) };
  if (isolation.kind === 'own-node') {
    trace.push({ kind: 'isolated', text: `${formatPod(pod)} is selected for ${direction} by ${isolatingPolicies.map(formatPolicy).join(', ')}` });
    trace.push({ kind: 'own-node', text: `${formatPeer(other)} is the node ${formatPod(pod)} runs on: ${OWN_NODE_NOTE}` });
    return { ...base, governed: true, isolated: true, isolatingPolicies, allowed: true, trace };
  }

  const admin = isolation.cluster.Admin.length > 0 ? tierStep('Admin', isolation.cluster.Admin, context, query, verdict) : 'none';
  if (admin === 'Accept' || admin === 'Deny' || admin === 'unknown') {
    return { ...verdict, isolated: true, allowed: admin === 'Accept' };
  }

  if (cilium) return { ...verdict, ...policyTierSide(isolation, context, verdict) };
  if (isolation.kind === 'isolated') {
    trace.push({ kind: 'isolated', text: `${formatPod(pod)} is isolated for ${direction} by ${networkPolicies.map(formatPolicy).join(', ')}` });
    return { ...verdict, ...networkPolicyRules(isolation.policies, context, trace), isolated: true };
  }
  trace.push({
    kind: 'not-isolated',
    text: `${formatPod(pod)} is not isolated for ${direction} (no policy selecting it has policyType ${POLICY_TYPE[direction]})${isolation.cluster.Baseline.length > 0 ? '' : ': allowed'}`,
  });
  if (isolation.cluster.Baseline.length === 0) return { ...verdict, isolated: isolatingPolicies.length > 0, allowed: true };
  const baseline = tierStep('Baseline', isolation.cluster.Baseline, context, query, verdict);
  return { ...verdict, isolated: true, allowed: baseline !== 'Deny' && baseline !== 'unknown' };
}


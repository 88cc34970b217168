import type { ClusterPolicyTier } from '@/lib/model';
import { describeClusterRule, describeClusterRuleBody, describeMaybeMatch, describeTie } from '../cluster-policy/describe';
import { decisionFor, evaluateTier, type ClusterRuleEval, type TierOutcome } from '../cluster-policy/tier';
import type { ModelIndex } from '../model-index';
import { evaluateRule } from './evaluate-rule';
import { POLICY_TYPE, rulesOf, sideIsolation, type RuleContext } from './isolation';
import { formatNotEvaluated } from './not-evaluated';
import {
  clusterPolicyRef,
  formatPeer,
  formatPod,
  formatPolicy,
  policyRef,
  type Direction,
  type FlowPeer,
  type FlowQuery,
  type NearMiss,
  type RuleMatch,
  type SideStep,
  type SideVerdict,
  type TierRuleMatch,
} from './types';

const OWN_NODE_NOTE = 'traffic between a pod and the node it runs on is always allowed, whatever the policies say';
const NEXT_TIER: Record<ClusterPolicyTier, string> = { Admin: 'NetworkPolicy', Baseline: 'the default (allowed)' };

/**
 * One side of a flow, with its reasons (see sideIsolation for who governs it): unknown when a policy of a kind
 * kube-netmap does not evaluate selects the subject; otherwise tier by tier (see combineTiers): the Admin tier's cluster-wide policies, then NetworkPolicy, then the Baseline tier, then allowed. When NetworkPolicy
 * isolates the pod, only a rule whose peers AND ports both match allows the flow; NetworkPolicies are additive.
 */
export function evaluateSide(direction: Direction, subject: FlowPeer, other: FlowPeer, query: FlowQuery, index: ModelIndex): SideVerdict {
  const trace: SideStep[] = [];
  const base = { direction, isolatingPolicies: [], allowedBy: [], nearMisses: [], unknownReasons: [], tierRules: [] };
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
  const isolatingPolicies = [...networkPolicies, ...clusterRefs];
  if (isolation.kind === 'own-node') {
    trace.push({ kind: 'isolated', text: `${formatPod(pod)} is selected for ${direction} by ${isolatingPolicies.map(formatPolicy).join(', ')}` });
    trace.push({ kind: 'own-node', text: `${formatPeer(other)} is the node ${formatPod(pod)} runs on: ${OWN_NODE_NOTE}` });
    return { ...base, governed: true, isolated: true, isolatingPolicies, allowed: true, trace };
  }

  const context = { ...isolation.context, query };
  const tierRules: TierRuleMatch[] = [];
  const unknownReasons: string[] = [];
  const verdict = { ...base, governed: true, isolatingPolicies, tierRules, unknownReasons, trace };

  const admin = isolation.cluster.Admin.length > 0 ? tierStep('Admin', isolation.cluster.Admin, context, query, verdict) : 'none';
  if (admin === 'Accept' || admin === 'Deny' || admin === 'unknown') {
    return { ...verdict, isolated: true, allowed: admin === 'Accept' };
  }

  if (isolation.kind === 'isolated') {
    trace.push({ kind: 'isolated', text: `${formatPod(pod)} is isolated for ${direction} by ${networkPolicies.map(formatPolicy).join(', ')}` });
    return { ...verdict, ...networkPolicyTier(isolation.policies, context, query, trace), isolated: true };
  }
  trace.push({
    kind: 'not-isolated',
    text: `${formatPod(pod)} is not isolated for ${direction} (no policy selecting it has policyType ${POLICY_TYPE[direction]})${isolation.cluster.Baseline.length > 0 ? '' : ': allowed'}`,
  });
  if (isolation.cluster.Baseline.length === 0) return { ...verdict, isolated: isolatingPolicies.length > 0, allowed: true };
  const baseline = tierStep('Baseline', isolation.cluster.Baseline, context, query, verdict);
  return { ...verdict, isolated: true, allowed: baseline !== 'Deny' && baseline !== 'unknown' };
}

type EvaluatedPolicies = Extract<ReturnType<typeof sideIsolation>, { kind: 'isolated' }>['policies'];

/** The NetworkPolicy tier for an isolated pod: allowed by any rule of any isolating policy, else denied. */
function networkPolicyTier(policies: EvaluatedPolicies, context: RuleContext & { query: FlowQuery }, query: FlowQuery, trace: SideStep[]) {
  const { direction, other } = context;
  const allowedBy: RuleMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const policy of policies) {
    const rules = rulesOf(policy, direction);
    if (rules.length === 0) {
      trace.push({ kind: 'no-rules', text: `${formatPolicy(policyRef(policy))} has no ${direction} rules: it allows nothing by itself` });
    }
    rules.forEach((rule, i) => {
      const outcome = evaluateRule(context, policy, rule, i + 1);
      if (outcome.allows) allowedBy.push(outcome.match);
      else nearMisses.push(outcome.miss);
    });
  }
  const allowed = allowedBy.length > 0;
  const preposition = direction === 'ingress' ? 'from' : 'to';
  if (allowed) {
    for (const m of allowedBy) {
      trace.push({ kind: 'allowed-by', text: `allowed by ${formatPolicy(m.policy)} rule ${m.rule}: ${m.portText} ${preposition} ${m.peerText}` });
      for (const note of m.notes) trace.push({ kind: 'note', text: `note: ${note}` });
    }
  } else {
    nearMisses.sort((a, b) => Number(b.peerMatched) + Number(b.portMatched) - (Number(a.peerMatched) + Number(a.portMatched)));
    trace.push({ kind: 'denied', text: `denied: no rule of the isolating policies allows ${query.protocol} ${query.port} ${preposition} ${formatPeer(other)}` });
    for (const miss of nearMisses) trace.push({ kind: 'near-miss', text: miss.text });
  }
  return { allowed, allowedBy, nearMisses };
}

/**
 * One cluster-wide tier for the flow's connection: its steps go into the verdict's trace, its deciding rules into
 * tierRules, and its action comes back (`none` when no rule matched).
 */
function tierStep(
  tier: ClusterPolicyTier,
  policies: Parameters<typeof evaluateTier>[1],
  context: RuleContext,
  query: FlowQuery,
  verdict: { trace: SideStep[]; tierRules: TierRuleMatch[]; unknownReasons: string[]; nearMisses: NearMiss[] },
) {
  const { direction, other, index } = context;
  const outcome: TierOutcome = evaluateTier(tier, policies, direction, other, index, context.resolveNamedPort);
  const decision = decisionFor(outcome, query.protocol, query.port);
  const connection = `${query.protocol} ${query.port} ${direction === 'ingress' ? 'from' : 'to'} ${formatPeer(other)}`;
  const match = (r: ClusterRuleEval): TierRuleMatch => ({
    tier,
    policy: clusterPolicyRef(r.policy),
    ...(r.policy.priority !== undefined ? { priority: r.policy.priority } : {}),
    rule: r.ruleNumber,
    ...(r.rule.name ? { ruleName: r.rule.name } : {}),
    action: r.rule.action,
    text: `${describeClusterRule(r, direction)}: ${describeClusterRuleBody(r, direction)}`,
  });
  for (const rule of decision.rules) verdict.tierRules.push(match(rule));
  const rules = decision.rules.map((r) => `${describeClusterRule(r, direction)} (${describeClusterRuleBody(r, direction)})`).join(' and ');
  switch (decision.action) {
    case 'Accept':
      verdict.trace.push({ kind: 'tier', text: `${tier} tier: allowed by ${rules}` });
      break;
    case 'Deny':
      verdict.trace.push({ kind: 'tier', text: `${tier} tier: denied by ${rules}` });
      break;
    case 'Pass':
      verdict.trace.push({ kind: 'tier', text: `${tier} tier: ${rules} passes ${connection} on to ${NEXT_TIER[tier]}` });
      break;
    case 'none':
      verdict.trace.push({ kind: 'tier', text: `${tier} tier: no rule of ${outcome.policies.map((p) => `${p.kind} ${p.meta.name}`).join(', ')} matches ${connection}; on to ${NEXT_TIER[tier]}` });
      break;
    case 'unknown': {
      const maybe = decision.rules.filter((r) => r.match === 'maybe');
      const reasons =
        maybe.length > 0
          ? maybe.flatMap((r) => describeMaybeMatch(r, direction))
          : [describeTie(decision.rules, direction)];
      for (const reason of reasons) verdict.unknownReasons.push(reason);
      verdict.trace.push({ kind: 'unknown', text: `${tier} tier: unknown: ${reasons.join('; ')}` });
      break;
    }
  }
  if (decision.action === 'none' || decision.action === 'Pass') {
    for (const miss of decision.nearMisses.slice(0, 3)) {
      const why = miss.match === 'no' ? miss.reasons.join('; ') : `the flow is ${query.protocol} ${query.port}`;
      const text = `${describeClusterRule(miss, direction)} ${describeClusterRuleBody(miss, direction)}; ${why}`;
      verdict.trace.push({ kind: 'near-miss', text });
    }
  }
  return decision.action;
}

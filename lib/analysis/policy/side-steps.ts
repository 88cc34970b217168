// The steps of a side's explanation for one connection, tier by tier: the rules of the isolating NetworkPolicies
// (networkPolicyRules) and a cluster-wide tier (tierStep). evaluateSide and the policy tier's explanation
// (policy-tier-side.ts) build a side from them.

import type { ClusterPolicyTier, NetworkPolicy } from '@/lib/model';
import { describeClusterRule, describeClusterRuleBody, describeMaybeMatch, describeTie } from '../cluster-policy/describe';
import { decisionFor, evaluateTier, type ClusterRuleEval, type TierOutcome } from '../cluster-policy/tier';
import { evaluateRule } from './evaluate-rule';
import { rulesOf, type RuleContext } from './isolation';
import { clusterPolicyRef, formatPeer, formatPolicy, policyRef, type FlowQuery, type NearMiss, type RuleMatch, type SideStep, type TierRuleMatch } from './types';

const NEXT_TIER: Record<ClusterPolicyTier, string> = { Admin: 'NetworkPolicy', Baseline: 'the default (allowed)' };

/**
 * The rules of the NetworkPolicies that isolate the pod, for one connection: those that allow it (with an
 * `allowed-by` step each) and those that do not (near misses). `conclude` also says what that means for a pod only
 * NetworkPolicies isolate: denied, with the near misses, when no rule allows it.
 */
export function networkPolicyRules(policies: NetworkPolicy[], context: RuleContext & { query: FlowQuery }, trace: SideStep[], conclude = true) {
  const { direction, other, query } = context;
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
  for (const m of allowedBy) {
    trace.push({ kind: 'allowed-by', text: `allowed by ${formatPolicy(m.policy)} rule ${m.rule}: ${m.portText} ${preposition} ${m.peerText}` });
    for (const note of m.notes) trace.push({ kind: 'note', text: `note: ${note}` });
  }
  nearMisses.sort((a, b) => Number(b.peerMatched) + Number(b.portMatched) - (Number(a.peerMatched) + Number(a.portMatched)));
  if (!allowed && conclude) {
    trace.push({ kind: 'denied', text: `denied: no rule of the isolating policies allows ${query.protocol} ${query.port} ${preposition} ${formatPeer(other)}` });
    for (const miss of nearMisses) trace.push({ kind: 'near-miss', text: miss.text });
  }
  return { allowed, allowedBy, nearMisses };
}

/**
 * One cluster-wide tier for the flow's connection: its steps go into the verdict's trace, its deciding rules into
 * tierRules, and its action comes back (`none` when no rule matched).
 */
export function tierStep(
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

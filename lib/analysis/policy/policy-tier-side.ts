// The policy tier of one side for one connection when Cilium's rules select the pod (see policy-tier.ts), then the
// Baseline tier for what it passes on. The verdict is read from the set form (evaluatePolicyTier, combineTiers),
// exactly as allowedConnections computes it, so explain and reach cannot disagree; the steps say which rules
// decided it: Cilium's deny rules first (they win over every allow), then the allows of NetworkPolicy and Cilium.

import { evaluateTier } from '../cluster-policy/tier';
import { combineTiers } from '../cluster-policy/tiers';
import { ciliumRefs } from '../cilium/describe';
import { ciliumAtPort, describeCiliumMatch } from '../cilium/explain';
import { evaluatePolicyTier, type GovernedIsolation } from './evaluate-policy-tier';
import type { RuleContext } from './isolation';
import { networkPolicyRules, tierStep } from './side-steps';
import { formatPeer, formatPod, formatPolicy, mergePolicies, policyRef, type FlowQuery, type NearMiss, type SideStep, type TierRuleMatch } from './types';

interface Verdict {
  trace: SideStep[];
  tierRules: TierRuleMatch[];
  unknownReasons: string[];
  nearMisses: NearMiss[];
}

export function policyTierSide(isolation: GovernedIsolation, context: RuleContext & { query: FlowQuery }, verdict: Verdict) {
  const { direction, other, query, index } = context;
  const { protocol, port } = query;
  const { pod } = isolation;
  const { trace } = verdict;
  const tier = evaluatePolicyTier(isolation);
  const cilium = tier.cilium!;
  const outcome = tier.outcome!;
  const connection = `${protocol} ${port} ${direction === 'ingress' ? 'from' : 'to'} ${formatPeer(other)}`;

  // Who governs the side.
  const defaultDeny = cilium.selection.rules.filter((r) => r.defaultDeny);
  const isolatedBy = mergePolicies(isolation.kind === 'not-isolated' ? [] : isolation.policies.map(policyRef), ciliumRefs(defaultDeny));
  if (isolation.kind === 'own-node') {
    trace.push({
      kind: 'own-node',
      text: tier.exception
        ? `${formatPeer(other)} is the node ${formatPod(pod)} runs on: always allowed, but for Cilium's deny rules`
        : `${formatPeer(other)} is the node ${formatPod(pod)} runs on: on egress Cilium's rules decide (entity host)`,
    });
  }
  if (isolatedBy.length > 0) {
    trace.push({ kind: 'isolated', text: `${formatPod(pod)} is isolated for ${direction} by ${isolatedBy.map(formatPolicy).join(', ')}` });
  } else {
    const selecting = ciliumRefs(cilium.selection.rules).map(formatPolicy).join(', ');
    trace.push({ kind: 'not-isolated', text: `${formatPod(pod)} is not isolated for ${direction}: the Cilium rules of ${selecting} that select it set enableDefaultDeny false` });
  }

  // The verdict, from the sets.
  const passes = !outcome.isolated && outcome.canPass.allows(protocol, port);
  const baselinePolicies = isolation.kind === 'own-node' ? [] : isolation.cluster.Baseline;
  const baseline = baselinePolicies.length > 0 && !outcome.isolated ? evaluateTier('Baseline', baselinePolicies, direction, other, index, context.resolveNamedPort) : undefined;
  const combined = combineTiers(undefined, outcome, baseline);
  const allowed = combined.allowed.allows(protocol, port);
  const unknown = combined.unknown.allows(protocol, port);

  // The rules behind it.
  const at = ciliumAtPort(cilium, direction, protocol, port, context.resolveNamedPort);
  for (const m of at.deniedBy) trace.push({ kind: 'denied', text: `denied by ${describeCiliumMatch(m, direction)} (Cilium's deny rules win over every allow)` });
  const networkPolicies = tier.networkPolicy && isolation.kind !== 'not-isolated' ? networkPolicyRules(isolation.policies, context, trace, false) : undefined;
  const allowedBy = [...(networkPolicies?.allowedBy ?? []), ...at.allowedBy];
  for (const m of at.allowedBy) {
    trace.push({ kind: 'allowed-by', text: `allowed by ${describeCiliumMatch(m, direction)}` });
    for (const note of m.notes) trace.push({ kind: 'note', text: `note: ${note}` });
  }
  if (unknown) {
    const maybe = at.maybe.filter((m) => m.deny || (allowedBy.length === 0 && !tier.exception)).flatMap((m) => m.reasons);
    for (const reason of maybe) {
      verdict.unknownReasons.push(reason);
      trace.push({ kind: 'unknown', text: `unknown: ${reason}` });
    }
  }
  const nearMisses = [...(networkPolicies?.nearMisses ?? []), ...at.nearMisses].sort(
    (a, b) => Number(b.peerMatched) + Number(b.portMatched) - (Number(a.peerMatched) + Number(a.portMatched)),
  );

  if (passes && at.deniedBy.length === 0) {
    if (baseline) {
      tierStep('Baseline', baselinePolicies, context, query, verdict);
    } else if (allowedBy.length === 0) {
      trace.push({ kind: 'not-isolated', text: `no rule decides ${connection}, and no rule selecting ${formatPod(pod)} sets default deny for ${direction}: allowed` });
    }
  } else if (!allowed && !unknown && at.deniedBy.length === 0) {
    trace.push({ kind: 'denied', text: `denied: no rule of the isolating policies allows ${connection}` });
    for (const miss of nearMisses) trace.push({ kind: 'near-miss', text: miss.text });
  }
  return { isolated: true, allowed, allowedBy, deniedBy: at.deniedBy, nearMisses };
}

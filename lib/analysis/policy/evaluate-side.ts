import type { ModelIndex } from '../model-index';
import { evaluateRule } from './evaluate-rule';
import { POLICY_TYPE, rulesOf, sideIsolation } from './isolation';
import { formatNotEvaluated } from './not-evaluated';
import {
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
} from './types';

const OWN_NODE_NOTE = 'traffic between a pod and the node it runs on is always allowed, whatever the policies say';

/**
 * One side of a flow, with its reasons (see sideIsolation for who governs it). When isolated, only a rule whose
 * peers AND ports both match allows the flow. Policies are additive: one allowing rule anywhere is enough.
 */
export function evaluateSide(direction: Direction, subject: FlowPeer, other: FlowPeer, query: FlowQuery, index: ModelIndex): SideVerdict {
  const trace: SideStep[] = [];
  const base = { direction, isolatingPolicies: [], allowedBy: [], nearMisses: [] };
  const isolation = sideIsolation(direction, subject, other, index);
  switch (isolation.kind) {
    case 'not-evaluated':
      for (const policy of isolation.policies) trace.push({ kind: 'not-evaluated', text: `unknown: ${formatNotEvaluated(policy, formatPod(isolation.pod))}` });
      return { ...base, governed: true, isolated: false, allowed: false, notEvaluated: isolation.policies, trace };
    case 'not-a-pod':
      trace.push({ kind: 'not-governed', text: `${isolation.ip} is not a pod of the cluster; NetworkPolicies of the cluster do not govern its side` });
      return { ...base, governed: false, isolated: false, allowed: true, trace };
    case 'host-network':
      trace.push({ kind: 'not-governed', text: `${formatPod(isolation.pod)} uses the host network; NetworkPolicies never select it` });
      return { ...base, governed: false, isolated: false, allowed: true, trace };
    case 'not-isolated':
      trace.push({
        kind: 'not-isolated',
        text: `${formatPod(isolation.pod)} is not isolated for ${direction} (no policy selecting it has policyType ${POLICY_TYPE[direction]}): allowed`,
      });
      return { ...base, governed: true, isolated: false, allowed: true, trace };
  }

  const pod = isolation.pod;
  const isolatingPolicies = isolation.policies.map(policyRef);
  trace.push({ kind: 'isolated', text: `${formatPod(pod)} is isolated for ${direction} by ${isolatingPolicies.map(formatPolicy).join(', ')}` });
  if (isolation.kind === 'own-node') {
    trace.push({ kind: 'own-node', text: `${formatPeer(other)} is the node ${formatPod(pod)} runs on: ${OWN_NODE_NOTE}` });
    return { ...base, governed: true, isolated: true, isolatingPolicies, allowed: true, trace };
  }

  const context = { ...isolation.context, query };
  const allowedBy: RuleMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const policy of isolation.policies) {
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
  return { ...base, governed: true, isolated: true, isolatingPolicies, allowed, allowedBy, nearMisses, trace };
}

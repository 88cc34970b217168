// The policy tier of one side (see policy-tier.ts), evaluated in set form from what sideIsolation found: the
// NetworkPolicies that isolate the pod, the Cilium rules that select it, and the own-node exception. Both forms of
// the engine read it: allowedConnections as it is, evaluateSide port by port.

import type { NetworkPolicy, NetworkPolicyRule } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import type { FlowPeer } from './types';
import { evaluateCilium, type CiliumOutcome } from '../cilium/evaluate';
import { ConnectionSet, connectionSetForPolicyPorts } from '../net/connection-set';
import { rulesOf, type SideIsolation } from './isolation';
import { matchPeer } from './match-peer';
import { policyTierOutcome, type PolicyTierOutcome } from './policy-tier';

/** The sides whose subject is a pod the policies may select. */
export type GovernedIsolation = Extract<SideIsolation, { kind: 'isolated' | 'not-isolated' | 'own-node' }>;

export interface PolicyTierEval {
  /** What the rules of the isolating NetworkPolicies allow, and the policies whose rules allow some of it. */
  networkPolicy?: { allowed: ConnectionSet; contributing: NetworkPolicy[] };
  cilium?: CiliumOutcome;
  /** The own-node exception allows every connection, before Cilium's deny entries. */
  exception: boolean;
  /** Undefined when nothing of the tier selects the pod: then it passes every connection on. */
  outcome?: PolicyTierOutcome;
}

export function evaluatePolicyTier(isolation: GovernedIsolation): PolicyTierEval {
  const { context, pod } = isolation;
  const { direction, other, index } = context;
  const exception = isolation.kind === 'own-node' && isolation.exception;
  const policies = isolation.kind === 'not-isolated' ? [] : isolation.policies;
  const networkPolicy = policies.length > 0 ? networkPolicyAllowed(policies, isolation) : undefined;
  const cilium =
    isolation.cilium.rules.length > 0
      ? evaluateCilium(isolation.cilium, { direction, subject: pod, other, index, resolveNamedPort: context.resolveNamedPort })
      : undefined;
  if (!networkPolicy && !cilium && !exception) return { exception };
  const none = ConnectionSet.none();
  const outcome = policyTierOutcome({
    isolated: !!networkPolicy || !!cilium?.selection.defaultDeny,
    allow: (exception ? ConnectionSet.all() : none).union(networkPolicy?.allowed ?? none).union(cilium?.allow ?? none),
    maybeAllow: cilium?.maybeAllow ?? none,
    deny: cilium?.deny ?? none,
    maybeDeny: cilium?.maybeDeny ?? none,
  });
  return { ...(networkPolicy ? { networkPolicy } : {}), ...(cilium ? { cilium } : {}), exception, outcome };
}

/** Whether one of the rule's peers (or, with none, any peer) matches the other end. */
export function ruleMatchesPeer(policy: NetworkPolicy, rule: NetworkPolicyRule, other: FlowPeer, index: ModelIndex): boolean {
  return rule.peers.length === 0 || rule.peers.some((peer) => matchPeer(policy, peer, other, index, false).matches);
}

/** A rule allows its ports' connections when it matches the other end (ruleMatchesPeer). */
function networkPolicyAllowed(policies: NetworkPolicy[], isolation: GovernedIsolation) {
  const { direction, other, index, resolveNamedPort } = isolation.context;
  let allowed = ConnectionSet.none();
  const contributing: NetworkPolicy[] = [];
  for (const policy of policies) {
    let contributes = false;
    for (const rule of rulesOf(policy, direction)) {
      if (!ruleMatchesPeer(policy, rule, other, index)) continue;
      const ports = connectionSetForPolicyPorts(rule.ports, resolveNamedPort);
      if (ports.isEmpty()) continue;
      allowed = allowed.union(ports);
      contributes = true;
    }
    if (contributes) contributing.push(policy);
  }
  return { allowed, contributing };
}

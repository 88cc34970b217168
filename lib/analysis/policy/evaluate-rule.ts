import type { NetworkPolicy, NetworkPolicyRule } from '@/lib/model';
import { connectionSetForPolicyPorts } from '../net/connection-set';
import { describePeer, describePeers, describePorts } from './describe';
import { namedPortsOf, type FlowRuleContext } from './isolation';
import { matchPeer } from './match-peer';
import { formatPolicy, policyRef, type FlowPeer, type NearMiss, type RuleMatch } from './types';

/** What one rule of an isolating policy says about the flow: it allows it, or why it does not. */
export type RuleOutcome = { allows: true; match: RuleMatch } | { allows: false; miss: NearMiss };

/**
 * One rule (networking/v1 NetworkPolicyIngressRule / EgressRule) against the flow of the context: it allows the
 * flow when one of its peers (or, with none, any peer) AND one of its ports (or, with none, any port) match.
 * `ruleNumber` is 1-based, as a person counts the rules in the YAML.
 */
export function evaluateRule(context: FlowRuleContext, policy: NetworkPolicy, rule: NetworkPolicyRule, ruleNumber: number): RuleOutcome {
  const { direction, other, query, index } = context;
  const ref = policyRef(policy);
  const portText = describePorts(rule.ports);
  const portMatched = connectionSetForPolicyPorts(rule.ports, context.resolveNamedPort).allows(query.protocol, query.port);
  const notes: string[] = [];
  let peerMatched = rule.peers.length === 0;
  let matchedPeer: number | undefined;
  const peerReasons: string[] = [];
  rule.peers.forEach((peer, i) => {
    if (peerMatched) return;
    const result = matchPeer(policy, peer, other, index);
    if (result.matches) {
      peerMatched = true;
      matchedPeer = i + 1;
      for (const reason of result.reasons) notes.push(reason);
    } else {
      for (const reason of result.reasons) peerReasons.push(reason);
    }
  });
  const peerText = matchedPeer !== undefined ? describePeer(policy, rule.peers[matchedPeer - 1]!) : describePeers(policy, rule.peers);
  if (peerMatched && portMatched) {
    return { allows: true, match: { policy: ref, rule: ruleNumber, ...(matchedPeer !== undefined ? { peer: matchedPeer } : {}), peerText, portText, notes } };
  }
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const why: string[] = [];
  if (!portMatched) why.push(`the flow is ${query.protocol} ${query.port}${namedPortHint(rule, context.destination)}`);
  if (!peerMatched) for (const reason of peerReasons) why.push(reason);
  return {
    allows: false,
    miss: {
      policy: ref,
      rule: ruleNumber,
      text: `policy ${formatPolicy(ref)} ${direction} rule ${ruleNumber} allows ${portText} ${preposition} ${peerText}; ${why.join('; ')}`,
      peerMatched,
      portMatched,
    },
  };
}

/** Points out a named port the destination does not declare, a frequent reason a rule silently matches nothing. */
function namedPortHint(rule: NetworkPolicyRule, destination: FlowPeer): string {
  const missing = rule.ports.filter(
    (p) => typeof p.port === 'string' && namedPortsOf(destination.type === 'pod' ? destination.pod : undefined, p.port, p.protocol).length === 0,
  );
  if (missing.length === 0) return '';
  const names = missing.map((p) => `"${p.port}"`).join(', ');
  return destination.type === 'pod'
    ? ` (the destination pod declares no ${missing[0]!.protocol} port named ${names})`
    : ` (a named port ${names} can only be resolved on a destination pod)`;
}

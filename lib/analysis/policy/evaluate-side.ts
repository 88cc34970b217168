import type { NetworkPolicy, NetworkPolicyRule, Pod, PolicyType, Protocol } from '@/lib/model';
import { connectionSetForPolicyPorts } from '../net/connection-set';
import type { ModelIndex } from '../model-index';
import { matchesSelector } from '../selectors/label-selector';
import { describePeer, describePeers, describePorts } from './describe';
import { matchPeer } from './match-peer';
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
  type SideVerdict,
} from './types';

export const POLICY_TYPE: Record<Direction, PolicyType> = { egress: 'Egress', ingress: 'Ingress' };
const OWN_NODE_NOTE = 'traffic between a pod and the node it runs on is always allowed, whatever the policies say';

/**
 * The policies that select a pod (networking/v1 NetworkPolicySpec.podSelector): those of its own namespace whose
 * podSelector matches its labels. Host-network pods are never selected.
 */
export function selectingPolicies(pod: Pod, index: ModelIndex): NetworkPolicy[] {
  if (pod.hostNetwork) return [];
  return (index.policiesByNamespace.get(pod.meta.namespace ?? '') ?? []).filter((p) => matchesSelector(p.podSelector, pod.meta.labels));
}

/** Container ports of a pod with this name and protocol (a named port in a policy is the destination's). */
export function namedPortsOf(pod: Pod | undefined, name: string, protocol: Protocol): number[] {
  if (!pod) return [];
  return pod.containers.flatMap((c) => c.ports.filter((p) => p.name === name && p.protocol === protocol).map((p) => p.containerPort));
}

/**
 * One side of a flow: the egress side is evaluated on the source pod with the destination as peer, the ingress
 * side on the destination pod with the source as peer. A side is isolated when at least one policy selecting the
 * subject has that policy type; then only a rule whose peers AND ports both match allows the flow. Policies are
 * additive: one allowing rule anywhere is enough.
 */
export function evaluateSide(direction: Direction, subject: FlowPeer, other: FlowPeer, query: FlowQuery, index: ModelIndex): SideVerdict {
  const trace: string[] = [];
  const base = { direction, isolatingPolicies: [], allowedBy: [], nearMisses: [] };
  if (subject.type === 'ip') {
    trace.push(`${direction}: ${subject.ip} is not a pod of the cluster; NetworkPolicies of the cluster do not govern its side`);
    return { ...base, governed: false, isolated: false, allowed: true, trace };
  }
  const pod = subject.pod;
  if (pod.hostNetwork) {
    trace.push(`${direction}: ${formatPod(pod)} uses the host network; NetworkPolicies never select it`);
    return { ...base, governed: false, isolated: false, allowed: true, trace };
  }

  const type = POLICY_TYPE[direction];
  const isolating = selectingPolicies(pod, index).filter((p) => p.policyTypes.includes(type));
  const isolatingPolicies = isolating.map(policyRef);
  if (isolating.length === 0) {
    trace.push(`${direction}: ${formatPod(pod)} is not isolated for ${direction} (no policy selecting it has policyType ${type}): allowed`);
    return { ...base, governed: true, isolated: false, allowed: true, trace };
  }
  trace.push(`${direction}: ${formatPod(pod)} is isolated for ${direction} by ${isolatingPolicies.map(formatPolicy).join(', ')}`);

  if (isOwnNode(pod, other, index)) {
    trace.push(`${direction}: ${formatPeer(other)} is the node ${formatPod(pod)} runs on: ${OWN_NODE_NOTE}`);
    return { ...base, governed: true, isolated: true, isolatingPolicies, allowed: true, trace };
  }

  const destination = direction === 'ingress' ? subject : other;
  const resolveNamedPort = (name: string, protocol: Protocol) => namedPortsOf(destination.type === 'pod' ? destination.pod : undefined, name, protocol);
  const allowedBy: RuleMatch[] = [];
  const nearMisses: NearMiss[] = [];
  for (const policy of isolating) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    if (rules.length === 0) {
      trace.push(`${direction}: ${formatPolicy(policyRef(policy))} has no ${direction} rules: it allows nothing by itself`);
    }
    rules.forEach((rule, i) => {
      const outcome = evaluateRule(policy, rule, i + 1, other, query, resolveNamedPort, direction, index, destination);
      if (outcome.match) allowedBy.push(outcome.match);
      else nearMisses.push(outcome.miss!);
    });
  }
  const allowed = allowedBy.length > 0;
  if (allowed) {
    for (const m of allowedBy) {
      trace.push(`${direction}: allowed by ${formatPolicy(m.policy)} rule ${m.rule}: ${m.portText} ${direction === 'ingress' ? 'from' : 'to'} ${m.peerText}`);
      for (const note of m.notes) trace.push(`${direction}: note: ${note}`);
    }
  } else {
    nearMisses.sort((a, b) => Number(b.peerMatched) + Number(b.portMatched) - (Number(a.peerMatched) + Number(a.portMatched)));
    trace.push(`${direction}: denied: no rule of the isolating policies allows ${query.protocol} ${query.port} ${direction === 'ingress' ? 'from' : 'to'} ${formatPeer(other)}`);
    for (const miss of nearMisses) trace.push(`${direction}: ${miss.text}`);
  }
  return { ...base, governed: true, isolated: true, isolatingPolicies, allowed, allowedBy, nearMisses, trace };
}

function evaluateRule(
  policy: NetworkPolicy,
  rule: NetworkPolicyRule,
  number: number,
  other: FlowPeer,
  query: FlowQuery,
  resolveNamedPort: (name: string, protocol: Protocol) => number[],
  direction: Direction,
  index: ModelIndex,
  destination: FlowPeer,
): { match?: RuleMatch; miss?: NearMiss } {
  const ref = policyRef(policy);
  const portText = describePorts(rule.ports);
  const portMatched = connectionSetForPolicyPorts(rule.ports, resolveNamedPort).allows(query.protocol, query.port);
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
    return { match: { policy: ref, rule: number, ...(matchedPeer !== undefined ? { peer: matchedPeer } : {}), peerText, portText, notes } };
  }
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const why: string[] = [];
  if (!portMatched) why.push(`the flow is ${query.protocol} ${query.port}${namedPortHint(rule, destination)}`);
  if (!peerMatched) for (const reason of peerReasons) why.push(reason);
  return {
    miss: {
      policy: ref,
      rule: number,
      text: `policy ${formatPolicy(ref)} ${direction} rule ${number} allows ${portText} ${preposition} ${peerText}; ${why.join('; ')}`,
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

/** Is the other end the node the pod runs on (its IP, or a host-network pod there)? */
export function isOwnNode(pod: Pod, other: FlowPeer, index: ModelIndex): boolean {
  if (!pod.nodeName) return false;
  if (other.type === 'pod') return other.pod.hostNetwork && other.pod.nodeName === pod.nodeName;
  if (pod.hostIP === other.ip) return true;
  return index.nodeByIP.get(other.ip)?.meta.name === pod.nodeName;
}

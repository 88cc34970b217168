import type { ClusterPolicyAction, ClusterPolicyPeer, ClusterWidePolicy, NamespacedPods } from '@/lib/model';
import { formatSelector } from '../selectors/label-selector';
import { describeClusterPorts } from './ports';
import type { ClusterRuleEval, TierOutcome } from './tier';

/** The action as the policy's own YAML spells it: v1alpha1 says Allow where v1alpha2 says Accept. */
export const actionWord = (policy: ClusterWidePolicy, action: ClusterPolicyAction) => (action === 'Accept' && policy.kind !== 'ClusterNetworkPolicy' ? 'Allow' : action);

export function describeNamespacedPods(pods: NamespacedPods): string {
  const namespaces = formatSelector(pods.namespaceSelector);
  const inNamespaces = namespaces === '(all)' ? 'all namespaces' : `namespaces ${namespaces}`;
  if (pods.namespacesOnly) return `pods in ${inNamespaces}`;
  const podSelector = formatSelector(pods.podSelector);
  return `${podSelector === '(all)' ? 'all pods' : `pods ${podSelector}`} in ${inNamespaces}`;
}

export function describeClusterPeer(peer: ClusterPolicyPeer): string {
  switch (peer.type) {
    case 'pods':
      return describeNamespacedPods(peer);
    case 'nodes':
      return `nodes ${formatSelector(peer.nodeSelector)}`;
    case 'networks':
      return `networks ${peer.networks.join(', ')}`;
    case 'domainNames':
      return `domainNames ${peer.domainNames.join(', ')}`;
    case 'unrecognised':
      return `a peer of fields ${peer.fields.join(', ')}`;
  }
}

/** `ClusterNetworkPolicy deny-db (Admin tier, priority 10) egress rule "to-db"`; the rule number when it has no name. */
export function describeClusterRule(r: ClusterRuleEval, direction: 'egress' | 'ingress'): string {
  const { policy, rule, ruleNumber } = r;
  const priority = policy.priority === undefined ? '' : `, priority ${policy.priority}`;
  const name = rule.name ? `"${rule.name}"` : String(ruleNumber);
  return `${policy.kind} ${policy.meta.name} (${policy.tier} tier${priority}) ${direction} rule ${name}`;
}

/** What a rule says: `Deny TCP 5432 to pods in namespaces team=db`. */
export function describeClusterRuleBody(r: ClusterRuleEval, direction: 'egress' | 'ingress'): string {
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const peers = r.peer !== undefined ? describeClusterPeer(r.rule.peers[r.peer - 1]!) : r.rule.peers.map(describeClusterPeer).join(' or ');
  return `${actionWord(r.policy, r.rule.action)} ${describeClusterPorts(r.rule.ports)} ${preposition} ${peers}`;
}

/** Why a rule may match or not (a peer kube-netmap cannot tell): `<the rule>: <why>`, one sentence per reason. */
export function describeMaybeMatch(r: ClusterRuleEval, direction: 'egress' | 'ingress'): string[] {
  return r.reasons.map((reason) => `${describeClusterRule(r, direction)}: ${reason}`);
}

/** Rules of equal priority that disagree, and why that leaves a connection unknown. */
export function describeTie(rules: ClusterRuleEval[], direction: 'egress' | 'ingress'): string {
  const described = rules.map((r) => `${describeClusterRule(r, direction)} (${describeClusterRuleBody(r, direction)})`).join(' and ');
  return `${described} have the same priority and disagree; which one applies is undefined (ClusterNetworkPolicySpec.priority)`;
}

/**
 * Why the tier's set form leaves connections unknown (TierOutcome.unknown): the rules that may match them, and the
 * rules of equal priority that disagree on them.
 */
export function describeTierUnknown(outcome: TierOutcome, direction: 'egress' | 'ingress'): string[] {
  const reasons: string[] = [];
  for (const r of outcome.rules) {
    if (r.match !== 'maybe' || r.ports.intersect(outcome.unknown).isEmpty()) continue;
    for (const reason of describeMaybeMatch(r, direction)) reasons.push(reason);
  }
  const tied = outcome.rules.filter((r) => r.match === 'yes' && !r.ports.intersect(outcome.tied).isEmpty());
  if (tied.length > 0) reasons.push(describeTie(tied, direction));
  return reasons;
}

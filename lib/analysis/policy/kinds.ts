import type { ResourceKind } from '@/lib/model';

/**
 * The kinds every policy verdict reads: pods and namespaces (selectors), NetworkPolicies, the cluster-wide
 * policies of every tier, and the network plugins' own policies (Calico's detected, not evaluated: a pod they select
 * is unknown; Cilium's evaluated in their L3/L4 part). While any of them is not synced, a verdict is "unknown": a pod
 * may be selected by a policy the model has not read.
 */
export const POLICY_KINDS = [
  'networkpolicies',
  'clusternetworkpolicies',
  'adminnetworkpolicies',
  'baselineadminnetworkpolicies',
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
  'pods',
  'namespaces',
] as const satisfies readonly ResourceKind[];

/**
 * What the engine does with each policy kind, as the page's legend says it (the README's policy table says the
 * same, with the details).
 */
export const POLICY_KIND_SUPPORT: readonly { kinds: string; support: 'evaluated' | 'evaluated (L3/L4)' | 'detected: verdicts unknown' }[] = [
  { kinds: 'NetworkPolicy', support: 'evaluated' },
  { kinds: 'ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy', support: 'evaluated' },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', support: 'evaluated (L3/L4)' },
  { kinds: 'Calico NetworkPolicy, GlobalNetworkPolicy', support: 'detected: verdicts unknown' },
];

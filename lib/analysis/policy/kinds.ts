import type { ResourceKind } from '@/lib/model';

/**
 * The kinds every policy verdict reads: pods and namespaces (selectors), NetworkPolicies and the cluster-wide
 * policies of every tier. While any of them is not synced, a verdict is "unknown": a pod may be selected by a policy
 * the model has not read.
 */
export const POLICY_KINDS = [
  'networkpolicies',
  'clusternetworkpolicies',
  'adminnetworkpolicies',
  'baselineadminnetworkpolicies',
  'pods',
  'namespaces',
] as const satisfies readonly ResourceKind[];

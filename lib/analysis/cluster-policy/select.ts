import type { ClusterPolicyTier, ClusterWidePolicy, NamespacedPods, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { namespaceLabels } from '../policy/match-peer';
import { matchesSelector } from '../selectors/label-selector';

/**
 * Is the pod one of these pods (a ClusterNetworkPolicy subject, or a `namespaces` / `pods` peer)? The namespace's
 * labels must match namespaceSelector and the pod's podSelector. Host-network pods are never included.
 */
export function includesPod(pods: NamespacedPods, pod: Pod, index: ModelIndex): boolean {
  if (pod.hostNetwork) return false;
  return matchesSelector(pods.podSelector, pod.meta.labels) && matchesSelector(pods.namespaceSelector, namespaceLabels(index, pod.meta.namespace ?? ''));
}

/** The policies of the tier whose subject selects the pod, in the tier's order (ModelIndex.clusterPolicies). */
export function clusterPoliciesSelecting(pod: Pod, tier: ClusterPolicyTier, index: ModelIndex): ClusterWidePolicy[] {
  const policies = index.clusterPolicies[tier];
  if (policies.length === 0 || pod.hostNetwork) return [];
  return policies.filter((p) => includesPod(p.subject, pod, index));
}

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

const selecting = new WeakMap<ModelIndex, WeakMap<Pod, Partial<Record<ClusterPolicyTier, ClusterWidePolicy[]>>>>();

/**
 * The policies of the tier whose subject selects the pod, in the tier's order (ModelIndex.clusterPolicies). Kept per
 * index and pod (both immutable): both directions of every side of the pod ask.
 */
export function clusterPoliciesSelecting(pod: Pod, tier: ClusterPolicyTier, index: ModelIndex): ClusterWidePolicy[] {
  const policies = index.clusterPolicies[tier];
  if (policies.length === 0 || pod.hostNetwork) return [];
  let byPod = selecting.get(index);
  if (!byPod) selecting.set(index, (byPod = new WeakMap()));
  let tiers = byPod.get(pod);
  if (!tiers) byPod.set(pod, (tiers = {}));
  return (tiers[tier] ??= policies.filter((p) => includesPod(p.subject, pod, index)));
}

import type { ClusterModel, ClusterPolicyTier, ClusterWidePolicy, Namespace, NetworkPolicy, Node, Pod, ResourceCollections, Service } from '@/lib/model';

/** Lookups the analysis needs on every question, built once per model (models are immutable). */
export interface ModelIndex {
  /** The model's collections, for the kinds read without an index of their own (a network plugin's policies). */
  resources: ResourceCollections;
  namespaces: Map<string, Namespace>;
  podsByNamespace: Map<string, Pod[]>;
  podByName: Map<string, Pod>;
  podByIP: Map<string, Pod>;
  policiesByNamespace: Map<string, NetworkPolicy[]>;
  /** The cluster-wide policies of each tier, of all three kinds, by priority (lowest first; none last), then name. */
  clusterPolicies: Record<ClusterPolicyTier, ClusterWidePolicy[]>;
  serviceByName: Map<string, Service>;
  serviceByClusterIP: Map<string, Service>;
  nodes: Map<string, Node>;
  /** Every address of every node, and the node it belongs to. */
  nodeByIP: Map<string, Node>;
}

const cache = new WeakMap<ClusterModel, ModelIndex>();

export const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export function indexModel(model: ClusterModel): ModelIndex {
  const cached = cache.get(model);
  if (cached) return cached;
  const { resources } = model;
  const index: ModelIndex = {
    resources,
    namespaces: new Map(resources.namespaces.map((n) => [n.meta.name, n])),
    podsByNamespace: groupBy(resources.pods, (p) => p.meta.namespace ?? ''),
    podByName: new Map(resources.pods.map((p) => [objectKey(p.meta.namespace, p.meta.name), p])),
    podByIP: new Map(),
    policiesByNamespace: groupBy(resources.networkpolicies, (p) => p.meta.namespace ?? ''),
    clusterPolicies: clusterPoliciesByTier(model),
    serviceByName: new Map(resources.services.map((s) => [objectKey(s.meta.namespace, s.meta.name), s])),
    serviceByClusterIP: new Map(),
    nodes: new Map(resources.nodes.map((n) => [n.meta.name, n])),
    nodeByIP: new Map(),
  };
  for (const pod of resources.pods) {
    // Host-network pods share their node's IP; an IP means the pod only when the pod has its own network.
    if (pod.hostNetwork || pod.meta.deletionTimestamp) continue;
    for (const ip of pod.podIPs) index.podByIP.set(ip, pod);
  }
  for (const service of resources.services) for (const ip of service.clusterIPs) index.serviceByClusterIP.set(ip, service);
  for (const node of resources.nodes) for (const address of node.addresses) index.nodeByIP.set(address.address, node);
  cache.set(model, index);
  return index;
}

/** Groups items by a key, each group and the groups in first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function clusterPoliciesByTier(model: ClusterModel): Record<ClusterPolicyTier, ClusterWidePolicy[]> {
  const { clusternetworkpolicies, adminnetworkpolicies, baselineadminnetworkpolicies } = model.resources;
  const all = [...clusternetworkpolicies, ...adminnetworkpolicies, ...baselineadminnetworkpolicies].sort(
    (a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || (a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0),
  );
  return { Admin: all.filter((p) => p.tier === 'Admin'), Baseline: all.filter((p) => p.tier === 'Baseline') };
}

// The cluster's policies written back as YAML, so a person can open one in the what-if editor and change it. The
// model keeps what the engine reads, normalised; written back, it reads into the same model object (the tests
// prove it), though not always into the YAML it came from (defaults are written out, annotations are gone).
// Calico's and Cilium's policies keep no rules in the model (the engine does not evaluate them): they cannot be
// written back, only marked deleted. Pure.

import { stringify } from 'yaml';
import type {
  ClusterModel, ClusterPolicyPeer, ClusterPolicyPort, ClusterPolicyRule, ClusterWidePolicy, LabelSelector, NamespacedPods, NetworkPolicy,
  NetworkPolicyPeer, NetworkPolicyRule, ObjectKey, ObjectMeta, ResourceKind,
} from '@/lib/model';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';
import { RESOURCE_KIND_NAMES } from '@/lib/model';
import type { RawLabelSelector, RawNetworkPolicy, RawClusterWidePolicy, RawClusterPolicyPeer, RawClusterPolicyRule } from '@/lib/model/normalize/raw';

/** The policy kinds of the model, in the order the editor lists them. */
const POLICY_COLLECTIONS = [
  'networkpolicies',
  'adminnetworkpolicies',
  'clusternetworkpolicies',
  'baselineadminnetworkpolicies',
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
] as const satisfies readonly ResourceKind[];

export interface ModelPolicy {
  key: ObjectKey;
  /** `NetworkPolicy shop/api`. */
  label: string;
  /** Why it cannot be opened in the editor, when it cannot: it can still be marked deleted. */
  notEditable?: string;
}

const CALICO_NOT_WRITTEN = 'kube-netmap keeps only which pods it selects, not its rules: mark it deleted, or paste its YAML';
const CILIUM_NOT_WRITTEN = 'kube-netmap does not write Cilium policies back as YAML: mark it deleted, or paste its YAML';

/** Every policy of the model, each kind sorted by namespace and name. */
export function modelPolicies(model: ClusterModel): ModelPolicy[] {
  return POLICY_COLLECTIONS.flatMap((kind) =>
    (model.resources[kind] as { meta: ObjectMeta }[])
      .map((o) => o.meta)
      .sort((a, b) => byCodeUnits(a.namespace ?? '', b.namespace ?? '') || byCodeUnits(a.name, b.name))
      .map((meta): ModelPolicy => {
        const key: ObjectKey = { kind, ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}), name: meta.name };
        const policy: ModelPolicy = { key, label: `${RESOURCE_KIND_NAMES[kind]} ${qualifiedName({ meta })}` };
        const why = notEditable(model, key);
        if (why) policy.notEditable = why;
        return policy;
      }),
  );
}

function notEditable(model: ClusterModel, key: ObjectKey): string | undefined {
  if (key.kind === 'ciliumnetworkpolicies' || key.kind === 'ciliumclusterwidenetworkpolicies') return CILIUM_NOT_WRITTEN;
  if (key.kind !== 'networkpolicies' && key.kind !== 'clusternetworkpolicies' && key.kind !== 'adminnetworkpolicies' && key.kind !== 'baselineadminnetworkpolicies') {
    return CALICO_NOT_WRITTEN;
  }
  const policy = findPolicy(model, key) as ClusterWidePolicy | NetworkPolicy | undefined;
  const peers = policy && 'kind' in policy ? [...policy.ingress, ...policy.egress].flatMap((r) => r.peers) : [];
  const unread = peers.find((p) => p.type === 'unrecognised');
  return unread ? `it has a peer kube-netmap does not read (${unread.fields.join(', ')}): paste its YAML instead` : undefined;
}

function findPolicy(model: ClusterModel, key: ObjectKey): { meta: ObjectMeta } | undefined {
  return (model.resources[key.kind] as { meta: ObjectMeta }[]).find((o) => o.meta.name === key.name && o.meta.namespace === key.namespace);
}

/** The policy as a YAML document, or undefined when the model lacks it or cannot write it back (see modelPolicies). */
export function policyYaml(model: ClusterModel, key: ObjectKey): string | undefined {
  if (notEditable(model, key)) return undefined;
  const policy = findPolicy(model, key);
  if (!policy) return undefined;
  const manifest = key.kind === 'networkpolicies' ? networkPolicyManifest(policy as NetworkPolicy) : clusterWidePolicyManifest(policy as ClusterWidePolicy);
  // Read back with YAML 1.1 rules, as kubectl reads it: strings such as `yes`, `on` or `e0` are quoted.
  return stringify(manifest, { version: '1.1', lineWidth: 0 });
}

function metadata(meta: ObjectMeta) {
  return {
    name: meta.name,
    ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    ...(Object.keys(meta.labels).length > 0 ? { labels: { ...meta.labels } } : {}),
  };
}

/** `{}` for the empty selector (which selects everything), else only the parts it has. */
function selector(s: LabelSelector): RawLabelSelector {
  return {
    ...(Object.keys(s.matchLabels).length > 0 ? { matchLabels: { ...s.matchLabels } } : {}),
    ...(s.matchExpressions.length > 0
      ? { matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values.length > 0 ? { values: [...e.values] } : {}) })) }
      : {}),
  };
}

function networkPolicyManifest(policy: NetworkPolicy): RawNetworkPolicy & { apiVersion: string; kind: string } {
  const peer = (p: NetworkPolicyPeer) => ({
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.ipBlock ? { ipBlock: { cidr: p.ipBlock.cidr, ...(p.ipBlock.except.length > 0 ? { except: [...p.ipBlock.except] } : {}) } } : {}),
  });
  // An absent list and an empty one both mean "every peer" ("every port"): the absent one reads better.
  const rule = (r: NetworkPolicyRule, peers: 'from' | 'to') => ({
    ...(r.peers.length > 0 ? { [peers]: r.peers.map(peer) } : {}),
    ...(r.ports.length > 0
      ? { ports: r.ports.map((p) => ({ protocol: p.protocol, ...(p.port !== undefined ? { port: p.port } : {}), ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) })) }
      : {}),
  });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(policy.meta),
    spec: {
      podSelector: selector(policy.podSelector),
      // Written out: the API's default depends on the egress rules, which a person editing may add or remove.
      policyTypes: [...policy.policyTypes],
      ...(policy.ingress.length > 0 ? { ingress: policy.ingress.map((r) => rule(r, 'from')) } : {}),
      ...(policy.egress.length > 0 ? { egress: policy.egress.map((r) => rule(r, 'to')) } : {}),
    },
  };
}

/**
 * A cluster-wide policy in its kind's own API version: ClusterNetworkPolicy as policy.networking.k8s.io/v1beta1,
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy as v1alpha1 (where `Accept` is written `Allow`).
 */
function clusterWidePolicyManifest(policy: ClusterWidePolicy): RawClusterWidePolicy & { apiVersion: string; kind: string } {
  const alpha1 = policy.kind !== 'ClusterNetworkPolicy';
  const pods = (p: NamespacedPods) =>
    p.namespacesOnly ? { namespaces: selector(p.namespaceSelector) } : { pods: { namespaceSelector: selector(p.namespaceSelector), podSelector: selector(p.podSelector) } };
  const peer = (p: ClusterPolicyPeer): RawClusterPolicyPeer => {
    switch (p.type) {
      case 'pods':
        return pods(p);
      case 'nodes':
        return { nodes: selector(p.nodeSelector) };
      case 'networks':
        return { networks: [...p.networks] };
      case 'domainNames':
        return { domainNames: [...p.domainNames] };
      case 'unrecognised':
        // modelPolicies offers no such policy for editing.
        throw new Error(`cannot write a peer kube-netmap does not read (${p.fields.join(', ')})`);
    }
  };
  const rule = (r: ClusterPolicyRule, peers: 'from' | 'to'): RawClusterPolicyRule => ({
    ...(r.name !== undefined ? { name: r.name } : {}),
    action: alpha1 && r.action === 'Accept' ? 'Allow' : r.action,
    [peers]: r.peers.map(peer),
    ...(r.ports.length === 0 ? {} : alpha1 ? { ports: r.ports.map(alpha1Port) } : { protocols: r.ports.map(protocolMatch) }),
  });
  return {
    apiVersion: alpha1 ? 'policy.networking.k8s.io/v1alpha1' : 'policy.networking.k8s.io/v1beta1',
    kind: policy.kind,
    metadata: metadata(policy.meta),
    spec: {
      ...(policy.kind === 'ClusterNetworkPolicy' ? { tier: policy.tier } : {}),
      ...(policy.priority !== undefined ? { priority: policy.priority } : {}),
      subject: pods(policy.subject),
      ...(policy.ingress.length > 0 ? { ingress: policy.ingress.map((r) => rule(r, 'from')) } : {}),
      ...(policy.egress.length > 0 ? { egress: policy.egress.map((r) => rule(r, 'to')) } : {}),
    },
  };
}

function protocolMatch(port: ClusterPolicyPort) {
  if (port.type === 'named') return { destinationNamedPort: port.name };
  const destinationPort = port.type === 'number' ? { number: port.port } : { range: { start: port.start, end: port.end } };
  return { [port.protocol.toLowerCase()]: { destinationPort } };
}

function alpha1Port(port: ClusterPolicyPort) {
  if (port.type === 'named') return { namedPort: port.name };
  if (port.type === 'number') return { portNumber: { protocol: port.protocol, port: port.port } };
  return { portRange: { protocol: port.protocol, start: port.start, end: port.end } };
}

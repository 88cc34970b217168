import type { ClusterPolicyPeer } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { parseCidr, parseIp } from '../net/cidr';
import { namespaceLabels } from '../policy/match-peer';
import { formatPeer, type FlowPeer } from '../policy/types';
import { matchesSelector, selectorMismatches } from '../selectors/label-selector';

/**
 * Whether a peer of a cluster-wide rule matches the other end of a flow: yes, no, or maybe where kube-netmap cannot
 * tell (domain names, a peer of a newer schema, a network against a pod whose IP the model lacks). A "maybe" makes
 * the flows the rule covers "unknown", never allowed or denied.
 */
export interface ClusterPeerMatch {
  match: 'yes' | 'no' | 'maybe';
  /** Why it does not (or may not) match. */
  reasons: string[];
}

/** Pod DNS names live under the cluster domain; a domain name pattern there could resolve to a pod. */
const CLUSTER_DOMAIN = 'cluster.local';

/** `whyNot` false: a peer that does not match comes back without its reasons (only explain reads them). */
export function matchClusterPeer(peer: ClusterPolicyPeer, other: FlowPeer, index: ModelIndex, whyNot = true): ClusterPeerMatch {
  switch (peer.type) {
    case 'pods':
      return matchPods(peer, other, index, whyNot);
    case 'nodes':
      return matchNodes(peer.nodeSelector, other, index);
    case 'networks':
      return matchNetworks(peer.networks, other);
    case 'domainNames': {
      const inCluster = peer.domainNames.some(couldNameClusterPod);
      if (other.type === 'pod' && !inCluster) return { match: 'no', reasons: [`${formatPeer(other)} has no name under these domain names`] };
      return { match: 'maybe', reasons: [`kube-netmap does not evaluate domainNames (${peer.domainNames.join(', ')}): whether ${formatPeer(other)} is one of their addresses is unknown`] };
    }
    case 'unrecognised':
      return { match: 'maybe', reasons: [`a peer with fields kube-netmap does not know (${peer.fields.join(', ') || 'none'}) may match ${formatPeer(other)}`] };
  }
}

/**
 * Whether the peer may match a pod of the namespace: false means matchClusterPeer says no for every pod there (a
 * `namespaces` or `pods` peer whose namespaceSelector does not match it), so a caller that asks about every pod of
 * the cluster skips those namespaces.
 */
export function clusterPeerMayMatchNamespace(peer: ClusterPolicyPeer, namespace: string, index: ModelIndex): boolean {
  return peer.type !== 'pods' || matchesSelector(peer.namespaceSelector, namespaceLabels(index, namespace));
}

const NO_MATCH: ClusterPeerMatch = Object.freeze({ match: 'no', reasons: [] as string[] });

function matchPods(peer: Extract<ClusterPolicyPeer, { type: 'pods' }>, other: FlowPeer, index: ModelIndex, whyNot: boolean): ClusterPeerMatch {
  if (other.type === 'ip') return { match: 'no', reasons: [`${other.ip} is not a pod of the cluster, and this peer selects pods`] };
  const pod = other.pod;
  const name = `pod ${pod.meta.namespace}/${pod.meta.name}`;
  if (pod.hostNetwork) return { match: 'no', reasons: [`${name} uses the host network; namespaces and pods peers never include it`] };
  const namespace = pod.meta.namespace ?? '';
  if (!whyNot) {
    const matches = matchesSelector(peer.podSelector, pod.meta.labels) && matchesSelector(peer.namespaceSelector, namespaceLabels(index, namespace));
    return matches ? { match: 'yes', reasons: [] } : NO_MATCH;
  }
  const reasons = [
    ...selectorMismatches(peer.namespaceSelector, namespaceLabels(index, namespace), `namespace ${namespace}`),
    ...selectorMismatches(peer.podSelector, pod.meta.labels, name),
  ];
  return { match: reasons.length === 0 ? 'yes' : 'no', reasons };
}

/** A node peer is the addresses of the matching nodes (Node status.addresses); a host-network pod has its node's. */
function matchNodes(selector: Extract<ClusterPolicyPeer, { type: 'nodes' }>['nodeSelector'], other: FlowPeer, index: ModelIndex): ClusterPeerMatch {
  const node = other.type === 'ip' ? index.nodeByIP.get(other.ip) : other.pod.hostNetwork && other.pod.nodeName ? index.nodes.get(other.pod.nodeName) : undefined;
  if (!node) return { match: 'no', reasons: [`${formatPeer(other)} is not a node's address`] };
  return matchesSelector(selector, node.meta.labels)
    ? { match: 'yes', reasons: [] }
    : { match: 'no', reasons: selectorMismatches(selector, node.meta.labels, `node ${node.meta.name}`) };
}

/** Networks match cluster-internal addresses too, pod IPs included (ClusterNetworkPolicyEgressPeer.networks). */
function matchNetworks(networks: string[], other: FlowPeer): ClusterPeerMatch {
  const ranges = networks.map(parseCidr).filter((r) => r !== undefined);
  const contains = (ip: string) => {
    const parsed = parseIp(ip);
    return !!parsed && ranges.some((r) => r.family === parsed.family && r.start <= parsed.value && parsed.value <= r.end);
  };
  const ips = other.type === 'ip' ? [other.ip] : other.pod.podIPs;
  const list = networks.join(', ');
  if (ips.length === 0) {
    return { match: 'maybe', reasons: [`${formatPeer(other)} has no IP in the model to match against networks ${list}`] };
  }
  return ips.some(contains) ? { match: 'yes', reasons: [] } : { match: 'no', reasons: [`${ips.join(', ')} is outside networks ${list}`] };
}

/** Could the pattern (exact, or `*.` and one or more labels) match a name under the cluster domain? */
function couldNameClusterPod(pattern: string): boolean {
  const name = pattern.replace(/\.$/, '').toLowerCase();
  if (name.endsWith(`.${CLUSTER_DOMAIN}`)) return true;
  // `*.local` covers `x.cluster.local`; `*.cluster.local` is caught above.
  return name.startsWith('*.') && `.${CLUSTER_DOMAIN}`.endsWith(name.slice(1));
}

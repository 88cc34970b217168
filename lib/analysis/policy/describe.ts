import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '@/lib/model';
import { formatSelector } from '../selectors/label-selector';

/** A peer as a person reads it: which pods in which namespaces, or which addresses. */
export function describePeer(policy: NetworkPolicy, peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `ipBlock ${peer.ipBlock.cidr}${except}`;
  }
  const pods = peer.podSelector ? `pods ${formatSelector(peer.podSelector)}` : 'all pods';
  if (!peer.namespaceSelector) return `${pods} in namespace ${policy.meta.namespace}`;
  const namespaces = formatSelector(peer.namespaceSelector);
  return namespaces === '(all)' ? `${pods} in all namespaces` : `${pods} in namespaces ${namespaces}`;
}

export function describePeers(policy: NetworkPolicy, peers: NetworkPolicyPeer[]): string {
  return peers.length === 0 ? 'anywhere' : peers.map((p) => describePeer(policy, p)).join(' or ');
}

export function describePorts(ports: NetworkPolicyPort[]): string {
  if (ports.length === 0) return 'all ports';
  return ports
    .map((p) => {
      if (p.port === undefined) return `all ${p.protocol} ports`;
      if (typeof p.port === 'string') return `${p.protocol} port "${p.port}"`;
      return p.endPort !== undefined ? `${p.protocol} ${p.port}-${p.endPort}` : `${p.protocol} ${p.port}`;
    })
    .join(', ');
}

import type { ClusterPolicyPort, NetworkPolicyPort, Protocol } from '@/lib/model';
import { ConnectionSet, connectionSetForPolicyPorts } from '../net/connection-set';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/**
 * The connections a cluster-wide rule's ports cover: every connection when it lists none; a named port is the
 * destination pod's container ports of that name, with their own protocol.
 */
export function clusterRulePorts(ports: ClusterPolicyPort[], resolveNamedPort: (name: string, protocol: Protocol) => number[]): ConnectionSet {
  if (ports.length === 0) return ConnectionSet.all();
  const asPolicyPorts = ports.flatMap((p): NetworkPolicyPort[] => {
    switch (p.type) {
      case 'number':
        return [{ protocol: p.protocol, port: p.port }];
      case 'range':
        return [{ protocol: p.protocol, port: p.start, endPort: p.end }];
      case 'named':
        return PROTOCOLS.map((protocol) => ({ protocol, port: p.name }));
    }
  });
  // Ports and a list that resolves to nothing (a named port the destination lacks) cover nothing.
  return connectionSetForPolicyPorts(asPolicyPorts, resolveNamedPort);
}

export function describeClusterPorts(ports: ClusterPolicyPort[]): string {
  if (ports.length === 0) return 'all ports';
  return ports
    .map((p) => (p.type === 'number' ? `${p.protocol} ${p.port}` : p.type === 'range' ? `${p.protocol} ${p.start}-${p.end}` : `port "${p.name}"`))
    .join(', ');
}

import { ConnectionSet, connectionSetForPolicyPorts } from '../net/connection-set';
import type { ModelIndex } from '../model-index';
import { rulesOf, sideIsolation } from './isolation';
import { matchPeer } from './match-peer';
import type { NotEvaluatedPolicy } from './not-evaluated';
import { policyRef, type Direction, type FlowPeer, type PolicyRef } from './types';

export interface SideConnections {
  /** Every connection (protocol and port) this side lets through between the two ends. */
  allowed: ConnectionSet;
  /** False when the subject is not a pod policies can select: then everything is allowed. */
  governed: boolean;
  isolated: boolean;
  /** The policies whose rules contribute to `allowed` (empty when not isolated). */
  policies: PolicyRef[];
  /** Traffic between a pod and its own node is always allowed. */
  ownNode: boolean;
  /** Connections whose verdict is unknown (not in `allowed`), and the unevaluated policies that make them so. */
  unknown?: { connections: ConnectionSet; policies: NotEvaluatedPolicy[] };
}

/**
 * The set form of evaluateSide: instead of one port, every connection one side allows. Same isolation
 * (sideIsolation), same rules, so that "reach" and "explain" always agree: a port is in `allowed` exactly when
 * evaluateSide allows it. Named ports resolve against the destination (the subject on ingress, the other end on
 * egress).
 */
export function allowedConnections(direction: Direction, subject: FlowPeer, other: FlowPeer, index: ModelIndex): SideConnections {
  const isolation = sideIsolation(direction, subject, other, index);
  switch (isolation.kind) {
    case 'not-evaluated':
      return {
        allowed: ConnectionSet.none(),
        governed: true,
        isolated: false,
        policies: [],
        ownNode: false,
        unknown: { connections: ConnectionSet.all(), policies: isolation.policies },
      };
    case 'not-a-pod':
    case 'host-network':
      return { allowed: ConnectionSet.all(), governed: false, isolated: false, policies: [], ownNode: false };
    case 'not-isolated':
      return { allowed: ConnectionSet.all(), governed: true, isolated: false, policies: [], ownNode: false };
    case 'own-node':
      return { allowed: ConnectionSet.all(), governed: true, isolated: true, policies: [], ownNode: true };
  }
  const { context } = isolation;
  let allowed = ConnectionSet.none();
  const policies: PolicyRef[] = [];
  for (const policy of isolation.policies) {
    let contributes = false;
    for (const rule of rulesOf(policy, direction)) {
      const peerMatched = rule.peers.length === 0 || rule.peers.some((peer) => matchPeer(policy, peer, other, index).matches);
      if (!peerMatched) continue;
      const ports = connectionSetForPolicyPorts(rule.ports, context.resolveNamedPort);
      if (ports.isEmpty()) continue;
      allowed = allowed.union(ports);
      contributes = true;
    }
    if (contributes) policies.push(policyRef(policy));
  }
  return { allowed, governed: true, isolated: true, policies, ownNode: false };
}

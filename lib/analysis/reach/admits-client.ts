// Whether anything may connect to one pod on one port: the question a Service's endpoints answer in diagnose
// (service-all-clients-blocked), asked without listing every peer. Pure; no I/O.
//
// It reads what reachablePeers' ingress list reads (PodSides: the candidate classes, the pods the own-node exception
// concerns, the address ranges), and it says yes exactly when that list holds a pod (or, with `addresses`, an
// address range) whose connections, allowed or unknown, include the port; but it stops at the first such peer, asks
// a class's pair once rather than once per pod, and never builds the list, the Services or the egress side.

import type { ClusterModel, Pod, Protocol } from '@/lib/model';
import type { Side } from './class-sides';
import type { EquivalenceClass } from './equivalence';
import { podSides } from './pod-sides';
import { reachIndex } from './reach-index';

export interface ClientQuery {
  protocol: Protocol;
  port: number;
  /** Whether an address outside the pods counts as a client (a Service exposed outside the cluster). */
  addresses: boolean;
}

/**
 * Whether some other pod (or, with `addresses`, some address outside the pods) may connect to the pod on the port:
 * both sides allow it, or its verdict is unknown (a client that may be admitted is not a proof that none is). A pod
 * talking to itself is out of scope, as in reachablePeers; what the enforcement note says flows anyway plays no
 * part (the policies' verdict is asked).
 */
export function admitsClient(model: ClusterModel, pod: Pod, { protocol, port, addresses }: ClientQuery): boolean {
  const reach = reachIndex(model);
  const { classOf } = reach.equivalence;
  const sides = podSides(reach, pod);
  const { self, fromClass, fromPod } = sides;
  const admits = (side: Side) => side.allowed.allows(protocol, port) || !!side.unknown?.connections.allows(protocol, port);
  const visited = new Set<EquivalenceClass>();
  for (const c of sides.candidates('ingress')) {
    visited.add(c);
    if (c.hostNetwork !== self.hostNetwork) {
      // The own-node exception may tell the class's pods apart: one by one.
      if (c.pods.some((other) => other !== pod && admits(fromPod(other)))) return true;
    } else if (c.pods.some((other: Pod) => other !== pod) && admits(fromClass(c))) return true;
  }
  for (const other of sides.sameNode) if (!visited.has(classOf.get(other)!) && admits(fromPod(other))) return true;
  return addresses && sides.rangeSides('ingress').some(({ side }) => admits(side));
}

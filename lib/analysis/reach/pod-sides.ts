// One pod's sides against every other end, as reachablePeers and the questions about one pod's clients read them:
// the class-level pairs (computed at most once per question, the sides behind them kept with the model), the pod
// pairs the own-node exception may concern, the classes whose pair with the pod's may let something through
// (PairCandidates), and the pod's sides against the external address ranges. Pure; no I/O.

import type { Pod } from '@/lib/model';
import { allowedConnections } from '../policy/allowed-connections';
import type { Direction, FlowPeer } from '../policy/types';
import type { IpRange } from '../net/cidr';
import { bothSides, sideOf, type Side } from './class-sides';
import { ownNodeSide, sameNodeHostPair, type EquivalenceClass } from './equivalence';
import type { ReachIndex } from './reach-index';

export interface PodSides {
  pod: Pod;
  /** The pod's class. */
  self: EquivalenceClass;
  /** The pair from the pod to a pod of the class (the own-node exception aside). */
  toClass(other: EquivalenceClass): Side;
  /** The pair from a pod of the class to the pod (the own-node exception aside). */
  fromClass(other: EquivalenceClass): Side;
  /** The pair from the pod to the other pod. */
  toPod(other: Pod): Side;
  /** The pair from the other pod to the pod. */
  fromPod(other: Pod): Side;
  /**
   * The classes whose pair with the pod's may let something through or leave it unknown in the direction
   * (PairCandidates): any other class's pods are closed to it, but for the pods of `sameNode`.
   */
  candidates(direction: Direction): EquivalenceClass[];
  /** The pods the own-node exception may concern: the pod and a host-network pod on one node. */
  sameNode: Pod[];
  /** The pod's own node addresses: traffic between a pod and its node is always allowed. */
  ownNode: string[];
  /** The pair with every address range outside the pods (the own node's addresses ranges of their own), in address order. */
  rangeSides(direction: Direction): { range: IpRange; ip: string; side: Side }[];
}

export function podSides(reach: ReachIndex, pod: Pod): PodSides {
  const { equivalence, pairs } = reach;
  const { index, classOf, classes, sides } = equivalence;
  const self = classOf.get(pod) as EquivalenceClass;
  // By class id; maps rather than arrays of every class: a question may read only a few.
  const outgoing = new Map<number, Side>();
  const incoming = new Map<number, Side>();
  const toClass = (other: EquivalenceClass): Side => memo(outgoing, other.id, () => sides.pair(self, other));
  const fromClass = (other: EquivalenceClass): Side => memo(incoming, other.id, () => sides.pair(other, self));
  const subject: FlowPeer = { type: 'pod', pod };
  const ownNode = (!pod.hostNetwork && pod.nodeName ? [pod.hostIP, ...(index.nodes.get(pod.nodeName)?.addresses.map((a) => a.address) ?? [])] : []).filter(
    (ip): ip is string => !!ip,
  );
  // Any range but the own node's is, or starts, one of the model's external ranges: the pod's side there is its
  // class's, shared with every pod of the class (SideMemo.rangeSide). The address's own side is never governed.
  const podSide = (direction: Direction, ip: string): Side => {
    const shared = ownNode.includes(ip) ? undefined : reach.classRanges.get(ip);
    if (shared !== undefined) return sides.rangeSide(direction, self, shared);
    return sideOf(allowedConnections(direction, subject, { type: 'ip', ip }, index));
  };
  return {
    pod,
    self,
    toClass,
    fromClass,
    toPod: (other) => ownNodeSide(pod, other, equivalence) ?? toClass(classOf.get(other) as EquivalenceClass),
    fromPod: (other) => ownNodeSide(other, pod, equivalence) ?? fromClass(classOf.get(other) as EquivalenceClass),
    candidates: (direction) => {
      const list: EquivalenceClass[] = [];
      (direction === 'egress' ? pairs.destinationsOf(self) : pairs.sourcesOf(self)).forEach((id) => {
        if (id < classes.length) list.push(classes[id]!);
      });
      return list;
    },
    sameNode: pod.nodeName ? (reach.podsByNode.get(pod.nodeName) ?? []).filter((other) => sameNodeHostPair(pod, other)) : [],
    ownNode,
    rangeSides: (direction) =>
      reach.rangesAround(ownNode).map(({ range, ip }) => {
        const peer: FlowPeer = { type: 'ip', ip };
        const side =
          direction === 'egress'
            ? bothSides(podSide('egress', ip), sideOf(allowedConnections('ingress', peer, subject, index)))
            : bothSides(sideOf(allowedConnections('egress', peer, subject, index)), podSide('ingress', ip));
        return { range, ip, side };
      }),
  };
}

function memo<V>(cache: Map<number, V>, key: number, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = compute()));
  return value;
}

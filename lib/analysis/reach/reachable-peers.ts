// Everything one pod may reach and everything that may reach it: pods, Services and address ranges outside the
// pods, each with the connections (protocols and port ranges) the NetworkPolicies allow. Pure; no I/O.
//
// The semantics are allowedConnections' (so "reach" agrees with explainFlow port by port): a connection needs
// both the source's egress side and the destination's ingress side. The work is done per equivalence class of pods
// (see equivalence.ts) and each class's side is computed once per policy signature, then expanded to the pods. What
// it reads of the whole model (which classes may pair with which, the Services' backends by class) is built once
// per model (reach-index.ts), so that an answer visits only the pod's possible peers.

import type { ClusterModel, OwnerRef, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { enforcementNote, type EnforcementNote } from '../enforcement/note';
import { flowInputErrors } from '../errors';
import { objectKey } from '../model-index';
import { IpRangeSet, type IpRange } from '../net/cidr';
import { ConnectionSet } from '../net/connection-set';
import { allowedConnections } from '../policy/allowed-connections';
import { formatPolicy, mergePolicies, type Direction, type FlowPeer, type PolicyRef, type UnknownConnections } from '../policy/types';
import { POLICY_KINDS } from '../policy/kinds';
import { unsyncedReason } from '../sync-state';
import { bothSides, CLOSED_SIDE, isClosed, sideOf, type Side } from './class-sides';
import type { EquivalenceClass } from './equivalence';
import { podSides } from './pod-sides';
import { reachIndex } from './reach-index';

export type ReachPeer =
  | { type: 'pod'; namespace: string; name: string; workload: OwnerRef }
  | { type: 'service'; namespace: string; name: string }
  /**
   * Addresses that are not the cluster's pods: the CIDRs cover the range, and the pods' own addresses inside it
   * are not part of it (they are listed as pods). Node addresses are such addresses.
   */
  | { type: 'ipRange'; cidrs: string[] };

export interface PeerConnection {
  peer: ReachPeer;
  /** The allowed protocols and port ranges; for a Service, its own ports (not the targetPorts) that lead to an allowed backend. */
  connections: ConnectionSet;
  /** The egress-side and ingress-side policies whose rules allow it (deduplicated); empty where no policy isolates. */
  policies: PolicyRef[];
  /**
   * Connections (outside `connections`) whose verdict is unknown, and why: policies of kinds the engine does not
   * evaluate select one end. A peer with unknown connections only is listed with `connections` empty.
   */
  unknown?: UnknownConnections;
}

export interface ReachablePeers {
  pod: { namespace: string; name: string };
  /** What the pod may reach: pods, then Services, then address ranges. */
  egress: PeerConnection[];
  /** What may reach the pod: pods, then address ranges (a Service sends no traffic of its own). */
  ingress: PeerConnection[];
  /** Set when data the answer rests on is not synced: the lists are what the model says, not a certainty. */
  unknown?: string;
  /**
   * Set when the network plugin does not enforce NetworkPolicy: what the policies deny (every connection the lists
   * leave out) flows all the same.
   */
  enforcement?: EnforcementNote;
  /** With `enforcement`: the pods and Services the policies deny every connection with, which flows all the same. */
  denied?: { egress: ReachPeer[]; ingress: ReachPeer[] };
}

/** Pods, namespaces and policies decide the pod peers; Services and EndpointSlices the Service peers. */
const NEEDED_KINDS = [...POLICY_KINDS, 'services', 'endpointslices'] as const;

/**
 * What one pod may reach and what may reach it. A pod talking to itself is out of scope: it is never its own peer,
 * nor counted as a backend of a Service it belongs to. A Service is listed with the Service ports whose targetPort
 * at least one ready backend (other than the pod) allows. Address ranges are the disjoint ranges the policies'
 * ipBlocks distinguish, the pod's own node addresses apart (traffic with its own node is always allowed); ranges
 * with the same connections and policies are listed as one peer. Throws FlowInputError for a pod the model lacks.
 */
export function reachablePeers(model: ClusterModel, ref: { namespace: string; name: string }): ReachablePeers {
  const reach = reachIndex(model);
  const { equivalence, podOrder } = reach;
  const { index, classOf, classes } = equivalence;
  const pod = index.podByName.get(objectKey(ref.namespace, ref.name));
  if (!pod) throw flowInputErrors.podNotFound(ref.namespace, ref.name);
  const sides = podSides(reach, pod);
  const { self, toClass, fromClass, toPod, fromPod, sameNode } = sides;
  const enforcement = enforcementNote(model);
  const denied = enforcement ? { egress: [] as ReachPeer[], ingress: [] as ReachPeer[] } : undefined;

  // Only the candidate classes' pods may be peers (see PodSides.candidates). With the enforcement note, every class
  // is read: the closed ones are listed too.
  const candidates = {
    egress: denied ? classes : sides.candidates('egress'),
    ingress: denied ? classes : sides.candidates('ingress'),
  };

  const podPeers = (direction: Direction): PeerConnection[] => {
    const peers: PeerConnection[] = [];
    const order: number[] = [];
    const visited = new Set<EquivalenceClass>();
    const add = (other: Pod, side: Side) => {
      const peer = podPeer(direction, other, side);
      if (!peer) return;
      order.push(podOrder.get(other)!);
      peers.push(peer);
    };
    for (const c of candidates[direction]) {
      visited.add(c);
      const shared = direction === 'egress' ? toClass(c) : fromClass(c);
      const onePerPod = c.hostNetwork !== self.hostNetwork;
      if (!onePerPod && isClosed(shared) && !denied) continue;
      for (const other of c.pods) {
        if (other === pod) continue;
        add(other, onePerPod ? (direction === 'egress' ? toPod(other) : fromPod(other)) : shared);
      }
    }
    for (const other of sameNode) if (!visited.has(classOf.get(other)!)) add(other, direction === 'egress' ? toPod(other) : fromPod(other));
    // In name order: the pods' places were ranked once per model.
    return order
      .map((rank, i) => [rank, i] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => peers[i]!);
  };
  /** A pod the side lets something through to (or from) is a peer; else, with the enforcement note, a denied one. */
  const podPeer = (direction: Direction, other: Pod, side: Side): PeerConnection | undefined => {
    if (isClosed(side) && !denied) return undefined;
    const peer: ReachPeer = { type: 'pod', namespace: other.meta.namespace ?? '', name: other.meta.name, workload: other.workload };
    if (isClosed(side)) {
      denied?.[direction].push(peer);
      return undefined;
    }
    return { peer, connections: side.allowed, policies: side.policies, ...(side.unknown ? { unknown: side.unknown } : {}) };
  };

  const subject: FlowPeer = { type: 'pod', pod };
  const withAddress = new Map<string, Side>();
  const toAddress = (ip: string): Side =>
    memo(withAddress, ip, () => {
      const other = index.podByIP.get(ip);
      if (other) return other === pod ? CLOSED_SIDE : toPod(other);
      const peer: FlowPeer = { type: 'ip', ip };
      return bothSides(sideOf(allowedConnections('egress', subject, peer, index)), sideOf(allowedConnections('ingress', peer, subject, index)));
    });

  // The Services a backend of which is a possible peer (or an address, or, with the enforcement note, any): the
  // others have every backend closed to the pod, and list nothing.
  const { targets, byClass, withAddresses } = reach.services;
  const read = new Uint8Array(targets.length);
  const mark = (numbers: number[]) => {
    for (const n of numbers) read[n] = 1;
  };
  if (denied) read.fill(1);
  mark(withAddresses);
  for (const c of candidates.egress) mark(byClass[c.id]!);
  for (const other of sameNode) mark(byClass[classOf.get(other)!.id]!);
  const services: PeerConnection[] = [];
  for (let n = 0; n < targets.length; n++) {
    if (!read[n]) continue;
    const target = targets[n]!;
    let connections = ConnectionSet.none();
    let unknown = ConnectionSet.none();
    const unknownReasons = new Set<string>();
    const policies: PolicyRef[][] = [];
    for (const { protocol, port, backends } of target.ports) {
      let allowed = false;
      let unsure = false;
      for (const backend of backends) {
        if (backend.pod === pod) continue;
        const side = backend.pod ? toPod(backend.pod) : toAddress(backend.address);
        if (side.unknown?.connections.allows(protocol, backend.targetPort)) {
          unsure = true;
          for (const reason of side.unknown.reasons) unknownReasons.add(reason);
        }
        if (!side.allowed.allows(protocol, backend.targetPort)) continue;
        allowed = true;
        policies.push(side.policies);
      }
      const servicePort = ConnectionSet.ports(protocol, [{ start: port, end: port }]);
      // A port some backend surely allows is allowed (connections there succeed); one whose backends deny it or
      // are unknown is unknown.
      if (allowed) connections = connections.union(servicePort);
      else if (unsure) unknown = unknown.union(servicePort);
    }
    const { service } = target;
    const peer: ReachPeer = { type: 'service', namespace: service.meta.namespace ?? '', name: service.meta.name };
    if (connections.isEmpty() && unknown.isEmpty()) {
      // Denied by the policies, unless the pod is its only backend (a pod talking to itself is out of scope).
      if (target.ports.some((p) => p.backends.some((b) => b.pod !== pod))) denied?.egress.push(peer);
      continue;
    }
    services.push({
      peer,
      connections,
      policies: mergePolicies(...policies),
      ...(unknown.isEmpty() ? {} : { unknown: { connections: unknown, reasons: [...unknownReasons] } }),
    });
  }
  services.sort((a, b) => compareNames(a.peer, b.peer));

  // The pod's own node addresses are ranges of their own: traffic between a pod and its node is always allowed.
  const rangePeers = (direction: Direction): PeerConnection[] => groupRanges(sides.rangeSides(direction));

  const result: ReachablePeers = {
    pod: { namespace: pod.meta.namespace ?? '', name: pod.meta.name },
    egress: [...podPeers('egress'), ...services, ...rangePeers('egress')],
    ingress: [...podPeers('ingress'), ...rangePeers('ingress')],
  };
  const unknown = unsyncedReason(model, NEEDED_KINDS);
  if (unknown) result.unknown = unknown;
  if (enforcement && denied) {
    result.enforcement = enforcement;
    result.denied = { egress: denied.egress.sort(comparePeers), ingress: denied.ingress.sort(comparePeers) };
  }
  return result;
}

/**
 * Ranges with the same connections and policies become one peer (so `0.0.0.0/0 except 10.0.0.0/8` is one peer,
 * not the two ranges around the hole); ranges that allow nothing are left out. In address order, IPv4 first.
 */
function groupRanges(evaluated: { range: IpRange; side: Side }[]): PeerConnection[] {
  const groups = new Map<string, { ranges: IpRange[]; side: Side }>();
  for (const { range, side } of evaluated) {
    if (isClosed(side)) continue;
    const key = sideKey(side);
    const group = groups.get(key);
    if (group) group.ranges.push(range);
    else groups.set(key, { ranges: [range], side });
  }
  return [...groups.values()].map(({ ranges, side }) => ({
    peer: { type: 'ipRange', cidrs: IpRangeSet.fromRanges(ranges).toCidrs() },
    connections: side.allowed,
    policies: side.policies,
    ...(side.unknown ? { unknown: side.unknown } : {}),
  }));
}

const sideKey = (side: Side) =>
  `${side.allowed.toString()}\u0000${side.policies.map(formatPolicy).join(',')}\u0000${side.unknown ? `${side.unknown.connections.toString()}\u0000${side.unknown.reasons.join('\u0000')}` : ''}`;

function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Pods, then Services, then address ranges, as the lists are; by name within each. */
const PEER_ORDER: Record<ReachPeer['type'], number> = { pod: 0, service: 1, ipRange: 2 };
const comparePeers = (a: ReachPeer, b: ReachPeer) => PEER_ORDER[a.type] - PEER_ORDER[b.type] || compareNames(a, b);

function compareNames(a: ReachPeer, b: ReachPeer): number {
  const ka = a.type === 'ipRange' ? '' : `${a.namespace}/${a.name}`;
  const kb = b.type === 'ipRange' ? '' : `${b.namespace}/${b.name}`;
  return byCodeUnits(ka, kb);
}

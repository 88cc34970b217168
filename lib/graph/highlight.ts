// What lights up on the map when a pod is clicked: its peers and the allowed flows to and from them, taken as they
// are from the engine's reachablePeers (never re-derived here) and mapped onto the graph's node ids. Pure.

import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import { ConnectionSet } from '@/lib/analysis/net/connection-set';
import { objectKey } from '@/lib/analysis/model-index';
import { formatPolicy, mergePolicies, type Direction, type PolicyRef } from '@/lib/analysis/policy/types';
import { reachablePeers, type PeerConnection } from '@/lib/analysis/reach/reachable-peers';
import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { EXTERNAL_ID, isWorkloadId, podId, podNodeId, serviceId, workloadPods, type GraphEdgeData, type GraphNodeData, type GraphOptions } from './elements';

/** Which of a pod's peers to light: what it reaches (egress), what reaches it (ingress), or both. */
export type HighlightDirection = Direction | 'both';

export interface HighlightRow {
  direction: Direction;
  /** The peer's node id (it may be absent from the graph when its namespace is filtered out). */
  peerId: string;
  peerLabel: string;
  /** The allowed connections, e.g. 'TCP 8080'. */
  ports: string;
  /** The policies whose rules allow it, as 'namespace/name'; empty where no policy isolates. */
  policies: string[];
}

export interface Highlight {
  /** The node id of the clicked pod (or of its folded workload). */
  selected: string;
  /** Node ids in the graph (pods, folded workloads, Services, ipRange nodes), sorted by id. */
  peers: { id: string; direction: HighlightDirection }[];
  /** Kind 'flow', from source to target, labelled with the allowed connections; id 'flow:<src>-><dst>'; sorted by id. */
  flowEdges: GraphEdgeData[];
  /** For the side panel: egress rows, then ingress rows, each in the engine's order (pods, Services, ranges). */
  rows: HighlightRow[];
  /** Set when data the answer rests on is not synced (from reachablePeers). */
  unknown?: string;
}

interface MergedPeer {
  id: string;
  label: string;
  /** Whether the node is drawn: pods of filtered-out namespaces (and the selected node itself) are not. */
  drawn: boolean;
  connections: ConnectionSet;
  /** Connections whose verdict is unknown (policies the engine does not evaluate select an end). */
  unknown?: ConnectionSet;
  policies: PolicyRef[];
  /** For folded workloads: how many of the workload's pods are peers. */
  pods: number;
}

export const ipRangeId = (cidrs: readonly string[]) => `ip:${describeRanges(cidrs)}`;
export const flowEdgeId = (source: string, target: string) => `flow:${source}->${target}`;

/**
 * The peers of a pod in the chosen direction(s), as reachablePeers lists them, on the graph. Pod peers are drawn as
 * their graph node (podNodeId): the pods of a folded workload become one peer whose connections are the union of
 * theirs and whose policies are all of theirs. Service peers are 'svc:' nodes. Address ranges are new nodes of kind
 * 'ipRange' in the 'ext' compound (returned in extraNodes with 'ext' itself, which buildGraph never draws). A peer in
 * both directions has direction 'both' and a flow edge each way. Pods of namespaces the options filter out, and
 * pods drawn as the selected node itself (its folded siblings), are listed in the rows only. Throws FlowInputError
 * (from reachablePeers) for a pod the model lacks.
 */
export function highlightPeers(
  model: ClusterModel,
  pod: { namespace: string; name: string },
  direction: HighlightDirection,
  options: GraphOptions,
): { highlight: Highlight; extraNodes: GraphNodeData[] } {
  const reach = reachablePeers(model, pod);
  const podByName = new Map(model.resources.pods.map((p) => [objectKey(p.meta.namespace, p.meta.name), p]));
  const self = podByName.get(objectKey(pod.namespace, pod.name));
  const selected = self ? podNodeId(self, options, model) : podId(pod.namespace, pod.name);
  const visible = (namespace: string) => !options.namespaces || options.namespaces.has(namespace);

  const directions: Direction[] = direction === 'both' ? ['egress', 'ingress'] : [direction];
  const merged = new Map<Direction, Map<string, MergedPeer>>();
  const extraNodes = new Map<string, GraphNodeData>();

  for (const d of directions) {
    const peers = new Map<string, MergedPeer>();
    merged.set(d, peers);
    for (const connection of reach[d]) {
      const target = peerNode(connection, podByName, options, model);
      const existing = peers.get(target.id);
      if (existing) {
        existing.connections = existing.connections.union(connection.connections);
        if (connection.unknown) existing.unknown = (existing.unknown ?? ConnectionSet.none()).union(connection.unknown.connections);
        existing.policies = mergePolicies(existing.policies, connection.policies);
        existing.pods += 1;
      } else {
        peers.set(target.id, {
          id: target.id,
          label: target.label,
          drawn: target.id !== selected && (target.namespace === undefined || visible(target.namespace)),
          connections: connection.connections,
          ...(connection.unknown ? { unknown: connection.unknown.connections } : {}),
          policies: mergePolicies(connection.policies),
          pods: 1,
        });
      }
      if (connection.peer.type === 'ipRange' && !extraNodes.has(target.id)) {
        extraNodes.set(EXTERNAL_ID, { id: EXTERNAL_ID, kind: 'external', label: 'outside the cluster' });
        extraNodes.set(target.id, { id: target.id, parent: EXTERNAL_ID, kind: 'ipRange', label: target.label });
      }
    }
  }

  const peerDirections = new Map<string, HighlightDirection>();
  const flowEdges: GraphEdgeData[] = [];
  const rows: HighlightRow[] = [];
  for (const [d, peers] of merged) {
    for (const peer of peers.values()) {
      rows.push({
        direction: d,
        peerId: peer.id,
        peerLabel: isWorkloadId(peer.id) ? workloadLabel(peer, model) : peer.label,
        ports: portsText(peer),
        policies: peer.policies.map(formatPolicy),
      });
      if (!peer.drawn) continue;
      const known = peerDirections.get(peer.id);
      peerDirections.set(peer.id, known && known !== d ? 'both' : d);
      const [source, target] = d === 'egress' ? [selected, peer.id] : [peer.id, selected];
      flowEdges.push({ id: flowEdgeId(source, target), source, target, kind: 'flow', label: portsText(peer) });
    }
  }

  const highlight: Highlight = {
    selected,
    peers: [...peerDirections].map(([id, dir]) => ({ id, direction: dir })).sort((a, b) => byCodeUnits(a.id, b.id)),
    flowEdges: flowEdges.sort((a, b) => byCodeUnits(a.id, b.id)),
    rows,
  };
  if (reach.unknown) highlight.unknown = reach.unknown;
  return { highlight, extraNodes: [...extraNodes.values()].sort((a, b) => byCodeUnits(a.id, b.id)) };
}

/** The graph node of one engine peer, with the label the side panel shows and its namespace (for the filter). */
function peerNode(
  connection: PeerConnection,
  podByName: ReadonlyMap<string, Pod>,
  options: GraphOptions,
  model: ClusterModel,
): { id: string; label: string; namespace?: string } {
  const { peer } = connection;
  switch (peer.type) {
    case 'pod': {
      const other = podByName.get(objectKey(peer.namespace, peer.name));
      const id = other ? podNodeId(other, options, model) : podId(peer.namespace, peer.name);
      return { id, label: `Pod ${peer.namespace}/${peer.name}`, namespace: peer.namespace };
    }
    case 'service':
      return { id: serviceId(peer.namespace, peer.name), label: `Service ${peer.namespace}/${peer.name}`, namespace: peer.namespace };
    case 'ipRange':
      return { id: ipRangeId(peer.cidrs), label: describeRanges(peer.cidrs, ', ') };
  }
}

/** `Deployment shop/api (5 pods)`, or `Deployment shop/api (3 of 5 pods)` when only some of them are peers. */
function workloadLabel(peer: MergedPeer, model: ClusterModel): string {
  const pods = workloadPods(model).get(peer.id) ?? [];
  const first = pods[0];
  if (!first) return peer.id;
  const count = peer.pods === pods.length ? `${pods.length} pods` : `${peer.pods} of ${pods.length} pods`;
  return `${first.workload.kind} ${first.meta.namespace ?? ''}/${first.workload.name} (${count})`;
}

/** The ports of a peer as its label reads: the allowed ones, then those whose verdict is unknown. */
function portsText(peer: MergedPeer): string {
  if (!peer.unknown) return peer.connections.toString();
  const unknown = `unknown: ${peer.unknown.toString()}`;
  return peer.connections.isEmpty() ? unknown : `${peer.connections.toString()}; ${unknown}`;
}

// What lights up on the map when a pod is clicked: its peers and the allowed flows to and from them, taken as they
// are from the engine's reachablePeers (never re-derived here) and mapped onto the graph's node ids. Where the network
// plugin does not enforce NetworkPolicy, the peers the engine says the policies deny are drawn too, apart: their
// traffic flows. Pure.

import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import { ConnectionSet } from '@/lib/analysis/net/connection-set';
import { objectKey } from '@/lib/analysis/model-index';
import { formatPolicyWithKind, mergePolicies, type Direction, type PolicyRef } from '@/lib/analysis/policy/types';
import { reachablePeers, type ReachPeer } from '@/lib/analysis/reach/reachable-peers';
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
  /** The allowed connections, e.g. 'TCP 8080'; for a peer the policies deny that flows all the same, the note's text. */
  ports: string;
  /** The policies whose rules allow it, as 'namespace/name'; empty where no policy isolates. */
  policies: string[];
  /** Set for a peer the policies deny every connection with, which flows: the network plugin does not enforce them. */
  enforcement?: EnforcementNote;
}

export interface Highlight {
  /** The node id of the clicked pod (or of its folded workload). */
  selected: string;
  /** Node ids in the graph (pods, folded workloads, Services, ipRange nodes), sorted by id. */
  peers: { id: string; direction: HighlightDirection }[];
  /**
   * Kind 'flow', from source to target, labelled with the allowed connections; id 'flow:<src>-><dst>'; sorted by id.
   * The flows to and from the peers of `notEnforced` have `notEnforced` set.
   */
  flowEdges: GraphEdgeData[];
  /**
   * For the side panel: egress rows, then ingress rows, each in the engine's order (pods, Services, ranges), the
   * peers the policies deny that flow all the same (`enforcement` set) after the allowed ones.
   */
  rows: HighlightRow[];
  /** Set when data the answer rests on is not synced (from reachablePeers). */
  unknown?: string;
  /**
   * Set when the network plugin does not enforce NetworkPolicy (reachablePeers' note), with the peers drawn in the
   * graph that the policies deny every connection with, whose traffic flows all the same; sorted by id. A peer that
   * an allowed connection already links (a folded workload some of whose pods are allowed) is among `peers` only.
   */
  notEnforced?: { note: EnforcementNote; peers: { id: string; direction: HighlightDirection }[] };
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
/** The label of a flow edge the policies deny but the network plugin does not enforce (the panel's rows say by which). */
export const NOT_ENFORCED_LABEL = 'denied by policy, not enforced';

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
  const drawn = (target: { id: string; namespace?: string }) => target.id !== selected && (target.namespace === undefined || visible(target.namespace));

  const directions: Direction[] = direction === 'both' ? ['egress', 'ingress'] : [direction];
  const merged = new Map<Direction, Map<string, MergedPeer>>();
  const extraNodes = new Map<string, GraphNodeData>();

  for (const d of directions) {
    const peers = new Map<string, MergedPeer>();
    merged.set(d, peers);
    for (const connection of reach[d]) {
      const target = peerNode(connection.peer, podByName, options, model);
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
          drawn: drawn(target),
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

  // The peers the policies deny, where the plugin lets their traffic through: each drawn once per direction, unless
  // an allowed connection already links it.
  const note = reach.enforcement;
  const denied = new Map<Direction, Map<string, MergedPeer>>();
  for (const d of note ? directions : []) {
    const peers = new Map<string, MergedPeer>();
    denied.set(d, peers);
    for (const peer of reach.denied?.[d] ?? []) {
      const target = peerNode(peer, podByName, options, model);
      if (merged.get(d)?.has(target.id)) continue;
      const existing = peers.get(target.id);
      if (existing) existing.pods += 1;
      else peers.set(target.id, { id: target.id, label: target.label, drawn: drawn(target), connections: ConnectionSet.none(), policies: [], pods: 1 });
    }
  }

  const peerDirections = new Map<string, HighlightDirection>();
  const notEnforcedDirections = new Map<string, HighlightDirection>();
  const flowEdges: GraphEdgeData[] = [];
  const rows: HighlightRow[] = [];
  const flowEdge = (d: Direction, peer: string, label: string): GraphEdgeData => {
    const [source, target] = d === 'egress' ? [selected, peer] : [peer, selected];
    return { id: flowEdgeId(source, target), source, target, kind: 'flow', label };
  };
  for (const d of directions) {
    for (const peer of merged.get(d)?.values() ?? []) {
      rows.push({
        direction: d,
        peerId: peer.id,
        peerLabel: peerLabel(peer, model),
        ports: portsText(peer),
        policies: peer.policies.map(formatPolicyWithKind),
      });
      if (!peer.drawn) continue;
      light(peerDirections, peer.id, d);
      const onlyUnknown = peer.connections.isEmpty() && !!peer.unknown;
      flowEdges.push({ ...flowEdge(d, peer.id, portsText(peer)), ...(onlyUnknown ? { unknown: true as const } : {}) });
    }
    if (!note) continue;
    for (const peer of denied.get(d)?.values() ?? []) {
      rows.push({ direction: d, peerId: peer.id, peerLabel: peerLabel(peer, model), ports: note.text, policies: [], enforcement: note });
      if (!peer.drawn) continue;
      light(notEnforcedDirections, peer.id, d);
      flowEdges.push({ ...flowEdge(d, peer.id, NOT_ENFORCED_LABEL), notEnforced: true });
    }
  }

  const highlight: Highlight = {
    selected,
    peers: sortedPeers(peerDirections),
    flowEdges: flowEdges.sort((a, b) => byCodeUnits(a.id, b.id)),
    rows,
  };
  if (reach.unknown) highlight.unknown = reach.unknown;
  if (note) highlight.notEnforced = { note, peers: sortedPeers(notEnforcedDirections) };
  return { highlight, extraNodes: [...extraNodes.values()].sort((a, b) => byCodeUnits(a.id, b.id)) };
}

/** A peer lit in direction d: 'both' once lit in the other direction too. */
function light(directions: Map<string, HighlightDirection>, id: string, d: Direction): void {
  const known = directions.get(id);
  directions.set(id, known && known !== d ? 'both' : d);
}

const sortedPeers = (directions: Map<string, HighlightDirection>) =>
  [...directions].map(([id, direction]) => ({ id, direction })).sort((a, b) => byCodeUnits(a.id, b.id));

const peerLabel = (peer: MergedPeer, model: ClusterModel) => (isWorkloadId(peer.id) ? workloadLabel(peer, model) : peer.label);

/** The graph node of one engine peer, with the label the side panel shows and its namespace (for the filter). */
function peerNode(
  peer: ReachPeer,
  podByName: ReadonlyMap<string, Pod>,
  options: GraphOptions,
  model: ClusterModel,
): { id: string; label: string; namespace?: string } {
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

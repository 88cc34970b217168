// What the map shows of a what-if: each pair of the engine's connectivity diff (lib/what-if/view.ts, taken as it is)
// drawn between the graph's nodes of its two ends, one edge per pair of nodes, of kind 'change' with the pair's kind
// (added, removed, changed, unknown) and a label that says it in words and marks. For a selected pod, only the pairs
// of its workload, drawn from its node. Pure.

import { DIFF_MARKS } from '@/lib/analysis/diff/format-diff';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import type { ConnectivityEndpoint } from '@/lib/analysis/reach/connectivity';
import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import type { WhatIfPair, WhatIfView } from '@/lib/what-if/view';
import { EXTERNAL_ID, isWorkloadId, podNodeId, type GraphEdgeData, type GraphNodeData, type GraphOptions } from './elements';
import { ipRangeId } from './highlight';

/** Beyond this many edges the map stops drawing pairs (a node grouping of large workloads): the panel lists them all. */
export const MAX_CHANGE_EDGES = 2000;

export interface WhatIfHighlight {
  /** The selected pod's node, when a pod is selected and the what-if's model has it. */
  selected?: string;
  /** The nodes at the other ends of the drawn pairs, sorted. */
  ends: string[];
  /** Kind 'change', id 'change:<src>-><dst>', with `change` and a label; sorted by id. */
  edges: GraphEdgeData[];
  /** Address ranges the pairs name, in the 'ext' compound, with 'ext' itself (buildGraph never draws them). */
  extraNodes: GraphNodeData[];
  /** The pairs shown (every pair, or the selected pod's), as indexes into view.pairs, in its order. */
  pairs: number[];
  /** How many of those are not drawn, or not all: an end not drawn (its namespace filtered out, gone in the what-if), or too many edges. */
  undrawn: number;
  /** Set when a pod was selected that the what-if's model lacks (the draft deleted or replaced it): every pair is shown. */
  podMissing?: true;
}

const changeEdgeId = (source: string, target: string) => `change:${source}->${target}`;

/**
 * An edge's label: the diff's mark and word for its kind (so that no change is told by its colour alone), then what
 * the pair gains or loses, from the diff's own texts: `+ added: TCP 8080`, `- removed: All connections`.
 */
function changeLabel(pair: WhatIfPair): string {
  const what = pair.kind === 'added' ? pair.after : pair.kind === 'removed' ? pair.before : pair.kind === 'changed' ? pair.change || `${pair.before} → ${pair.after}` : pair.after;
  return `${DIFF_MARKS[pair.kind]} ${pair.kind}: ${what}`;
}

const sameWorkload = (endpoint: ConnectivityEndpoint, pod: Pod) =>
  endpoint.type === 'workload' && endpoint.namespace === (pod.meta.namespace ?? '') && endpoint.kind === pod.workload.kind && endpoint.name === pod.workload.name;

/**
 * The pairs of the view on the graph of `model` (the what-if's model, which the map draws). A workload end is the
 * nodes its pods are drawn as (podNodeId: pods, or the folded workload); an address range is an 'ipRange' node.
 * Pods talking to their own workload's other pods are drawn between those pods, or as a loop on a folded workload;
 * a pod to itself is no connection. With `pod` selected (and in the model), only its workload's pairs, from its node.
 */
export function whatIfHighlight(view: WhatIfView, model: ClusterModel, options: GraphOptions, pod?: { namespace: string; name: string }): WhatIfHighlight {
  const visible = (namespace: string) => !options.namespaces || options.namespaces.has(namespace);
  const self = pod && model.resources.pods.find((p) => p.meta.namespace === pod.namespace && p.meta.name === pod.name);
  const selected = self && visible(pod.namespace) ? podNodeId(self, options, model) : undefined;

  const workloadNodes = new Map<string, string[]>();
  for (const p of model.resources.pods) {
    if (!visible(p.meta.namespace ?? '')) continue;
    const key = `${p.meta.namespace ?? ''}\u0000${p.workload.kind}\u0000${p.workload.name}`;
    const nodes = workloadNodes.get(key) ?? [];
    const id = podNodeId(p, options, model);
    if (!nodes.includes(id)) nodes.push(id);
    workloadNodes.set(key, nodes);
  }
  const extraNodes = new Map<string, GraphNodeData>();
  const nodesOf = (endpoint: ConnectivityEndpoint): string[] => {
    if (endpoint.type === 'workload') return workloadNodes.get(`${endpoint.namespace}\u0000${endpoint.kind}\u0000${endpoint.name}`) ?? [];
    return [ipRangeId(endpoint.cidrs)];
  };

  const edges = new Map<string, GraphEdgeData>();
  const ends = new Set<string>();
  const pairs: number[] = [];
  let undrawn = 0;
  view.pairs.forEach((pair, index) => {
    const fromSelf = self !== undefined && sameWorkload(pair.source, self);
    const toSelf = self !== undefined && sameWorkload(pair.destination, self);
    if (self && !fromSelf && !toSelf) return;
    pairs.push(index);
    const sources = fromSelf && selected ? [selected] : nodesOf(pair.source);
    const targets = toSelf && selected && !fromSelf ? [selected] : nodesOf(pair.destination);
    // Selected, a pair of its own workload runs both ways from its node.
    const links = [
      ...sources.flatMap((s) => targets.map((t) => [s, t] as const)),
      ...(fromSelf && toSelf && selected ? targets.map((t) => [t, selected] as const) : []),
    ].filter(([s, t]) => s !== t || isWorkloadId(s));
    let drawn = links.length > 0;
    for (const [source, target] of links) {
      const id = changeEdgeId(source, target);
      if (edges.has(id)) continue;
      if (edges.size >= MAX_CHANGE_EDGES) {
        drawn = false;
        break;
      }
      edges.set(id, { id, source, target, kind: 'change', change: pair.kind, label: changeLabel(pair) });
      for (const [end, endpoint] of [[source, pair.source], [target, pair.destination]] as const) {
        if (end !== selected) ends.add(end);
        if (endpoint.type === 'ipRange' && !extraNodes.has(end)) {
          extraNodes.set(EXTERNAL_ID, { id: EXTERNAL_ID, kind: 'external', label: 'outside the cluster' });
          extraNodes.set(end, { id: end, parent: EXTERNAL_ID, kind: 'ipRange', label: describeRanges(endpoint.cidrs, ', ') });
        }
      }
    }
    if (!drawn) undrawn += 1;
  });

  return {
    ...(selected ? { selected } : {}),
    ...(pod && !self ? { podMissing: true as const } : {}),
    ends: [...ends].sort(byCodeUnits),
    edges: [...edges.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
    extraNodes: [...extraNodes.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
    pairs,
    undrawn,
  };
}

// The map's summary mode, for clusters too big to draw whole: each top-level group (a namespace, or a Kubernetes node
// in node grouping) is one summary node unless it is expanded. Built from the full graph (buildGraph's), so every
// node and edge it draws means what the full graph's do: an edge between summaries stands for the full graph's edges
// between what the summaries hold, of one kind, and says how many. Pure.

import type { Highlight, HighlightDirection } from './highlight';
import type { MapPath } from './highlight-targets';
import type { Graph, GraphEdgeData, GraphNodeData } from './elements';
import type { WhatIfHighlight } from './what-if';

/** The kinds of top-level group a summary stands for. */
const SUMMARISED: ReadonlySet<GraphNodeData['kind']> = new Set(['namespace', 'node']);

export interface SummaryGraph extends Graph {
  /** For each node not drawn (inside a summary), the summary node's id that stands for it. */
  drawnAs: ReadonlyMap<string, string>;
  /** The groups drawn as summaries, by id. */
  summarised: ReadonlySet<string>;
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;

/** A summary node's counts, and its label: name, then pods / workloads / Services, then how many pods are not ready. */
function summaryNode(group: GraphNodeData, members: GraphNodeData[]): GraphNodeData {
  let pods = 0;
  let notReady = 0;
  let services = 0;
  const workloads = new Set<string>();
  for (const member of members) {
    if (member.kind === 'pod') {
      pods += 1;
      if (member.ready === false) notReady += 1;
      // A bare pod's "workload" is itself: only controllers count as workloads.
      if (member.workload && !member.workload.startsWith('Pod/')) workloads.add(member.workload);
    } else if (member.kind === 'workload') {
      pods += member.podCount ?? 0;
      notReady += (member.podCount ?? 0) - (member.readyCount ?? 0);
      if (member.workload) workloads.add(member.workload);
    } else if (member.kind === 'service') services += 1;
  }
  const name = group.name ?? group.label;
  const counts = [plural(pods, 'pod'), plural(workloads.size, 'workload'), plural(services, 'Service')].join(' · ');
  const label = `${name}\n${counts}${notReady > 0 ? `\n${notReady} not ready` : ''}`;
  return { ...group, label, summary: label, collapsed: true, ready: notReady === 0, podCount: pods, readyCount: pods - notReady, serviceCount: services, workloadCount: workloads.size };
}

/** An edge that stands for `count` edges of one kind between two drawn ends (at least one a summary). */
function aggregateEdge(source: string, target: string, members: GraphEdgeData[]): GraphEdgeData {
  const kind = members[0]!.kind;
  const edge: GraphEdgeData = { id: `agg:${kind}:${source}->${target}`, source, target, kind, aggregated: members.length };
  // As a folded workload's endpoint edge: ready when any endpoint behind it is.
  if (kind === 'service-endpoint') edge.ready = members.some((m) => m.ready === true);
  // A route of those behind it that cannot be used is drawn as such, and the label says how many.
  const invalid = members.filter((m) => m.invalid).length;
  if (invalid > 0) edge.invalid = true;
  if (kind === 'ingress-service' || kind === 'gateway-service') {
    edge.label = `${plural(members.length, kind === 'ingress-service' ? 'Ingress route' : 'Gateway route')}${invalid > 0 ? ` (${invalid} ✕)` : ''}`;
  } else if (members.length > 1) edge.label = `×${members.length}`;
  return edge;
}

/**
 * The graph with every top-level namespace or node group not in `expanded` drawn as one summary node (same id, kind
 * and name; `collapsed` set; label and counts of what it holds). Edges inside a summary are not drawn; edges with an
 * end inside one are drawn to the summary, those of one kind between the same two ends as one edge (`aggregated`:
 * how many). Groups in `expanded`, and every other node, are drawn as in the full graph. Sorted by id, as buildGraph.
 */
export function summarizeGraph(graph: Graph, expanded: ReadonlySet<string>): SummaryGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const topOf = (node: GraphNodeData): GraphNodeData => {
    let current = node;
    while (current.parent && byId.has(current.parent)) current = byId.get(current.parent)!;
    return current;
  };
  const collapsed = (top: GraphNodeData) => SUMMARISED.has(top.kind) && !top.parent && !expanded.has(top.id);
  const members = new Map<string, GraphNodeData[]>();
  const drawnAs = new Map<string, string>();
  const nodes: GraphNodeData[] = [];
  for (const node of graph.nodes) {
    const top = topOf(node);
    if (top === node) {
      if (!collapsed(node)) nodes.push(node);
      else if (!members.has(node.id)) members.set(node.id, []);
      continue;
    }
    if (!collapsed(top)) {
      nodes.push(node);
      continue;
    }
    drawnAs.set(node.id, top.id);
    const list = members.get(top.id);
    if (list) list.push(node);
    else members.set(top.id, [node]);
  }
  for (const [id, list] of members) nodes.push(summaryNode(byId.get(id)!, list));

  const edges: GraphEdgeData[] = [];
  const grouped = new Map<string, { source: string; target: string; members: GraphEdgeData[] }>();
  for (const edge of graph.edges) {
    const source = drawnAs.get(edge.source) ?? edge.source;
    const target = drawnAs.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    if (source === target) continue;
    const key = `${edge.kind} ${source} ${target}`;
    const group = grouped.get(key);
    if (group) group.members.push(edge);
    else grouped.set(key, { source, target, members: [edge] });
  }
  for (const { source, target, members: list } of grouped.values()) edges.push(aggregateEdge(source, target, list));

  const byCodeUnits = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: nodes.sort(byCodeUnits), edges: edges.sort(byCodeUnits), drawnAs, summarised: new Set(members.keys()) };
}

/** The top-level group (its id) each node of the full graph is in; for the groups themselves, their own id. */
export function groupOf(graph: Graph): (id: string) => string | undefined {
  const parents = new Map(graph.nodes.map((n) => [n.id, n.parent]));
  return (id) => {
    if (!parents.has(id)) return undefined;
    let current = id;
    for (let parent = parents.get(current); parent !== undefined && parents.has(parent); parent = parents.get(current)) current = parent;
    return current;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Highlights onto a summary graph: what lights inside a summary lights the summary.

const as = (drawnAs: ReadonlyMap<string, string>, id: string) => drawnAs.get(id) ?? id;

const combine = (a: HighlightDirection, b: HighlightDirection): HighlightDirection => (a === b ? a : 'both');

function mergePeers(peers: { id: string; direction: HighlightDirection }[], drawnAs: ReadonlyMap<string, string>, exclude?: string) {
  const merged = new Map<string, HighlightDirection>();
  for (const peer of peers) {
    const id = as(drawnAs, peer.id);
    if (id === exclude) continue;
    const before = merged.get(id);
    merged.set(id, before ? combine(before, peer.direction) : peer.direction);
  }
  return [...merged].map(([id, direction]) => ({ id, direction })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Edges re-pointed at what is drawn: those that end up between the same two ends (of one kind) become one, labelled
 * with how many it stands for; an edge inside a summary is dropped. A merged edge keeps a flag or verdict only when
 * every edge behind it has it (a flow is drawn as not enforced only if all of the flows behind it are).
 */
function remapEdges(edges: GraphEdgeData[], drawnAs: ReadonlyMap<string, string>, prefix: string): GraphEdgeData[] {
  const out = new Map<string, GraphEdgeData[]>();
  for (const edge of edges) {
    const source = as(drawnAs, edge.source);
    const target = as(drawnAs, edge.target);
    if (source === target && (source !== edge.source || target !== edge.target)) continue;
    const id = source === edge.source && target === edge.target ? edge.id : `${prefix}:${source}->${target}`;
    const list = out.get(id);
    const moved = { ...edge, id, source, target };
    if (list) list.push(moved);
    else out.set(id, [moved]);
  }
  return [...out.values()]
    .map((list) => {
      if (list.length === 1) return list[0]!;
      const first = list[0]!;
      const merged: GraphEdgeData = { id: first.id, source: first.source, target: first.target, kind: first.kind, aggregated: list.length, label: `${list.length} peers` };
      if (list.every((e) => e.notEnforced)) merged.notEnforced = true;
      if (list.every((e) => e.unknown)) merged.unknown = true;
      if (first.change && list.every((e) => e.change === first.change)) merged.change = first.change;
      if (first.verdict && list.every((e) => e.verdict === first.verdict)) merged.verdict = first.verdict;
      return merged;
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A pod's highlight onto the summary graph: peers inside a summary light the summary, their flows end at it. */
export function summarizeHighlight(highlight: Highlight, drawnAs: ReadonlyMap<string, string>): Highlight {
  if (drawnAs.size === 0) return highlight;
  const selected = as(drawnAs, highlight.selected);
  return {
    ...highlight,
    selected,
    peers: mergePeers(highlight.peers, drawnAs, selected),
    flowEdges: remapEdges(highlight.flowEdges, drawnAs, 'flow'),
    ...(highlight.notEnforced ? { notEnforced: { ...highlight.notEnforced, peers: mergePeers(highlight.notEnforced.peers, drawnAs, selected) } } : {}),
  };
}

/** An answer's path (or what a search found) onto the summary graph. */
export function summarizePath(path: MapPath, drawnAs: ReadonlyMap<string, string>): MapPath {
  if (drawnAs.size === 0) return path;
  const ids = [...new Set(path.ids.map((id) => as(drawnAs, id)))];
  return {
    ids,
    ...(path.edges ? { edges: remapEdges(path.edges, drawnAs, 'path') } : {}),
    ...(path.denying ? { denying: [...new Set(path.denying.map((id) => as(drawnAs, id)))].sort() } : {}),
  };
}

/** A what-if's changes onto the summary graph. */
export function summarizeChange(change: WhatIfHighlight, drawnAs: ReadonlyMap<string, string>): WhatIfHighlight {
  if (drawnAs.size === 0) return change;
  return {
    ...change,
    ...(change.selected ? { selected: as(drawnAs, change.selected) } : {}),
    ends: [...new Set(change.ends.map((id) => as(drawnAs, id)))].sort(),
    edges: remapEdges(change.edges, drawnAs, 'change'),
  };
}

// The map's graph: the cluster model turned into plain node and edge definitions (Cytoscape's element data) that
// the UI renders as they are. Pure: no React, no Cytoscape, no I/O. Every meaning (which pods back a Service, how
// healthy a Service is) comes from the engine; this file only decides ids, nesting, folding and labels.

import type { DiagnoseReport, Severity } from '@/lib/analysis/diagnose/types';
import type { DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import { groupBy } from '@/lib/analysis/model-index';
import { describeServicePort, serviceEndpoints } from '@/lib/analysis/services/service-backends';
import type { ClusterModel, Ingress, IngressBackend, Node, Pod, Service } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import type { GatewaySummary } from '@/lib/analysis/gateway';
import { gatewayEdges, gatewaySummaries } from './gateway-edges';
import { podNameLines } from './pod-labels';

export type NodeKind = 'namespace' | 'node' | 'external' | 'workload' | 'pod' | 'service' | 'ingress' | 'gateway' | 'ipRange';

export type Health = 'ok' | 'warning' | 'error';

export interface GraphNodeData {
  /** Stable ids: 'ns:shop', 'node:kwok-node-1', 'unscheduled', 'ext', 'wl:shop/Deployment/api', 'pod:shop/api-7d9-x', 'svc:shop/api', 'ing:shop/site', 'gw:shop/shop', 'ip:0.0.0.0/0 except 10.0.0.0/8'. */
  id: string;
  /** The compound parent's id: the namespace, or the node (or 'unscheduled') in node grouping, or 'ext'. */
  parent?: string;
  kind: NodeKind;
  label: string;
  namespace?: string;
  name?: string;
  // pods and workloads
  phase?: string;
  ready?: boolean;
  readyCount?: number;
  podCount?: number;
  ip?: string;
  hostNetwork?: boolean;
  nodeName?: string;
  /** The pod's workload as `Kind/name` (for a workload node, its own). */
  workload?: string;
  // services
  health?: Health;
  serviceType?: string;
  ports?: string;
  /** A Service a Gateway route names that does not exist: drawn so that the broken edge has an end. */
  missing?: boolean;
  /** Groups only: the label with what the group holds ("shop\n7 pods · 5 Services"), shown when zoomed far out. */
  summary?: string;
  /** A group drawn as one summary node (lib/graph/summary.ts), its contents not drawn; with its counts. */
  collapsed?: boolean;
  serviceCount?: number;
  workloadCount?: number;
}

/**
 * How a hop of an engine's answer is drawn (lib/graph/highlight-targets.ts). 'not-enforced': the policies deny it,
 * but the network plugin does not enforce them, so it flows. 'partial': the pods behind the hop disagree.
 */
export type HopVerdict = 'allowed' | 'denied' | 'unknown' | 'partial' | 'not-enforced';
/** Which end of a hop has the policies that deny it: the source's egress, the destination's ingress, or both. */
export type DeniedAt = 'source' | 'target' | 'both';

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  kind: 'ingress-service' | 'gateway-service' | 'service-endpoint' | 'flow' | 'change' | 'path';
  label?: string;
  ready?: boolean;
  /** Gateway routes (set on each): some reference to the Service cannot be used (RefNotPermitted, BackendNotFound, NoSuchPort). */
  invalid?: boolean;
  /** Flows (lib/graph/highlight.ts): the policies deny it, but the network plugin does not enforce them, so it flows. */
  notEnforced?: true;
  /** A highlight's flow whose every connection has an unknown verdict: drawn as neither allowed nor denied. */
  unknown?: true;
  /** What-if changes (lib/graph/what-if.ts): what the draft does to the pair. */
  change?: DiffKind;
  /** An answer's hops (kind 'path'): the verdict they are drawn in. */
  verdict?: HopVerdict;
  /** An answer's denied hops: the end whose policies deny it, which the map marks. */
  deniedAt?: DeniedAt;
  /** An edge to or between summaries (lib/graph/summary.ts): how many edges of the full graph it stands for. */
  aggregated?: number;
}

export interface Graph {
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
}

export interface GraphOptions {
  groupBy: 'namespace' | 'node';
  /** Workloads with more than this many pods are folded into one workload node unless expanded. */
  foldAbove: number;
  /** Workload ids ('wl:…') the user expanded. */
  expanded: ReadonlySet<string>;
  /** The namespaces to draw (undefined = all). */
  namespaces?: ReadonlySet<string>;
  /**
   * By Service id 'svc:ns/name'; an absent Service is ok (see serviceHealth). Undefined while the diagnosis has not
   * answered: Services then carry no health at all, rather than an 'ok' nobody checked.
   */
  health?: ReadonlyMap<string, Health>;
}

/** The map folds a workload of more than this many pods into one node (the page and its tests use this one value). */
export const DEFAULT_FOLD_ABOVE = 3;
export const EXTERNAL_ID = 'ext';
export const UNSCHEDULED_ID = 'unscheduled';

// ---------------------------------------------------------------------------------------------------------------
// Ids

export const namespaceId = (namespace: string) => `ns:${namespace}`;
export const nodeId = (name: string) => `node:${name}`;
export const podId = (namespace: string, name: string) => `pod:${namespace}/${name}`;
export const serviceId = (namespace: string, name: string) => `svc:${namespace}/${name}`;
export const ingressId = (namespace: string, name: string) => `ing:${namespace}/${name}`;
export const gatewayId = (namespace: string, name: string) => `gw:${namespace}/${name}`;
export const workloadId = (pod: Pod) => `wl:${pod.meta.namespace ?? ''}/${pod.workload.kind}/${pod.workload.name}`;
export const edgeId = (source: string, target: string) => `e:${source}->${target}`;
export const isWorkloadId = (id: string) => id.startsWith('wl:');

/** What a node id names, read back: the inverse of the id builders above, for the few kinds a click acts on. */
export type NodeRef =
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'service'; namespace: string; name: string }
  | { kind: 'gateway'; namespace: string; name: string }
  | { kind: 'workload'; id: string }
  | { kind: 'other'; id: string };

/**
 * Reads a node id built by podId, serviceId, gatewayId or workloadId; any other id (a namespace, a node, an Ingress, an
 * address range) is 'other'. The UI asks this instead of taking ids apart itself.
 */
export function parseNodeId(id: string): NodeRef {
  if (isWorkloadId(id)) return { kind: 'workload', id };
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon);
  const kind = prefix === 'pod' ? 'pod' : prefix === 'svc' ? 'service' : prefix === 'gw' ? 'gateway' : undefined;
  const slash = id.indexOf('/', colon + 1);
  if (!kind || slash < 0) return { kind: 'other', id };
  return { kind, namespace: id.slice(colon + 1, slash), name: id.slice(slash + 1) };
}

const nsOf = (o: { meta: { namespace?: string } }) => o.meta.namespace ?? '';
const idOfPod = (pod: Pod) => podId(nsOf(pod), pod.meta.name);

// ---------------------------------------------------------------------------------------------------------------
// Folding

/** The pods of every workload (bare pods excluded, as they never fold), by workload id; built once per model. */
const workloadPodsCache = new WeakMap<ClusterModel, Map<string, Pod[]>>();

export function workloadPods(model: ClusterModel): ReadonlyMap<string, readonly Pod[]> {
  let byWorkload = workloadPodsCache.get(model);
  if (byWorkload) return byWorkload;
  byWorkload = groupBy(model.resources.pods.filter((pod) => pod.workload.kind !== 'Pod'), workloadId);
  workloadPodsCache.set(model, byWorkload);
  return byWorkload;
}

/**
 * The node a pod is drawn as: its folded workload's id, or its own. A workload folds in namespace grouping only
 * (node grouping is about where each pod runs), when it has more than foldAbove pods and is not expanded. Bare pods
 * never fold. The model is needed to count the workload's pods.
 */
export function podNodeId(pod: Pod, options: GraphOptions, model: ClusterModel): string {
  if (options.groupBy !== 'namespace' || pod.workload.kind === 'Pod') return idOfPod(pod);
  const id = workloadId(pod);
  if (options.expanded.has(id)) return idOfPod(pod);
  const count = workloadPods(model).get(id)?.length ?? 0;
  return count > options.foldAbove ? id : idOfPod(pod);
}

// ---------------------------------------------------------------------------------------------------------------
// Health

const HEALTH_OF: Record<Severity, Health> = { error: 'error', warning: 'warning', info: 'ok' };
const HEALTH_RANK: Record<Health, number> = { ok: 0, warning: 1, error: 2 };

/**
 * The worst severity of the findings that involve each Service (as the object at fault or as another object
 * involved), by Service id; 'info' counts as ok. Services no finding names are absent, which the UI reads as ok.
 */
export function serviceHealth(report: DiagnoseReport): Map<string, Health> {
  const health = new Map<string, Health>();
  for (const finding of report.findings) {
    const level = HEALTH_OF[finding.severity];
    for (const object of finding.objects) {
      if (object.kind !== 'Service') continue;
      const id = serviceId(object.namespace ?? '', object.name);
      const current = health.get(id);
      if (current === undefined || HEALTH_RANK[level] > HEALTH_RANK[current]) health.set(id, level);
    }
  }
  return health;
}

// ---------------------------------------------------------------------------------------------------------------
// Labels

const internalIP = (node: Node | undefined) => node?.addresses.find((a) => a.type === 'InternalIP')?.address;

/** The pod's short name (see pod-labels.ts); in node grouping, then its namespace and address. */
function podLabel(pod: Pod, groupBy: GraphOptions['groupBy'], model: ClusterModel): string {
  const name = podNameLines(pod, pod.workload.kind === 'Pod' ? undefined : workloadPods(model).get(workloadId(pod)));
  if (groupBy === 'namespace') return name.join('\n');
  // Pods of every namespace share a node, so the namespace is part of the label; the IP is what one looks for here.
  const where = [nsOf(pod), pod.podIPs[0], pod.hostNetwork ? 'host network' : undefined].filter(Boolean).join(' · ');
  return [...name, where].join('\n');
}

/** `shop.example.com/api`; `*` for a rule without host; `default backend` for the Ingress's defaultBackend. */
function ingressRoutes(ingress: Ingress): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  const add = (backend: IngressBackend | undefined, route: string) => {
    const name = backend?.service?.name;
    if (!name) return;
    const list = routes.get(name);
    if (!list) routes.set(name, [route]);
    else if (!list.includes(route)) list.push(route);
  };
  for (const rule of ingress.rules) {
    for (const path of rule.paths) add(path.backend, `${rule.host ?? '*'}${path.path ?? '/'}`);
  }
  add(ingress.defaultBackend, 'default backend');
  return routes;
}

/** A Gateway's second label line, which tells it from an Ingress of the same name: "HTTP :80 *.shop.example.com", or "3 listeners". */
function listenersText(summary: GatewaySummary): string {
  const [only, ...more] = summary.listeners;
  if (!only) return 'no listeners';
  if (more.length > 0) return plural(summary.listeners.length, 'listener');
  return `${only.protocol} :${only.port}${only.hostname ? ` ${only.hostname}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The graph

/**
 * The map's nodes and edges, each list sorted by id so that two builds of the same model are equal and the UI can
 * diff them. Namespace grouping: one compound per namespace holding its pods (or folded workloads), Services,
 * Ingresses and Gateways. Node grouping: one compound per Kubernetes node (and 'unscheduled') holding the pods, none folded;
 * Services, Ingresses and Gateways stay in their namespace compounds, so their ids are the same in both groupings.
 */
export function buildGraph(model: ClusterModel, options: GraphOptions): Graph {
  const visible = (namespace: string) => !options.namespaces || options.namespaces.has(namespace);
  const nodes = new Map<string, GraphNodeData>();
  const edges = new Map<string, GraphEdgeData>();
  const add = (node: GraphNodeData) => nodes.set(node.id, node);

  const namespaceNode = (namespace: string): string => {
    const id = namespaceId(namespace);
    if (!nodes.has(id)) add({ id, kind: 'namespace', label: namespace, name: namespace });
    return id;
  };
  // In namespace grouping every namespace is drawn, empty or not; in node grouping only those holding something.
  if (options.groupBy === 'namespace') {
    for (const ns of model.resources.namespaces) if (visible(ns.meta.name)) namespaceNode(ns.meta.name);
  }

  // Kubernetes nodes: all of them without a namespace filter; with one, those running a pod drawn.
  const modelNodes = new Map(model.resources.nodes.map((n) => [n.meta.name, n]));
  const kubeNode = (name: string | undefined): string => {
    if (!name) {
      if (!nodes.has(UNSCHEDULED_ID)) add({ id: UNSCHEDULED_ID, kind: 'node', label: 'unscheduled' });
      return UNSCHEDULED_ID;
    }
    const id = nodeId(name);
    if (!nodes.has(id)) {
      const ip = internalIP(modelNodes.get(name));
      add({ id, kind: 'node', label: ip ? `${name}\n${ip}` : name, name, ...(ip ? { ip } : {}) });
    }
    return id;
  };
  if (options.groupBy === 'node' && !options.namespaces) {
    for (const n of model.resources.nodes) kubeNode(n.meta.name);
  }

  // Pods and folded workloads.
  const folded = new Map<string, Pod[]>();
  for (const pod of model.resources.pods) {
    const namespace = nsOf(pod);
    if (!visible(namespace)) continue;
    const id = podNodeId(pod, options, model);
    if (isWorkloadId(id)) {
      const members = folded.get(id);
      if (members) members.push(pod);
      else folded.set(id, [pod]);
      continue;
    }
    const parent = options.groupBy === 'node' ? kubeNode(pod.nodeName) : namespaceNode(namespace);
    add({
      id,
      parent,
      kind: 'pod',
      label: podLabel(pod, options.groupBy, model),
      namespace,
      name: pod.meta.name,
      phase: pod.phase,
      ready: pod.ready,
      hostNetwork: pod.hostNetwork,
      workload: `${pod.workload.kind}/${pod.workload.name}`,
      ...(pod.podIPs[0] ? { ip: pod.podIPs[0] } : {}),
      ...(pod.nodeName ? { nodeName: pod.nodeName } : {}),
    });
  }
  for (const [id, pods] of folded) {
    const first = pods[0] as Pod;
    const namespace = nsOf(first);
    const readyCount = pods.filter((p) => p.ready).length;
    add({
      id,
      parent: namespaceNode(namespace),
      kind: 'workload',
      label: `${first.workload.name} ×${pods.length}`,
      namespace,
      name: first.workload.name,
      workload: `${first.workload.kind}/${first.workload.name}`,
      ready: readyCount === pods.length,
      readyCount,
      podCount: pods.length,
    });
  }

  // Services, and their endpoints' pods (folded pods share one edge, ready when any of them is).
  const services = new Map<string, Service>();
  for (const service of model.resources.services) {
    const namespace = nsOf(service);
    if (!visible(namespace)) continue;
    const id = serviceId(namespace, service.meta.name);
    services.set(id, service);
    add({
      id,
      parent: namespaceNode(namespace),
      kind: 'service',
      label: service.meta.name,
      namespace,
      name: service.meta.name,
      serviceType: service.type,
      ports: service.ports.map(describeServicePort).join(', '),
      ...(options.health ? { health: options.health.get(id) ?? 'ok' } : {}),
    });
  }
  for (const [id, service] of services) {
    if (service.type === 'ExternalName') continue;
    for (const endpoint of serviceEndpoints(model, service).endpoints) {
      if (!endpoint.pod || !visible(nsOf(endpoint.pod))) continue;
      const target = podNodeId(endpoint.pod, options, model);
      const edge = edgeId(id, target);
      const existing = edges.get(edge);
      if (existing) existing.ready = existing.ready === true || endpoint.ready;
      else edges.set(edge, { id: edge, source: id, target, kind: 'service-endpoint', ready: endpoint.ready });
    }
  }

  // Ingresses, and the Services (that exist) their rules and default backend name.
  for (const ingress of model.resources.ingresses) {
    const namespace = nsOf(ingress);
    if (!visible(namespace)) continue;
    const id = ingressId(namespace, ingress.meta.name);
    add({ id, parent: namespaceNode(namespace), kind: 'ingress', label: ingress.meta.name, namespace, name: ingress.meta.name });
    for (const [name, routes] of ingressRoutes(ingress)) {
      const target = serviceId(namespace, name);
      if (!services.has(target)) continue;
      const edge = edgeId(id, target);
      edges.set(edge, { id: edge, source: id, target, kind: 'ingress-service', label: routes.join('\n') });
    }
  }

  // Gateways, and the Services their attached routes send traffic to (as the engine's summaries say).
  for (const summary of gatewaySummaries(model)) {
    if (!visible(summary.namespace)) continue;
    const id = gatewayId(summary.namespace, summary.name);
    add({ id, parent: namespaceNode(summary.namespace), kind: 'gateway', label: `${summary.name}\n${listenersText(summary)}`, namespace: summary.namespace, name: summary.name });
    for (const edge of gatewayEdges(summary, (namespace, name) => services.has(serviceId(namespace, name)))) {
      if (!visible(edge.namespace)) continue;
      const target = serviceId(edge.namespace, edge.name);
      if (edge.missing && !nodes.has(target)) {
        add({ id: target, parent: namespaceNode(edge.namespace), kind: 'service', label: `${edge.name}\n(missing)`, namespace: edge.namespace, name: edge.name, missing: true, health: 'error' });
      }
      const link = edgeId(id, target);
      edges.set(link, { id: link, source: id, target, kind: 'gateway-service', label: edge.lines.join('\n'), invalid: edge.invalid });
    }
  }

  summarizeGroups(nodes);
  return {
    nodes: [...nodes.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => byCodeUnits(a.id, b.id)),
  };
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;

/** Gives every group (namespace, node, outside) the summary of its contents: pods (folded ones counted), Services. */
function summarizeGroups(nodes: Map<string, GraphNodeData>): void {
  const counts = new Map<string, { pods: number; services: number; ingresses: number; gateways: number; ranges: number }>();
  for (const node of nodes.values()) {
    if (!node.parent) continue;
    const count = counts.get(node.parent) ?? { pods: 0, services: 0, ingresses: 0, gateways: 0, ranges: 0 };
    if (node.kind === 'pod') count.pods += 1;
    else if (node.kind === 'workload') count.pods += node.podCount ?? 0;
    else if (node.kind === 'service') count.services += 1;
    else if (node.kind === 'ingress') count.ingresses += 1;
    else if (node.kind === 'gateway') count.gateways += 1;
    else if (node.kind === 'ipRange') count.ranges += 1;
    counts.set(node.parent, count);
  }
  for (const node of nodes.values()) {
    if (node.kind !== 'namespace' && node.kind !== 'node' && node.kind !== 'external') continue;
    const count = counts.get(node.id) ?? { pods: 0, services: 0, ingresses: 0, gateways: 0, ranges: 0 };
    const parts = [
      count.pods || node.kind !== 'external' ? plural(count.pods, 'pod') : '',
      count.services ? plural(count.services, 'Service') : '',
      count.ingresses ? plural(count.ingresses, 'Ingress', 'Ingresses') : '',
      count.gateways ? plural(count.gateways, 'Gateway') : '',
      count.ranges ? plural(count.ranges, 'range') : '',
    ].filter(Boolean);
    node.summary = `${node.label.split('\n')[0]}\n${parts.join(' · ')}`;
  }
}

// What the map draws for an answer of the engine: an explained flow from its source to its destination pods, through
// the Service when there is one, and a traced request from its Ingress or Gateway through the Service to the pods;
// each hop in the verdict's style, the side that denied marked. Pure: everything is read off the answer (as the API
// returns it, JSON) and mapped onto the graph's node ids, never worked out again and never read out of its words.

import type { FlowExplanation, FlowPath, EndpointRef } from '@/lib/analysis/flow/explain-flow';
import { percent } from '@/lib/analysis/gateway/backends';
import { objectKey } from '@/lib/analysis/model-index';
import { sideVerdict } from '@/lib/analysis/policy/types';
import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { gatewayId, ingressId, podId, podNodeId, serviceId, type DeniedAt, type GraphEdgeData, type GraphOptions, type HopVerdict } from './elements';

/** What the map lights for an answer of the engine, or for what a search found. */
export interface MapPath {
  /** The nodes lit, in path order, each once. */
  ids: string[];
  /**
   * The answer drawn as edges of kind 'path', sorted by id. Absent for a search, which lights its nodes and the
   * graph's edges between them.
   */
  edges?: GraphEdgeData[];
  /** The nodes whose own policies deny the flow (a source by its egress, a destination by its ingress), sorted. */
  denying?: string[];
}

export const pathEdgeId = (source: string, target: string) => `path:${source}->${target}`;

const VERDICT_WORDS: Record<HopVerdict, string> = {
  allowed: '✓ allowed',
  denied: '✕ denied',
  unknown: '? unknown',
  partial: '◐ partly allowed',
  'not-enforced': '⚠ denied, not enforced',
};
const SIDE_WORDS: Record<DeniedAt, string> = { source: ' by egress', target: ' by ingress', both: ' by egress and ingress' };

interface Hop {
  source: string;
  target: string;
  /** The first label line: the ports, the rule, the share. */
  what: string[];
  verdicts: HopVerdict[];
  /** For each part: where it was denied (undefined where it was not). */
  deniedAt: (DeniedAt | undefined)[];
  /** Replaces the verdict's words: a Gateway's backend it cannot use ("✕ RefNotPermitted"). */
  reason?: string;
  notReady: boolean;
}

/** Collects the hops of an answer; hops that fold onto the same two nodes (a workload's pods) are one edge. */
class PathDrawing {
  private readonly ids = new Set<string>();
  private readonly hops = new Map<string, Hop>();
  private readonly denying = new Set<string>();
  private readonly pods: ReadonlyMap<string, Pod>;

  constructor(
    private readonly model: ClusterModel,
    private readonly options: GraphOptions,
  ) {
    this.pods = new Map(model.resources.pods.map((p) => [objectKey(p.meta.namespace, p.meta.name), p]));
  }

  /** The node a pod of the answer is drawn as (its folded workload, maybe); an address that is no pod's has none. */
  podNode(ref: EndpointRef | { namespace?: string; name: string } | undefined): string | undefined {
    if (!ref || ('type' in ref && ref.type !== 'pod') || !ref.name) return undefined;
    const pod = this.pods.get(objectKey(ref.namespace, ref.name));
    return pod ? podNodeId(pod, this.options, this.model) : podId(ref.namespace ?? '', ref.name);
  }

  node(id: string | undefined): void {
    if (id) this.ids.add(id);
  }

  deny(id: string | undefined): void {
    if (id) this.denying.add(id);
  }

  hop(source: string | undefined, target: string | undefined, part: { what: string; verdict: HopVerdict; deniedAt?: DeniedAt; reason?: string; ready?: boolean }): void {
    this.node(source);
    this.node(target);
    if (!source || !target) return;
    const id = pathEdgeId(source, target);
    const hop = this.hops.get(id) ?? { source, target, what: [], verdicts: [], deniedAt: [], notReady: false };
    this.hops.set(id, hop);
    if (!hop.what.includes(part.what)) hop.what.push(part.what);
    hop.verdicts.push(part.verdict);
    hop.deniedAt.push(part.deniedAt);
    if (part.reason) hop.reason = part.reason;
    if (part.ready === false) hop.notReady = true;
  }

  result(): MapPath {
    const edges = [...this.hops.entries()].map(([id, hop]): GraphEdgeData => {
      const verdict = combine(hop.verdicts);
      const deniedAt = verdict === 'denied' || verdict === 'not-enforced' ? commonSide(hop.deniedAt) : undefined;
      const words = hop.reason ?? `${VERDICT_WORDS[verdict]}${deniedAt ? SIDE_WORDS[deniedAt] : ''}`;
      const label = [hop.what.filter(Boolean).join(', '), `${words}${hop.notReady ? ' (not ready)' : ''}`].filter(Boolean).join('\n');
      return { id, source: hop.source, target: hop.target, kind: 'path', label, verdict, ...(deniedAt ? { deniedAt } : {}) };
    });
    return {
      ids: [...this.ids],
      edges: edges.sort((a, b) => byCodeUnits(a.id, b.id)),
      denying: [...this.denying].sort(byCodeUnits),
    };
  }
}

/** One verdict for the parts of a hop: theirs when they agree; unknown when any is; else partial. */
function combine(verdicts: HopVerdict[]): HopVerdict {
  const kinds = new Set(verdicts);
  if (kinds.size <= 1) return verdicts[0] ?? 'unknown';
  return kinds.has('unknown') ? 'unknown' : 'partial';
}

/** Where every denied part of a hop was denied, when they agree and each says. */
function commonSide(sides: (DeniedAt | undefined)[]): DeniedAt | undefined {
  const [first, ...rest] = sides;
  return first && rest.every((s) => s === first) ? first : undefined;
}

/** A path's verdict, and the side(s) whose policies deny it. */
function pathVerdict(path: FlowPath, dataUnknown: boolean): { verdict: HopVerdict; deniedAt?: DeniedAt } {
  // The model lacks data the answer rests on: no path's verdict holds.
  if (dataUnknown) return { verdict: 'unknown' };
  if (path.verdict !== 'denied') return { verdict: path.verdict };
  const egress = sideVerdict(path.egress) === 'denied';
  const ingress = sideVerdict(path.ingress) === 'denied';
  const deniedAt: DeniedAt | undefined = egress && ingress ? 'both' : egress ? 'source' : ingress ? 'target' : undefined;
  return { verdict: path.enforcement ? 'not-enforced' : 'denied', ...(deniedAt ? { deniedAt } : {}) };
}

/**
 * Whether the explanation is unknown for want of data (unsynced kinds, an end that could not be resolved) rather
 * than because of some path: a reason no path's side gives.
 */
function unknownForData(flow: FlowExplanation): boolean {
  const ofPaths = new Set(flow.paths.flatMap((p) => [...p.egress.unknownReasons, ...p.ingress.unknownReasons]));
  return flow.unknownReasons.some((reason) => !ofPaths.has(reason));
}

/**
 * Draws an explained flow: from each source to the Service and on to each endpoint pod, or from each source to each
 * destination pod. `origin` stands in for the sources (a traced request starts at its Ingress or Gateway), with
 * `what` the first line of its hop.
 */
function drawFlow(drawing: PathDrawing, flow: FlowExplanation, origin?: { id: string; what: string }): void {
  const dataUnknown = unknownForData(flow);
  const service = flow.service ? serviceId(flow.service.namespace, flow.service.name) : undefined;
  drawing.node(origin?.id);
  if (!origin) for (const path of flow.paths) drawing.node(drawing.podNode(path.source));
  drawing.node(service);
  // The first hop, to the Service: one per source, in the verdict of its paths (the ready ones, if any).
  if (service) {
    const sources = new Map<string, FlowPath[]>();
    for (const path of flow.paths) {
      const source = origin?.id ?? drawing.podNode(path.source);
      if (source) sources.set(source, [...(sources.get(source) ?? []), path]);
    }
    if (origin && sources.size === 0) sources.set(origin.id, []);
    for (const [source, paths] of sources) {
      const counted = paths.some((p) => p.ready) ? paths.filter((p) => p.ready) : paths;
      const parts = counted.map((p) => pathVerdict(p, dataUnknown));
      const egressDenies = parts.length > 0 && parts.every((p) => p.deniedAt === 'source' || p.deniedAt === 'both');
      // No path at all (a Service without endpoints): the engine's verdict for the flow.
      const verdicts = parts.length > 0 ? parts.map((p) => p.verdict) : [flowVerdict(flow, dataUnknown)];
      drawing.hop(source, service, {
        what: origin?.what ?? `${flow.protocol} ${flow.service!.port}`,
        verdict: combine(verdicts),
        ...(egressDenies ? { deniedAt: 'source' as const } : {}),
      });
    }
  }
  for (const path of flow.paths) {
    const source = service ?? origin?.id ?? drawing.podNode(path.source);
    const destination = drawing.podNode(path.destination);
    const { verdict, deniedAt } = pathVerdict(path, dataUnknown);
    drawing.hop(source, destination, { what: `${path.protocol} ${path.port}`, verdict, ...(deniedAt ? { deniedAt } : {}), ready: path.ready });
    if (verdict !== 'denied') continue;
    if (deniedAt === 'source' || deniedAt === 'both') drawing.deny(origin ? undefined : drawing.podNode(path.source));
    if (deniedAt === 'target' || deniedAt === 'both') drawing.deny(destination);
  }
}

function flowVerdict(flow: FlowExplanation, dataUnknown: boolean): HopVerdict {
  if (dataUnknown || flow.verdict === 'unknown') return 'unknown';
  if (flow.verdict === 'denied' && flow.enforcement) return 'not-enforced';
  return flow.verdict;
}

/** An explained flow as the map draws it (see drawFlow). */
export function flowPath(result: FlowExplanation, model: ClusterModel, options: GraphOptions): MapPath {
  const drawing = new PathDrawing(model, options);
  drawFlow(drawing, result);
  return drawing.result();
}

/**
 * A traced request as the map draws it: the Ingress that takes it, to its backend Service and the Service's pods, in
 * the verdict of the flow from the Ingress controller; then the Gateway whose route takes it, to each Service a
 * backendRef shares it with (a broken one too, saying why) and their pods, in the verdict of the flow from the
 * Gateway's data plane. Where the controller's or the data plane's pods are not known, the hops are unknown.
 */
export function tracePath(result: RequestTrace, model: ClusterModel, options: GraphOptions): MapPath {
  const drawing = new PathDrawing(model, options);
  if (result.ingress) {
    const ingress = ingressId(result.ingress.meta.namespace ?? '', result.ingress.meta.name);
    drawing.node(ingress);
    const rule = result.rule && (result.rule.isDefaultBackend ? 'default backend' : `${result.rule.host ?? '*'}${result.rule.path ?? '/'}`);
    if (result.controllerFlow) drawFlow(drawing, result.controllerFlow, { id: ingress, what: rule ?? '' });
    else if (result.service) {
      const service = serviceId(result.service.meta.namespace ?? '', result.service.meta.name);
      drawing.hop(ingress, service, { what: rule ?? '', verdict: 'unknown' });
      for (const backend of result.resolution?.backends ?? []) {
        const what = backend.targetPort === undefined ? '' : `${backend.protocol} ${backend.targetPort}`;
        drawing.hop(service, drawing.podNode(backend.pod?.meta), { what, verdict: 'unknown', ready: backend.ready });
      }
    }
  }
  const gateway = result.gateway.matched ? result.gateway : undefined;
  if (gateway?.gateway) {
    const id = gatewayId(gateway.gateway.namespace, gateway.gateway.name);
    drawing.node(id);
    for (const backend of gateway.backends) {
      if (backend.ref.kind !== 'Service' || backend.share <= 0) continue;
      const service = serviceId(backend.namespace, backend.ref.name);
      const share = percent(backend.share);
      if (backend.state !== 'ok') drawing.hop(id, service, { what: share, verdict: 'denied', reason: `✕ ${backend.state}` });
      else if (backend.flow) drawFlow(drawing, backend.flow, { id, what: share });
      else {
        drawing.hop(id, service, { what: share, verdict: 'unknown' });
        for (const endpoint of backend.resolution?.backends ?? []) {
          drawing.hop(service, drawing.podNode(endpoint.pod?.meta), { what: '', verdict: 'unknown', ready: endpoint.ready });
        }
      }
    }
  }
  return drawing.result();
}

import type { ClusterModel, Protocol } from '@/lib/model';
import { indexModel } from '../model-index';
import { evaluateSide } from '../policy/evaluate-side';
import { formatPeer, sideVerdict, type SideVerdict } from '../policy/types';
import { flowInputErrors } from '../errors';
import { unsyncedKinds } from '../sync-state';
import { endpointRefOf, type EndpointRef } from './endpoint-ref';
import { resolveDestinations, resolveSources, type FlowContext } from './resolve-ends';
import { formatTarget, parseFlowTarget, type FlowTarget } from './targets';
import type { FlowTraceStep } from './trace';
import { POLICY_KINDS } from '../policy/kinds';

export type { EndpointRef } from './endpoint-ref';
export type { FlowTraceStep } from './trace';

export type Verdict = 'allowed' | 'denied' | 'unknown';
/** "partial" when a Service's ready endpoints disagree: some connections succeed, some are dropped. */
export type FlowVerdict = Verdict | 'partial';

export interface FlowPath {
  source: EndpointRef;
  destination: EndpointRef;
  port: number;
  protocol: Protocol;
  /** For a path through a Service: whether this endpoint is ready (only ready ones receive new connections). */
  ready: boolean;
  /** Why traffic cannot reach this endpoint at all, before any policy (an unresolvable targetPort). */
  problem?: string;
  egress: SideVerdict;
  ingress: SideVerdict;
  verdict: Verdict;
}

export interface FlowExplanation {
  verdict: FlowVerdict;
  summary: string;
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  service?: { namespace: string; name: string; port: number; notes: string[] };
  paths: FlowPath[];
  /** Every step, in order: how the ends resolved, then each path with the steps of its two sides. */
  trace: FlowTraceStep[];
  /** Why the verdict is unknown: data the model does not have. */
  unknownReasons: string[];
}

export interface FlowRequest {
  from: string | FlowTarget;
  to: string | FlowTarget;
  port: number;
  protocol?: Protocol;
}

/**
 * Can `from` reach `to` on port/protocol, and why. Both sides are evaluated: the source's egress policies and
 * the destination's ingress policies, and the flow is allowed only when both allow it. Through a Service, the
 * policies apply at each endpoint pod on its targetPort, never on the Service port.
 */
export function explainFlow(model: ClusterModel, request: FlowRequest): FlowExplanation {
  const protocol = request.protocol ?? 'TCP';
  const from = typeof request.from === 'string' ? parseOrThrow(request.from) : request.from;
  const to = typeof request.to === 'string' ? parseOrThrow(request.to) : request.to;
  const context: FlowContext = { model, index: indexModel(model), protocol, trace: [], needed: new Set(POLICY_KINDS) };
  const { trace, index } = context;

  const sources = resolveSources(context, from);
  const fromNamespace = sources.find((s) => s.peer.type === 'pod')?.peer;
  const namespaceForDns = fromNamespace?.type === 'pod' ? (fromNamespace.pod.meta.namespace ?? 'default') : 'default';
  const target = resolveDestinations(context, to, request.port, namespaceForDns);

  const paths: FlowPath[] = [];
  for (const source of sources) {
    for (const destination of target.destinations) {
      const query = { port: destination.port, protocol };
      const egress = evaluateSide('egress', source.peer, destination.peer, query, index);
      const ingress = evaluateSide('ingress', destination.peer, source.peer, query, index);
      const sides = [sideVerdict(egress), sideVerdict(ingress)];
      // A side known to deny settles the path whatever the other says; otherwise a side that may or may not let the
      // flow through (a tier's rule that may match, a policy kube-netmap does not evaluate) leaves it unknown.
      const verdict: Verdict =
        destination.problem || sides.includes('denied') ? 'denied' : sides.includes('unknown') ? 'unknown' : 'allowed';
      paths.push({
        source: endpointRefOf(source.peer),
        destination: endpointRefOf(destination.peer),
        port: destination.port,
        protocol,
        ready: destination.ready,
        ...(destination.problem ? { problem: destination.problem } : {}),
        egress,
        ingress,
        verdict,
      });
      trace.push({
        kind: 'path',
        text: `${formatPeer(source.peer)} → ${formatPeer(destination.peer)} ${protocol} ${destination.port}${destination.ready ? '' : ' (endpoint not ready)'}:`,
      });
      if (destination.problem) trace.push({ kind: 'problem', text: destination.problem });
      for (const side of [egress, ingress]) for (const step of side.trace) trace.push({ kind: 'side', direction: side.direction, step });
    }
  }

  const pathUnknown = paths.filter((p) => p.ready && p.verdict === 'unknown').flatMap((p) => [...p.egress.unknownReasons, ...p.ingress.unknownReasons]);
  const unknownReasons = [...unsyncedKinds(model, context.needed), ...target.unknown, ...new Set(pathUnknown)];
  const verdict = aggregate(paths, unknownReasons, target.noPathReason);
  const summary = summarize(verdict, paths, target.noPathReason, unknownReasons);
  return {
    verdict,
    summary,
    from: formatTarget(from),
    to: formatTarget(to),
    port: request.port,
    protocol,
    ...(target.service ? { service: target.service } : {}),
    paths,
    trace,
    unknownReasons,
  };
}

function parseOrThrow(text: string): FlowTarget {
  const parsed = parseFlowTarget(text);
  if ('error' in parsed) throw flowInputErrors.targetUnreadable(parsed.error);
  return parsed;
}

function aggregate(paths: FlowPath[], unknownReasons: string[], noPathReason: string | undefined): FlowVerdict {
  const counted = paths.filter((p) => p.ready);
  const allowed = counted.filter((p) => p.verdict === 'allowed').length;
  // Missing data can only make a verdict less certain: never claim "allowed" (or "denied") without it.
  if (unknownReasons.length > 0) return 'unknown';
  if (noPathReason || counted.length === 0) return 'denied';
  if (allowed === counted.length) return 'allowed';
  return allowed === 0 ? 'denied' : 'partial';
}

function summarize(verdict: FlowVerdict, paths: FlowPath[], noPathReason: string | undefined, unknownReasons: string[]): string {
  if (verdict === 'unknown') return `unknown: ${unknownReasons[0]}`;
  if (noPathReason) return `denied: ${noPathReason}`;
  const counted = paths.filter((p) => p.ready);
  if (counted.length === 1) {
    const path = counted[0]!;
    if (path.verdict === 'allowed') return 'allowed: both the egress and the ingress side allow it';
    if (path.problem) return `denied: ${path.problem}`;
    const blocked = [!path.egress.allowed && 'egress', !path.ingress.allowed && 'ingress'].filter(Boolean).join(' and ');
    return `denied on the ${blocked || 'endpoint'} side`;
  }
  const allowed = counted.filter((p) => p.verdict === 'allowed').length;
  return `${verdict}: allowed to ${allowed} of ${counted.length} ready endpoints`;
}

import type { ClusterModel, Protocol } from '@/lib/model';
import { enforcementNote, type EnforcementNote } from '../enforcement/note';
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
  /**
   * Set when the policies deny this path (verdict "denied", no `problem`) and the network plugin does not enforce
   * them: the traffic flows all the same.
   */
  enforcement?: EnforcementNote;
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
  /**
   * Set when the verdict is "denied" or "partial" and the policies deny ready paths the network plugin does not
   * enforce them on: the verdict is what the policies say, the note what the traffic does (it flows).
   */
  enforcement?: EnforcementNote;
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

  // Asked only when the policies deny a path: what the network plugin does then.
  let note: { value: EnforcementNote | undefined } | undefined;
  const noteOnDenial = () => (note ??= { value: enforcementNote(model) }).value;

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
      // A path denied before any policy (a targetPort that resolves to nothing) carries no traffic, enforced or not.
      const enforcement = verdict === 'denied' && !destination.problem ? noteOnDenial() : undefined;
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
        ...(enforcement ? { enforcement } : {}),
      });
      trace.push({
        kind: 'path',
        text: `${formatPeer(source.peer)} → ${formatPeer(destination.peer)} ${protocol} ${destination.port}${destination.ready ? '' : ' (endpoint not ready)'}:`,
      });
      if (destination.problem) trace.push({ kind: 'problem', text: destination.problem });
      for (const side of [egress, ingress]) for (const step of side.trace) trace.push({ kind: 'side', direction: side.direction, step });
      if (enforcement) trace.push({ kind: 'enforcement', text: enforcement.text });
    }
  }

  const pathUnknown = paths.filter((p) => p.ready && p.verdict === 'unknown').flatMap((p) => [...p.egress.unknownReasons, ...p.ingress.unknownReasons]);
  const unknownReasons = [...unsyncedKinds(model, context.needed), ...target.unknown, ...new Set(pathUnknown)];
  const verdict = aggregate(paths, unknownReasons, target.noPathReason);
  const flowing = verdict === 'denied' || verdict === 'partial' ? paths.find((p) => p.ready && p.enforcement)?.enforcement : undefined;
  // One source through a Service: each path is one of its endpoints. Otherwise (several source pods, a workload's
  // pods as destinations) a path is a pair of pods.
  const unit = sources.length === 1 && target.service ? 'ready endpoints' : 'paths';
  const policySummary = summarize(verdict, paths, target.noPathReason, unknownReasons, unit);
  const summary = flowing ? summarizeNotEnforced(flowing, paths, policySummary) : policySummary;
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
    ...(flowing ? { enforcement: flowing } : {}),
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

function summarize(verdict: FlowVerdict, paths: FlowPath[], noPathReason: string | undefined, unknownReasons: string[], unit: string): string {
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
  return `${verdict}: allowed ${unit === 'paths' ? 'on' : 'to'} ${allowed} of ${counted.length} ${unit}`;
}

/**
 * What the traffic does first, then what the policies say: "denied by policy, but not enforced by flannel: traffic
 * flows (denied on the ingress side)". When some denied endpoints are denied before any policy, it says how many flow.
 */
function summarizeNotEnforced(note: EnforcementNote, paths: FlowPath[], policySummary: string): string {
  const denied = paths.filter((p) => p.ready && p.verdict === 'denied');
  const flowing = denied.filter((p) => p.enforcement).length;
  const which = flowing === denied.length ? '' : ` to ${flowing} of the ${denied.length} denied endpoints`;
  return `${note.text}${which} (${policySummary})`;
}

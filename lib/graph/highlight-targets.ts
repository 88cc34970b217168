// The map nodes an answer of the engine runs through, so the map can light up the path it describes. Pure: the
// ids are read off the answer (as the API returns it, JSON), never worked out again.

import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import type { FlowExplanation, EndpointRef } from '@/lib/analysis/flow/explain-flow';
import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import { gatewayId, ingressId, podId, serviceId } from './elements';

type Named = { meta: { namespace?: string; name: string } };

const podRefId = (ref: EndpointRef): string | undefined => (ref.type === 'pod' && ref.name ? podId(ref.namespace ?? '', ref.name) : undefined);
const idOf = (make: (namespace: string, name: string) => string, o: Named) => make(o.meta.namespace ?? '', o.meta.name);

function unique(ids: (string | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

/** What the map lights for an answer of the engine: the nodes it runs through, and how to draw them. */
export interface MapPath {
  ids: string[];
  /** Set when the policies deny the flow but the network plugin does not enforce them: it flows, drawn apart. */
  enforcement?: EnforcementNote;
}

/** An explained flow as the map lights it: its nodes (flowNodeIds), and the explanation's enforcement note. */
export function flowPath(result: FlowExplanation): MapPath {
  return { ids: flowNodeIds(result), ...(result.enforcement ? { enforcement: result.enforcement } : {}) };
}

/**
 * 'pod:ns/name' of the source and the destination of every path (addresses that are no pod's have no node), and
 * 'svc:ns/name' when the flow goes through a Service. In path order, each id once.
 */
export function flowNodeIds(result: FlowExplanation): string[] {
  return unique([
    ...result.paths.flatMap((path) => [podRefId(path.source), podRefId(path.destination)]),
    result.service ? serviceId(result.service.namespace, result.service.name) : undefined,
  ]);
}

/**
 * The path of each API that took the request: 'ing:ns/name' of the Ingress, 'svc:ns/name' of its backend Service
 * and 'pod:ns/name' of each backend pod; then 'gw:ns/name' of the Gateway whose route took it, the Service of each
 * backendRef that gets a share (a broken one too: its edge shows why) and their pods.
 */
export function traceNodeIds(result: RequestTrace): string[] {
  const gateway = result.gateway.matched ? result.gateway : undefined;
  return unique([
    result.ingress ? idOf(ingressId, result.ingress) : undefined,
    result.service ? idOf(serviceId, result.service) : undefined,
    ...(result.resolution?.backends ?? []).map((b) => (b.pod ? idOf(podId, b.pod) : undefined)),
    gateway?.gateway ? gatewayId(gateway.gateway.namespace, gateway.gateway.name) : undefined,
    ...(gateway?.backends ?? []).flatMap((b) => [
      b.ref.kind === 'Service' && b.share > 0 ? serviceId(b.namespace, b.ref.name) : undefined,
      ...(b.resolution?.backends ?? []).map((e) => (e.pod ? idOf(podId, e.pod) : undefined)),
    ]),
  ]);
}

// The Problems list's pure logic: which map node a finding focuses, and which findings a filter keeps. Pure: no
// React. The findings and their meaning come from the diagnose engine; this file only maps objects to the map's node
// ids (see elements.ts) and filters lists.

import { concernsNamespace } from '@/lib/analysis/diagnose/filter';
import type { Finding, FindingObject, Severity } from '@/lib/analysis/diagnose/types';
import type { GatewaySummary } from '@/lib/analysis/gateway';
import { byCodeUnits } from '@/lib/model/names';
import { gatewayId, ingressId, namespaceId, podId, serviceId, serviceHealth, type Health } from './elements';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
const named = (o: { namespace: string; name: string }, object: FindingObject) => o.namespace === (object.namespace ?? '') && o.name === object.name;

/**
 * The node of a Gateway API object, as the engine's Gateway summaries relate it to a Gateway: a route focuses the
 * Gateway it names (attached or not), a GatewayClass its first Gateway, a ListenerSet its Gateway, and a
 * ReferenceGrant the Service it admits a route's backend to (the end of that route's edge).
 */
function gatewayObjectNodeId(object: FindingObject, gateways: readonly GatewaySummary[]): string | undefined {
  const sameKind = (o: { kind: string; namespace: string; name: string }) => o.kind === object.kind && named(o, object);
  let gateway: GatewaySummary | undefined;
  if (ROUTE_KINDS.has(object.kind)) gateway = gateways.find((g) => g.routes.some(sameKind) || g.detached.some(sameKind));
  else if (object.kind === 'GatewayClass') gateway = gateways.find((g) => g.className === object.name);
  else if (object.kind === 'ListenerSet') gateway = gateways.find((g) => g.listenerSets.some((s) => named(s, object)));
  else if (object.kind === 'ReferenceGrant') {
    for (const g of gateways) {
      const backend = g.routes.flatMap((r) => r.rules.flatMap((rule) => rule.backends)).find((b) => b.referenceGrant && named(b.referenceGrant, object));
      if (backend) return serviceId(backend.namespace, backend.name);
    }
  }
  return gateway ? gatewayId(gateway.namespace, gateway.name) : undefined;
}

/**
 * The map node of an object: Service, Ingress, Gateway, Pod or Namespace, and the Gateway API objects the
 * Gateways' summaries relate to one (see gatewayObjectNodeId); other kinds (EndpointSlice, IngressClass) have none.
 */
export function objectNodeId(object: FindingObject, gateways: readonly GatewaySummary[] = []): string | undefined {
  const namespace = object.namespace ?? '';
  switch (object.kind) {
    case 'Gateway':
      return gatewayId(namespace, object.name);
    case 'Service':
      return serviceId(namespace, object.name);
    case 'Ingress':
      return ingressId(namespace, object.name);
    case 'Pod':
      return podId(namespace, object.name);
    case 'Namespace':
      return namespaceId(object.name);
    default:
      return gatewayObjectNodeId(object, gateways);
  }
}

/**
 * The map node a finding focuses: its first object's (the object at fault). Should that kind have no node, the
 * next object that has one, else the namespace of the first namespaced object; undefined when none applies.
 */
export function findingNodeId(finding: Finding, gateways: readonly GatewaySummary[] = []): string | undefined {
  for (const object of finding.objects) {
    const id = objectNodeId(object, gateways);
    if (id) return id;
  }
  const namespaced = finding.objects.find((o) => o.namespace);
  return namespaced?.namespace ? namespaceId(namespaced.namespace) : undefined;
}

export interface ProblemsFilter {
  /** Undefined (or empty) for every namespace. */
  namespace?: string | undefined;
  severities: ReadonlySet<Severity>;
}

/** The findings of the checked severities that concern the namespace (as the engine's filterReport decides it), in order. */
export function filterFindings(findings: readonly Finding[], filter: ProblemsFilter): Finding[] {
  return findings.filter((f) => filter.severities.has(f.severity) && (!filter.namespace || concernsNamespace(f, filter.namespace)));
}

/** How many findings of each severity there are. */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * The namespaces to offer in the filter: those given, plus any a finding names (a Namespace object, or a namespaced
 * object), since a namespace without pods or Services can still have findings. Sorted by code units, no duplicates.
 */
export function namespaceOptions(namespaces: readonly string[], findings: readonly Finding[]): string[] {
  const all = new Set(namespaces);
  for (const f of findings) {
    for (const o of f.objects) {
      if (o.kind === 'Namespace') all.add(o.name);
      else if (o.namespace) all.add(o.namespace);
    }
  }
  return [...all].sort(byCodeUnits);
}

const sameObject = (a: FindingObject, b: FindingObject) => a.kind === b.kind && (a.namespace ?? '') === (b.namespace ?? '') && a.name === b.name;

/** The findings that involve the object, as the object at fault or as another one involved, in order. */
export function findingsAbout(findings: readonly Finding[], object: FindingObject): Finding[] {
  return findings.filter((f) => f.objects.some((o) => sameObject(o, object)));
}

/** A Service's health by its worst finding, as the map's badges compute it (serviceHealth): info counts as ok. */
export function serviceHealthOf(findings: readonly Finding[], service: { namespace: string; name: string }): Health {
  return serviceHealth({ findings: [...findings], skipped: [] }).get(serviceId(service.namespace, service.name)) ?? 'ok';
}

/** "Service shop/cart", "Namespace shop". */
export function objectLabel(object: FindingObject): string {
  return `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
}

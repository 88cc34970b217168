// The route kinds as one shape, and small helpers on references and object age shared by the Gateway analysis.

import type { ClusterModel, GRPCRoute, HTTPRoute, ResourceKind, TCPRoute, TLSRoute, UDPRoute } from '@/lib/model';
import { GATEWAY_GROUP } from '@/lib/model';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute';

export type AnyRoute =
  | { kind: 'HTTPRoute'; route: HTTPRoute }
  | { kind: 'GRPCRoute'; route: GRPCRoute }
  | { kind: 'TLSRoute'; route: TLSRoute }
  | { kind: 'TCPRoute'; route: TCPRoute }
  | { kind: 'UDPRoute'; route: UDPRoute };

export const ROUTE_COLLECTION: Record<RouteKind, ResourceKind> = {
  HTTPRoute: 'httproutes',
  GRPCRoute: 'grpcroutes',
  TLSRoute: 'tlsroutes',
  TCPRoute: 'tcproutes',
  UDPRoute: 'udproutes',
};

/**
 * The route kinds a listener protocol carries when its allowedRoutes.kinds is empty, and the only ones it can carry
 * when kinds are listed (AllowedRoutes.kinds: "MUST correspond to kinds of Routes that are compatible with the
 * application protocol specified in the Listener's Protocol field"). TLSRoute needs a TLS listener.
 */
export const PROTOCOL_ROUTE_KINDS: Record<string, readonly RouteKind[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

export function routesOf(model: ClusterModel, kinds: readonly RouteKind[] = Object.keys(ROUTE_COLLECTION) as RouteKind[]): AnyRoute[] {
  const out: AnyRoute[] = [];
  for (const kind of kinds) {
    switch (kind) {
      case 'HTTPRoute':
        for (const route of model.resources.httproutes) out.push({ kind, route });
        break;
      case 'GRPCRoute':
        for (const route of model.resources.grpcroutes) out.push({ kind, route });
        break;
      case 'TLSRoute':
        for (const route of model.resources.tlsroutes) out.push({ kind, route });
        break;
      case 'TCPRoute':
        for (const route of model.resources.tcproutes) out.push({ kind, route });
        break;
      case 'UDPRoute':
        for (const route of model.resources.udproutes) out.push({ kind, route });
        break;
    }
  }
  return out;
}

/** The hostnames of a route kind that has them; TCP and UDP routes have none. */
export function routeHostnames(r: AnyRoute): readonly string[] {
  return r.kind === 'TCPRoute' || r.kind === 'UDPRoute' ? [] : r.route.hostnames;
}

type Named = { meta: { namespace?: string; name: string; creationTimestamp?: string } };

/** "namespace/name", or "name" for a cluster-scoped object. */
export const refText = (o: Named) => (o.meta.namespace === undefined ? o.meta.name : `${o.meta.namespace}/${o.meta.name}`);

export const routeText = (r: AnyRoute) => `${r.kind} ${refText(r.route)}`;

/** Oldest first, by creationTimestamp; objects without one (manifests) come last. */
export function compareCreation(a: Named, b: Named): number {
  const ca = a.meta.creationTimestamp ?? '\uffff';
  const cb = b.meta.creationTimestamp ?? '\uffff';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** Oldest first, then by "namespace/name": the Gateway API's tie-breaks between routes (and ListenerSets). */
export function compareAge(a: Named, b: Named): number {
  return compareCreation(a, b) || (refText(a) < refText(b) ? -1 : refText(a) > refText(b) ? 1 : 0);
}

export const isGatewayGroupKind = (ref: { group: string; kind: string }, kind: string) => ref.group === GATEWAY_GROUP && ref.kind === kind;

/** A backendRef to a core Service: group "" (or "core", which some write) and kind Service. */
export const isServiceRef = (ref: { group: string; kind: string }) => (ref.group === '' || ref.group === 'core') && ref.kind === 'Service';

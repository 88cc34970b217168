// Route attachment, computed from spec (status is read only to show it beside): a route attaches through each of
// its parentRefs to the listeners of its direct parent (a Gateway, or a ListenerSet) that sectionName and port
// select, whose allowedRoutes admit the route's namespace and kind, and whose hostname intersects the route's.
// A parentRef that attaches nowhere gets the reason upstream's status would carry (RouteConditionReason).

import type { ClusterModel, Gateway, ListenerSet, ParentRef, RouteParentStatus } from '@/lib/model';
import { GATEWAY_GROUP } from '@/lib/model';
import { describeListenerHostname, intersectHostnames } from './hostnames';
import { describeFrom, gatewayListeners, listenerSetsOf, listenerText, namespaceAdmitted, sameListener, type GatewayListener } from './listeners';
import { compareAge, PROTOCOL_ROUTE_KINDS, refText, routeHostnames, routesOf, routeText, type AnyRoute } from './refs';

/**
 * Upstream's RouteConditionReasons, and RouteConflict where upstream names none: an HTTPRoute and a GRPCRoute
 * whose hostnames intersect on one listener, of which only the older is accepted (GRPCRouteSpec.hostnames).
 */
export type AttachmentReason = 'Accepted' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname' | 'NoMatchingParent' | 'RouteConflict';

export interface AttachedListener {
  entry: GatewayListener;
  /** The route's hostnames on this listener; undefined means every hostname. */
  hostnames: string[] | undefined;
}

export interface ParentAttachment {
  parentRef: ParentRef;
  /** The Gateway the listeners belong to (the parent, or the ListenerSet's Gateway). */
  gateway?: Gateway;
  listenerSet?: ListenerSet;
  listeners: AttachedListener[];
  reason: AttachmentReason;
  /** Why, in words: which listeners were considered and what each said. */
  message: string;
  /** The parentRef is not a Gateway or ListenerSet (a Service, for a mesh): not part of north-south routing. */
  notGateway?: boolean;
  /** What the parent's controller wrote in the route's status for this parentRef, if anything. */
  status?: RouteParentStatus;
}

const sameParent = (a: ParentRef, b: ParentRef, routeNamespace: string) =>
  a.group === b.group &&
  a.kind === b.kind &&
  a.name === b.name &&
  (a.namespace ?? routeNamespace) === (b.namespace ?? routeNamespace) &&
  a.sectionName === b.sectionName &&
  a.port === b.port;

function kindAdmitted(entry: GatewayListener, kind: AnyRoute['kind']): boolean {
  const carried = PROTOCOL_ROUTE_KINDS[entry.listener.protocol] ?? [];
  if (!carried.includes(kind)) return false;
  const listed = entry.listener.allowedRoutes.kinds;
  return listed.length === 0 || listed.some((k) => k.group === GATEWAY_GROUP && k.kind === kind);
}

function describeKinds(entry: GatewayListener): string {
  const listed = entry.listener.allowedRoutes.kinds;
  const carried = PROTOCOL_ROUTE_KINDS[entry.listener.protocol] ?? [];
  if (listed.length > 0) return listed.map((k) => k.kind).join(', ');
  return carried.length > 0 ? `${carried.join(', ')} (what ${entry.listener.protocol} carries)` : `no route kind kube-netmap knows (protocol ${entry.listener.protocol})`;
}

/** How one parentRef of a route attaches, before HTTPRoutes and GRPCRoutes on one listener are weighed. */
function attachParentBase(model: ClusterModel, r: AnyRoute, parentRef: ParentRef): ParentAttachment {
  const routeNamespace = r.route.meta.namespace ?? '';
  const status = r.route.parents.find((p) => sameParent(p.parentRef, parentRef, routeNamespace));
  const base = { parentRef, listeners: [], ...(status ? { status } : {}) };
  const namespace = parentRef.namespace ?? routeNamespace;
  const target = `${parentRef.kind} ${namespace}/${parentRef.name}`;
  if (parentRef.group !== GATEWAY_GROUP || (parentRef.kind !== 'Gateway' && parentRef.kind !== 'ListenerSet')) {
    return { ...base, reason: 'NoMatchingParent', notGateway: true, message: `parentRef ${target} (group "${parentRef.group}") is not a Gateway or ListenerSet` };
  }

  let gateway: Gateway | undefined;
  let listenerSet: ListenerSet | undefined;
  let candidates: GatewayListener[];
  if (parentRef.kind === 'Gateway') {
    gateway = model.resources.gateways.find((g) => g.meta.name === parentRef.name && (g.meta.namespace ?? '') === namespace);
    if (!gateway) return { ...base, reason: 'NoMatchingParent', message: `${target} does not exist` };
    // A route whose parent is the Gateway attaches to the Gateway's own listeners only, never to its ListenerSets'.
    candidates = gatewayListeners(model, gateway).filter((l) => l.owner.kind === 'Gateway');
  } else {
    listenerSet = model.resources.listenersets.find((s) => s.meta.name === parentRef.name && (s.meta.namespace ?? '') === namespace);
    if (!listenerSet) return { ...base, reason: 'NoMatchingParent', message: `${target} does not exist` };
    const p = listenerSet.parentRef;
    const gwNamespace = p.namespace ?? namespace;
    gateway = model.resources.gateways.find((g) => g.meta.name === p.name && (g.meta.namespace ?? '') === gwNamespace);
    if (!gateway) return { ...base, listenerSet, reason: 'NoMatchingParent', message: `${target} belongs to Gateway ${gwNamespace}/${p.name}, which does not exist` };
    const merged = listenerSetsOf(model, gateway).find((s) => s.set === listenerSet);
    if (!merged?.admitted) return { ...base, gateway, listenerSet, reason: 'NoMatchingParent', message: merged?.why ?? `${target} is not attached to its Gateway` };
    candidates = gatewayListeners(model, gateway).filter((l) => l.owner.kind === 'ListenerSet' && l.owner.name === listenerSet!.meta.name && l.owner.namespace === namespace);
  }

  const selected = candidates.filter(
    (l) => (parentRef.sectionName === undefined || l.listener.name === parentRef.sectionName) && (parentRef.port === undefined || l.listener.port === parentRef.port),
  );
  const ctx = { ...base, gateway, ...(listenerSet ? { listenerSet } : {}) };
  if (selected.length === 0) {
    const wanted = [parentRef.sectionName !== undefined && `sectionName "${parentRef.sectionName}"`, parentRef.port !== undefined && `port ${parentRef.port}`]
      .filter(Boolean)
      .join(' and ');
    const names = candidates.map((l) => `"${l.listener.name}" (port ${l.listener.port})`).join(', ');
    return { ...ctx, reason: 'NoMatchingParent', message: `${target} has no listener with ${wanted}; its listeners: ${names || 'none'}` };
  }

  const notes: string[] = [];
  const admitted = selected.filter((l) => {
    const owner = l.owner.namespace;
    if (!namespaceAdmitted(model, l.listener.allowedRoutes.namespaces, owner, routeNamespace)) {
      notes.push(`${listenerText(l)} admits routes from ${describeFrom(l.listener.allowedRoutes.namespaces, owner)}, not from ${routeNamespace}`);
      return false;
    }
    if (!kindAdmitted(l, r.kind)) {
      notes.push(`${listenerText(l)} (${l.listener.protocol}) admits ${describeKinds(l)}, not ${r.kind}`);
      return false;
    }
    return true;
  });
  if (admitted.length === 0) return { ...ctx, reason: 'NotAllowedByListeners', message: notes.join('; ') };

  const listeners: AttachedListener[] = [];
  for (const l of admitted) {
    const hostnames = r.kind === 'TCPRoute' || r.kind === 'UDPRoute' ? undefined : intersectHostnames(l.listener.hostname, routeHostnames(r));
    if (hostnames !== undefined && hostnames.length === 0) {
      notes.push(`${listenerText(l)} takes ${describeListenerHostname(l.listener.hostname)}; the route's hostnames ${routeHostnames(r).join(', ')} do not intersect it`);
      continue;
    }
    listeners.push({ entry: l, hostnames });
  }
  if (listeners.length === 0) return { ...ctx, reason: 'NoMatchingListenerHostname', message: notes.join('; ') };
  const on = listeners.map((l) => `${listenerText(l.entry)} (${l.hostnames ? l.hostnames.join(', ') : 'every hostname'})`).join(', ');
  return {
    ...ctx,
    listeners,
    reason: 'Accepted',
    message: `${routeText(r)} attaches to Gateway ${refText(gateway)} ${on}${notes.length > 0 ? `; not to: ${notes.join('; ')}` : ''}`,
  };
}

/** Whether two routes' hostnames on a listener share a name (undefined: every hostname). */
function hostnamesIntersect(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === undefined) return b === undefined || b.length > 0;
  if (b === undefined) return a.length > 0;
  return a.some((x) => b.some((y) => (intersectHostnames(x, [y]) ?? []).length > 0));
}

type BaseAttachments = { r: AnyRoute; attachments: ParentAttachment[] }[];
const baseCache = new WeakMap<ClusterModel, Map<AnyRoute['kind'], BaseAttachments>>();

function baseAttachmentsOf(model: ClusterModel, kind: AnyRoute['kind']): BaseAttachments {
  let perModel = baseCache.get(model);
  if (!perModel) baseCache.set(model, (perModel = new Map()));
  let list = perModel.get(kind);
  if (!list) perModel.set(kind, (list = routesOf(model, [kind]).map((r) => ({ r, attachments: r.route.parentRefs.map((p) => attachParentBase(model, r, p)) }))));
  return list;
}

/**
 * How one parentRef of a route attaches. An HTTPRoute and a GRPCRoute on one listener whose hostnames intersect
 * cannot both be accepted: the older (then the first by "namespace/name") keeps the listener (GRPCRouteSpec.hostnames).
 */
export function attachParent(model: ClusterModel, r: AnyRoute, parentRef: ParentRef): ParentAttachment {
  const base = attachParentBase(model, r, parentRef);
  if (base.reason !== 'Accepted' || (r.kind !== 'HTTPRoute' && r.kind !== 'GRPCRoute')) return base;
  const competitors = baseAttachmentsOf(model, r.kind === 'HTTPRoute' ? 'GRPCRoute' : 'HTTPRoute');
  const kept: AttachedListener[] = [];
  const notes: string[] = [];
  for (const l of base.listeners) {
    const winner = competitors.find(
      (c) => compareAge(c.r.route, r.route) < 0 && c.attachments.some((a) => a.listeners.some((cl) => sameListener(cl.entry, l.entry) && hostnamesIntersect(cl.hostnames, l.hostnames))),
    );
    if (!winner) kept.push(l);
    else notes.push(`${listenerText(l.entry)} already has ${routeText(winner.r)}, which is older and shares hostnames with it (an HTTPRoute and a GRPCRoute may not share a hostname on one listener)`);
  }
  if (notes.length === 0) return base;
  if (kept.length === 0) return { ...base, listeners: [], reason: 'RouteConflict', message: notes.join('; ') };
  return { ...base, listeners: kept, message: `${base.message}; not to: ${notes.join('; ')}` };
}

/** Every parentRef of the route, attached. */
export function attachRoute(model: ClusterModel, r: AnyRoute): ParentAttachment[] {
  return r.route.parentRefs.map((p) => attachParent(model, r, p));
}

/** What the status written for a parentRef says, to show beside the engine's answer. */
export function describeStatus(status: RouteParentStatus | undefined): string | undefined {
  if (!status) return undefined;
  const accepted = status.conditions.find((c) => c.type === 'Accepted');
  const resolved = status.conditions.find((c) => c.type === 'ResolvedRefs');
  const part = (c: typeof accepted) => (c ? `${c.type} ${c.status}${c.reason ? ` (${c.reason})` : ''}` : undefined);
  const parts = [part(accepted), part(resolved)].filter(Boolean);
  return parts.length > 0 ? `status from ${status.controllerName || 'the controller'}: ${parts.join(', ')}` : undefined;
}

// What a Gateway is, for the map and its panel: its listeners (its own and its ListenerSets'), the routes attached
// to each, and for every rule of those routes the Services it sends traffic to, with weights and shares. The map
// draws Gateway -> Service edges from `routes[].rules[].backends`; nothing here needs re-deriving in the UI.

import type { ClusterModel, Condition, Gateway, ListenerStatus } from '@/lib/model';
import { attachRoute } from './attachment';
import { traceBackends, type BackendState } from './backends';
import { describeGRPCMatch } from './grpc-match';
import { describeHTTPMatch } from './http-match';
import { gatewayListeners, listenerSetsOf, type ListenerOwner } from './listeners';
import { compareAge, routesOf, type AnyRoute, type RouteKind } from './refs';

export interface ObjectName {
  namespace: string;
  name: string;
}

export interface ListenerSummary {
  name: string;
  owner: ListenerOwner;
  port: number;
  protocol: string;
  hostname?: string;
  /** Why it takes no traffic, when it conflicts with another listener. */
  conflict?: string;
  /** Routes attached to it, computed from spec. */
  routes: ({ kind: RouteKind } & ObjectName)[];
  /** What the controller wrote for it, if anything. */
  status?: ListenerStatus;
}

export interface BackendSummary {
  kind: string;
  namespace: string;
  name: string;
  port?: number;
  weight: number;
  /** weight / sum of the rule's weights (0..1). */
  share: number;
  state: BackendState;
  text: string;
  /** The grant that admits a cross-namespace ref. */
  referenceGrant?: ObjectName;
}

export interface RuleSummary {
  index: number;
  name?: string;
  /** One text per match ("PathPrefix /api, method GET"); for L4 routes, none. */
  matches: string[];
  /** HTTPRoute only: the path value of each match ("/api"), for short labels such as the map's. */
  paths: string[];
  /** Set when the rule redirects (RequestRedirect): what it does, instead of backends. */
  redirect?: string;
  backends: BackendSummary[];
}

export interface RouteSummary extends ObjectName {
  kind: RouteKind;
  /** The hostnames the route has on this Gateway's listeners; undefined means every hostname. */
  hostnames: string[] | undefined;
  rules: RuleSummary[];
}

export interface GatewaySummary extends ObjectName {
  className: string;
  classAccepted?: Condition;
  programmed?: Condition;
  /** status.addresses, else spec.addresses. */
  addresses: string[];
  listeners: ListenerSummary[];
  listenerSets: (ObjectName & { admitted: boolean; why: string })[];
  /** Routes attached to at least one listener, oldest first. */
  routes: RouteSummary[];
  /** Routes that name this Gateway and attach to none of its listeners, with the reason. */
  detached: ({ kind: RouteKind; reason: string; message: string } & ObjectName)[];
}

const nameOf = (o: { meta: { namespace?: string; name: string } }): ObjectName => ({ namespace: o.meta.namespace ?? '', name: o.meta.name });

function ruleSummaries(model: ClusterModel, r: AnyRoute): RuleSummary[] {
  return r.route.rules.map((rule, index) => {
    const matches =
      r.kind === 'HTTPRoute'
        ? r.route.rules[index]!.matches.map(describeHTTPMatch)
        : r.kind === 'GRPCRoute'
          ? (r.route.rules[index]!.matches.length > 0 ? r.route.rules[index]!.matches : [undefined]).map(describeGRPCMatch)
          : [];
    const filters = 'filters' in rule ? rule.filters : [];
    const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
    const backends = traceBackends(model, r, rule.backendRefs).map((b) => ({
      kind: b.ref.kind,
      namespace: b.namespace,
      name: b.ref.name,
      ...(b.ref.port !== undefined ? { port: b.ref.port } : {}),
      weight: b.ref.weight,
      share: b.share,
      state: b.state,
      text: b.text,
      ...(b.referenceGrant ? { referenceGrant: b.referenceGrant } : {}),
    }));
    const paths = r.kind === 'HTTPRoute' ? [...new Set(r.route.rules[index]!.matches.map((m) => m.path.value))] : [];
    const redirectText = redirect
      ? `redirect ${redirect.statusCode}${redirect.scheme ? ` to ${redirect.scheme}` : ''}${redirect.hostname ? ` host ${redirect.hostname}` : ''}${redirect.port ? ` port ${redirect.port}` : ''}`
      : undefined;
    return { index, ...(rule.name ? { name: rule.name } : {}), matches, paths, ...(redirectText ? { redirect: redirectText } : {}), backends };
  });
}

export function summarizeGateway(model: ClusterModel, gateway: Gateway): GatewaySummary {
  const listeners = gatewayListeners(model, gateway);
  const summaries: ListenerSummary[] = listeners.map((l) => {
    const status = l.owner.kind === 'Gateway' ? gateway.listenerStatuses.find((s) => s.name === l.listener.name) : undefined;
    return {
      name: l.listener.name,
      owner: l.owner,
      port: l.listener.port,
      protocol: l.listener.protocol,
      ...(l.listener.hostname ? { hostname: l.listener.hostname } : {}),
      ...(l.conflict ? { conflict: l.conflict } : {}),
      routes: [],
      ...(status ? { status } : {}),
    };
  });
  const routes: RouteSummary[] = [];
  const detached: GatewaySummary['detached'] = [];
  for (const r of routesOf(model).sort((a, b) => compareAge(a.route, b.route))) {
    const attachments = attachRoute(model, r).filter((a) => a.gateway === gateway);
    if (attachments.length === 0) continue;
    const attached = attachments.flatMap((a) => a.listeners);
    if (attached.length === 0) {
      for (const a of attachments) detached.push({ kind: r.kind, ...nameOf(r.route), reason: a.reason, message: a.message });
      continue;
    }
    for (const a of attached) {
      const i = listeners.findIndex((l) => l.owner.kind === a.entry.owner.kind && l.owner.name === a.entry.owner.name && l.owner.namespace === a.entry.owner.namespace && l.listener.name === a.entry.listener.name);
      const target = summaries[i];
      if (target && !target.routes.some((x) => x.kind === r.kind && x.namespace === nameOf(r.route).namespace && x.name === r.route.meta.name)) {
        target.routes.push({ kind: r.kind, ...nameOf(r.route) });
      }
    }
    const all = attached.map((a) => a.hostnames);
    const hostnames = all.some((h) => h === undefined) ? undefined : [...new Set(all.flatMap((h) => h ?? []))];
    routes.push({ kind: r.kind, ...nameOf(r.route), hostnames, rules: ruleSummaries(model, r) });
  }
  const programmed = gateway.conditions.find((c) => c.type === 'Programmed');
  const classAccepted = model.resources.gatewayclasses.find((c) => c.meta.name === gateway.gatewayClassName)?.conditions.find((c) => c.type === 'Accepted');
  return {
    ...nameOf(gateway),
    className: gateway.gatewayClassName,
    ...(classAccepted ? { classAccepted } : {}),
    ...(programmed ? { programmed } : {}),
    addresses: (gateway.statusAddresses.length > 0 ? gateway.statusAddresses : gateway.addresses).map((a) => a.value),
    listeners: summaries,
    listenerSets: listenerSetsOf(model, gateway).map((s) => ({ ...nameOf(s.set), admitted: s.admitted, why: s.why })),
    routes,
    detached,
  };
}

/** Every Gateway of the model, summarised, oldest first. */
export function summarizeGateways(model: ClusterModel): GatewaySummary[] {
  return [...model.resources.gateways].sort(compareAge).map((g) => summarizeGateway(model, g));
}

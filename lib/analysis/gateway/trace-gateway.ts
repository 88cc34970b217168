// Where a request goes through the Gateway API, computed from spec (status shown beside, never required): the
// Gateway and listener that take it, the routes attached there, the winning route rule by upstream's precedence,
// its filters (a redirect ends the trace), the backends with their shares and validity, the Service ports and
// endpoints, and the policy verdict from the Gateway's data-plane pods to each backend.
// Over 400 lines as one idea: one request's way through the Gateway API, step by step.

import type { ClusterModel, Gateway, GatewayClass, ResourceKind } from '@/lib/model';
import { FlowInputError } from '@/lib/analysis/errors';
import { explainFlow, type FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import { unsyncedReason } from '@/lib/analysis/sync-state';
import { attachRoute, describeStatus, type ParentAttachment } from './attachment';
import { traceBackends, failureAnswer, type BackendTrace } from './backends';
import { dataPlanePods, type DataPlaneOption } from './data-plane';
import { describeFilters, redirectTarget, type FilterText, type RedirectTarget, type RequestLine } from './filters';
import { GRPC_KEY_NAMES, grpcMatchKey, matchGRPC } from './grpc-match';
import { hostnameSpecificity, requestHostname } from './hostnames';
import { HTTP_KEY_NAMES, httpMatchKey, matchHTTP } from './http-match';
import { chooseListener, gatewayListeners, listenerText, sameListener, type GatewayListener, type ListenerOwner } from './listeners';
import { compareAge, compareCreation, refText, ROUTE_COLLECTION, routesOf, routeText, type AnyRoute, type RouteKind } from './refs';

export interface HTTPGatewayRequest {
  protocol: 'http' | 'https';
  host: string;
  port?: number;
  path: string;
  /** The query string, without "?". */
  query?: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface GRPCGatewayRequest {
  protocol: 'grpc';
  /** gRPC over TLS (an HTTPS listener); cleartext HTTP/2 otherwise. */
  tls?: boolean;
  host: string;
  port?: number;
  service: string;
  method: string;
  headers?: Record<string, string>;
}

/** What to trace: an HTTP request, a gRPC call, or a TLS (by SNI), TCP or UDP connection. */
export type GatewayRequest =
  | HTTPGatewayRequest
  | GRPCGatewayRequest
  | { protocol: 'tls'; host: string; port: number }
  | { protocol: 'tcp' | 'udp'; host?: string; port: number };

export interface GatewayTraceOptions {
  /** Only this Gateway ("namespace/name"); else every Gateway whose listeners take the request. */
  gateway?: { namespace: string; name: string };
  /** The data-plane pods, when the usual labels do not find them. */
  dataPlane?: DataPlaneOption;
}

export type GatewayStepKind = 'gateway' | 'listener' | 'attachment' | 'match' | 'filter' | 'redirect' | 'backend' | 'policy' | 'status';

export interface GatewayStep {
  kind: GatewayStepKind;
  text: string;
}

export interface GatewayBackend extends BackendTrace {
  /** From one data-plane pod to the backend Service, when the data-plane pods are known. */
  flow?: FlowExplanation;
  /** Why there is no flow. */
  flowNote?: string;
}

export interface GatewayTrace {
  /** A route rule took the request (a redirect counts), whatever becomes of its backends. */
  matched: boolean;
  /** Set when the data the answer needs is not synced: then there is no route, only this reason. */
  unknown?: string;
  steps: GatewayStep[];
  /** Why nothing took the request, or why what took it cannot serve it. */
  reasons: string[];
  gateway?: { namespace: string; name: string };
  gatewayClass?: { name: string; controllerName: string };
  listener?: { owner: ListenerOwner; name: string; port: number; protocol: string; hostname?: string };
  route?: { kind: RouteKind; namespace: string; name: string };
  rule?: { index: number; name?: string; match: string; regex: boolean };
  filters: FilterText[];
  redirect?: RedirectTarget;
  backends: GatewayBackend[];
  dataPlane?: { pods: { namespace: string; name: string }[]; text: string };
  /** Other Gateways whose listeners also take the request: which one serves it is up to DNS. */
  alsoTakenBy: { namespace: string; name: string; matched: boolean }[];
}

const BASE_KINDS: ResourceKind[] = ['gateways', 'gatewayclasses', 'namespaces', 'services', 'endpointslices', 'pods', 'referencegrants', 'backendtlspolicies'];

function routeKindsFor(request: GatewayRequest, listenerProtocol?: string): RouteKind[] {
  switch (request.protocol) {
    case 'http':
      return ['HTTPRoute'];
    case 'https':
      return listenerProtocol === 'TLS' ? ['TLSRoute'] : ['HTTPRoute'];
    case 'grpc':
      return ['GRPCRoute'];
    case 'tls':
      return ['TLSRoute'];
    case 'tcp':
      return ['TCPRoute'];
    case 'udp':
      return ['UDPRoute'];
  }
}

function listenerProtocols(request: GatewayRequest): string[] {
  switch (request.protocol) {
    case 'http':
      return ['HTTP'];
    case 'https':
      // An HTTPS listener terminates TLS; a TLS listener passes it through to a TLSRoute by SNI.
      return ['HTTPS', 'TLS'];
    case 'grpc':
      return [request.tls ? 'HTTPS' : 'HTTP'];
    case 'tls':
      return ['TLS'];
    case 'tcp':
      return ['TCP'];
    case 'udp':
      return ['UDP'];
  }
}

function portOf(request: GatewayRequest): number {
  if (request.port !== undefined) return request.port;
  if (request.protocol === 'https' || (request.protocol === 'grpc' && request.tls)) return 443;
  return 80;
}

function describeRequest(request: GatewayRequest): string {
  const port = portOf(request);
  const host = request.host === undefined ? undefined : requestHostname(request.host);
  switch (request.protocol) {
    case 'http':
    case 'https':
      return `${request.method ?? 'GET'} ${request.protocol}://${host}:${port}${request.path}${request.query ? `?${request.query}` : ''}`;
    case 'grpc':
      return `gRPC ${request.service}/${request.method} to ${host}:${port}${request.tls ? ' over TLS' : ''}`;
    case 'tls':
      return `TLS to ${host}:${port} (SNI ${host})`;
    default:
      return `${request.protocol.toUpperCase()} to ${host ? `${host}:` : 'port '}${port}`;
  }
}

const lowerKeys = (headers: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

function parseQuery(query: string | undefined): [string, string][] {
  if (!query) return [];
  return [...new URLSearchParams(query).entries()];
}

interface Candidate {
  r: AnyRoute;
  ruleIndex: number;
  matchIndex: number;
  key: number[];
  hostname?: string;
  matchText: string;
  regex: boolean;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  for (let i = 0; i < Math.max(a.key.length, b.key.length); i++) {
    const d = (b.key[i] ?? 0) - (a.key[i] ?? 0);
    if (d !== 0) return d;
  }
  return compareAge(a.r.route, b.r.route) || a.ruleIndex - b.ruleIndex || a.matchIndex - b.matchIndex;
}

/** Why the winner beats a loser, in the terms of the precedence rules. */
function whyBeats(winner: Candidate, loser: Candidate, keyNames: readonly string[]): string {
  const what = `${routeText(loser.r)} rule ${loser.ruleIndex + 1} (${loser.matchText})`;
  const names = ['a more specific non-wildcard hostname wins', 'a longer matching hostname wins', ...keyNames];
  for (let i = 0; i < winner.key.length; i++) {
    if (winner.key[i] !== loser.key[i]) return `beats ${what}: ${names[i] ?? 'more specific'}`;
  }
  if (winner.r !== loser.r) {
    return compareCreation(winner.r.route, loser.r.route) !== 0
      ? `beats ${what}: equally specific, and the older route wins`
      : `beats ${what}: equally specific and as old, and "${refText(winner.r.route)}" comes first alphabetically`;
  }
  return `beats ${what}: equally specific in the same route, and the first rule listed wins`;
}

interface ListenerRoutes {
  attached: { r: AnyRoute; hostnames: string[] | undefined; status?: string }[];
  /** Routes that name this Gateway but do not attach to this listener, with why. */
  detached: string[];
}

function routesOnListener(model: ClusterModel, gateway: Gateway, chosen: GatewayListener, kinds: RouteKind[]): ListenerRoutes {
  const attached: ListenerRoutes['attached'] = [];
  const detached: string[] = [];
  for (const r of routesOf(model, kinds)) {
    const attachments = attachRoute(model, r).filter((a: ParentAttachment) => a.gateway === gateway);
    if (attachments.length === 0) continue;
    const here = attachments.flatMap((a) => a.listeners.filter((l) => sameListener(l.entry, chosen)).map((l) => ({ l, a })));
    if (here.length > 0) {
      // Several parentRefs may attach to the same listener; their hostnames add up.
      const all = here.map((h) => h.l.hostnames);
      const hostnames = all.some((h) => h === undefined) ? undefined : [...new Set(all.flatMap((h) => h ?? []))];
      const status = describeStatus(here[0]?.a.status);
      attached.push({ r, hostnames, ...(status ? { status } : {}) });
      continue;
    }
    for (const a of attachments) {
      if (a.reason !== 'Accepted') detached.push(`${routeText(r)} does not attach (${a.reason}): ${a.message}`);
      else detached.push(`${routeText(r)} attaches to other listeners of this Gateway, not to ${listenerText(chosen)}`);
    }
  }
  return { attached, detached };
}

function classOf(model: ClusterModel, gateway: Gateway): GatewayClass | undefined {
  return model.resources.gatewayclasses.find((c) => c.meta.name === gateway.gatewayClassName);
}

function gatewayStatusText(gateway: Gateway): string | undefined {
  const programmed = gateway.conditions.find((c) => c.type === 'Programmed');
  if (!programmed || (programmed.status === 'Unknown' && programmed.reason === 'Pending')) return undefined;
  const addresses = gateway.statusAddresses.map((a) => a.value);
  return `Gateway status: Programmed ${programmed.status}${programmed.reason ? ` (${programmed.reason})` : ''}${addresses.length > 0 ? `, addresses ${addresses.join(', ')}` : ''}`;
}

/** One Gateway's answer to the request; undefined when none of its listeners takes it. */
function traceThrough(model: ClusterModel, gateway: Gateway, request: GatewayRequest, options: GatewayTraceOptions): GatewayTrace | { notTaken: string[] } {
  const port = portOf(request);
  const host = 'host' in request && request.host !== undefined ? requestHostname(request.host) : undefined;
  const listenerHost = request.protocol === 'tcp' || request.protocol === 'udp' ? undefined : host;
  const listeners = gatewayListeners(model, gateway);
  const choice = chooseListener(listeners, port, listenerProtocols(request), listenerHost);
  const gwRef = { namespace: gateway.meta.namespace ?? '', name: gateway.meta.name };
  if (!choice.chosen) {
    const ports = [...new Set(listeners.map((l) => `${l.listener.port}/${l.listener.protocol}`))].join(', ');
    return { notTaken: [`Gateway ${refText(gateway)}: no listener takes ${listenerProtocols(request).join(' or ')} on port ${port}${listenerHost ? ` for ${listenerHost}` : ''} (its listeners: ${ports || 'none'})`, ...choice.notes] };
  }
  const chosen = choice.chosen;
  const steps: GatewayStep[] = [];
  const reasons: string[] = [];
  const gatewayClass = classOf(model, gateway);
  steps.push({
    kind: 'gateway',
    text: `Gateway ${refText(gateway)} (class ${gateway.gatewayClassName}${gatewayClass ? `, controller ${gatewayClass.controllerName}` : ': no such GatewayClass'})`,
  });
  const status = gatewayStatusText(gateway);
  if (status) steps.push({ kind: 'status', text: status });
  // Routing is computed from spec either way; these say whether anything carries it out.
  const classAccepted = gatewayClass?.conditions.find((c) => c.type === 'Accepted');
  if (!gatewayClass) reasons.push(`GatewayClass ${gateway.gatewayClassName} does not exist, so no controller serves Gateway ${refText(gateway)}`);
  else if (classAccepted?.status === 'False') reasons.push(`GatewayClass ${gatewayClass.meta.name} is not accepted (${classAccepted.reason ?? 'no reason'}), so Gateway ${refText(gateway)} is not served`);
  const programmed = gateway.conditions.find((c) => c.type === 'Programmed');
  if (programmed?.status === 'False') reasons.push(`Gateway ${refText(gateway)} is not programmed (${programmed.reason ?? 'no reason'}): it carries no traffic`);
  const l = chosen.listener;
  steps.push({
    kind: 'listener',
    text: `${listenerText(chosen)}${chosen.owner.kind === 'ListenerSet' ? ' (merged into the Gateway)' : ''}: port ${l.port} ${l.protocol}${l.tlsMode ? ` (TLS ${l.tlsMode})` : ''}, ${l.hostname ? `hostname ${l.hostname}` : 'any hostname'}`,
  });
  for (const note of choice.notes) steps.push({ kind: 'listener', text: note });

  const trace: GatewayTrace = {
    matched: false,
    steps,
    reasons,
    gateway: gwRef,
    ...(gatewayClass ? { gatewayClass: { name: gatewayClass.meta.name, controllerName: gatewayClass.controllerName } } : {}),
    listener: { owner: chosen.owner, name: l.name, port: l.port, protocol: l.protocol, ...(l.hostname ? { hostname: l.hostname } : {}) },
    filters: [],
    backends: [],
    alsoTakenBy: [],
  };

  const kinds = routeKindsFor(request, l.protocol);
  const { attached, detached } = routesOnListener(model, gateway, chosen, kinds);
  for (const a of attached) {
    steps.push({ kind: 'attachment', text: `${routeText(a.r)} is attached (${a.hostnames ? `hostnames ${a.hostnames.join(', ')}` : 'every hostname'})${a.status ? `; ${a.status}` : ''}` });
  }
  for (const d of detached) steps.push({ kind: 'attachment', text: d });

  // Candidates: every (route, rule, match) that takes the request.
  const candidates: Candidate[] = [];
  const misses: string[] = [];
  const effectiveHost = host ?? '';
  for (const a of attached) {
    const hostSpec = request.protocol === 'tcp' || request.protocol === 'udp' ? { rank: [0, 0] as [number, number] } : hostnameSpecificity(a.hostnames, effectiveHost);
    if (!hostSpec) {
      misses.push(`${routeText(a.r)}: its hostnames ${a.hostnames?.join(', ')} do not take ${effectiveHost}`);
      continue;
    }
    const hostKey = [...hostSpec.rank];
    const hostname = hostSpec.hostname ? { hostname: hostSpec.hostname } : {};
    if (a.r.kind === 'HTTPRoute' && (request.protocol === 'http' || request.protocol === 'https')) {
      const shape = { path: normalizePath(request.path), method: (request.method ?? 'GET').toUpperCase(), headers: lowerKeys(request.headers), query: parseQuery(request.query) };
      a.r.route.rules.forEach((rule, ruleIndex) =>
        rule.matches.forEach((m, matchIndex) => {
          const outcome = matchHTTP(m, shape);
          if (outcome.matched) candidates.push({ r: a.r, ruleIndex, matchIndex, key: [...hostKey, ...httpMatchKey(m)], ...hostname, matchText: outcome.text, regex: outcome.regex });
          else misses.push(`${routeText(a.r)} rule ${ruleIndex + 1}: ${outcome.text}`);
        }),
      );
    } else if (a.r.kind === 'GRPCRoute' && request.protocol === 'grpc') {
      const shape = { service: request.service, method: request.method, headers: lowerKeys(request.headers) };
      a.r.route.rules.forEach((rule, ruleIndex) => {
        const matches = rule.matches.length > 0 ? rule.matches : [undefined];
        matches.forEach((m, matchIndex) => {
          const outcome = matchGRPC(m, shape);
          if (outcome.matched) candidates.push({ r: a.r, ruleIndex, matchIndex, key: [...hostKey, ...grpcMatchKey(m)], ...hostname, matchText: outcome.text, regex: outcome.regex });
          else misses.push(`${routeText(a.r)} rule ${ruleIndex + 1}: ${outcome.text}`);
        });
      });
    } else if (a.r.kind === 'TLSRoute' || a.r.kind === 'TCPRoute' || a.r.kind === 'UDPRoute') {
      // L4 routes have no matches: the route (by hostname for TLS) takes the connection, through its first rule.
      if (a.r.route.rules.length > 0) candidates.push({ r: a.r, ruleIndex: 0, matchIndex: 0, key: hostKey, ...hostname, matchText: hostSpec.hostname ? `SNI ${effectiveHost} matches ${hostSpec.hostname}` : 'every connection', regex: false });
      else misses.push(`${routeText(a.r)} has no rules`);
    }
  }
  candidates.sort(compareCandidates);
  const winner = candidates[0];
  if (!winner) {
    const answer = request.protocol === 'grpc' ? 'UNIMPLEMENTED' : request.protocol === 'http' || request.protocol === 'https' ? '404' : 'a rejected connection';
    reasons.push(
      attached.length === 0
        ? `no ${kinds.join(' or ')} is attached to ${listenerText(chosen)} of Gateway ${refText(gateway)}, so the answer is ${answer}`
        : `no rule of the routes attached to ${listenerText(chosen)} takes the request, so the answer is ${answer}`,
    );
    for (const miss of misses.slice(0, 10)) reasons.push(miss);
    return trace;
  }

  const r = winner.r;
  trace.matched = true;
  trace.route = { kind: r.kind, namespace: r.route.meta.namespace ?? '', name: r.route.meta.name };
  const rule = r.route.rules[winner.ruleIndex];
  trace.rule = { index: winner.ruleIndex, ...(rule?.name ? { name: rule.name } : {}), match: winner.matchText, regex: winner.regex };
  steps.push({
    kind: 'match',
    text: `${routeText(r)} rule ${winner.ruleIndex + 1}${rule?.name ? ` "${rule.name}"` : ''} takes it: ${winner.matchText}${winner.hostname ? `; hostname ${winner.hostname}` : ''}`,
  });
  if (winner.regex) {
    steps.push({ kind: 'match', text: 'this match uses a RegularExpression: its dialect and its precedence are implementation-specific, so the implementation may decide otherwise' });
  }
  const keyNames = r.kind === 'GRPCRoute' ? GRPC_KEY_NAMES : HTTP_KEY_NAMES;
  const losers = candidates.slice(1, 6).map((c) => whyBeats(winner, c, keyNames));
  if (candidates.length > 6) losers.push(`and ${candidates.length - 6} more matching rules`);
  if (losers.length > 0) steps.push({ kind: 'match', text: `this rule ${losers.join('; ')}` });

  if (r.kind === 'HTTPRoute' || r.kind === 'GRPCRoute') {
    const httpRule = r.kind === 'HTTPRoute' ? r.route.rules[winner.ruleIndex] : undefined;
    const match = httpRule?.matches[winner.matchIndex];
    const line: RequestLine | undefined =
      request.protocol === 'http' || request.protocol === 'https'
        ? { scheme: request.protocol, host: effectiveHost, port: l.port, path: normalizePath(request.path), query: request.query ?? '' }
        : undefined;
    const filters = r.route.rules[winner.ruleIndex]?.filters ?? [];
    trace.filters = describeFilters(filters, line, match);
    for (const f of trace.filters) steps.push({ kind: 'filter', text: f.text });
    const redirect = filters.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
    if (redirect && line) {
      const target = redirectTarget(redirect, line, match);
      if ('error' in target) {
        reasons.push(target.error);
      } else {
        trace.redirect = target;
        steps.push({ kind: 'redirect', text: `the Gateway answers ${target.statusCode} with Location ${target.location}; no backend is involved` });
      }
      return trace;
    }
  }

  const backendRefs = rule?.backendRefs ?? [];
  if (backendRefs.length === 0) {
    reasons.push(`${routeText(r)} rule ${winner.ruleIndex + 1} has no backendRefs, so ${failureAnswer(r.kind)}`);
    return trace;
  }
  const backends = traceBackends(model, r, backendRefs);
  if (backends.every((b) => b.share === 0)) reasons.push(`every backendRef of ${routeText(r)} rule ${winner.ruleIndex + 1} has weight 0, so ${failureAnswer(r.kind)}`);
  for (const b of backends) {
    steps.push({ kind: 'backend', text: b.text });
    if (b.state !== 'ok' && b.state !== 'no-traffic') reasons.push(b.text);
    else if (b.state === 'ok' && b.ready === false) reasons.push(b.text);
  }

  const dataPlane = dataPlanePods(model, gateway, options.dataPlane);
  trace.dataPlane = { pods: dataPlane.pods.map((p) => ({ namespace: p.meta.namespace ?? '', name: p.meta.name })), text: dataPlane.text };
  const pod = dataPlane.pods.find((p) => p.ready) ?? dataPlane.pods[0];
  trace.backends = backends.map((b): GatewayBackend => {
    if (!b.resolution || !b.service || b.share === 0) return b;
    if (!pod) return { ...b, flowNote: dataPlane.text };
    try {
      const flow = explainFlow(model, {
        from: { kind: 'pod', namespace: pod.meta.namespace ?? '', name: pod.meta.name },
        to: { kind: 'service', namespace: b.service.meta.namespace ?? '', name: b.service.meta.name },
        port: b.resolution.servicePort.port,
        protocol: b.resolution.servicePort.protocol,
      });
      steps.push({ kind: 'policy', text: `from data-plane pod ${refText(pod)} to Service ${refText(b.service)}: ${flow.verdict.toUpperCase()}: ${flow.summary}` });
      return { ...b, flow };
    } catch (error) {
      if (error instanceof FlowInputError) return { ...b, flowNote: error.message };
      throw error;
    }
  });
  if (!pod && trace.backends.some((b) => b.flowNote)) steps.push({ kind: 'policy', text: `policies not checked: ${dataPlane.text}` });
  return trace;
}

function normalizePath(path: string): string {
  const cut = path.search(/[?#]/);
  const p = cut >= 0 ? path.slice(0, cut) : path;
  return p.startsWith('/') ? p : `/${p}`;
}

/** A literal address (IP or hostname) of a Gateway, from spec or status: the request names that Gateway. */
function gatewaysByAddress(gateways: Gateway[], host: string): Gateway[] {
  return gateways.filter((g) => [...g.addresses, ...g.statusAddresses].some((a) => a.value.toLowerCase() === host));
}

/**
 * Traces a request through the Gateway API. Considers the Gateway named in options, else the Gateway whose address
 * the host is, else every Gateway whose listeners take the request (the one that routes it first, then by age; the
 * others are listed in alsoTakenBy). Answers "unknown" with the reason when a kind it reads is not synced.
 */
export function traceGatewayRequest(model: ClusterModel, request: GatewayRequest, options: GatewayTraceOptions = {}): GatewayTrace {
  const empty: GatewayTrace = { matched: false, steps: [], reasons: [], filters: [], backends: [], alsoTakenBy: [] };
  const routeKinds = request.protocol === 'https' ? (['HTTPRoute', 'TLSRoute'] as RouteKind[]) : routeKindsFor(request);
  const needsListenerSets = model.resources.gateways.some((g) => g.allowedListeners.from !== 'None');
  const kinds: ResourceKind[] = [
    ...BASE_KINDS,
    ...routeKinds.map((k) => ROUTE_COLLECTION[k]),
    ...(needsListenerSets ? (['listenersets'] as const) : []),
  ];
  const unknown = unsyncedReason(model, kinds);
  if (unknown) return { ...empty, unknown, reasons: [unknown] };

  const all = [...model.resources.gateways].sort(compareAge);
  let gateways = all;
  if (options.gateway) {
    const { namespace, name } = options.gateway;
    gateways = all.filter((g) => (g.meta.namespace ?? '') === namespace && g.meta.name === name);
    if (gateways.length === 0) return { ...empty, reasons: [`no Gateway ${namespace}/${name}; Gateways: ${all.map(refText).join(', ') || 'none'}`] };
  } else if ('host' in request && request.host) {
    const byAddress = gatewaysByAddress(all, requestHostname(request.host));
    if (byAddress.length > 0) gateways = byAddress;
  }
  if (gateways.length === 0) return { ...empty, reasons: ['there are no Gateways'] };

  const request_ = describeRequest(request);
  const traces: GatewayTrace[] = [];
  const notTaken: string[] = [];
  for (const g of gateways) {
    const result = traceThrough(model, g, request, options);
    if ('notTaken' in result) for (const text of result.notTaken) notTaken.push(text);
    else traces.push(result);
  }
  if (traces.length === 0) return { ...empty, reasons: [`no Gateway listener takes ${request_}`, ...notTaken] };
  const [best, ...others] = [...traces.filter((t) => t.matched), ...traces.filter((t) => !t.matched)];
  const result = best!;
  result.steps.unshift({ kind: 'gateway', text: `request: ${request_}` });
  result.alsoTakenBy = others.map((t) => ({ ...t.gateway!, matched: t.matched }));
  if (others.length > 0) {
    result.steps.push({
      kind: 'gateway',
      text: `Gateway${others.length > 1 ? 's' : ''} ${others.map((t) => `${t.gateway!.namespace}/${t.gateway!.name}`).join(', ')} also take${others.length > 1 ? '' : 's'} this request: which one serves it depends on where DNS sends ${'host' in request ? request.host : 'it'}`,
    });
  }
  return result;
}


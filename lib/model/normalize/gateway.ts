// Normalisers of the Gateway API kinds, with the defaults the v1.6 standard-channel CRDs declare (structural schema
// `default:` values, which the API server applies on every read and write): parentRef group/kind, backendRef
// group/kind/weight, allowedRoutes namespaces.from Same, allowedListeners from None, the default HTTPRoute rule and
// path match, Exact header, query and gRPC method matches, redirect status 302, and the Pending status conditions.
// Over 400 lines as one idea: the Gateway API's objects as the CRDs default them.

import {
  GATEWAY_GROUP,
  type AllowedRoutes, type BackendRef, type BackendTLSPolicy, type Condition, type FromNamespaces, type Gateway,
  type GatewayAddress, type GatewayClass, type GRPCRoute, type GRPCRouteMatch, type HTTPHeaderChange,
  type HTTPPathModifier, type HTTPRoute, type HTTPRouteMatch, type HTTPRouteRule, type L4RouteRule, type Listener,
  type ListenerSet, type ListenerStatus, type ParentRef, type ReferenceGrant, type RouteFilter, type RouteParentStatus,
  type StringMatchType, type TCPRoute, type TLSRoute, type UDPRoute,
} from '../gateway-types';
import { normalizeLabelSelector, normalizeMeta } from './common';
import type { RawLabelSelector, RawObject } from './raw';

// ---------------------------------------------------------------------------------------------------------------
// Wire shapes (every field optional: manifests leave many out)

type Maybe<T> = T | null | undefined;

interface RawCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

interface RawFromNamespaces {
  from?: string;
  selector?: Maybe<RawLabelSelector>;
}

interface RawListener {
  name?: string;
  hostname?: string;
  port?: number;
  protocol?: string;
  tls?: Maybe<{ mode?: string }>;
  allowedRoutes?: Maybe<{ namespaces?: Maybe<RawFromNamespaces>; kinds?: Maybe<{ group?: string; kind?: string }[]> }>;
}

interface RawListenerStatus {
  name?: string;
  attachedRoutes?: number;
  conditions?: Maybe<RawCondition[]>;
}

interface RawAddress {
  type?: string;
  value?: string;
}

export interface RawGatewayClass extends RawObject {
  spec?: { controllerName?: string };
  status?: { conditions?: Maybe<RawCondition[]> };
}

export interface RawGateway extends RawObject {
  spec?: {
    gatewayClassName?: string;
    listeners?: Maybe<RawListener[]>;
    addresses?: Maybe<RawAddress[]>;
    allowedListeners?: Maybe<{ namespaces?: Maybe<RawFromNamespaces> }>;
  };
  status?: { conditions?: Maybe<RawCondition[]>; addresses?: Maybe<RawAddress[]>; listeners?: Maybe<RawListenerStatus[]> };
}

interface RawParentRef {
  group?: string | null;
  kind?: string;
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}

export interface RawListenerSet extends RawObject {
  spec?: { parentRef?: Maybe<RawParentRef>; listeners?: Maybe<RawListener[]> };
  status?: { conditions?: Maybe<RawCondition[]>; listeners?: Maybe<RawListenerStatus[]> };
}

interface RawBackendRef extends RawParentRef {
  weight?: number;
  filters?: Maybe<RawFilter[]>;
}

interface RawHeaderChange {
  set?: Maybe<{ name?: string; value?: string }[]>;
  add?: Maybe<{ name?: string; value?: string }[]>;
  remove?: Maybe<string[]>;
}

interface RawPathModifier {
  type?: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

interface RawFilter {
  type?: string;
  requestHeaderModifier?: Maybe<RawHeaderChange>;
  responseHeaderModifier?: Maybe<RawHeaderChange>;
  requestRedirect?: Maybe<{ scheme?: string; hostname?: string; path?: Maybe<RawPathModifier>; port?: number; statusCode?: number }>;
  urlRewrite?: Maybe<{ hostname?: string; path?: Maybe<RawPathModifier> }>;
  requestMirror?: Maybe<{ backendRef?: Maybe<RawBackendRef>; percent?: number }>;
  extensionRef?: Maybe<{ group?: string; kind?: string; name?: string }>;
}

interface RawStringMatch {
  type?: string;
  name?: string;
  value?: string;
}

interface RawHTTPMatch {
  path?: Maybe<{ type?: string; value?: string }>;
  headers?: Maybe<RawStringMatch[]>;
  queryParams?: Maybe<RawStringMatch[]>;
  method?: string;
}

interface RawRouteStatus {
  parents?: Maybe<{ parentRef?: Maybe<RawParentRef>; controllerName?: string; conditions?: Maybe<RawCondition[]> }[]>;
}

interface RawRouteSpec {
  parentRefs?: Maybe<RawParentRef[]>;
  hostnames?: Maybe<string[]>;
}

export interface RawHTTPRoute extends RawObject {
  spec?: RawRouteSpec & {
    rules?: Maybe<{ name?: string; matches?: Maybe<RawHTTPMatch[]>; filters?: Maybe<RawFilter[]>; backendRefs?: Maybe<RawBackendRef[]> }[]>;
  };
  status?: RawRouteStatus;
}

export interface RawGRPCRoute extends RawObject {
  spec?: RawRouteSpec & {
    rules?: Maybe<
      {
        name?: string;
        matches?: Maybe<{ method?: Maybe<{ type?: string; service?: string; method?: string }>; headers?: Maybe<RawStringMatch[]> }[]>;
        filters?: Maybe<RawFilter[]>;
        backendRefs?: Maybe<RawBackendRef[]>;
      }[]
    >;
  };
  status?: RawRouteStatus;
}

export interface RawL4Route extends RawObject {
  spec?: RawRouteSpec & { rules?: Maybe<{ name?: string; backendRefs?: Maybe<RawBackendRef[]> }[]> };
  status?: RawRouteStatus;
}

export interface RawReferenceGrant extends RawObject {
  spec?: {
    from?: Maybe<{ group?: string; kind?: string; namespace?: string }[]>;
    to?: Maybe<{ group?: string; kind?: string; name?: string }[]>;
  };
}

export interface RawBackendTLSPolicy extends RawObject {
  spec?: {
    targetRefs?: Maybe<{ group?: string; kind?: string; name?: string; sectionName?: string }[]>;
    validation?: Maybe<{ hostname?: string }>;
  };
  status?: { ancestors?: Maybe<{ ancestorRef?: Maybe<RawParentRef>; controllerName?: string; conditions?: Maybe<RawCondition[]> }[]> };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared parts

const PENDING: Condition[] = ['Accepted', 'Programmed'].map((type) => ({
  type,
  status: 'Unknown',
  reason: 'Pending',
  message: 'Waiting for controller',
}));

function normalizeConditions(raw: Maybe<RawCondition[]>): Condition[] {
  return (raw ?? [])
    .filter((c) => c.type)
    .map((c) => ({
      type: c.type as string,
      status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    }));
}

/** Gateway and ListenerSet status: the CRD's default (Accepted and Programmed Unknown, Pending) when none is written. */
function statusConditions(raw: Maybe<RawCondition[]>): Condition[] {
  return raw == null ? PENDING.map((c) => ({ ...c })) : normalizeConditions(raw);
}

const FROM = new Set<FromNamespaces['from']>(['All', 'Selector', 'Same', 'None']);

function normalizeFrom(raw: Maybe<RawFromNamespaces>, fallback: FromNamespaces['from']): FromNamespaces {
  // An unknown value admits nothing rather than something the author did not mean.
  const from = raw?.from === undefined ? fallback : FROM.has(raw.from as FromNamespaces['from']) ? (raw.from as FromNamespaces['from']) : 'None';
  // Selector without a selector admits nothing (an empty selector, `{}`, would admit every namespace).
  return from === 'Selector' && raw?.selector != null ? { from, selector: normalizeLabelSelector(raw.selector) } : { from };
}

function normalizeListener(raw: RawListener): Listener {
  const allowedRoutes: AllowedRoutes = {
    namespaces: normalizeFrom(raw.allowedRoutes?.namespaces, 'Same'),
    kinds: (raw.allowedRoutes?.kinds ?? []).map((k) => ({ group: k.group ?? GATEWAY_GROUP, kind: k.kind ?? '' })),
  };
  const listener: Listener = { name: raw.name ?? '', port: raw.port ?? 0, protocol: raw.protocol ?? '', allowedRoutes };
  if (raw.hostname) listener.hostname = raw.hostname.toLowerCase();
  if (raw.tls) listener.tlsMode = raw.tls.mode === 'Passthrough' ? 'Passthrough' : 'Terminate';
  return listener;
}

function normalizeListenerStatuses(raw: Maybe<RawListenerStatus[]>): ListenerStatus[] {
  return (raw ?? []).map((l) => ({ name: l.name ?? '', attachedRoutes: l.attachedRoutes ?? 0, conditions: normalizeConditions(l.conditions) }));
}

function normalizeAddresses(raw: Maybe<RawAddress[]>): GatewayAddress[] {
  return (raw ?? []).filter((a) => a.value).map((a) => ({ type: a.type ?? 'IPAddress', value: a.value as string }));
}

export function normalizeParentRef(raw: RawParentRef): ParentRef {
  const ref: ParentRef = { group: raw.group ?? GATEWAY_GROUP, kind: raw.kind ?? 'Gateway', name: raw.name ?? '' };
  if (raw.namespace) ref.namespace = raw.namespace;
  if (raw.sectionName) ref.sectionName = raw.sectionName;
  if (typeof raw.port === 'number') ref.port = raw.port;
  return ref;
}

function objectRef(raw: RawParentRef): Omit<BackendRef, 'weight' | 'filters'> {
  const ref: Omit<BackendRef, 'weight' | 'filters'> = { group: raw.group ?? '', kind: raw.kind ?? 'Service', name: raw.name ?? '' };
  if (raw.namespace) ref.namespace = raw.namespace;
  if (typeof raw.port === 'number') ref.port = raw.port;
  return ref;
}

function normalizeBackendRef(raw: RawBackendRef): BackendRef {
  return { ...objectRef(raw), weight: typeof raw.weight === 'number' ? raw.weight : 1, filters: (raw.filters ?? []).map(normalizeFilter) };
}

function normalizeHeaderChange(raw: RawHeaderChange): HTTPHeaderChange {
  const pairs = (list: Maybe<{ name?: string; value?: string }[]>) => (list ?? []).map((h) => ({ name: h.name ?? '', value: h.value ?? '' }));
  return { set: pairs(raw.set), add: pairs(raw.add), remove: [...(raw.remove ?? [])] };
}

function normalizePathModifier(raw: RawPathModifier): HTTPPathModifier {
  const modifier: HTTPPathModifier = { type: raw.type === 'ReplacePrefixMatch' ? 'ReplacePrefixMatch' : 'ReplaceFullPath' };
  if (typeof raw.replaceFullPath === 'string') modifier.replaceFullPath = raw.replaceFullPath;
  if (typeof raw.replacePrefixMatch === 'string') modifier.replacePrefixMatch = raw.replacePrefixMatch;
  return modifier;
}

function normalizeFilter(raw: RawFilter): RouteFilter {
  const filter: RouteFilter = { type: raw.type ?? '' };
  if (raw.requestHeaderModifier) filter.requestHeaderModifier = normalizeHeaderChange(raw.requestHeaderModifier);
  if (raw.responseHeaderModifier) filter.responseHeaderModifier = normalizeHeaderChange(raw.responseHeaderModifier);
  if (raw.requestRedirect) {
    const r = raw.requestRedirect;
    filter.requestRedirect = {
      statusCode: r.statusCode ?? 302,
      ...(r.scheme ? { scheme: r.scheme } : {}),
      ...(r.hostname ? { hostname: r.hostname } : {}),
      ...(r.path ? { path: normalizePathModifier(r.path) } : {}),
      ...(typeof r.port === 'number' ? { port: r.port } : {}),
    };
  }
  if (raw.urlRewrite) {
    filter.urlRewrite = {
      ...(raw.urlRewrite.hostname ? { hostname: raw.urlRewrite.hostname } : {}),
      ...(raw.urlRewrite.path ? { path: normalizePathModifier(raw.urlRewrite.path) } : {}),
    };
  }
  if (raw.requestMirror?.backendRef) {
    filter.requestMirror = {
      backendRef: objectRef(raw.requestMirror.backendRef),
      ...(typeof raw.requestMirror.percent === 'number' ? { percent: raw.requestMirror.percent } : {}),
    };
  }
  if (raw.extensionRef) {
    filter.extensionRef = { group: raw.extensionRef.group ?? '', kind: raw.extensionRef.kind ?? '', name: raw.extensionRef.name ?? '' };
  }
  return filter;
}

const matchType = (raw: string | undefined): StringMatchType => (raw === 'RegularExpression' ? 'RegularExpression' : 'Exact');

function normalizeStringMatches(raw: Maybe<RawStringMatch[]>) {
  return (raw ?? []).map((m) => ({ type: matchType(m.type), name: m.name ?? '', value: m.value ?? '' }));
}

function normalizeRouteStatus(raw: RawRouteStatus | undefined): RouteParentStatus[] {
  return (raw?.parents ?? []).map((p) => ({
    parentRef: normalizeParentRef(p.parentRef ?? {}),
    controllerName: p.controllerName ?? '',
    conditions: normalizeConditions(p.conditions),
  }));
}

function routeBase(raw: RawObject & { spec?: RawRouteSpec; status?: RawRouteStatus }) {
  return {
    meta: normalizeMeta(raw.metadata),
    parentRefs: (raw.spec?.parentRefs ?? []).map(normalizeParentRef),
    parents: normalizeRouteStatus(raw.status),
  };
}

const hostnamesOf = (spec: RawRouteSpec | undefined) => (spec?.hostnames ?? []).map((h) => h.toLowerCase());

// ---------------------------------------------------------------------------------------------------------------
// Kinds

export function normalizeGatewayClass(raw: RawGatewayClass): GatewayClass {
  return {
    meta: normalizeMeta(raw.metadata),
    controllerName: raw.spec?.controllerName ?? '',
    // The CRD defaults GatewayClass status to Accepted Unknown (Pending), like a Gateway's.
    conditions: raw.status?.conditions == null ? [{ ...PENDING[0]! }] : normalizeConditions(raw.status.conditions),
  };
}

export function normalizeGateway(raw: RawGateway): Gateway {
  const spec = raw.spec ?? {};
  return {
    meta: normalizeMeta(raw.metadata),
    gatewayClassName: spec.gatewayClassName ?? '',
    listeners: (spec.listeners ?? []).map(normalizeListener),
    addresses: normalizeAddresses(spec.addresses),
    allowedListeners: normalizeFrom(spec.allowedListeners?.namespaces, 'None'),
    conditions: statusConditions(raw.status?.conditions),
    statusAddresses: normalizeAddresses(raw.status?.addresses),
    listenerStatuses: normalizeListenerStatuses(raw.status?.listeners),
  };
}

export function normalizeListenerSet(raw: RawListenerSet): ListenerSet {
  const parent = raw.spec?.parentRef ?? {};
  return {
    meta: normalizeMeta(raw.metadata),
    parentRef: {
      group: parent.group ?? GATEWAY_GROUP,
      kind: parent.kind ?? 'Gateway',
      name: parent.name ?? '',
      ...(parent.namespace ? { namespace: parent.namespace } : {}),
    },
    listeners: (raw.spec?.listeners ?? []).map(normalizeListener),
    conditions: statusConditions(raw.status?.conditions),
    listenerStatuses: normalizeListenerStatuses(raw.status?.listeners),
  };
}

const DEFAULT_HTTP_MATCH = (): HTTPRouteMatch => ({ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] });

function normalizeHTTPMatch(raw: RawHTTPMatch): HTTPRouteMatch {
  const type = raw.path?.type;
  const match: HTTPRouteMatch = {
    path: {
      type: type === 'Exact' || type === 'RegularExpression' ? type : 'PathPrefix',
      value: raw.path?.value ?? '/',
    },
    headers: normalizeStringMatches(raw.headers),
    queryParams: normalizeStringMatches(raw.queryParams),
  };
  if (raw.method) match.method = raw.method;
  return match;
}

export function normalizeHTTPRoute(raw: RawHTTPRoute): HTTPRoute {
  const rules = raw.spec?.rules ?? [{}];
  return {
    ...routeBase(raw),
    hostnames: hostnamesOf(raw.spec),
    rules: rules.map(
      (r): HTTPRouteRule => ({
        ...(r.name ? { name: r.name } : {}),
        matches: r.matches == null || r.matches.length === 0 ? [DEFAULT_HTTP_MATCH()] : r.matches.map(normalizeHTTPMatch),
        filters: (r.filters ?? []).map(normalizeFilter),
        backendRefs: (r.backendRefs ?? []).map(normalizeBackendRef),
      }),
    ),
  };
}

export function normalizeGRPCRoute(raw: RawGRPCRoute): GRPCRoute {
  return {
    ...routeBase(raw),
    hostnames: hostnamesOf(raw.spec),
    rules: (raw.spec?.rules ?? []).map((r) => ({
      ...(r.name ? { name: r.name } : {}),
      matches: (r.matches ?? []).map(
        (m): GRPCRouteMatch => ({
          ...(m.method
            ? {
                method: {
                  type: matchType(m.method.type),
                  ...(m.method.service ? { service: m.method.service } : {}),
                  ...(m.method.method ? { method: m.method.method } : {}),
                },
              }
            : {}),
          headers: normalizeStringMatches(m.headers),
        }),
      ),
      filters: (r.filters ?? []).map(normalizeFilter),
      backendRefs: (r.backendRefs ?? []).map(normalizeBackendRef),
    })),
  };
}

function l4Rules(raw: RawL4Route): L4RouteRule[] {
  return (raw.spec?.rules ?? []).map((r) => ({ ...(r.name ? { name: r.name } : {}), backendRefs: (r.backendRefs ?? []).map(normalizeBackendRef) }));
}

export function normalizeTLSRoute(raw: RawL4Route): TLSRoute {
  return { ...routeBase(raw), hostnames: hostnamesOf(raw.spec), rules: l4Rules(raw) };
}

export function normalizeTCPRoute(raw: RawL4Route): TCPRoute {
  return { ...routeBase(raw), rules: l4Rules(raw) };
}

export function normalizeUDPRoute(raw: RawL4Route): UDPRoute {
  return { ...routeBase(raw), rules: l4Rules(raw) };
}

export function normalizeReferenceGrant(raw: RawReferenceGrant): ReferenceGrant {
  return {
    meta: normalizeMeta(raw.metadata),
    from: (raw.spec?.from ?? []).map((f) => ({ group: f.group ?? '', kind: f.kind ?? '', namespace: f.namespace ?? '' })),
    to: (raw.spec?.to ?? []).map((t) => ({ group: t.group ?? '', kind: t.kind ?? '', ...(t.name ? { name: t.name } : {}) })),
  };
}

export function normalizeBackendTLSPolicy(raw: RawBackendTLSPolicy): BackendTLSPolicy {
  return {
    meta: normalizeMeta(raw.metadata),
    targetRefs: (raw.spec?.targetRefs ?? []).map((t) => ({
      group: t.group ?? '',
      kind: t.kind ?? '',
      name: t.name ?? '',
      ...(t.sectionName ? { sectionName: t.sectionName } : {}),
    })),
    hostname: raw.spec?.validation?.hostname ?? '',
    ancestors: (raw.status?.ancestors ?? []).map((a) => ({
      parentRef: normalizeParentRef(a.ancestorRef ?? {}),
      controllerName: a.controllerName ?? '',
      conditions: normalizeConditions(a.conditions),
    })),
  };
}

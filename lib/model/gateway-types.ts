// The Gateway API (gateway.networking.k8s.io, standard channel v1.6) as kube-netmap keeps it: what routing needs
// (listeners, parentRefs, hostnames, rules, matches, filters, backendRefs with weights) and the status conditions
// controllers write, shown beside the engine's own answer and never required by it. Every field is already
// defaulted the way the CRDs' structural schemas default it, so manifests and live objects read the same.

import type { LabelSelector, ObjectMeta } from './types';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A metav1.Condition, as controllers write them in status. */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface GatewayClass {
  meta: ObjectMeta;
  controllerName: string;
  conditions: Condition[];
}

/** Which namespaces may attach (routes to a listener, ListenerSets to a Gateway). */
export interface FromNamespaces {
  from: 'All' | 'Selector' | 'Same' | 'None';
  /** Only read when `from` is Selector; absent there, it admits no namespace. */
  selector?: LabelSelector;
}

export interface RouteGroupKind {
  group: string;
  kind: string;
}

export interface AllowedRoutes {
  namespaces: FromNamespaces;
  /** Empty: the kinds the listener's protocol carries. */
  kinds: RouteGroupKind[];
}

/** HTTP, HTTPS, TLS, TCP, UDP, or an implementation's own `domain/name`. */
export type ListenerProtocol = string;

export interface Listener {
  name: string;
  /** Absent: every hostname. May start with the wildcard label `*.`. */
  hostname?: string;
  port: number;
  protocol: ListenerProtocol;
  /** Set when the listener has a tls block (HTTPS and TLS listeners); Terminate is the API's default. */
  tlsMode?: 'Terminate' | 'Passthrough';
  allowedRoutes: AllowedRoutes;
}

export interface GatewayAddress {
  /** IPAddress (the default), Hostname, or an implementation's own type. */
  type: string;
  value: string;
}

export interface ListenerStatus {
  name: string;
  attachedRoutes: number;
  conditions: Condition[];
}

export interface Gateway {
  meta: ObjectMeta;
  gatewayClassName: string;
  listeners: Listener[];
  /** spec.addresses: the addresses asked for. */
  addresses: GatewayAddress[];
  /** Which ListenerSets may attach; the API's default is None. */
  allowedListeners: FromNamespaces;
  /** status.conditions; the CRD defaults them to Accepted and Programmed Unknown (Pending) until a controller writes. */
  conditions: Condition[];
  /** status.addresses: the addresses the controller assigned. */
  statusAddresses: GatewayAddress[];
  listenerStatuses: ListenerStatus[];
}

/** A reference to a Gateway (ListenerSet.spec.parentRef). */
export interface ParentGatewayRef {
  group: string;
  kind: string;
  name: string;
  /** Absent: the referring object's namespace. */
  namespace?: string;
}

export interface ListenerSet {
  meta: ObjectMeta;
  parentRef: ParentGatewayRef;
  listeners: Listener[];
  conditions: Condition[];
  listenerStatuses: ListenerStatus[];
}

export interface ParentRef {
  group: string;
  kind: string;
  /** Absent: the route's namespace. */
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface BackendRef {
  /** "" is the core group (Services). */
  group: string;
  kind: string;
  name: string;
  /** Absent: the route's namespace. */
  namespace?: string;
  port?: number;
  /** Defaults to 1; 0 sends nothing here. */
  weight: number;
  /** Filters on this backend only (HTTPRoute and GRPCRoute). */
  filters: RouteFilter[];
}

export interface HTTPHeaderChange {
  set: { name: string; value: string }[];
  add: { name: string; value: string }[];
  remove: string[];
}

export interface HTTPPathModifier {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

/** The filters of HTTPRoute and GRPCRoute rules; only the parts a trace shows are kept. */
export interface RouteFilter {
  type: string;
  requestHeaderModifier?: HTTPHeaderChange;
  responseHeaderModifier?: HTTPHeaderChange;
  requestRedirect?: {
    scheme?: string;
    hostname?: string;
    path?: HTTPPathModifier;
    port?: number;
    /** Defaults to 302. */
    statusCode: number;
  };
  urlRewrite?: { hostname?: string; path?: HTTPPathModifier };
  requestMirror?: { backendRef: Omit<BackendRef, 'weight' | 'filters'>; percent?: number };
  extensionRef?: { group: string; kind: string; name: string };
}

export type StringMatchType = 'Exact' | 'RegularExpression';

export interface HTTPRouteMatch {
  /** Defaults to PathPrefix "/". */
  path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  headers: { type: StringMatchType; name: string; value: string }[];
  queryParams: { type: StringMatchType; name: string; value: string }[];
  method?: string;
}

export interface HTTPRouteRule {
  name?: string;
  /** Never empty: the API defaults it to one PathPrefix "/" match. */
  matches: HTTPRouteMatch[];
  filters: RouteFilter[];
  backendRefs: BackendRef[];
}

/** A route's status for one parent, as the parent's controller wrote it. */
export interface RouteParentStatus {
  parentRef: ParentRef;
  controllerName: string;
  conditions: Condition[];
}

interface RouteBase {
  meta: ObjectMeta;
  parentRefs: ParentRef[];
  parents: RouteParentStatus[];
}

export interface HTTPRoute extends RouteBase {
  hostnames: string[];
  /** Never empty: the API defaults it to one rule matching every request. */
  rules: HTTPRouteRule[];
}

export interface GRPCRouteMatch {
  method?: { type: StringMatchType; service?: string; method?: string };
  headers: { type: StringMatchType; name: string; value: string }[];
}

export interface GRPCRouteRule {
  name?: string;
  /** Empty: every gRPC request. */
  matches: GRPCRouteMatch[];
  filters: RouteFilter[];
  backendRefs: BackendRef[];
}

export interface GRPCRoute extends RouteBase {
  hostnames: string[];
  rules: GRPCRouteRule[];
}

export interface L4RouteRule {
  name?: string;
  backendRefs: BackendRef[];
}

export interface TLSRoute extends RouteBase {
  hostnames: string[];
  rules: L4RouteRule[];
}

export interface TCPRoute extends RouteBase {
  rules: L4RouteRule[];
}

export interface UDPRoute extends RouteBase {
  rules: L4RouteRule[];
}

export interface ReferenceGrant {
  meta: ObjectMeta;
  from: { group: string; kind: string; namespace: string }[];
  /** A `to` without a name admits every object of that group and kind in the grant's namespace. */
  to: { group: string; kind: string; name?: string }[];
}

export interface BackendTLSPolicy {
  meta: ObjectMeta;
  targetRefs: { group: string; kind: string; name: string; sectionName?: string }[];
  /** validation.hostname: the SNI and the name the backend's certificate must carry. */
  hostname: string;
  /** status.ancestors, per Gateway. */
  ancestors: RouteParentStatus[];
}

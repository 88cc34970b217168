// Typed builders of small cluster models for the analysis tests. Every builder takes a reference ("name" for the
// default namespace, "namespace/name" otherwise; cluster-scoped kinds take a plain name) and an `init` object whose
// fields are the model type's own fields (so anything can be overridden), plus a few documented shorthands.
// Defaults are what a healthy, freshly normalised object looks like. Uids are derived from kind and reference, so
// two builds of the same object are equal and tests stay deterministic.
// Over 400 lines as one idea: one builder per kind of the model, side by side.

import { emptyModel } from '@/lib/model/changes';
import type {
  ClusterModel,
  ClusterPolicyAction,
  ClusterPolicyPeer,
  ClusterPolicyPort,
  ClusterPolicyRule,
  ClusterWidePolicy,
  NamespacedPods,
  SecretName,
  Container,
  ContainerPort,
  Endpoint,
  EndpointConditions,
  EndpointPort,
  EndpointSlice,
  Ingress,
  IngressBackend,
  IngressClass,
  IngressPath,
  IngressPathType,
  IngressRule,
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Node,
  ObjectMeta,
  ObjectRef,
  Pod,
  Protocol,
  ResourceCollections,
  ResourceKind,
  Service,
  ServicePort,
  SyncState,
} from '@/lib/model/types';

export const DEFAULT_NAMESPACE = 'default';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

// ---------------------------------------------------------------------------------------------------------------
// Metadata

/** Metadata overrides every builder accepts. */
export interface MetaInit {
  labels?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  /** Marks the object as being deleted (a terminating pod, for instance). */
  deletionTimestamp?: string;
}

/** Splits "namespace/name" (or "name", in the default namespace). */
export function splitRef(ref: string, defaultNamespace = DEFAULT_NAMESPACE): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash < 0 ? { namespace: defaultNamespace, name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

function namespacedMeta(kind: string, ref: string, init: MetaInit): ObjectMeta {
  const { namespace, name } = splitRef(ref);
  return { ...baseMeta(`${kind}/${namespace}/${name}`, name, init), namespace };
}

function clusterMeta(kind: string, name: string, init: MetaInit): ObjectMeta {
  return baseMeta(`${kind}/${name}`, name, init);
}

function baseMeta(uid: string, name: string, init: MetaInit): ObjectMeta {
  const meta: ObjectMeta = {
    uid: init.uid ?? uid,
    name,
    labels: { ...(init.labels ?? {}) },
    resourceVersion: init.resourceVersion ?? '1',
  };
  if (init.creationTimestamp) meta.creationTimestamp = init.creationTimestamp;
  if (init.deletionTimestamp) meta.deletionTimestamp = init.deletionTimestamp;
  return meta;
}

/** Removes the shorthand and metadata keys from an init object, leaving only model fields to spread. */
function modelFields<T extends object, K extends string>(init: T, keys: readonly K[]): Omit<T, K> {
  const rest = { ...init } as Record<string, unknown>;
  for (const key of [...keys, 'labels', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp']) delete rest[key];
  return rest as Omit<T, K>;
}

// ---------------------------------------------------------------------------------------------------------------
// Namespaces and nodes

export type NamespaceInit = MetaInit & Partial<Omit<Namespace, 'meta'>>;

/** A namespace with the kubernetes.io/metadata.name label the API server sets on every namespace. */
export function namespace(name: string, init: NamespaceInit = {}): Namespace {
  const meta = clusterMeta('namespace', name, init);
  meta.labels = { [NAMESPACE_NAME_LABEL]: name, ...meta.labels };
  return { meta, phase: 'Active', ...modelFields(init, []) };
}

export type NodeInit = MetaInit & Partial<Omit<Node, 'meta'>> & {
  /** Shorthand for addresses: [{ type: 'InternalIP', address: ip }]. */
  ip?: string;
};

export function node(name: string, init: NodeInit = {}): Node {
  return {
    meta: clusterMeta('node', name, init),
    addresses: init.ip ? [{ type: 'InternalIP', address: init.ip }] : [],
    podCIDRs: [],
    ready: true,
    unschedulable: false,
    ...modelFields(init, ['ip']),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pods

/** A container port: a bare number is an unnamed TCP port. */
export type ContainerPortInit = number | (Omit<ContainerPort, 'protocol'> & { protocol?: Protocol });

export interface ContainerInit {
  name?: string;
  ports?: ContainerPortInit[];
  /** Defaults to the pod's readiness. */
  ready?: boolean;
  sidecar?: boolean;
}

export type PodInit = MetaInit & Partial<Omit<Pod, 'meta' | 'containers'>> & {
  /** Shorthand for podIPs: [ip]. */
  ip?: string;
  /** Ports of a single container named "main"; ignored when `containers` is given. */
  ports?: ContainerPortInit[];
  containers?: ContainerInit[];
};

export function containerPort(port: ContainerPortInit): ContainerPort {
  if (typeof port === 'number') return { containerPort: port, protocol: 'TCP' };
  return { ...port, protocol: port.protocol ?? 'TCP' };
}

/**
 * A running, ready pod (not ready when it has a deletionTimestamp, as the normaliser does) with no labels and no IP
 * unless given. Its workload is the pod itself unless `workload` is given.
 */
export function pod(ref: string, init: PodInit = {}): Pod {
  const meta = namespacedMeta('pod', ref, init);
  const ready = init.ready ?? !init.deletionTimestamp;
  const containers: Container[] = (init.containers ?? [{ name: 'main', ports: init.ports ?? [] }]).map((c, i) => ({
    name: c.name ?? (i === 0 ? 'main' : `c${i}`),
    ports: (c.ports ?? []).map(containerPort),
    ready: c.ready ?? ready,
    sidecar: c.sidecar ?? false,
  }));
  return {
    meta,
    workload: { kind: 'Pod', name: meta.name },
    hostNetwork: false,
    phase: 'Running',
    ready,
    podIPs: init.ip ? [init.ip] : [],
    containers,
    ...modelFields(init, ['ip', 'ports', 'containers']),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Services and EndpointSlices

/** A Service port: a bare number is an unnamed TCP port whose targetPort is the same number. */
export type ServicePortInit = number | (Omit<ServicePort, 'protocol' | 'targetPort'> & { protocol?: Protocol; targetPort?: number | string });

export function servicePort(port: ServicePortInit): ServicePort {
  if (typeof port === 'number') return { port, protocol: 'TCP', targetPort: port };
  return { ...port, protocol: port.protocol ?? 'TCP', targetPort: port.targetPort ?? port.port };
}

export type ServiceInit = MetaInit & Partial<Omit<Service, 'meta' | 'selector' | 'ports'>> & {
  /** Defaults to { app: <name> } (none for ExternalName). `null` makes a selector-less Service. */
  selector?: Record<string, string> | null;
  /** Defaults to a single unnamed port 80/TCP → 80. */
  ports?: ServicePortInit[];
};

/**
 * A ClusterIP Service. `clusterIP: 'None'` makes it headless; a cluster IP given only as `clusterIP` is copied into
 * `clusterIPs` (and "None" is not, as the normaliser does), and `ipFamilies` follows the cluster IPs unless given.
 */
export function service(ref: string, init: ServiceInit = {}): Service {
  const meta = namespacedMeta('service', ref, init);
  const type = init.type ?? 'ClusterIP';
  const clusterIPs = init.clusterIPs ?? (init.clusterIP && init.clusterIP !== 'None' ? [init.clusterIP] : []);
  const svc: Service = {
    meta,
    type,
    ports: (init.ports ?? [80]).map(servicePort),
    clusterIPs,
    ipFamilies: clusterIPs.map((ip) => (ip.includes(':') ? 'IPv6' : 'IPv4')),
    externalIPs: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    loadBalancerIngress: [],
    ...modelFields(init, ['selector', 'ports', 'clusterIPs']),
  };
  const selector = init.selector === undefined ? (type === 'ExternalName' ? undefined : { app: meta.name }) : init.selector;
  if (selector && Object.keys(selector).length > 0) svc.selector = { ...selector };
  if (init.clusterIP === undefined && clusterIPs[0]) svc.clusterIP = clusterIPs[0];
  return svc;
}

export interface EndpointInit extends Partial<EndpointConditions> {
  hostname?: string;
  nodeName?: string;
  zone?: string;
  /** The pod behind the endpoint, as a Pod or a pod name in the slice's namespace: sets targetRef. */
  pod?: Pod | string;
  targetRef?: ObjectRef;
}

/** An endpoint; conditions default to ready and serving, and `terminating` alone makes it not ready. */
export function endpoint(address: string | string[], init: EndpointInit = {}): Endpoint {
  const terminating = init.terminating ?? false;
  const ready = init.ready ?? !terminating;
  const ep: Endpoint = {
    addresses: typeof address === 'string' ? [address] : [...address],
    conditions: { ready, serving: init.serving ?? ready, terminating },
  };
  if (init.hostname) ep.hostname = init.hostname;
  if (init.nodeName) ep.nodeName = init.nodeName;
  if (init.zone) ep.zone = init.zone;
  const targetRef =
    init.targetRef ??
    (typeof init.pod === 'string'
      ? { kind: 'Pod', name: init.pod }
      : init.pod
        ? { kind: 'Pod', name: init.pod.meta.name, ...(init.pod.meta.namespace ? { namespace: init.pod.meta.namespace } : {}) }
        : undefined);
  if (targetRef) ep.targetRef = targetRef;
  return ep;
}

/** The endpoint the EndpointSlice controller would write for a pod: its first IP, readiness and targetRef. */
export function endpointFor(p: Pod, init: Omit<EndpointInit, 'pod'> = {}): Endpoint {
  const terminating = init.terminating ?? !!p.meta.deletionTimestamp;
  return endpoint(p.podIPs[0] ?? '', {
    ready: p.ready && !terminating,
    serving: p.ready,
    terminating,
    ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    ...init,
    pod: p,
  });
}

/** An EndpointSlice port: a bare number is an unnamed TCP port. */
export type EndpointPortInit = number | (Omit<EndpointPort, 'protocol'> & { protocol?: Protocol });

export function endpointPort(port: EndpointPortInit): EndpointPort {
  if (typeof port === 'number') return { port, protocol: 'TCP' };
  return { ...port, protocol: port.protocol ?? 'TCP' };
}

export type SliceInit = MetaInit & Partial<Omit<EndpointSlice, 'meta' | 'ports' | 'serviceName'>> & {
  /** The owning Service's name: sets serviceName and the kubernetes.io/service-name label. */
  service?: string;
  ports?: EndpointPortInit[];
};

/** An EndpointSlice; addressType follows the first endpoint's address (IPv6 when it has a colon) unless given. */
export function slice(ref: string, init: SliceInit = {}): EndpointSlice {
  const meta = namespacedMeta('endpointslice', ref, init);
  if (init.service) meta.labels = { [SERVICE_NAME_LABEL]: init.service, ...meta.labels };
  const endpoints = init.endpoints ?? [];
  const s: EndpointSlice = {
    meta,
    addressType: endpoints[0]?.addresses[0]?.includes(':') ? 'IPv6' : 'IPv4',
    endpoints,
    ports: (init.ports ?? []).map(endpointPort),
    ...modelFields(init, ['service', 'ports']),
  };
  if (init.service) s.serviceName = init.service;
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Ingresses

export type IngressInit = MetaInit & Partial<Omit<Ingress, 'meta'>>;

export function ingress(ref: string, init: IngressInit = {}): Ingress {
  return { meta: namespacedMeta('ingress', ref, init), rules: [], tls: [], loadBalancerIngress: [], ...modelFields(init, []) };
}

/** An IngressRule; `undefined` host means the rule applies to every host. */
export function ingressRule(host: string | undefined, ...paths: IngressPath[]): IngressRule {
  return host === undefined ? { paths } : { host, paths };
}

export function httpPath(path: string | undefined, pathType: IngressPathType, backend: IngressBackend): IngressPath {
  return path === undefined ? { pathType, backend } : { path, pathType, backend };
}

/** A Service backend; a number is port.number, a string port.name. */
export function serviceBackend(name: string, port: number | string): IngressBackend {
  return { service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

export function resourceBackend(kind: string, name: string, apiGroup?: string): IngressBackend {
  return { resource: { kind, name, ...(apiGroup ? { apiGroup } : {}) } };
}

export type IngressClassInit = MetaInit & Partial<Omit<IngressClass, 'meta'>>;

export function ingressClass(name: string, init: IngressClassInit = {}): IngressClass {
  return { meta: clusterMeta('ingressclass', name, init), controller: `example.com/${name}`, isDefault: false, ...modelFields(init, []) };
}

/** A Secret as the model knows it: a name in a namespace ("ns/name"). */
export function secret(ref: string): SecretName {
  return { meta: namespacedMeta('secret', ref, {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// NetworkPolicies

/** A label selector; `selector()` with no arguments is the empty selector, which selects everything. */
export function selector(matchLabels: Record<string, string> = {}, ...matchExpressions: LabelSelectorRequirement[]): LabelSelector {
  return { matchLabels: { ...matchLabels }, matchExpressions };
}

export function requirement(key: string, operator: LabelSelectorRequirement['operator'], values: string[] = []): LabelSelectorRequirement {
  return { key, operator, values: [...values] };
}

/** Where a selector is expected, a plain map is read as its matchLabels. */
export type SelectorInit = LabelSelector | Record<string, string>;

function toSelector(init: SelectorInit): LabelSelector {
  const s = init as Partial<LabelSelector>;
  const isSelector = typeof s.matchLabels === 'object' && Array.isArray(s.matchExpressions);
  return isSelector ? selector(s.matchLabels, ...(s.matchExpressions ?? [])) : selector(init as Record<string, string>);
}

export function ipBlock(cidr: string, ...except: string[]): IPBlock {
  return { cidr, except };
}

/**
 * A policy peer. Absent and empty selectors differ (absent `namespaces` means the policy's own namespace, `{}` means
 * every namespace), so only the keys given are set. A string ipBlock is a CIDR without exceptions.
 */
export function peer(init: { pods?: SelectorInit; namespaces?: SelectorInit; ipBlock?: string | IPBlock }): NetworkPolicyPeer {
  const p: NetworkPolicyPeer = {};
  if (init.pods) p.podSelector = toSelector(init.pods);
  if (init.namespaces) p.namespaceSelector = toSelector(init.namespaces);
  if (init.ipBlock) p.ipBlock = typeof init.ipBlock === 'string' ? ipBlock(init.ipBlock) : init.ipBlock;
  return p;
}

/** A policy port; no port means every port of the protocol, a string is a named container port. */
export function policyPort(port?: number | string, protocol: Protocol = 'TCP', endPort?: number): NetworkPolicyPort {
  const p: NetworkPolicyPort = { protocol };
  if (port !== undefined) p.port = port;
  if (endPort !== undefined) p.endPort = endPort;
  return p;
}

/** Ports given as bare numbers or names are TCP. */
export type PolicyPortInit = NetworkPolicyPort | number | string;

const toPolicyPort = (p: PolicyPortInit): NetworkPolicyPort => (typeof p === 'object' ? p : policyPort(p));

/** A NetworkPolicyIngressRule: empty `from` means every source, empty `ports` every port. */
export function policyIngress(init: { from?: NetworkPolicyPeer[]; ports?: PolicyPortInit[] } = {}): NetworkPolicyRule {
  return { peers: init.from ?? [], ports: (init.ports ?? []).map(toPolicyPort) };
}

/** A NetworkPolicyEgressRule: empty `to` means every destination, empty `ports` every port. */
export function policyEgress(init: { to?: NetworkPolicyPeer[]; ports?: PolicyPortInit[] } = {}): NetworkPolicyRule {
  return { peers: init.to ?? [], ports: (init.ports ?? []).map(toPolicyPort) };
}

export type NetworkPolicyInit = MetaInit & Partial<Omit<NetworkPolicy, 'meta' | 'podSelector'>> & {
  /** Defaults to the empty selector (every pod in the namespace). */
  podSelector?: SelectorInit;
};

/**
 * A NetworkPolicy. policyTypes default the way the API server defaults them: Ingress always, Egress when there are
 * egress rules. So a deny-all-egress policy (no egress rules) must say policyTypes: ['Egress'] explicitly.
 */
export function networkPolicy(ref: string, init: NetworkPolicyInit = {}): NetworkPolicy {
  const ingressRules = init.ingress ?? [];
  const egressRules = init.egress ?? [];
  return {
    meta: namespacedMeta('networkpolicy', ref, init),
    podSelector: toSelector(init.podSelector ?? {}),
    policyTypes: init.policyTypes ?? (egressRules.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']),
    ingress: ingressRules,
    egress: egressRules,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Models

export type ModelInit = Partial<ResourceCollections> & {
  /** Sync states to override; every other kind is synced. */
  sync?: Partial<Record<ResourceKind, SyncState>>;
};

/** A ClusterModel holding the given objects, with every kind synced unless `sync` says otherwise. */
export function model(init: ModelInit = {}): ClusterModel {
  const { sync, ...resources } = init;
  const m = emptyModel({ status: 'synced' });
  return {
    resources: { ...m.resources, ...resources },
    sync: { ...m.sync, ...sync },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cluster-wide policies (policy.networking.k8s.io)

export type ClusterWidePolicyInit = MetaInit & Partial<Omit<ClusterWidePolicy, 'meta'>>;

/** A ClusterNetworkPolicy (Admin tier, priority 0, every pod of every namespace) unless `init` says otherwise. */
export function clusterPolicy(name: string, init: ClusterWidePolicyInit = {}): ClusterWidePolicy {
  const rest = modelFields(init, []);
  const kind = rest.kind ?? 'ClusterNetworkPolicy';
  return {
    meta: clusterMeta(kind, name, init),
    kind,
    tier: kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : 'Admin',
    ...(kind === 'BaselineAdminNetworkPolicy' ? {} : { priority: 0 }),
    subject: podsIn(),
    ingress: [],
    egress: [],
    ...rest,
  };
}

/** Pods (podSelector) in namespaces (namespaceSelector); both default to all. */
export function podsIn(namespaces: Record<string, string> = {}, pods?: Record<string, string>): NamespacedPods {
  return { namespaceSelector: selector(namespaces), podSelector: selector(pods ?? {}), namespacesOnly: pods === undefined };
}

export function clusterRule(action: ClusterPolicyAction, peers: ClusterPolicyPeer[], ports: ClusterPolicyPort[] = [], name?: string): ClusterPolicyRule {
  return { action, peers, ports, ...(name ? { name } : {}) };
}

export const podsPeer = (namespaces: Record<string, string> = {}, pods?: Record<string, string>): ClusterPolicyPeer => ({ type: 'pods', ...podsIn(namespaces, pods) });

// Plain types of the cluster as kube-netmap sees it. Both sources (live and manifests) normalise API objects into
// these, and they are the only thing the analysis reads. They never hold client-node classes or Secret data.

import type {
  BackendTLSPolicy, Gateway, GatewayClass, GRPCRoute, HTTPRoute, ListenerSet, ReferenceGrant, TCPRoute, TLSRoute, UDPRoute,
} from './gateway-types';
import type { CalicoPolicy } from './calico-types';
import type { CiliumPolicy } from './cilium-types';

/** The Gateway API kinds (gateway.networking.k8s.io, types in gateway-types.ts), served where their CRDs are. */
export const GATEWAY_KINDS = [
  'gatewayclasses',
  'gateways',
  'listenersets',
  'httproutes',
  'grpcroutes',
  'tlsroutes',
  'tcproutes',
  'udproutes',
  'referencegrants',
  'backendtlspolicies',
] as const;

export const RESOURCE_KINDS = [
  'namespaces',
  'nodes',
  'pods',
  'services',
  'endpointslices',
  'ingresses',
  'ingressclasses',
  'networkpolicies',
  'clusternetworkpolicies',
  'adminnetworkpolicies',
  'baselineadminnetworkpolicies',
  'secrets',
  'daemonsets',
  ...GATEWAY_KINDS,
  // A network plugin's own policies: Calico (calico-types.ts).
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  // Cilium (cilium-types.ts).
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** How a person names an object of each kind: its API kind (Calico's, which reuse NetworkPolicy, with "Calico"). */
export const RESOURCE_KIND_NAMES: Record<ResourceKind, string> = {
  namespaces: 'Namespace',
  nodes: 'Node',
  pods: 'Pod',
  services: 'Service',
  endpointslices: 'EndpointSlice',
  ingresses: 'Ingress',
  ingressclasses: 'IngressClass',
  networkpolicies: 'NetworkPolicy',
  clusternetworkpolicies: 'ClusterNetworkPolicy',
  adminnetworkpolicies: 'AdminNetworkPolicy',
  baselineadminnetworkpolicies: 'BaselineAdminNetworkPolicy',
  secrets: 'Secret',
  daemonsets: 'DaemonSet',
  gatewayclasses: 'GatewayClass',
  gateways: 'Gateway',
  listenersets: 'ListenerSet',
  httproutes: 'HTTPRoute',
  grpcroutes: 'GRPCRoute',
  tlsroutes: 'TLSRoute',
  tcproutes: 'TCPRoute',
  udproutes: 'UDPRoute',
  referencegrants: 'ReferenceGrant',
  backendtlspolicies: 'BackendTLSPolicy',
  caliconetworkpolicies: 'Calico NetworkPolicy',
  calicoglobalnetworkpolicies: 'Calico GlobalNetworkPolicy',
  ciliumnetworkpolicies: 'CiliumNetworkPolicy',
  ciliumclusterwidenetworkpolicies: 'CiliumClusterwideNetworkPolicy',
};

export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/**
 * The kinds read by list+watch. Secrets are not watched: only the names Ingress TLS entries need are listed. The
 * Gateway API kinds are watched where API discovery says the cluster serves them (lib/sources/live/api-resources.ts).
 */
export const WATCHED_KINDS = RESOURCE_KINDS.filter((k): k is Exclude<ResourceKind, 'secrets'> => k !== 'secrets');

export type WatchedKind = (typeof WATCHED_KINDS)[number];

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ObjectMeta {
  uid: string;
  name: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
  labels: Record<string, string>;
  resourceVersion: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface Namespace {
  meta: ObjectMeta;
  phase: 'Active' | 'Terminating' | 'Unknown';
}

export interface NodeAddress {
  type: string;
  address: string;
}

export interface Node {
  meta: ObjectMeta;
  addresses: NodeAddress[];
  podCIDRs: string[];
  ready: boolean;
  unschedulable: boolean;
  /** From the well-known label topology.kubernetes.io/zone. */
  zone?: string;
  /**
   * The annotations network plugins write on their nodes (Cilium, Calico, flannel: NODE_PLUGIN_ANNOTATION_PREFIXES),
   * which tell which plugin runs. Absent when the node has none. No other annotation is kept.
   */
  pluginAnnotations?: Record<string, string>;
}

export interface OwnerRef {
  kind: string;
  name: string;
  uid?: string;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  hostPort?: number;
}

export interface Container {
  name: string;
  ports: ContainerPort[];
  ready: boolean;
  /** True for native sidecars (init containers with restartPolicy Always), which serve ports like containers. */
  sidecar: boolean;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface Pod {
  meta: ObjectMeta;
  /** The direct controller from ownerReferences (for example a ReplicaSet). */
  owner?: OwnerRef;
  /** The workload a person thinks of (a Deployment rather than its ReplicaSet); the pod itself when bare. */
  workload: OwnerRef;
  nodeName?: string;
  hostNetwork: boolean;
  hostname?: string;
  subdomain?: string;
  serviceAccountName?: string;
  phase: PodPhase;
  ready: boolean;
  /** Why the pod is not ready, from its conditions and container states, when known. */
  notReadyReason?: string;
  podIPs: string[];
  hostIP?: string;
  containers: Container[];
}

export interface ServicePort {
  name?: string;
  protocol: Protocol;
  port: number;
  /** A number, or the name of a container port on the selected pods. */
  targetPort: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

export interface Service {
  meta: ObjectMeta;
  type: ServiceType;
  /** Absent when the Service has no selector (its endpoints are managed by hand). */
  selector?: Record<string, string>;
  ports: ServicePort[];
  /** "None" for headless Services. */
  clusterIP?: string;
  clusterIPs: string[];
  ipFamilies: string[];
  externalName?: string;
  externalIPs: string[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  publishNotReadyAddresses: boolean;
  loadBalancerIngress: LoadBalancerIngress[];
}

export interface EndpointConditions {
  /** Per the API, an unknown (absent) ready condition is to be read as ready. */
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
}

export interface Endpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: ObjectRef;
}

export interface EndpointPort {
  name?: string;
  port?: number;
  protocol: Protocol;
  appProtocol?: string;
}

export interface EndpointSlice {
  meta: ObjectMeta;
  /** From the kubernetes.io/service-name label; absent for slices that belong to no Service. */
  serviceName?: string;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[];
  ports: EndpointPort[];
}

export interface IngressServiceBackend {
  name: string;
  port: { number?: number; name?: string };
}

export interface IngressBackend {
  service?: IngressServiceBackend;
  resource?: { apiGroup?: string; kind: string; name: string };
}

export type IngressPathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface IngressPath {
  path?: string;
  pathType: IngressPathType;
  backend: IngressBackend;
}

export interface IngressRule {
  host?: string;
  paths: IngressPath[];
}

export interface IngressTLS {
  hosts: string[];
  secretName?: string;
}

export interface Ingress {
  meta: ObjectMeta;
  ingressClassName?: string;
  /** The deprecated kubernetes.io/ingress.class annotation, still honoured by many controllers. */
  classAnnotation?: string;
  defaultBackend?: IngressBackend;
  rules: IngressRule[];
  tls: IngressTLS[];
  loadBalancerIngress: LoadBalancerIngress[];
}

export interface IngressClass {
  meta: ObjectMeta;
  controller: string;
  /** From the ingressclass.kubernetes.io/is-default-class annotation. */
  isDefault: boolean;
}

/**
 * A Secret as kube-netmap knows it: that it exists, and nothing else. Its data, type and annotations never reach
 * the model (an annotation such as kubectl's last-applied-configuration can hold the data itself).
 */
export interface SecretName {
  meta: ObjectMeta;
}

export interface IPBlock {
  cidr: string;
  except: string[];
}

/** A peer keeps absent and empty selectors apart: they mean different things. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  protocol: Protocol;
  /** Absent means every port of the protocol. A string is a named container port. */
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyRule {
  /** Empty means every port. */
  ports: NetworkPolicyPort[];
  /** Empty means every peer. Named `from` for ingress rules and `to` for egress rules in the API. */
  peers: NetworkPolicyPeer[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  meta: ObjectMeta;
  podSelector: LabelSelector;
  /** Already defaulted the way the API server defaults it. */
  policyTypes: PolicyType[];
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
}

export interface DaemonSetContainer {
  name: string;
  image: string;
  /**
   * The few settings that say whether a network plugin enforces NetworkPolicy (DAEMONSET_SETTINGS), from the
   * container's args (`--name=value`; a bare `--name` is "true") and its literal env values. Nothing else: args and
   * env can hold credentials, and the model reaches the browser.
   */
  settings: Record<string, string>;
}

/** A DaemonSet as far as network plugin detection needs it: what it is, and what its pods run. */
export interface DaemonSet {
  meta: ObjectMeta;
  /** The pod template's labels. */
  podLabels: Record<string, string>;
  /** The pod template's containers (not its init containers, which set a node up and exit). */
  containers: DaemonSetContainer[];
  /** From status: 0 in manifests, which carry none. */
  desiredNumberScheduled: number;
  numberReady: number;
}

/** The API kinds of policy.networking.k8s.io that the model holds as ClusterWidePolicy. */
export type ClusterWidePolicyKind = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/**
 * The tier a cluster-wide policy belongs to. Admin is evaluated before NetworkPolicy, Baseline after it
 * (ClusterNetworkPolicySpec.tier). AdminNetworkPolicy is Admin, BaselineAdminNetworkPolicy is Baseline.
 */
export type ClusterPolicyTier = 'Admin' | 'Baseline';

/**
 * What a rule does to the traffic it matches. v1alpha1's `Allow` is read as `Accept` (the same action, renamed in
 * v1alpha2); the policy's kind says which word its YAML uses.
 */
export type ClusterPolicyAction = 'Accept' | 'Deny' | 'Pass';

/**
 * Pods in namespaces. Both the subject and the `namespaces` / `pods` peers read this way: a `namespaces` selector
 * alone is `podSelector` matching every pod. Host-network pods are never part of it.
 */
export interface NamespacedPods {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
  /** Written as `namespaces:` (true) or `pods:` (false); only for describing it as written. */
  namespacesOnly: boolean;
}

export type ClusterPolicyPeer =
  | ({ type: 'pods' } & NamespacedPods)
  /** The nodes' addresses (Node status.addresses) of the nodes the selector matches. Egress only. */
  | { type: 'nodes'; nodeSelector: LabelSelector }
  /** CIDRs; they match cluster-internal addresses (pod IPs included) as well. Egress only. */
  | { type: 'networks'; networks: string[] }
  /** Domain names (exact, or `*.` prefixed); kube-netmap does not evaluate them. Egress only. */
  | { type: 'domainNames'; domainNames: string[] }
  /** A peer with no field kube-netmap knows (a newer CRD's): the fields it has. */
  | { type: 'unrecognised'; fields: string[] };

export type ClusterPolicyPort =
  | { type: 'number'; protocol: Protocol; port: number }
  | { type: 'range'; protocol: Protocol; start: number; end: number }
  /** A container port name on the destination pod, with that port's own protocol. */
  | { type: 'named'; name: string };

export interface ClusterPolicyRule {
  /** The rule's `name`, when given. */
  name?: string;
  action: ClusterPolicyAction;
  /** Never empty in a valid policy (the CRD requires at least one). */
  peers: ClusterPolicyPeer[];
  /** Empty means every port of every protocol. */
  ports: ClusterPolicyPort[];
}

/**
 * ClusterNetworkPolicy (policy.networking.k8s.io v1alpha2 / v1beta1), and the v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy read into the same shape. Cluster-scoped.
 */
export interface ClusterWidePolicy {
  meta: ObjectMeta;
  kind: ClusterWidePolicyKind;
  tier: ClusterPolicyTier;
  /**
   * 0..1000, lower first within the tier. Absent for a BaselineAdminNetworkPolicy (a singleton, whose order against
   * Baseline-tier ClusterNetworkPolicies no API defines).
   */
  priority?: number;
  subject: NamespacedPods;
  ingress: ClusterPolicyRule[];
  egress: ClusterPolicyRule[];
}

export interface ResourceTypes {
  namespaces: Namespace;
  nodes: Node;
  pods: Pod;
  services: Service;
  endpointslices: EndpointSlice;
  ingresses: Ingress;
  ingressclasses: IngressClass;
  networkpolicies: NetworkPolicy;
  clusternetworkpolicies: ClusterWidePolicy;
  adminnetworkpolicies: ClusterWidePolicy;
  baselineadminnetworkpolicies: ClusterWidePolicy;
  secrets: SecretName;
  daemonsets: DaemonSet;
  gatewayclasses: GatewayClass;
  gateways: Gateway;
  listenersets: ListenerSet;
  httproutes: HTTPRoute;
  grpcroutes: GRPCRoute;
  tlsroutes: TLSRoute;
  tcproutes: TCPRoute;
  udproutes: UDPRoute;
  referencegrants: ReferenceGrant;
  backendtlspolicies: BackendTLSPolicy;
  caliconetworkpolicies: CalicoPolicy;
  calicoglobalnetworkpolicies: CalicoPolicy;
  ciliumnetworkpolicies: CiliumPolicy;
  ciliumclusterwidenetworkpolicies: CiliumPolicy;
}

export type AnyResource = ResourceTypes[ResourceKind];

/** How complete the model's view of one kind is. Only "synced" data may back a verdict. */
export type SyncState =
  | { status: 'syncing' }
  /** notServed: the API server does not serve the kind (its CRD is not installed), so none exists. */
  | { status: 'synced'; notServed?: true }
  | { status: 'forbidden'; message: string }
  | { status: 'error'; message: string };

export type ResourceCollections = { [K in ResourceKind]: ResourceTypes[K][] };

export interface ClusterModel {
  resources: ResourceCollections;
  sync: Record<ResourceKind, SyncState>;
  /**
   * The API groups the cluster serves, as API discovery lists them (sorted). They help tell which network plugin runs
   * (its policy CRDs). Undefined when not known: manifests, or a live cluster before discovery first answers.
   */
  servedGroups?: string[];
}

// Plain types of the cluster as kube-netmap sees it. Both sources (live and manifests) normalise API objects into
// these, and they are the only thing the analysis reads. They never hold client-node classes or Secret data.

import type { CalicoPolicy } from './calico-types';
import type { CiliumPolicy } from './cilium-types';

export type { CalicoPolicy } from './calico-types';
export type { CiliumPolicy, CiliumRule } from './cilium-types';

export const RESOURCE_KINDS = [
  'namespaces',
  'nodes',
  'pods',
  'services',
  'endpointslices',
  'ingresses',
  'ingressclasses',
  'networkpolicies',
  'secrets',
  // A network plugin's own policies: Calico (calico-types.ts).
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  // Cilium (cilium-types.ts).
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The kinds read by list+watch. Secrets are not watched: only the names Ingress TLS entries need are listed. */
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

export interface ResourceTypes {
  namespaces: Namespace;
  nodes: Node;
  pods: Pod;
  services: Service;
  endpointslices: EndpointSlice;
  ingresses: Ingress;
  ingressclasses: IngressClass;
  networkpolicies: NetworkPolicy;
  secrets: SecretName;
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
}

// The wire shape of the API objects we read, as JSON from the API server or from manifests. Every field is
// optional because manifests and older servers leave many out; the normalisers supply the API's defaults.

export interface RawMeta {
  uid?: string;
  name?: string;
  namespace?: string;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  ownerReferences?: { kind?: string; name?: string; uid?: string; controller?: boolean }[] | null;
}

export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: RawMeta;
  spec?: unknown;
  status?: unknown;
}

export interface RawLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key?: string; operator?: string; values?: string[] | null }[] | null;
}

export interface RawCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface RawContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
  hostPort?: number;
}

export interface RawContainer {
  name?: string;
  ports?: RawContainerPort[] | null;
  restartPolicy?: string;
}

export interface RawContainerStatus {
  name?: string;
  ready?: boolean;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
}

export interface RawPod extends RawObject {
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    hostname?: string;
    subdomain?: string;
    serviceAccountName?: string;
    containers?: RawContainer[] | null;
    initContainers?: RawContainer[] | null;
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip?: string }[] | null;
    hostIP?: string;
    conditions?: RawCondition[] | null;
    containerStatuses?: RawContainerStatus[] | null;
    initContainerStatuses?: RawContainerStatus[] | null;
  };
}

export interface RawNode extends RawObject {
  spec?: { podCIDR?: string; podCIDRs?: string[] | null; unschedulable?: boolean };
  status?: { addresses?: { type?: string; address?: string }[] | null; conditions?: RawCondition[] | null };
}

export interface RawNamespace extends RawObject {
  status?: { phase?: string };
}

export interface RawLoadBalancerStatus {
  ingress?: { ip?: string; hostname?: string }[] | null;
}

export interface RawService extends RawObject {
  spec?: {
    type?: string;
    selector?: Record<string, string> | null;
    ports?:
      | { name?: string; protocol?: string; port?: number; targetPort?: number | string; nodePort?: number; appProtocol?: string }[]
      | null;
    clusterIP?: string;
    clusterIPs?: string[] | null;
    ipFamilies?: string[] | null;
    externalName?: string;
    externalIPs?: string[] | null;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    sessionAffinity?: string;
    publishNotReadyAddresses?: boolean;
  };
  status?: { loadBalancer?: RawLoadBalancerStatus };
}

export interface RawEndpointSlice extends RawObject {
  addressType?: string;
  endpoints?:
    | {
        addresses?: string[] | null;
        conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
        hostname?: string;
        nodeName?: string;
        zone?: string;
        targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
      }[]
    | null;
  ports?: { name?: string; port?: number; protocol?: string; appProtocol?: string }[] | null;
}

export interface RawIngressBackend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

export interface RawIngress extends RawObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: RawIngressBackend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: RawIngressBackend }[] | null } }[] | null;
    tls?: { hosts?: string[] | null; secretName?: string }[] | null;
  };
  status?: { loadBalancer?: RawLoadBalancerStatus };
}

export interface RawIngressClass extends RawObject {
  spec?: { controller?: string };
}

export interface RawNetworkPolicyPeer {
  podSelector?: RawLabelSelector | null;
  namespaceSelector?: RawLabelSelector | null;
  ipBlock?: { cidr?: string; except?: string[] | null } | null;
}

export interface RawNetworkPolicyRule {
  ports?: { protocol?: string; port?: number | string; endPort?: number }[] | null;
  from?: RawNetworkPolicyPeer[] | null;
  to?: RawNetworkPolicyPeer[] | null;
}

export interface RawNetworkPolicy extends RawObject {
  spec?: {
    podSelector?: RawLabelSelector | null;
    policyTypes?: string[] | null;
    ingress?: RawNetworkPolicyRule[] | null;
    egress?: RawNetworkPolicyRule[] | null;
  };
}

export interface RawDaemonSetContainer {
  name?: string;
  image?: string;
  args?: unknown[] | null;
  command?: unknown[] | null;
  env?: unknown[] | null;
}

export interface RawDaemonSet extends RawObject {
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> | null } | null; spec?: { containers?: RawDaemonSetContainer[] | null } | null };
  };
  status?: { desiredNumberScheduled?: number; numberReady?: number };
}

/** policy.networking.k8s.io NamespacedPod (v1alpha1, v1alpha2, v1beta1). */
export interface RawNamespacedPod {
  namespaceSelector?: RawLabelSelector | null;
  podSelector?: RawLabelSelector | null;
}

export interface RawClusterPolicySubject {
  namespaces?: RawLabelSelector | null;
  pods?: RawNamespacedPod | null;
}

/** An ingress or egress peer of any of the three kinds; ingress peers have only namespaces and pods. */
export interface RawClusterPolicyPeer extends RawClusterPolicySubject {
  nodes?: RawLabelSelector | null;
  networks?: string[] | null;
  domainNames?: string[] | null;
  [field: string]: unknown;
}

/** v1alpha2 / v1beta1 ClusterNetworkPolicyProtocol: exactly one of tcp, udp, sctp, destinationNamedPort. */
export interface RawClusterPolicyProtocol {
  tcp?: RawDestinationPort | null;
  udp?: RawDestinationPort | null;
  sctp?: RawDestinationPort | null;
  destinationNamedPort?: string | null;
}

export interface RawDestinationPort {
  destinationPort?: { number?: number | null; range?: { start?: number; end?: number } | null } | null;
}

/** v1alpha1 AdminNetworkPolicyPort: exactly one of portNumber, namedPort, portRange. */
export interface RawAdminPolicyPort {
  portNumber?: { protocol?: string; port?: number } | null;
  namedPort?: string | null;
  portRange?: { protocol?: string; start?: number; end?: number } | null;
}

export interface RawClusterPolicyRule {
  name?: string | null;
  action?: string;
  from?: RawClusterPolicyPeer[] | null;
  to?: RawClusterPolicyPeer[] | null;
  /** v1alpha2 / v1beta1. */
  protocols?: RawClusterPolicyProtocol[] | null;
  /** v1alpha1. */
  ports?: RawAdminPolicyPort[] | null;
}

export interface RawClusterWidePolicy extends RawObject {
  spec?: {
    tier?: string;
    priority?: number;
    subject?: RawClusterPolicySubject | null;
    ingress?: RawClusterPolicyRule[] | null;
    egress?: RawClusterPolicyRule[] | null;
  };
}

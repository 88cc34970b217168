import type { WatchedKind } from '@/lib/model';

/** The cluster-wide collection path of each kind we watch. */
export const API_PATHS: Record<WatchedKind, string> = {
  namespaces: '/api/v1/namespaces',
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  services: '/api/v1/services',
  endpointslices: '/apis/discovery.k8s.io/v1/endpointslices',
  ingresses: '/apis/networking.k8s.io/v1/ingresses',
  ingressclasses: '/apis/networking.k8s.io/v1/ingressclasses',
  networkpolicies: '/apis/networking.k8s.io/v1/networkpolicies',
  // Calico's policies as it stores them (CRDs of crd.projectcalico.org, served wherever Calico keeps its data in
  // the Kubernetes API). The projectcalico.org/v3 view of the Calico API server shows the same objects.
  caliconetworkpolicies: '/apis/crd.projectcalico.org/v1/networkpolicies',
  calicoglobalnetworkpolicies: '/apis/crd.projectcalico.org/v1/globalnetworkpolicies',
  ciliumnetworkpolicies: '/apis/cilium.io/v2/ciliumnetworkpolicies',
  ciliumclusterwidenetworkpolicies: '/apis/cilium.io/v2/ciliumclusterwidenetworkpolicies',
};

/**
 * Kinds only served where a CRD provides them. Where the API server answers 404 for one, none can exist, so it is
 * known to be empty rather than in error. (Main's API resource table marks these `optional: true`, with discovery
 * instead of the 404; on merging, these entries move there.)
 */
export const OPTIONAL_KINDS: ReadonlySet<WatchedKind> = new Set([
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
]);

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
  // Served only where the CRDs of sigs.k8s.io/network-policy-api are installed. On main, lib/sources/live/
  // api-resources.ts lists them as optional kinds (watched where discovery serves them), at these versions:
  //   clusternetworkpolicies: policy.networking.k8s.io ['v1beta1', 'v1alpha2'] (v1beta1 is v0.3.0's storage version)
  //   adminnetworkpolicies, baselineadminnetworkpolicies: policy.networking.k8s.io ['v1alpha1']
  clusternetworkpolicies: '/apis/policy.networking.k8s.io/v1beta1/clusternetworkpolicies',
  adminnetworkpolicies: '/apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies',
  baselineadminnetworkpolicies: '/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies',
};

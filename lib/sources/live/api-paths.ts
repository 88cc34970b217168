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
  daemonsets: '/apis/apps/v1/daemonsets',
};

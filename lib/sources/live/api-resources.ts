import type { WatchedKind } from '@/lib/model';

/** Where the API server serves a kind. */
export interface ApiResource {
  /** '' for the core group. */
  group: string;
  /** The versions kube-netmap reads, preferred first. */
  versions: readonly string[];
  resource: string;
  /**
   * Served only where a CRD or an add-on provides it: watched when discovery finds one of `versions`, and known
   * to be empty (none can exist) when it finds none.
   */
  optional?: true;
}

export const API_RESOURCES: Record<WatchedKind, ApiResource> = {
  namespaces: { group: '', versions: ['v1'], resource: 'namespaces' },
  nodes: { group: '', versions: ['v1'], resource: 'nodes' },
  pods: { group: '', versions: ['v1'], resource: 'pods' },
  services: { group: '', versions: ['v1'], resource: 'services' },
  endpointslices: { group: 'discovery.k8s.io', versions: ['v1'], resource: 'endpointslices' },
  ingresses: { group: 'networking.k8s.io', versions: ['v1'], resource: 'ingresses' },
  ingressclasses: { group: 'networking.k8s.io', versions: ['v1'], resource: 'ingressclasses' },
  networkpolicies: { group: 'networking.k8s.io', versions: ['v1'], resource: 'networkpolicies' },
  daemonsets: { group: 'apps', versions: ['v1'], resource: 'daemonsets' },
  // The Gateway API, standard channel: v1, and v1beta1 where a v1.6 bundle still serves it.
  gatewayclasses: gatewayApi('gatewayclasses', ['v1', 'v1beta1']),
  gateways: gatewayApi('gateways', ['v1', 'v1beta1']),
  httproutes: gatewayApi('httproutes', ['v1', 'v1beta1']),
  referencegrants: gatewayApi('referencegrants', ['v1', 'v1beta1']),
  listenersets: gatewayApi('listenersets', ['v1']),
  grpcroutes: gatewayApi('grpcroutes', ['v1']),
  tlsroutes: gatewayApi('tlsroutes', ['v1']),
  tcproutes: gatewayApi('tcproutes', ['v1']),
  udproutes: gatewayApi('udproutes', ['v1']),
  backendtlspolicies: gatewayApi('backendtlspolicies', ['v1']),
  // sigs.k8s.io/network-policy-api: v1beta1 is v0.3.0's storage version; v1alpha1 is the older ANP/BANP pair that
  // OVN-Kubernetes and others still serve.
  clusternetworkpolicies: { group: 'policy.networking.k8s.io', versions: ['v1beta1', 'v1alpha2'], resource: 'clusternetworkpolicies', optional: true },
  adminnetworkpolicies: { group: 'policy.networking.k8s.io', versions: ['v1alpha1'], resource: 'adminnetworkpolicies', optional: true },
  baselineadminnetworkpolicies: { group: 'policy.networking.k8s.io', versions: ['v1alpha1'], resource: 'baselineadminnetworkpolicies', optional: true },
  // Calico's policies as it stores them: CRDs of crd.projectcalico.org, served wherever Calico keeps its data in the
  // Kubernetes API. The projectcalico.org/v3 view of the Calico API server shows the same objects.
  caliconetworkpolicies: { group: 'crd.projectcalico.org', versions: ['v1'], resource: 'networkpolicies', optional: true },
  calicoglobalnetworkpolicies: { group: 'crd.projectcalico.org', versions: ['v1'], resource: 'globalnetworkpolicies', optional: true },
  ciliumnetworkpolicies: { group: 'cilium.io', versions: ['v2'], resource: 'ciliumnetworkpolicies', optional: true },
  ciliumclusterwidenetworkpolicies: { group: 'cilium.io', versions: ['v2'], resource: 'ciliumclusterwidenetworkpolicies', optional: true },
};

function gatewayApi(resource: string, versions: readonly string[]): ApiResource {
  return { group: 'gateway.networking.k8s.io', versions, resource, optional: true };
}

/** The cluster-wide collection path of a resource at one version. */
export function collectionPath(resource: ApiResource, version: string): string {
  return resource.group ? `/apis/${resource.group}/${version}/${resource.resource}` : `/api/${version}/${resource.resource}`;
}

/** The kinds that every conformant API server serves, and the path of each. */
export function requiredKinds(): [WatchedKind, string][] {
  return (Object.entries(API_RESOURCES) as [WatchedKind, ApiResource][])
    .filter(([, r]) => !r.optional)
    .map(([kind, r]) => [kind, collectionPath(r, r.versions[0] ?? 'v1')]);
}

export function optionalKinds(): [WatchedKind, ApiResource][] {
  return (Object.entries(API_RESOURCES) as [WatchedKind, ApiResource][]).filter(([, r]) => r.optional);
}

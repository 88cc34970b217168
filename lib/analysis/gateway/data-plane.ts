// The pods that carry a Gateway's traffic (its data plane). No API field links a Gateway to them; the common
// implementations label them: Istio, NGINX Gateway Fabric, kgateway and others with
// gateway.networking.k8s.io/gateway-name in the Gateway's namespace; Envoy Gateway with its owning-gateway labels
// in its own namespace. A caller may also name them by labels (and namespace).

import type { ClusterModel, Gateway, Pod } from '@/lib/model';

export interface DataPlaneOption {
  /** Labels every data-plane pod carries. */
  labels: Record<string, string>;
  /** Where the pods run; any namespace when absent. */
  namespace?: string;
}

export interface DataPlane {
  pods: Pod[];
  /** How they were found, or why none were. */
  text: string;
}

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
const ENVOY_NAME_LABEL = 'gateway.envoyproxy.io/owning-gateway-name';
const ENVOY_NAMESPACE_LABEL = 'gateway.envoyproxy.io/owning-gateway-namespace';

const carries = (pod: Pod, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => pod.meta.labels[k] === v);
const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');

export function dataPlanePods(model: ClusterModel, gateway: Gateway, option?: DataPlaneOption): DataPlane {
  const live = model.resources.pods.filter((p) => !p.meta.deletionTimestamp);
  const namespace = gateway.meta.namespace ?? '';
  if (option) {
    const pods = live.filter((p) => (option.namespace === undefined || p.meta.namespace === option.namespace) && carries(p, option.labels));
    const where = `${labelText(option.labels)}${option.namespace ? ` in ${option.namespace}` : ''}`;
    return { pods, text: pods.length > 0 ? `data-plane pods given as ${where}` : `no pod carries the given labels ${where}` };
  }
  const ways: { labels: Record<string, string>; sameNamespace: boolean }[] = [
    { labels: { [GATEWAY_NAME_LABEL]: gateway.meta.name }, sameNamespace: true },
    { labels: { [ENVOY_NAME_LABEL]: gateway.meta.name, [ENVOY_NAMESPACE_LABEL]: namespace }, sameNamespace: false },
  ];
  for (const way of ways) {
    const pods = live.filter((p) => (!way.sameNamespace || p.meta.namespace === namespace) && carries(p, way.labels));
    if (pods.length > 0) return { pods, text: `data-plane pods of Gateway ${namespace}/${gateway.meta.name} by their labels ${labelText(way.labels)}` };
  }
  return {
    pods: [],
    text: `no data-plane pods of Gateway ${namespace}/${gateway.meta.name} were found (looked for ${ways.map((w) => labelText(w.labels)).join(' or ')}); name them with the gateway pods option`,
  };
}

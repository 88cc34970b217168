import type { ClusterModel, IngressClass, Pod } from '@/lib/model';

// Pods of the best-known controllers, by the IngressClass controller value and the labels their charts set.
const KNOWN_CONTROLLERS: Record<string, Record<string, string>> = {
  'k8s.io/ingress-nginx': { 'app.kubernetes.io/name': 'ingress-nginx' },
  'traefik.io/ingress-controller': { 'app.kubernetes.io/name': 'traefik' },
  'haproxy.org/ingress-controller/haproxy': { 'app.kubernetes.io/name': 'kubernetes-ingress' },
  'k8s.io/ingress-azure': { app: 'ingress-azure' },
};
// Helm charts label an IngressClass with the same name and instance labels as the controller's own pods.
const SHARED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance'];

/**
 * The pods of an IngressClass's controller, when they can be recognised: by the labels the IngressClass shares
 * with them (as Helm charts set them), else by the labels of a well-known controller. Empty when unknown: there
 * is no API field that links a class to its pods.
 */
export function ingressControllerPods(model: ClusterModel, ingressClass: IngressClass): Pod[] {
  const shared = Object.fromEntries(SHARED_LABELS.filter((k) => ingressClass.meta.labels[k]).map((k) => [k, ingressClass.meta.labels[k]!]));
  const selector = Object.keys(shared).length > 0 ? shared : KNOWN_CONTROLLERS[ingressClass.controller];
  if (!selector) return [];
  return model.resources.pods.filter(
    (p) => !p.meta.deletionTimestamp && Object.entries(selector).every(([k, v]) => p.meta.labels[k] === v),
  );
}

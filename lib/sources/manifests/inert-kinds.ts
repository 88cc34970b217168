// Kinds that cannot change any answer kube-netmap gives: they make no pods, addresses, routes or policies. Real
// repositories and `kubectl get -o yaml` dumps are full of them, so the loader leaves them out without a warning
// and only counts them. Anything not listed here that the loader does not read keeps its warning: an OpenShift
// Route, an Istio AuthorizationPolicy or a v1 Endpoints object could change an answer.
//
// ServiceAccount is here because the pod's serviceAccountName is what policies see; the one selector that reads a
// service account's own labels (Calico's serviceAccountSelector) already makes its verdicts unknown.

/** By `group/Kind`, the group empty for the core API. */
const INERT_KINDS = new Set([
  '/ConfigMap',
  '/ServiceAccount',
  '/PersistentVolume',
  '/PersistentVolumeClaim',
  '/LimitRange',
  '/ResourceQuota',
  '/Event',
  '/PodTemplate',
  '/ComponentStatus',
  'apps/ControllerRevision',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'policy/PodDisruptionBudget',
  'policy/PodSecurityPolicy',
  'autoscaling/HorizontalPodAutoscaler',
  'autoscaling.k8s.io/VerticalPodAutoscaler',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'coordination.k8s.io/Lease',
  'events.k8s.io/Event',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'cert-manager.io/Certificate',
  'cert-manager.io/CertificateRequest',
  'cert-manager.io/Issuer',
  'cert-manager.io/ClusterIssuer',
  'monitoring.coreos.com/ServiceMonitor',
  'monitoring.coreos.com/PodMonitor',
  'monitoring.coreos.com/PrometheusRule',
]);

/** Whether objects of this apiVersion and kind can be left out without changing any answer. */
export function isInertKind(apiVersion: string, kind: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return INERT_KINDS.has(`${group}/${kind}`);
}

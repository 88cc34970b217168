// Calico's own policies (projectcalico.org/v3, and crd.projectcalico.org/v1, where Calico stores them as CRDs), as
// far as kube-netmap reads them: what is needed to know which pods they select and in which direction. Their rules
// are not evaluated (see lib/analysis/calico/), so they are not modelled.

import type { ObjectMeta, PolicyType } from './types';

export interface CalicoPolicy {
  meta: ObjectMeta;
  /** The API group it was read from: projectcalico.org (the Calico API server) or crd.projectcalico.org (storage). */
  apiGroup: string;
  /**
   * The endpoint selector expression, in Calico's selector language; '' when absent, which Calico reads as all().
   * A NetworkPolicy's selector ranges over the pods of its own namespace, a GlobalNetworkPolicy's over every pod.
   */
  selector: string;
  /** GlobalNetworkPolicy only: which namespaces' pods it can select ('' when absent: every namespace). */
  namespaceSelector?: string;
  /** Restricts the selected pods to those whose service account matches; '' when absent. */
  serviceAccountSelector: string;
  /** Already defaulted as Calico defaults it (see normalize/calico.ts). */
  types: PolicyType[];
  /** Lower orders apply first; absent means last (Calico treats a missing order as infinite). */
  order?: number;
  /** The tier it belongs to; 'default' when absent. */
  tier: string;
  ingressRules: number;
  egressRules: number;
}

// Cilium's own policies (cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy), as far as
// kube-netmap reads them today: which endpoints each rule selects and for which directions. Their peers and ports
// are not evaluated yet (see lib/analysis/cilium/), so they are not modelled.

import type { LabelSelector, ObjectMeta } from './types';

/** One rule of a Cilium policy: its `spec`, or one of its `specs`. */
export interface CiliumRule {
  /** The pods it applies to, as written (keys may carry Cilium's source prefixes `k8s:`, `any:`, ...). */
  endpointSelector?: LabelSelector;
  /** A host policy: the nodes it applies to (their host endpoint, which host-network pods share). */
  nodeSelector?: LabelSelector;
  /**
   * Whether the rule governs the direction: it has an ingress/ingressDeny (egress/egressDeny) section, or
   * enableDefaultDeny for the direction is true.
   */
  ingress: boolean;
  egress: boolean;
}

export interface CiliumPolicy {
  meta: ObjectMeta;
  rules: CiliumRule[];
}

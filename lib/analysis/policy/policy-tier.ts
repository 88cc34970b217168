// The tier between the cluster-wide Admin and Baseline tiers: NetworkPolicy and Cilium's own rules, as one tier.
// Cilium enforces a Kubernetes NetworkPolicy by translating it into rules of its own, which join the rules of the
// CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies that select the pod (Cilium docs, "Deny Policies": deny
// policies take precedence over allow policies, whether CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or
// Kubernetes NetworkPolicy). On one side of a flow:
// - the pod is isolated when a NetworkPolicy isolates it (policyTypes) or a Cilium rule with default deny selects it;
// - what is allowed: what a NetworkPolicy rule or a Cilium allow entry allows, minus what a Cilium deny entry denies;
// - what an isolated pod's rules do not allow is denied; for a pod only Cilium rules without default deny select,
//   what they do not decide passes on to the Baseline tier, as if nothing selected the pod.
// Per connection the tier says which outcomes are possible (allow, deny, pass on): more than one when a Cilium peer
// may or may not match (toFQDNs, an entity kube-netmap does not model, ...), which makes the connection unknown
// unless the tiers after it agree.

import { ConnectionSet } from '../net/connection-set';

export interface PolicyTierOutcome {
  /** Connections the tier may allow. */
  canAllow: ConnectionSet;
  /** Connections the tier may deny. */
  canDeny: ConnectionSet;
  /** Connections the tier may leave to the Baseline tier. Every connection is in at least one of the three. */
  canPass: ConnectionSet;
}

export interface PolicyTierInput {
  isolated: boolean;
  /** Surely allowed: by a NetworkPolicy rule, a Cilium allow entry, or an exception (own node). */
  allow: ConnectionSet;
  maybeAllow: ConnectionSet;
  /** Surely denied by a Cilium deny entry. */
  deny: ConnectionSet;
  maybeDeny: ConnectionSet;
}

export function policyTierOutcome({ isolated, allow, maybeAllow, deny, maybeDeny }: PolicyTierInput): PolicyTierOutcome {
  const all = ConnectionSet.all();
  return {
    canAllow: allow.union(maybeAllow).subtract(deny),
    canDeny: deny.union(maybeDeny).union(isolated ? all.subtract(allow) : ConnectionSet.none()),
    canPass: isolated ? ConnectionSet.none() : all.subtract(allow).subtract(deny),
  };
}

/** NetworkPolicy alone isolating the pod: its rules' connections are allowed, every other one denied. */
export const networkPolicyOnly = (allowed: ConnectionSet): PolicyTierOutcome =>
  policyTierOutcome({ isolated: true, allow: allowed, maybeAllow: ConnectionSet.none(), deny: ConnectionSet.none(), maybeDeny: ConnectionSet.none() });

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

/**
 * An isolated pod's tier decides every connection: allowed, unknown, or else denied. Otherwise, per connection, which
 * outcomes are possible; every connection is in at least one of the three sets.
 */
export type PolicyTierOutcome =
  | { isolated: true; allowed: ConnectionSet; unknown: ConnectionSet }
  | { isolated: false; canAllow: ConnectionSet; canDeny: ConnectionSet; canPass: ConnectionSet };

export interface PolicyTierInput {
  isolated: boolean;
  /** Surely allowed: by a NetworkPolicy rule, a Cilium allow entry, or an exception (own node). */
  allow: ConnectionSet;
  maybeAllow: ConnectionSet;
  /** Surely denied by a Cilium deny entry. */
  deny: ConnectionSet;
  maybeDeny: ConnectionSet;
}

// Most sides have no deny and nothing unsure (NetworkPolicy alone): skip the set operations that change nothing.
const minus = (a: ConnectionSet, b: ConnectionSet) => (b.isEmpty() || a.isEmpty() ? a : a.subtract(b));
const plus = (a: ConnectionSet, b: ConnectionSet) => (b.isEmpty() ? a : a.isEmpty() ? b : a.union(b));

export function policyTierOutcome({ isolated, allow, maybeAllow, deny, maybeDeny }: PolicyTierInput): PolicyTierOutcome {
  if (isolated) {
    // Allowed where an allow matches surely and no deny may; unknown where an allow may match and no deny surely does.
    const allowed = minus(minus(allow, deny), maybeDeny);
    return { isolated, allowed, unknown: minus(minus(plus(allow, maybeAllow), deny), allowed) };
  }
  const all = ConnectionSet.all();
  return { isolated, canAllow: minus(plus(allow, maybeAllow), deny), canDeny: plus(deny, maybeDeny), canPass: minus(minus(all, allow), deny) };
}

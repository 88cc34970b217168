// The order of the tiers on one side of a flow (ClusterNetworkPolicySpec.tier): the Admin tier decides first
// (Accept or Deny are final, Pass and no match go on); then the policy tier (NetworkPolicy and Cilium's rules, see
// policy/policy-tier.ts), which decides every connection for a pod it isolates; then, for what it passes on, the
// Baseline tier; then the default, allowed. Both forms of the engine (evaluateSide and allowedConnections) combine
// the tiers here.

import { ConnectionSet } from '../net/connection-set';
import type { PolicyTierOutcome } from '../policy/policy-tier';
import type { TierOutcome } from './tier';

export interface TieredConnections {
  allowed: ConnectionSet;
  /** Connections whose fate no tier decides for sure (see TierOutcome.unknown); neither allowed nor denied. */
  unknown: ConnectionSet;
}

/**
 * The side's connections from the tiers. `policies` is the policy tier's outcome when a NetworkPolicy or a Cilium
 * rule selects the pod for the direction, undefined when none does.
 */
export function combineTiers(admin: TierOutcome | undefined, policies: PolicyTierOutcome | undefined, baseline: TierOutcome | undefined): TieredConnections {
  const all = ConnectionSet.all();
  const afterPolicies: TieredConnections = baseline
    ? { allowed: all.subtract(baseline.deny).subtract(baseline.unknown), unknown: baseline.unknown }
    : { allowed: all, unknown: ConnectionSet.none() };
  const below = !policies ? afterPolicies : policies.isolated ? { allowed: policies.allowed, unknown: policies.unknown } : throughPolicyTier(policies, afterPolicies);
  if (!admin) return below;
  const rest = all.subtract(admin.accept).subtract(admin.deny).subtract(admin.unknown);
  return { allowed: admin.accept.union(rest.intersect(below.allowed)), unknown: admin.unknown.union(rest.intersect(below.unknown)) };
}

/** A connection is allowed when every outcome the policy tier may give it ends allowed, unknown when some do. */
function throughPolicyTier(tier: Extract<PolicyTierOutcome, { isolated: false }>, next: TieredConnections): TieredConnections {
  const possiblyAllowed = tier.canAllow.union(tier.canPass.intersect(next.allowed.union(next.unknown)));
  const possiblyDenied = tier.canDeny.union(tier.canPass.subtract(next.allowed));
  return { allowed: ConnectionSet.all().subtract(possiblyDenied), unknown: possiblyAllowed.intersect(possiblyDenied) };
}

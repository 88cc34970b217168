// The order of the tiers on one side of a flow (ClusterNetworkPolicySpec.tier): the Admin tier decides first
// (Accept or Deny are final, Pass and no match go on); then NetworkPolicy, which decides every connection for a pod
// it isolates; then, only for a pod no NetworkPolicy isolates, the Baseline tier; then the default, allowed. Both
// forms of the engine (evaluateSide and allowedConnections) combine the tiers here.

import { ConnectionSet } from '../net/connection-set';
import type { TierOutcome } from './tier';

export interface TieredConnections {
  allowed: ConnectionSet;
  /** Connections whose fate no tier decides for sure (see TierOutcome.unknown); neither allowed nor denied. */
  unknown: ConnectionSet;
}

/**
 * The side's connections from the three tiers. `networkPolicy` is what NetworkPolicy allows when it isolates the
 * pod for the direction, undefined when it does not.
 */
export function combineTiers(admin: TierOutcome | undefined, networkPolicy: ConnectionSet | undefined, baseline: TierOutcome | undefined): TieredConnections {
  const below = networkPolicy
    ? { allowed: networkPolicy, unknown: ConnectionSet.none() }
    : baseline
      ? { allowed: ConnectionSet.all().subtract(baseline.deny).subtract(baseline.unknown), unknown: baseline.unknown }
      : { allowed: ConnectionSet.all(), unknown: ConnectionSet.none() };
  if (!admin) return below;
  const rest = ConnectionSet.all().subtract(admin.accept).subtract(admin.deny).subtract(admin.unknown);
  return { allowed: admin.accept.union(rest.intersect(below.allowed)), unknown: admin.unknown.union(rest.intersect(below.unknown)) };
}

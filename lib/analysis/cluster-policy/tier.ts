// One tier of cluster-wide policies on one side of a flow, as sigs.k8s.io/network-policy-api defines it: policies
// by priority (lowest first), rules of a policy top to bottom, the first rule that matches a connection decides it
// for that policy (Accept, Deny, or Pass to the next tier). Policies of equal priority that both match a connection
// are applied in an order no API defines, so when their actions differ the connection is "unknown".
//
// The answer is in set form (which connections each action decides), computed once from the rules; the per-port
// explanation (`decisionFor`) reads its action from these sets, so the two forms cannot disagree.

import type { ClusterPolicyAction, ClusterPolicyRule, ClusterPolicyTier, ClusterWidePolicy, Protocol } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { ConnectionSet } from '../net/connection-set';
import type { Direction, FlowPeer } from '../policy/types';
import { matchClusterPeer } from './match-peer';
import { clusterRulePorts } from './ports';

/** One rule as evaluated against the flow's ends: whether a peer matches, and which connections it covers. */
export interface ClusterRuleEval {
  policy: ClusterWidePolicy;
  rule: ClusterPolicyRule;
  /** 1-based, as a person counts the rules in the YAML. */
  ruleNumber: number;
  match: 'yes' | 'no' | 'maybe';
  /** The peer that matched (1-based), when one did. */
  peer?: number;
  reasons: string[];
  ports: ConnectionSet;
}

export interface TierOutcome {
  tier: ClusterPolicyTier;
  /** The policies of the tier that select the subject, in evaluation order. */
  policies: ClusterWidePolicy[];
  /**
   * Every rule of those policies for the direction, in evaluation order; in the 'sets' detail only those that
   * match or may match (the rest matter only as explain's near misses).
   */
  rules: ClusterRuleEval[];
  accept: ConnectionSet;
  deny: ConnectionSet;
  pass: ConnectionSet;
  /** Connections the tier may or may not decide: a rule that may match, or equal priorities that disagree. */
  unknown: ConnectionSet;
  /** Connections on which policies of equal priority disagree. */
  tied: ConnectionSet;
}

const ACTIONS: readonly ClusterPolicyAction[] = ['Accept', 'Deny', 'Pass'];

export const rulesFor = (policy: ClusterWidePolicy, direction: Direction) => (direction === 'ingress' ? policy.ingress : policy.egress);

/**
 * How much of the reasoning a caller needs: explain ('all') reads every rule and why it missed; the set form of the
 * engine ('sets') only the rules that match or may match, which spares building the misses' reasons for every pair.
 */
export type TierDetail = 'all' | 'sets';

/**
 * The tier's answer for one side: `policies` (those of the tier that select the subject and have rules for the
 * direction, in order; see clusterTiersOf) against the other end. Named ports resolve on the destination.
 */
export function evaluateTier(
  tier: ClusterPolicyTier,
  policies: ClusterWidePolicy[],
  direction: Direction,
  other: FlowPeer,
  index: ModelIndex,
  resolveNamedPort: (name: string, protocol: Protocol) => number[],
  detail: TierDetail = 'all',
): TierOutcome {
  const rules: ClusterRuleEval[] = [];
  // What each policy decides on its own; only policies whose rules match (or may match) are kept.
  const perPolicy = new Map<ClusterWidePolicy, Record<ClusterPolicyAction | 'unknown', ConnectionSet>>();
  for (const policy of policies) {
    let decided: Record<ClusterPolicyAction | 'unknown', ConnectionSet> | undefined;
    let remaining = ConnectionSet.all();
    rulesFor(policy, direction).forEach((rule, i) => {
      const evaluation = evaluateClusterRule(policy, rule, i + 1, other, index, resolveNamedPort, detail);
      if (detail === 'all' || evaluation.match !== 'no') rules.push(evaluation);
      if (evaluation.match === 'no' || remaining.isEmpty()) return;
      const covered = evaluation.ports.intersect(remaining);
      if (covered.isEmpty()) return;
      // A rule that may match decides nothing for sure, and hides what the later rules would decide.
      const into = evaluation.match === 'yes' ? rule.action : 'unknown';
      decided ??= { Accept: ConnectionSet.none(), Deny: ConnectionSet.none(), Pass: ConnectionSet.none(), unknown: ConnectionSet.none() };
      decided[into] = decided[into].union(covered);
      remaining = remaining.subtract(covered);
    });
    if (decided) perPolicy.set(policy, decided);
  }

  const outcome: TierOutcome = { tier, policies, rules, accept: ConnectionSet.none(), deny: ConnectionSet.none(), pass: ConnectionSet.none(), unknown: ConnectionSet.none(), tied: ConnectionSet.none() };
  let remaining = ConnectionSet.all();
  for (const group of priorityGroups(policies)) {
    if (remaining.isEmpty()) break;
    const deciding = group.filter((p) => perPolicy.has(p));
    if (deciding.length === 0) continue;
    const by = { Accept: ConnectionSet.none(), Deny: ConnectionSet.none(), Pass: ConnectionSet.none(), unknown: ConnectionSet.none() };
    for (const policy of deciding) {
      const decided = perPolicy.get(policy)!;
      for (const key of [...ACTIONS, 'unknown'] as const) by[key] = by[key].union(decided[key].intersect(remaining));
    }
    // Policies of one priority that disagree on a connection: which one applies is undefined. One policy alone
    // cannot disagree with itself (its rules decide each connection once).
    let tied = ConnectionSet.none();
    if (deciding.length > 1) ACTIONS.forEach((a, i) => ACTIONS.slice(i + 1).forEach((b) => (tied = tied.union(by[a].intersect(by[b])))));
    // A policy that may match beside one that does: which one applies is undefined too.
    const unsure = tied.union(by.unknown);
    outcome.accept = outcome.accept.union(by.Accept.subtract(unsure));
    outcome.deny = outcome.deny.union(by.Deny.subtract(unsure));
    outcome.pass = outcome.pass.union(by.Pass.subtract(unsure));
    outcome.unknown = outcome.unknown.union(unsure);
    outcome.tied = outcome.tied.union(tied);
    remaining = remaining.subtract(by.Accept).subtract(by.Deny).subtract(by.Pass).subtract(by.unknown);
  }
  return outcome;
}

/**
 * Policies that compete for a connection: those of one priority, lowest first. A policy without a priority (the
 * BaselineAdminNetworkPolicy) has no defined order against the others, so it competes in every group, and alone
 * after them.
 */
function priorityGroups(policies: ClusterWidePolicy[]): ClusterWidePolicy[][] {
  const unordered = policies.filter((p) => p.priority === undefined);
  const groups: ClusterWidePolicy[][] = [];
  for (const policy of policies) {
    if (policy.priority === undefined) continue;
    const last = groups[groups.length - 1];
    if (last && last[0]!.priority === policy.priority) last.push(policy);
    else groups.push([policy]);
  }
  return [...groups.map((g) => [...g, ...unordered]), ...(unordered.length > 0 ? [unordered] : [])];
}

function evaluateClusterRule(
  policy: ClusterWidePolicy,
  rule: ClusterPolicyRule,
  ruleNumber: number,
  other: FlowPeer,
  index: ModelIndex,
  resolveNamedPort: (name: string, protocol: Protocol) => number[],
  detail: TierDetail,
): ClusterRuleEval {
  return { policy, rule, ruleNumber, ...matchClusterRule(rule, other, index, detail), ports: rulePorts(rule, resolveNamedPort) };
}

/** Whether one of the rule's peers matches the other end: the first that does, or why none does (or may). */
export function matchClusterRule(rule: ClusterPolicyRule, other: FlowPeer, index: ModelIndex, detail: TierDetail): Pick<ClusterRuleEval, 'match' | 'peer' | 'reasons'> {
  const reasons: string[] = [];
  let maybe = false;
  for (const [i, peer] of rule.peers.entries()) {
    const result = matchClusterPeer(peer, other, index, detail === 'all');
    if (result.match === 'yes') return { match: 'yes', peer: i + 1, reasons: [] };
    if (result.match === 'maybe') maybe = true;
    for (const reason of result.reasons) reasons.push(reason);
  }
  return { match: maybe ? 'maybe' : 'no', reasons };
}

const staticPorts = new WeakMap<ClusterPolicyRule, ConnectionSet>();

/**
 * The connections a rule covers. Without named ports they are the same for every flow, so they are built once per
 * rule (rules are immutable, like the model that holds them); named ports resolve on each flow's destination.
 */
function rulePorts(rule: ClusterPolicyRule, resolveNamedPort: (name: string, protocol: Protocol) => number[]): ConnectionSet {
  if (rule.ports.some((p) => p.type === 'named')) return clusterRulePorts(rule.ports, resolveNamedPort);
  let ports = staticPorts.get(rule);
  if (!ports) staticPorts.set(rule, (ports = clusterRulePorts(rule.ports, resolveNamedPort)));
  return ports;
}

/** What the tier does with one connection, and the rules behind it. */
export interface TierDecision {
  action: ClusterPolicyAction | 'unknown' | 'none';
  /** The first rule of each competing policy that matches (or may match) the connection. */
  rules: ClusterRuleEval[];
  /** Rules that would have matched but for their peers or ports, closest first. */
  nearMisses: ClusterRuleEval[];
}

export function decisionFor(outcome: TierOutcome, protocol: Protocol, port: number): TierDecision {
  const action: TierDecision['action'] = outcome.unknown.allows(protocol, port)
    ? 'unknown'
    : outcome.accept.allows(protocol, port)
      ? 'Accept'
      : outcome.deny.allows(protocol, port)
        ? 'Deny'
        : outcome.pass.allows(protocol, port)
          ? 'Pass'
          : 'none';
  const firstHit = new Map<ClusterWidePolicy, ClusterRuleEval>();
  for (const r of outcome.rules) {
    if (r.match !== 'no' && r.ports.allows(protocol, port) && !firstHit.has(r.policy)) firstHit.set(r.policy, r);
  }
  let rules: ClusterRuleEval[] = [];
  for (const group of priorityGroups(outcome.policies)) {
    rules = group.flatMap((p) => (firstHit.has(p) ? [firstHit.get(p)!] : []));
    if (rules.length > 0) break;
  }
  const nearMisses = outcome.rules
    .filter((r) => !firstHit.has(r.policy) || r.ruleNumber < firstHit.get(r.policy)!.ruleNumber)
    .filter((r) => r.match !== 'no' || r.ports.allows(protocol, port))
    .sort((a, b) => Number(b.ports.allows(protocol, port)) - Number(a.ports.allows(protocol, port)));
  return { action, rules, nearMisses };
}

// Sides and pairs at the level of equivalence classes (see equivalence.ts): thin wrappers around
// allowedConnections, which is the semantics, and the memo that computes each side once per policy signature and
// profile of the other end, and knows without computing it when a side is closed (its candidates: side-rules.ts).

import type { ModelIndex } from '../model-index';
import { ConnectionSet } from '../net/connection-set';
import type { ClusterWidePolicy } from '@/lib/model';
import type { TierOutcome } from '../cluster-policy/tier';
import { allowedConnections, type SideConnections, type TierMemo } from '../policy/allowed-connections';
import { mergePolicies, type Direction, type FlowPeer, type PolicyRef, type UnknownConnections } from '../policy/types';
import type { EquivalenceClass } from './equivalence';
import type { Bitset } from './bitset';
import type { Ends } from './rule-matches';
import { SideRules } from './side-rules';

/** What one side allows between two ends, and the policies whose rules allow it. */
export interface Side {
  allowed: ConnectionSet;
  policies: PolicyRef[];
  /** Connections (outside `allowed`) whose verdict is unknown, with the reasons; absent when there are none. */
  unknown?: UnknownConnections;
}

/** Nothing allowed and nothing unknown: the side settles the pair as denied. */
export const isClosed = (side: Side) => side.allowed.isEmpty() && !side.unknown;

/** The side of a subject no policy isolates (or does not govern): everything, by no policy. */
export const OPEN_SIDE: Side = Object.freeze({ allowed: ConnectionSet.all(), policies: [] as PolicyRef[] });
export const CLOSED_SIDE: Side = Object.freeze({ allowed: ConnectionSet.none(), policies: [] as PolicyRef[] });

/**
 * The subject class's side of a flow against the other end, from its representative (so without the own-node
 * exception). A class that is not isolated allows everything without asking.
 */
export function classSide(direction: Direction, subject: EquivalenceClass, other: FlowPeer, index: ModelIndex, tierMemo?: TierMemo): Side {
  if (subject.signature[direction] < 0) return OPEN_SIDE;
  return sideOf(allowedConnections(direction, { type: 'pod', pod: subject.representative }, other, index, tierMemo));
}

/**
 * The part of allowedConnections' answer a pair needs; one shared object for "nothing". Its unknown connections'
 * reasons name the subject's end of the flow ("the source", "the destination"), never a pod: a class-level side
 * stands for every pod of the class.
 */
export function sideOf(side: Pick<SideConnections, 'allowed' | 'policies' | 'unknown'>): Side {
  if (!side.unknown.connections.isEmpty()) return { allowed: side.allowed, policies: side.policies, unknown: side.unknown };
  return side.allowed.isEmpty() ? CLOSED_SIDE : { allowed: side.allowed, policies: side.policies };
}

/**
 * Class-level sides against classes and external ranges, each computed once per subject signature and other end as
 * the signature's policies see it (a class of the subject's own namespace, or a range, by itself; any other class
 * by its group), and once per profile of the other end; closed without asking against an end outside the side's
 * candidates.
 */
export class SideMemo {
  private readonly memos: Record<Direction, (Map<number, Side> | undefined)[]>;

  /** Per signature, the sides by profile: other ends its rules cannot tell apart share one (see side-rules.ts). */
  private readonly byProfile: Record<Direction, (Map<number, Side> | undefined)[]>;

  private readonly rules: SideRules;

  private readonly egressFirst: boolean;

  /** Cluster-wide tier outcomes by tier, policies and how the other end looks to them (see tierMemo). */
  private readonly tiers = new Map<string, TierOutcome>();

  constructor(
    private readonly index: ModelIndex,
    private readonly ends: Ends,
    signatures: Record<Direction, number>,
  ) {
    this.egressFirst = signatures.egress <= signatures.ingress;
    this.memos = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
    this.byProfile = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
    this.rules = new SideRules(index, ends, signatures);
  }

  /**
   * The other ends (class ids, then the number of classes plus the external range's number) against which the
   * subject's side may allow some connection or leave it unknown: against the others it is closed (see
   * SideRules.candidates). Shared: never change it.
   */
  candidates(direction: Direction, subject: EquivalenceClass): Bitset | 'all' {
    return subject.signature[direction] < 0 ? 'all' : this.rules.candidates(direction, subject);
  }

  /** Every class's candidates for the direction, turned around (see SideRules.openings). */
  openings(direction: Direction) {
    return this.rules.openings(direction);
  }

  /** Whether the other end (by its number, as in candidates) is one of the side's candidates. */
  admits(direction: Direction, subject: EquivalenceClass, end: number): boolean {
    const candidates = this.candidates(direction, subject);
    return candidates === 'all' || candidates.has(end);
  }

  side(direction: Direction, subject: EquivalenceClass, other: EquivalenceClass): Side {
    return this.sideAgainst(direction, subject, other.id, memoKey(direction, subject, other), () => ({
      peer: peerOfClass(other),
      namedPorts: other.namedPorts,
      tierKey: `c${direction === 'egress' ? other.targetGroup : other.peerGroup}`,
    }));
  }

  /** The subject class's side against the external range (by its number in the equivalence's externalRanges). */
  rangeSide(direction: Direction, subject: EquivalenceClass, range: number): Side {
    const end = this.ends.classes.length + range;
    return this.sideAgainst(direction, subject, end, -1 - end, () => {
      const { ip } = this.ends.ranges[range]!;
      return { peer: { type: 'ip', ip }, namedPorts: '', tierKey: `ip:${ip}` };
    });
  }

  /**
   * The side against the other end numbered `end` (see candidates), memoised under `key` (other ends that look
   * alike to the subject's policies share one) and computed once per profile of the other end.
   */
  private sideAgainst(direction: Direction, subject: EquivalenceClass, end: number, key: number, other: () => { peer: FlowPeer; namedPorts: string; tierKey: string }): Side {
    const signature = subject.signature[direction];
    if (signature < 0) return OPEN_SIDE;
    if (!this.admits(direction, subject, end)) return CLOSED_SIDE;
    const memos = this.memos[direction];
    let memo = memos[signature];
    if (!memo) memos[signature] = memo = new Map();
    let side = memo.get(key);
    if (!side) {
      const { peer, namedPorts, tierKey } = other();
      const profiles = (this.byProfile[direction][signature] ??= new Map());
      const profile = this.rules.profile(direction, subject, end, namedPorts);
      side = profiles.get(profile);
      if (!side) {
        side = classSide(direction, subject, peer, this.index, this.tierMemo(direction, subject, tierKey));
        profiles.set(profile, side);
      }
      memo.set(key, side);
    }
    return side;
  }

  /**
   * A TierMemo for the subject's side against an other end that `otherKey` names. Cluster-wide policies read of the
   * other end what its group (or, for an address, the address) tells apart, and named ports on the destination:
   * the other end's group on egress (targetGroup holds its named ports), the subject's named ports on ingress.
   */
  tierMemo(direction: Direction, subject: EquivalenceClass, otherKey: string): TierMemo {
    return (tier, policies, evaluate) => {
      const key = `${direction}\u0000${tier}\u0000${policiesKey(policies)}\u0000${otherKey}${direction === 'ingress' ? `\u0000${subject.namedPorts}` : ''}`;
      let outcome = this.tiers.get(key);
      if (!outcome) this.tiers.set(key, (outcome = evaluate()));
      return outcome;
    };
  }

  /**
   * Both sides of a flow from a pod of `source` to a pod of `destination` (the own-node exception aside). A side
   * already known to allow nothing settles it; otherwise the direction with fewer signatures (fewer sides to
   * compute in all) is asked first, and the other only when the first allows something.
   */
  pair(source: EquivalenceClass, destination: EquivalenceClass): Side {
    const egress = this.known('egress', source, destination);
    if (egress && isClosed(egress)) return CLOSED_SIDE;
    const ingress = this.known('ingress', destination, source);
    if (ingress && isClosed(ingress)) return CLOSED_SIDE;
    if (egress && ingress) return bothSides(egress, ingress);
    if (this.egressFirst) {
      const e = egress ?? this.side('egress', source, destination);
      return isClosed(e) ? CLOSED_SIDE : bothSides(e, ingress ?? this.side('ingress', destination, source));
    }
    const i = ingress ?? this.side('ingress', destination, source);
    return isClosed(i) ? CLOSED_SIDE : bothSides(egress ?? this.side('egress', source, destination), i);
  }

  /** The side when already known (or open), else undefined; never computes. */
  known(direction: Direction, subject: EquivalenceClass, other: EquivalenceClass): Side | undefined {
    const signature = subject.signature[direction];
    if (signature < 0) return OPEN_SIDE;
    if (!this.admits(direction, subject, other.id)) return CLOSED_SIDE;
    return this.memos[direction][signature]?.get(memoKey(direction, subject, other));
  }
}

/**
 * How the other end looks to the subject's policies: a class of their own namespace by itself (-1 - its id; a range
 * is -1 - its end number, see rangeSide), others by group.
 */
const memoKey = (direction: Direction, subject: EquivalenceClass, other: EquivalenceClass) =>
  other.namespace === subject.namespace ? -1 - other.id : direction === 'egress' ? other.targetGroup : other.peerGroup;

/**
 * A connection needs both sides: egress at the source and ingress at the destination. It is allowed where both
 * allow it, denied where either denies it, and unknown where neither denies it and one is unknown.
 */
export function bothSides(egress: Side, ingress: Side): Side {
  if (isClosed(egress) || isClosed(ingress)) return CLOSED_SIDE;
  if (egress.unknown || ingress.unknown) return withUnknown(egress, ingress);
  if (ingress === OPEN_SIDE) return egress;
  if (egress === OPEN_SIDE) return ingress;
  const allowed = egress.allowed.isAll() ? ingress.allowed : ingress.allowed.isAll() ? egress.allowed : egress.allowed.intersect(ingress.allowed);
  if (allowed.isEmpty()) return CLOSED_SIDE;
  return { allowed, policies: mergePolicies(egress.policies, ingress.policies) };
}

function withUnknown(egress: Side, ingress: Side): Side {
  const possible = (side: Side) => (side.unknown ? side.allowed.union(side.unknown.connections) : side.allowed);
  const allowed = egress.allowed.intersect(ingress.allowed);
  const unknown = possible(egress).intersect(possible(ingress)).subtract(allowed);
  if (unknown.isEmpty()) return allowed.isEmpty() ? CLOSED_SIDE : { allowed, policies: mergePolicies(egress.policies, ingress.policies) };
  const reasons = [...new Set([...(egress.unknown?.reasons ?? []), ...(ingress.unknown?.reasons ?? [])])];
  return { allowed, policies: allowed.isEmpty() ? [] : mergePolicies(egress.policies, ingress.policies), unknown: { connections: unknown, reasons } };
}

export const peerOfClass = (c: EquivalenceClass): FlowPeer => ({ type: 'pod', pod: c.representative });

const listKeys = new WeakMap<ClusterWidePolicy[], string>();

/** The policies as a key, built once per list (the lists come cached from clusterTiersOf). */
function policiesKey(policies: ClusterWidePolicy[]): string {
  let key = listKeys.get(policies);
  if (key === undefined) listKeys.set(policies, (key = policies.map((p) => p.meta.uid).join(',')));
  return key;
}

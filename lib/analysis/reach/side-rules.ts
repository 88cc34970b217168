// What the side of a class reads of the other ends (classes and external ranges, numbered as rule-matches.ts's
// Ends), per direction and signature: the rules of every tier that govern it, each matched once by RuleMatches.
//
// Two uses:
// - `profile`: a side reads nothing else of the other end but, on egress, its named ports (the destination's) when
//   its rules name ports: two other ends with the same profile (the answers of every rule the side reads, and those
//   ports) get the same side, so SideMemo computes it once per profile (hash-consed to a number);
// - `candidates`: the other ends a side may let some connection through to, or leave unknown, as the union of the
//   ends admitted by the rules that can open it (see read); against any other end the side is closed. `openings`
//   gives every class's candidates turned around, rule by rule, for PairCandidates.

import type { ClusterPolicyRule, ClusterWidePolicy } from '@/lib/model';
import { ciliumSelection } from '../cilium/selection';
import { rulesFor } from '../cluster-policy/tier';
import type { ModelIndex } from '../model-index';
import { rulesOf } from '../policy/isolation';
import type { Direction } from '../policy/types';
import { Bitset } from './bitset';
import type { EquivalenceClass } from './equivalence';
import { RuleMatches, type Ends, type MatchedRule } from './rule-matches';

const SECTIONS = { egress: { deny: 'egressDeny', allow: 'egress' }, ingress: { deny: 'ingressDeny', allow: 'ingress' } } as const;

/**
 * What one side reads. `opening`: the rules whose matching peers may let some connection through or leave it
 * unknown (with `maybeOnly`, only where they may match); `open`: every other end may get something.
 */
interface SideRead {
  /** The rules whose answers decide the side. */
  rules: MatchedRule[];
  /** Whether a rule of the side names a port, which resolves on the destination (the other end on egress). */
  namedPorts: boolean;
  opening: { rule: MatchedRule; maybeOnly: boolean }[];
  open: boolean;
  candidates?: Bitset;
}

export class SideRules {
  private readonly rules: RuleMatches;
  private readonly portIds = new Map<string, number>();
  /** Profiles by hash, each with its id. */
  private readonly profiles = new Map<number, { codes: Int32Array; id: number }[]>();
  private profileCount = 0;
  private readonly scratch: number[] = [];
  /** What each signature's side reads, per direction. */
  private readonly reads: Record<Direction, (SideRead | undefined)[]>;

  constructor(
    private readonly index: ModelIndex,
    private readonly ends: Ends,
    signatures: Record<Direction, number>,
  ) {
    this.rules = new RuleMatches(index, ends);
    this.reads = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
  }

  /**
   * The other end (numbered as in Ends) as the subject's side reads it: the answers of the side's rules that match
   * or may match, and on egress the other end's named ports (`namedPorts`, as EquivalenceClass keeps them; none for
   * an address). Equal profiles get the same number (its id); only for a governed subject class (signature >= 0).
   */
  profile(direction: Direction, subject: EquivalenceClass, end: number, namedPorts: string): number {
    const side = this.read(direction, subject);
    const { rules } = side;
    const codes = this.scratch;
    codes.length = 0;
    if (direction === 'egress' && side.namedPorts) codes.push(intern(this.portIds, namedPorts));
    for (let i = 0; i < rules.length; i++) {
      const admitted = this.rules.admitted(rules[i]!);
      if (admitted.ends.has(end)) codes.push(i, typeof admitted.codes === 'number' ? admitted.codes : admitted.codes[end]!);
    }
    // Hash-consed rather than joined into a string key: sides ask for hundreds of thousands of profiles, few distinct.
    let hash = codes.length;
    for (const code of codes) hash = (Math.imul(hash, 31) + code) | 0;
    let bucket = this.profiles.get(hash);
    if (!bucket) this.profiles.set(hash, (bucket = []));
    const known = bucket.find((p) => p.codes.length === codes.length && p.codes.every((code, i) => code === codes[i]));
    if (known) return known.id;
    const id = this.profileCount++;
    bucket.push({ codes: Int32Array.from(codes), id });
    return id;
  }

  /**
   * The other ends (class ids, then classes.length + range number) against which the subject's side may allow or
   * leave unknown some connection ('all' when it is not isolated); against the others it allows nothing. Only for a
   * governed subject class (signature >= 0). The set is shared: never change it.
   */
  candidates(direction: Direction, subject: EquivalenceClass): Bitset | 'all' {
    const side = this.read(direction, subject);
    if (side.open) return 'all';
    if (!side.candidates) {
      const candidates = new Bitset(this.rules.size);
      for (const { rule, maybeOnly } of side.opening) {
        const admitted = this.rules.admitted(rule);
        const ends = maybeOnly ? admitted.maybe : admitted.ends;
        if (ends) candidates.addAll(ends);
      }
      side.candidates = candidates;
    }
    return side.candidates;
  }

  /**
   * The candidates of every class's side for the direction, turned around: per rule that can open a side, the ends
   * it opens to and the classes whose side it opens (`subjects`), and apart the classes whose side is open to every
   * end (`open`, or not governed). A class's candidates are the union of the ends of the rules whose subjects hold
   * it (see candidates). Rules are shared by the sides of many signatures, so this costs the rules' ends, not the
   * classes' candidates.
   */
  openings(direction: Direction): { open: Bitset; rules: { ends: Bitset; subjects: Bitset }[] } {
    const { classes } = this.ends;
    const open = new Bitset(this.rules.size);
    const byRule = new Map<MatchedRule, { ends: Bitset; subjects: Bitset }>();
    const byMaybe = new Map<MatchedRule, { ends: Bitset; subjects: Bitset }>();
    for (const subject of classes) {
      const side = subject.signature[direction] < 0 ? undefined : this.read(direction, subject);
      if (!side || side.open) {
        open.add(subject.id);
        continue;
      }
      for (const { rule, maybeOnly } of side.opening) {
        const admitted = this.rules.admitted(rule);
        const ends = maybeOnly ? admitted.maybe : admitted.ends;
        if (!ends) continue;
        const into = maybeOnly ? byMaybe : byRule;
        let opening = into.get(rule);
        if (!opening) into.set(rule, (opening = { ends, subjects: new Bitset(this.rules.size) }));
        opening.subjects.add(subject.id);
      }
    }
    return { open, rules: [...byRule.values(), ...byMaybe.values()] };
  }

  /** What the subject's side reads (see SideRead), once per signature: classes that share one share it. */
  private read(direction: Direction, subject: EquivalenceClass): SideRead {
    const signature = subject.signature[direction];
    const cached = this.reads[direction][signature];
    if (cached) return cached;
    const { index } = this;
    const subjectPod = subject.representative;
    const cilium = ciliumSelection(subjectPod, direction, index);
    // A side the engine does not evaluate reads no rule, and is unknown against every other end. One that neither a
    // NetworkPolicy nor a Cilium rule with default deny isolates allows what no tier denies (Baseline included).
    const evaluated = !subject.notEvaluated[direction];
    const isolated = subject.isolating[direction].length > 0 || cilium.defaultDeny;
    const side: SideRead = { rules: [], namedPorts: false, opening: [], open: !evaluated || !isolated };
    if (evaluated) {
      const add = (state: MatchedRule, namedPorts: boolean, opening: boolean, maybeOnly = false) => {
        side.rules.push(state);
        side.namedPorts ||= namedPorts;
        if (opening) side.opening.push({ rule: state, maybeOnly });
      };
      for (const policy of subject.isolating[direction]) {
        for (const rule of rulesOf(policy, direction)) add(this.rules.networkPolicyRule(policy, rule), rule.ports.some((p) => typeof p.port === 'string'), true);
      }
      // An Admin rule opens the side when it accepts, or may match; a Deny or Pass that surely matches opens
      // nothing by itself, unless another policy of its priority (or one without a priority) competes with it,
      // which makes their connections unknown where they disagree. Baseline rules only open a side that no policy
      // isolates, which is open anyway.
      const admin = subject.cluster[direction].Admin;
      const competing = competes(admin);
      const clusterNamedPorts = (rule: ClusterPolicyRule) => rule.ports.some((p) => p.type === 'named');
      for (const policy of admin) {
        for (const rule of rulesFor(policy, direction)) add(this.rules.clusterRule(rule), clusterNamedPorts(rule), true, rule.action !== 'Accept' && !competing.has(policy));
      }
      // The Baseline tier is read only for a side the policy tier does not isolate.
      for (const policy of isolated ? [] : subject.cluster[direction].Baseline) {
        for (const rule of rulesFor(policy, direction)) add(this.rules.clusterRule(rule), clusterNamedPorts(rule), false);
      }
      for (const selected of cilium.rules) {
        // Deny entries open nothing; allow entries open where they match or may match.
        for (const [section, opening] of [
          [SECTIONS[direction].deny, false],
          [SECTIONS[direction].allow, true],
        ] as const) {
          for (const entry of selected.rule[section]) {
            const namedPorts = entry.toPorts.some((rule) => rule.ports.some((p) => typeof p.port === 'string'));
            add(this.rules.ciliumEntry(selected, entry, subject), namedPorts, opening);
          }
        }
      }
    }
    this.reads[direction][signature] = side;
    return side;
  }

}

/** The string's number in `ids`, numbering it next when new (0, 1, ...). */
function intern(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = ids.size));
  return id;
}

/**
 * The policies of a tier that share their priority with another (evaluateTier's priority groups): a policy without
 * a priority competes with every other.
 */
function competes(policies: ClusterWidePolicy[]): Set<ClusterWidePolicy> {
  const count = new Map<number | undefined, number>();
  for (const p of policies) count.set(p.priority, (count.get(p.priority) ?? 0) + 1);
  const unordered = count.get(undefined) ?? 0;
  return new Set(policies.filter((p) => (count.get(p.priority) ?? 0) > 1 || (unordered > 0 && policies.length > 1)));
}

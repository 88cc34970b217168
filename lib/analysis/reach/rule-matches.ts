// How the other end of a class-level side looks to the subject's rules (see class-sides.ts): for each rule of every
// tier that governs the subject's side, whether its peers match the other end, as the engine's own matchers say it
// for that end's representative (ruleMatchesPeer, matchClusterRule, matchCiliumEntry). Each rule is matched once per
// other end it can tell apart (a class of the rule's policy's namespace, or else a peer group) and the answers are
// shared by every side that reads the rule.
//
// A side reads nothing else of the other end but, on egress, its named ports (the destination's): two other ends with
// the same profile (the answers of every rule of the side, and those ports) get the same side, so SideMemo computes it
// once per profile (hash-consed to a number). Rule answers keep what the set form reads of a match: which peer matched, and why a rule may
// match (its reasons become the side's unknown reasons); a rule that does not match is just "no".

import type { ClusterPolicyRule, NetworkPolicy, NetworkPolicyRule, CiliumSectionEntry } from '@/lib/model';
import { matchCiliumEntry } from '../cilium/evaluate';
import { ciliumSelection, type SelectedCiliumRule } from '../cilium/selection';
import { matchClusterRule, rulesFor } from '../cluster-policy/tier';
import type { ModelIndex } from '../model-index';
import { ruleMatchesPeer } from '../policy/evaluate-policy-tier';
import { rulesOf } from '../policy/isolation';
import type { Direction } from '../policy/types';
import type { EquivalenceClass } from './equivalence';

const SECTIONS = { egress: ['egressDeny', 'egress'], ingress: ['ingressDeny', 'ingress'] } as const;

/** One rule of a side, and its answers so far by other end (0: not asked yet). */
interface RuleState {
  /** The namespace of the rule's policy: its classes are told apart one by one, other pods by peer group. */
  namespace: string | undefined;
  match: (other: EquivalenceClass) => string;
  answers: Int32Array;
}

const NO = 1;

export class RuleMatches {
  private readonly states = new Map<object, RuleState>();
  /** Rule answers other than "no", interned: 2, 3, ... */
  private readonly answerIds = new Map<string, number>();
  private readonly portIds = new Map<string, number>();
  /** Profiles by hash, each with its id. */
  private readonly profiles = new Map<number, { codes: Int32Array; id: number }[]>();
  private profileCount = 0;
  private readonly scratch: number[] = [];
  /** The rules of each signature's side, per direction. */
  private readonly sideRules: Record<Direction, (RuleState[] | undefined)[]>;
  /** Answer slots: one per peer group, then one per class. */
  private readonly groups: number;
  private readonly slots: number;

  constructor(
    private readonly index: ModelIndex,
    classes: readonly EquivalenceClass[],
    signatures: Record<Direction, number>,
  ) {
    this.groups = classes.reduce((n, c) => Math.max(n, c.peerGroup + 1), 0);
    this.slots = this.groups + classes.length;
    this.sideRules = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
  }

  /**
   * The other end as the subject's side reads it: the answers of the side's rules that match or may match, and on
   * egress the other end's named ports. Equal profiles get the same number (its id); only for a governed subject
   * class (signature >= 0).
   */
  profile(direction: Direction, subject: EquivalenceClass, other: EquivalenceClass): number {
    const rules = this.rulesOf(direction, subject);
    const codes = this.scratch;
    codes.length = 0;
    if (direction === 'egress') codes.push(intern(this.portIds, other.namedPorts));
    for (let i = 0; i < rules.length; i++) {
      const answer = this.answer(rules[i]!, other);
      if (answer !== NO) codes.push(i, answer);
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

  private answer(state: RuleState, other: EquivalenceClass): number {
    const slot = other.namespace === state.namespace ? this.groups + other.id : other.peerGroup;
    let answer = state.answers[slot]!;
    if (answer === 0) {
      const text = state.match(other);
      answer = text === 'no' ? NO : intern(this.answerIds, text) + 2;
      state.answers[slot] = answer;
    }
    return answer;
  }

  private rulesOf(direction: Direction, subject: EquivalenceClass): RuleState[] {
    const signature = subject.signature[direction];
    const cached = this.sideRules[direction][signature];
    if (cached) return cached;
    const rules: RuleState[] = [];
    // A side the engine does not evaluate reads no rule.
    if (!subject.notEvaluated[direction]) {
      const { index } = this;
      const subjectPod = subject.representative;
      for (const policy of subject.isolating[direction]) {
        for (const rule of rulesOf(policy, direction)) rules.push(this.state(rule, policy.meta.namespace, (o) => networkPolicyAnswer(policy, rule, o, index)));
      }
      for (const policy of [...subject.cluster[direction].Admin, ...subject.cluster[direction].Baseline]) {
        for (const rule of rulesFor(policy, direction)) rules.push(this.state(rule, undefined, (o) => clusterAnswer(rule, o, index)));
      }
      for (const selected of ciliumSelection(subjectPod, direction, index).rules) {
        for (const section of SECTIONS[direction]) {
          // The subject plays no part in an entry's match: a class representative has no node, so the other end is
          // never its own node (isOwnNode).
          for (const entry of selected.rule[section]) rules.push(this.state(entry, selected.policy.meta.namespace, (o) => ciliumAnswer(selected, entry, subject, o, index)));
        }
      }
    }
    this.sideRules[direction][signature] = rules;
    return rules;
  }

  private state(rule: object, namespace: string | undefined, match: (other: EquivalenceClass) => string): RuleState {
    let state = this.states.get(rule);
    if (!state) this.states.set(rule, (state = { namespace, match, answers: new Int32Array(this.slots) }));
    return state;
  }
}

/** The string's number in `ids`, numbering it next when new (0, 1, ...). */
function intern(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = ids.size));
  return id;
}

function networkPolicyAnswer(policy: NetworkPolicy, rule: NetworkPolicyRule, other: EquivalenceClass, index: ModelIndex): string {
  return ruleMatchesPeer(policy, rule, { type: 'pod', pod: other.representative }, index) ? 'yes' : 'no';
}

function clusterAnswer(rule: ClusterPolicyRule, other: EquivalenceClass, index: ModelIndex): string {
  const { match, peer, reasons } = matchClusterRule(rule, { type: 'pod', pod: other.representative }, index, 'sets');
  return match === 'no' ? 'no' : `${match}\u0001${peer ?? ''}\u0001${reasons.join('\u0001')}`;
}

function ciliumAnswer(selected: SelectedCiliumRule, entry: CiliumSectionEntry, subject: EquivalenceClass, other: EquivalenceClass, index: ModelIndex): string {
  const { match, peer, reasons } = matchCiliumEntry(selected, entry, { subject: subject.representative, other: { type: 'pod', pod: other.representative }, index });
  return match === 'no' ? 'no' : `${match}\u0001${peer ?? ''}\u0001${reasons.join('\u0001')}`;
}

// How the other end of a class-level side looks to the subject's rules (see class-sides.ts): for each rule of every
// tier that governs the subject's side, whether its peers match the other end, as the engine's own matchers say it
// for that end's representative (ruleMatchesPeer, matchClusterRule, matchCiliumEntry). The other ends are the
// equivalence classes and the external address ranges, numbered as one list (`Ends`: classes first).
//
// Each rule is matched once against every other end, when a side first reads it, and the ends whose answer is not
// "no" are kept as a bitset (`admitted`): the ends of a namespace its peers cannot reach are skipped without asking
// (peerMayMatchNamespace and its cluster-wide and Cilium kin), and an end outside the rule's policy's namespace is
// asked once per peer group, since such rules cannot tell the classes of a group apart.
//
// Two uses:
// - `profile`: a side reads nothing else of the other end but, on egress, its named ports (the destination's) when
//   its rules name ports: two other ends with the same profile (the answers of every rule the side reads, and those
//   ports) get the same side, so
//   SideMemo computes it once per profile (hash-consed to a number). Rule answers keep what the set form reads of a
//   match: which peer matched, and why a rule may match (its reasons become the side's unknown reasons);
// - `candidates`: the other ends a side may let some connection through to, or leave unknown, as the union of the
//   admitted ends of the rules that can open it (see sideRules); against any other end the side is closed.

import type { ClusterPolicyRule, ClusterWidePolicy, NetworkPolicy, NetworkPolicyRule, CiliumSectionEntry } from '@/lib/model';
import { matchCiliumEntry } from '../cilium/evaluate';
import { ciliumPeerMayMatchNamespace, endpointScope } from '../cilium/match-peer';
import { ciliumSelection, type SelectedCiliumRule } from '../cilium/selection';
import { clusterPeerMayMatchNamespace } from '../cluster-policy/match-peer';
import { matchClusterRule, rulesFor } from '../cluster-policy/tier';
import type { ModelIndex } from '../model-index';
import { ruleMatchesPeer } from '../policy/evaluate-policy-tier';
import { rulesOf } from '../policy/isolation';
import { peerMayMatchNamespace } from '../policy/match-peer';
import type { Direction, FlowPeer } from '../policy/types';
import { Bitset } from './bitset';
import type { EquivalenceClass, ExternalRange } from './equivalence';

/** The other ends of class-level sides: the classes (ids 0 to classes.length - 1), then the external ranges. */
export interface Ends {
  classes: readonly EquivalenceClass[];
  ranges: readonly ExternalRange[];
}

const SECTIONS = { egress: { deny: 'egressDeny', allow: 'egress' }, ingress: { deny: 'ingressDeny', allow: 'ingress' } } as const;

/** One rule of a side, and the other ends it admits (filled when a side first reads it). */
interface RuleState {
  /** The namespace of the rule's policy: its classes are told apart one by one, other pods by peer group. */
  namespace: string | undefined;
  match: (other: FlowPeer) => string;
  /** False when no pod of the namespace can match (see peerMayMatchNamespace). */
  mayMatchNamespace: (namespace: string) => boolean;
  /** Whether an address outside the pods may match. */
  mayMatchAddresses: boolean;
  admitted?: Admitted;
}

interface Admitted {
  /** Ends whose answer is not "no". */
  ends: Bitset;
  /** Ends whose answer is "maybe" (undefined when none is). */
  maybe: Bitset | undefined;
  /** The answer of the admitted ends: one for all, or one per end. */
  codes: number | Int32Array;
}

/**
 * What a side reads of the other ends. `opening`: the rules whose matching peers may let some connection through or
 * leave it unknown (with `maybeOnly`, only where they may match); `open`: every other end may get something.
 */
interface SideRules {
  /** The rules whose answers decide the side. */
  rules: RuleState[];
  /** Whether a rule of the side names a port, which resolves on the destination (the other end on egress). */
  namedPorts: boolean;
  opening: { rule: RuleState; maybeOnly: boolean }[];
  open: boolean;
  candidates?: Bitset;
}

const NO = 1;

export class RuleMatches {
  private readonly states = new Map<object, RuleState>();
  private readonly byContent = new Map<string, RuleState>();
  /** Rule answers other than "no", interned: 2, 3, ... */
  private readonly answerIds = new Map<string, number>();
  /** Per answer, whether it is a "maybe". */
  private readonly maybeAnswers: boolean[] = [];
  private readonly portIds = new Map<string, number>();
  /** Profiles by hash, each with its id. */
  private readonly profiles = new Map<number, { codes: Int32Array; id: number }[]>();
  private profileCount = 0;
  private readonly scratch: number[] = [];
  /** The rules of each signature's side, per direction. */
  private readonly sideRules: Record<Direction, (SideRules | undefined)[]>;
  private readonly byNamespace = new Map<string, EquivalenceClass[]>();
  /** Answers by peer group while a rule is being matched (0: not asked yet), and the groups asked. */
  private readonly groupAnswers: Int32Array;
  private readonly groupsAsked: number[] = [];
  private readonly size: number;

  constructor(
    private readonly index: ModelIndex,
    private readonly ends: Ends,
    signatures: Record<Direction, number>,
  ) {
    const { classes, ranges } = ends;
    this.size = classes.length + ranges.length;
    this.groupAnswers = new Int32Array(classes.reduce((n, c) => Math.max(n, c.peerGroup + 1), 0));
    for (const c of classes) {
      const list = this.byNamespace.get(c.namespace);
      if (list) list.push(c);
      else this.byNamespace.set(c.namespace, [c]);
    }
    this.sideRules = { egress: new Array(signatures.egress).fill(undefined), ingress: new Array(signatures.ingress).fill(undefined) };
  }

  /**
   * The other end (numbered as in Ends) as the subject's side reads it: the answers of the side's rules that match
   * or may match, and on egress the other end's named ports (`namedPorts`, as EquivalenceClass keeps them; none for
   * an address). Equal profiles get the same number (its id); only for a governed subject class (signature >= 0).
   */
  profile(direction: Direction, subject: EquivalenceClass, end: number, namedPorts: string): number {
    const side = this.rulesOf(direction, subject);
    const { rules } = side;
    const codes = this.scratch;
    codes.length = 0;
    if (direction === 'egress' && side.namedPorts) codes.push(intern(this.portIds, namedPorts));
    for (let i = 0; i < rules.length; i++) {
      const admitted = this.admitted(rules[i]!);
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
    const side = this.rulesOf(direction, subject);
    if (side.open) return 'all';
    if (!side.candidates) {
      const candidates = new Bitset(this.size);
      for (const { rule, maybeOnly } of side.opening) {
        const admitted = this.admitted(rule);
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
    const open = new Bitset(this.size);
    const byRule = new Map<RuleState, { ends: Bitset; subjects: Bitset }>();
    const byMaybe = new Map<RuleState, { ends: Bitset; subjects: Bitset }>();
    for (const subject of classes) {
      const side = subject.signature[direction] < 0 ? undefined : this.rulesOf(direction, subject);
      if (!side || side.open) {
        open.add(subject.id);
        continue;
      }
      for (const { rule, maybeOnly } of side.opening) {
        const admitted = this.admitted(rule);
        const ends = maybeOnly ? admitted.maybe : admitted.ends;
        if (!ends) continue;
        const into = maybeOnly ? byMaybe : byRule;
        let opening = into.get(rule);
        if (!opening) into.set(rule, (opening = { ends, subjects: new Bitset(this.size) }));
        opening.subjects.add(subject.id);
      }
    }
    return { open, rules: [...byRule.values(), ...byMaybe.values()] };
  }

  private admitted(state: RuleState): Admitted {
    if (state.admitted) return state.admitted;
    const { classes, ranges } = this.ends;
    const ends = new Bitset(this.size);
    let maybe: Bitset | undefined;
    let codes: number | Int32Array = NO;
    const note = (end: number, answer: number) => {
      if (answer === NO) return;
      ends.add(end);
      if (this.maybeAnswers[answer]) (maybe ??= new Bitset(this.size)).add(end);
      if (codes === NO) codes = answer;
      else if (typeof codes === 'number' && codes !== answer) {
        const first = codes;
        codes = new Int32Array(this.size);
        ends.forEach((e) => ((codes as Int32Array)[e] = first));
      }
      if (typeof codes !== 'number') codes[end] = answer;
    };
    for (const [namespace, members] of this.byNamespace) {
      if (!state.mayMatchNamespace(namespace)) continue;
      for (const other of members) {
        if (other.namespace === state.namespace) {
          note(other.id, this.answerOf(state, { type: 'pod', pod: other.representative }));
          continue;
        }
        // Classes of one peer group look alike to a rule of another namespace.
        let answer = this.groupAnswers[other.peerGroup]!;
        if (answer === 0) {
          answer = this.answerOf(state, { type: 'pod', pod: other.representative });
          this.groupAnswers[other.peerGroup] = answer;
          this.groupsAsked.push(other.peerGroup);
        }
        note(other.id, answer);
      }
    }
    for (const group of this.groupsAsked) this.groupAnswers[group] = 0;
    this.groupsAsked.length = 0;
    if (state.mayMatchAddresses) ranges.forEach(({ ip }, i) => note(classes.length + i, this.answerOf(state, { type: 'ip', ip })));
    return (state.admitted = { ends, maybe, codes });
  }

  private answerOf(state: RuleState, other: FlowPeer): number {
    const text = state.match(other);
    if (text === 'no') return NO;
    let id = this.answerIds.get(text);
    if (id === undefined) {
      this.answerIds.set(text, (id = this.answerIds.size + 2));
      this.maybeAnswers[id] = text.startsWith('maybe');
    }
    return id;
  }

  private rulesOf(direction: Direction, subject: EquivalenceClass): SideRules {
    const signature = subject.signature[direction];
    const cached = this.sideRules[direction][signature];
    if (cached) return cached;
    const { index } = this;
    const subjectPod = subject.representative;
    const cilium = ciliumSelection(subjectPod, direction, index);
    // A side the engine does not evaluate reads no rule, and is unknown against every other end. One that neither a
    // NetworkPolicy nor a Cilium rule with default deny isolates allows what no tier denies (Baseline included).
    const evaluated = !subject.notEvaluated[direction];
    const isolated = subject.isolating[direction].length > 0 || cilium.defaultDeny;
    const side: SideRules = { rules: [], namedPorts: false, opening: [], open: !evaluated || !isolated };
    if (evaluated) {
      const add = (state: RuleState, namedPorts: boolean, opening: boolean, maybeOnly = false) => {
        side.rules.push(state);
        side.namedPorts ||= namedPorts;
        if (opening) side.opening.push({ rule: state, maybeOnly });
      };
      for (const policy of subject.isolating[direction]) {
        for (const rule of rulesOf(policy, direction)) add(this.networkPolicyRule(policy, rule), rule.ports.some((p) => typeof p.port === 'string'), true);
      }
      // An Admin rule opens the side when it accepts, or may match; a Deny or Pass that surely matches opens
      // nothing by itself, unless another policy of its priority (or one without a priority) competes with it,
      // which makes their connections unknown where they disagree. Baseline rules only open a side that no policy
      // isolates, which is open anyway.
      const admin = subject.cluster[direction].Admin;
      const competing = competes(admin);
      const clusterNamedPorts = (rule: ClusterPolicyRule) => rule.ports.some((p) => p.type === 'named');
      for (const policy of admin) {
        for (const rule of rulesFor(policy, direction)) add(this.clusterRule(rule), clusterNamedPorts(rule), true, rule.action !== 'Accept' && !competing.has(policy));
      }
      // The Baseline tier is read only for a side the policy tier does not isolate.
      for (const policy of isolated ? [] : subject.cluster[direction].Baseline) {
        for (const rule of rulesFor(policy, direction)) add(this.clusterRule(rule), clusterNamedPorts(rule), false);
      }
      for (const selected of cilium.rules) {
        // Deny entries open nothing; allow entries open where they match or may match.
        for (const [section, opening] of [
          [SECTIONS[direction].deny, false],
          [SECTIONS[direction].allow, true],
        ] as const) {
          // The subject plays no part in an entry's match: a class representative has no node, so the other end is
          // never its own node (isOwnNode).
          for (const entry of selected.rule[section]) {
            const namedPorts = entry.toPorts.some((rule) => rule.ports.some((p) => typeof p.port === 'string'));
            add(this.ciliumEntry(selected, entry, subject), namedPorts, opening);
          }
        }
      }
    }
    this.sideRules[direction][signature] = side;
    return side;
  }

  // Rules with the same peers, as their policy reads them, share their answers: many policies repeat one rule
  // (DNS, the internet, an entity) in their own namespaces, and a rule reads its policy's namespace only through a
  // peer that selects pods without a namespace selector (for Cilium, endpoints confined to that namespace).

  private networkPolicyRule(policy: NetworkPolicy, rule: NetworkPolicyRule): RuleState {
    const { index } = this;
    const namespace = rule.peers.some((peer) => !peer.ipBlock && !peer.namespaceSelector) ? policy.meta.namespace : undefined;
    return this.state(rule, () => `np\u0000${namespace ?? ''}\u0000${JSON.stringify(rule.peers)}`, () => ({
      namespace,
      match: (other) => (ruleMatchesPeer(policy, rule, other, index) ? 'yes' : 'no'),
      mayMatchNamespace: (namespace) => rule.peers.length === 0 || rule.peers.some((peer) => peerMayMatchNamespace(policy, peer, namespace, index)),
      mayMatchAddresses: rule.peers.length === 0 || rule.peers.some((peer) => !!peer.ipBlock),
    }));
  }

  private clusterRule(rule: ClusterPolicyRule): RuleState {
    const { index } = this;
    return this.state(rule, () => `cluster\u0000${JSON.stringify(rule.peers)}`, () => ({
      namespace: undefined,
      match: (other) => {
        const { match, peer, reasons } = matchClusterRule(rule, other, index, 'sets');
        return match === 'no' ? 'no' : `${match}\u0001${peer ?? ''}\u0001${reasons.join('\u0001')}`;
      },
      mayMatchNamespace: (namespace) => rule.peers.some((peer) => clusterPeerMayMatchNamespace(peer, namespace, index)),
      mayMatchAddresses: rule.peers.some((peer) => peer.type !== 'pods'),
    }));
  }

  private ciliumEntry(selected: SelectedCiliumRule, entry: CiliumSectionEntry, subject: EquivalenceClass): RuleState {
    const { index } = this;
    const policy = { kind: selected.kind, namespace: selected.policy.meta.namespace };
    const namespace = entry.peers.some((peer) => peer.type === 'endpoints' && endpointScope(peer.selector, policy) !== undefined) ? policy.namespace : undefined;
    const key = () => `cilium\u0000${policy.kind}\u0000${namespace ?? ''}\u0000${entry.emptyPeerField ?? ''}\u0000${entry.toPorts.length + entry.icmps > 0}\u0000${JSON.stringify(entry.peers)}`;
    return this.state(entry, key, () => ({
      namespace,
      match: (other) => {
        const { match, peer, reasons } = matchCiliumEntry(selected, entry, { subject: subject.representative, other, index });
        return match === 'no' ? 'no' : `${match}\u0001${peer ?? ''}\u0001${reasons.join('\u0001')}`;
      },
      mayMatchNamespace: (namespace) => entry.peers.length === 0 || entry.peers.some((peer) => ciliumPeerMayMatchNamespace(peer, policy, namespace)),
      mayMatchAddresses: entry.peers.length === 0 || entry.peers.some((peer) => peer.type !== 'endpoints'),
    }));
  }

  private state(rule: object, key: () => string, make: () => RuleState): RuleState {
    let state = this.states.get(rule);
    if (!state) {
      const content = key();
      state = this.byContent.get(content);
      if (!state) this.byContent.set(content, (state = make()));
      this.states.set(rule, state);
    }
    return state;
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

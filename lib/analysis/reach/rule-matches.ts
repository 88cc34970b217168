// What each policy rule of a class-level side admits (see side-rules.ts): whether its peers match each other end, as
// the engine's own matchers say it for that end's representative (ruleMatchesPeer, matchClusterRule,
// matchCiliumEntry). The other ends are the equivalence classes and the external address ranges, numbered as one
// list (`Ends`: classes first).
//
// A rule is matched once against every other end, when a side first reads it, and the ends whose answer is not "no"
// are kept as a bitset (`Admitted`), with the answers the set form reads of a match (which peer matched, and why a
// rule may match: its reasons become a side's unknown reasons). The ends of a namespace the rule's peers cannot
// reach are skipped without asking (peerMayMatchNamespace and its cluster-wide and Cilium kin), and an end outside
// the rule's policy's namespace is asked once per peer group, since such a rule cannot tell the classes of a group
// apart. Rules with the same peers, as their policy reads them, share one answer: many policies repeat one rule
// (DNS, the internet, an entity) in their own namespaces, and a rule reads its policy's namespace only through a peer
// that selects pods without a namespace selector (for Cilium, endpoints confined to that namespace).

import type { ClusterPolicyRule, NetworkPolicy, NetworkPolicyRule, CiliumSectionEntry } from '@/lib/model';
import { matchCiliumEntry } from '../cilium/evaluate';
import { ciliumPeerMayMatchNamespace, endpointScope } from '../cilium/match-peer';
import type { SelectedCiliumRule } from '../cilium/selection';
import { clusterPeerMayMatchNamespace } from '../cluster-policy/match-peer';
import { matchClusterRule } from '../cluster-policy/tier';
import type { ModelIndex } from '../model-index';
import { ruleMatchesPeer } from '../policy/evaluate-policy-tier';
import { peerMayMatchNamespace } from '../policy/match-peer';
import type { FlowPeer } from '../policy/types';
import { Bitset } from './bitset';
import type { EquivalenceClass, ExternalRange } from './equivalence';

/** The other ends of class-level sides: the classes (ids 0 to classes.length - 1), then the external ranges. */
export interface Ends {
  classes: readonly EquivalenceClass[];
  ranges: readonly ExternalRange[];
}

/** One rule (or rules with the same peers), and the other ends it admits once matched. */
export interface MatchedRule {
  /** The namespace of the rule's policy when the rule reads it: its classes are told apart one by one, other pods by peer group. */
  namespace: string | undefined;
  match: (other: FlowPeer) => string;
  /** False when no pod of the namespace can match (see peerMayMatchNamespace). */
  mayMatchNamespace: (namespace: string) => boolean;
  /** Whether an address outside the pods may match. */
  mayMatchAddresses: boolean;
  admitted?: Admitted;
}

export interface Admitted {
  /** Ends whose answer is not "no". */
  ends: Bitset;
  /** Ends whose answer is "maybe" (undefined when none is). */
  maybe: Bitset | undefined;
  /** The answer (a number, the same for equal answers) of the admitted ends: one for all, or one per end. */
  codes: number | Int32Array;
}

const NO = 1;

export class RuleMatches {
  private readonly states = new Map<object, MatchedRule>();
  private readonly byContent = new Map<string, MatchedRule>();
  /** Rule answers other than "no", interned: 2, 3, ... */
  private readonly answerIds = new Map<string, number>();
  /** Per answer, whether it is a "maybe". */
  private readonly maybeAnswers: boolean[] = [];
  private readonly byNamespace = new Map<string, EquivalenceClass[]>();
  /** Answers by peer group while a rule is being matched (0: not asked yet), and the groups asked. */
  private readonly groupAnswers: Int32Array;
  private readonly groupsAsked: number[] = [];
  /** The number of ends. */
  readonly size: number;

  constructor(
    private readonly index: ModelIndex,
    private readonly ends: Ends,
  ) {
    const { classes, ranges } = ends;
    this.size = classes.length + ranges.length;
    this.groupAnswers = new Int32Array(classes.reduce((n, c) => Math.max(n, c.peerGroup + 1), 0));
    for (const c of classes) {
      const list = this.byNamespace.get(c.namespace);
      if (list) list.push(c);
      else this.byNamespace.set(c.namespace, [c]);
    }
  }

  /** The other ends the rule admits, matched on first use. */
  admitted(state: MatchedRule): Admitted {
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

  private answerOf(state: MatchedRule, other: FlowPeer): number {
    const text = state.match(other);
    if (text === 'no') return NO;
    let id = this.answerIds.get(text);
    if (id === undefined) {
      this.answerIds.set(text, (id = this.answerIds.size + 2));
      this.maybeAnswers[id] = text.startsWith('maybe');
    }
    return id;
  }

  networkPolicyRule(policy: NetworkPolicy, rule: NetworkPolicyRule): MatchedRule {
    const { index } = this;
    const namespace = rule.peers.some((peer) => !peer.ipBlock && !peer.namespaceSelector) ? policy.meta.namespace : undefined;
    return this.state(rule, () => `np\u0000${namespace ?? ''}\u0000${JSON.stringify(rule.peers)}`, () => ({
      namespace,
      match: (other) => (ruleMatchesPeer(policy, rule, other, index) ? 'yes' : 'no'),
      mayMatchNamespace: (namespace) => rule.peers.length === 0 || rule.peers.some((peer) => peerMayMatchNamespace(policy, peer, namespace, index)),
      mayMatchAddresses: rule.peers.length === 0 || rule.peers.some((peer) => !!peer.ipBlock),
    }));
  }

  clusterRule(rule: ClusterPolicyRule): MatchedRule {
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

  /** A Cilium entry: the subject plays no part in its match (a class representative has no node, so the other end is never its own node). */
  ciliumEntry(selected: SelectedCiliumRule, entry: CiliumSectionEntry, subject: EquivalenceClass): MatchedRule {
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

  private state(rule: object, key: () => string, make: () => MatchedRule): MatchedRule {
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

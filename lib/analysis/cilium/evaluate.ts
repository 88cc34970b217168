// The Cilium rules that select a subject, evaluated for one side of a flow, in set form: which connections their
// allow entries surely (or maybe) allow and their deny entries surely (or maybe) deny. Computed once per side from
// the entries; the per-port explanation reads its answer from these sets, so "explain" and "reach" cannot disagree.
//
// An entry (pkg/policy/utils RulesToPolicyEntries, pkg/policy/rule.go mergeL4Filter) covers a connection when one
// of its peers matches the other end and one of its ports the connection:
// - a peer field written as an empty list selects nothing;
// - no peer at all selects every peer when the entry has toPorts (or icmps), and nothing otherwise (`ingress: [{}]`
//   allows nothing: it only puts the endpoint in default deny);
// - no toPorts (and no icmps): every connection of the peers it selects (see ports.ts).

import type { CiliumSectionEntry, CiliumSectionName, Pod, Protocol } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { ConnectionSet } from '../net/connection-set';
import type { Direction, FlowPeer } from '../policy/types';
import { matchCiliumPeer } from './match-peer';
import { entryConnections } from './ports';
import type { CiliumSelection, SelectedCiliumRule } from './selection';

/** One entry of a section of a selecting rule, against the flow's ends. */
export interface CiliumEntryEval {
  selected: SelectedCiliumRule;
  section: CiliumSectionName;
  entry: CiliumSectionEntry;
  /** 1-based, within its section. */
  entryNumber: number;
  deny: boolean;
  match: 'yes' | 'no' | 'maybe';
  /** The peer that matched (1-based), when one did. */
  peer?: number;
  /** Why it does not (or may not) match the other end. */
  reasons: string[];
  /** The connections it covers (whether or not its peers match). */
  connections: ConnectionSet;
  /** Each toPorts entry's own connections (empty for an L3-only entry): the notes of the one a connection uses. */
  byPortRule: ConnectionSet[];
}

export interface CiliumOutcome {
  selection: CiliumSelection;
  entries: CiliumEntryEval[];
  /** Connections an allow entry surely allows. */
  allow: ConnectionSet;
  /** Connections an allow entry may allow (one whose peer may match). */
  maybeAllow: ConnectionSet;
  /** Connections a deny entry surely denies: they are denied whatever any allow says. */
  deny: ConnectionSet;
  maybeDeny: ConnectionSet;
}

export interface CiliumSideContext {
  direction: Direction;
  subject: Pod;
  other: FlowPeer;
  index: ModelIndex;
  /** The destination's container ports with this name and protocol. */
  resolveNamedPort: (name: string, protocol: Protocol) => number[];
}

const SECTIONS: Record<Direction, { allow: CiliumSectionName; deny: CiliumSectionName }> = {
  ingress: { allow: 'ingress', deny: 'ingressDeny' },
  egress: { allow: 'egress', deny: 'egressDeny' },
};

export function evaluateCilium(selection: CiliumSelection, context: CiliumSideContext): CiliumOutcome {
  const none = ConnectionSet.none();
  const outcome: CiliumOutcome = { selection, entries: [], allow: none, maybeAllow: none, deny: none, maybeDeny: none };
  for (const selected of selection.rules) {
    for (const deny of [true, false]) {
      const section = deny ? SECTIONS[context.direction].deny : SECTIONS[context.direction].allow;
      selected.rule[section].forEach((entry, i) => {
        const evaluation = evaluateEntry(selected, section, entry, i + 1, deny, context);
        outcome.entries.push(evaluation);
        if (evaluation.match === 'no') return;
        const sure = evaluation.match === 'yes';
        const field = deny ? (sure ? 'deny' : 'maybeDeny') : sure ? 'allow' : 'maybeAllow';
        outcome[field] = outcome[field].union(evaluation.connections);
      });
    }
  }
  return outcome;
}

function evaluateEntry(
  selected: SelectedCiliumRule,
  section: CiliumSectionName,
  entry: CiliumSectionEntry,
  entryNumber: number,
  deny: boolean,
  context: CiliumSideContext,
): CiliumEntryEval {
  const { all, byPortRule } = entryConnections(entry, context.resolveNamedPort);
  return { selected, section, entry, entryNumber, deny, connections: all, byPortRule, ...matchCiliumEntry(selected, entry, context) };
}

/** Whether one of the entry's peers matches the other end: the first that does, or why none does (or may). */
export function matchCiliumEntry(
  selected: Pick<SelectedCiliumRule, 'kind' | 'policy'>,
  entry: CiliumSectionEntry,
  context: Pick<CiliumSideContext, 'subject' | 'other' | 'index'>,
): Pick<CiliumEntryEval, 'match' | 'peer' | 'reasons'> {
  if (entry.emptyPeerField) return { match: 'no', reasons: [`its ${entry.emptyPeerField} is an empty list, which selects no peer`] };
  if (entry.peers.length === 0) {
    return entry.toPorts.length === 0 && entry.icmps === 0 ? { match: 'no', reasons: ['it names neither peers nor ports, so it matches nothing'] } : { match: 'yes', reasons: [] };
  }
  const peerContext = { kind: selected.kind, namespace: selected.policy.meta.namespace, subject: context.subject, other: context.other, index: context.index };
  const reasons = { no: [] as string[], maybe: [] as string[] };
  let maybe = false;
  for (const [i, peer] of entry.peers.entries()) {
    const result = matchCiliumPeer(peer, peerContext);
    if (result.match === 'yes') return { match: 'yes', peer: i + 1, reasons: [] };
    if (result.match === 'maybe') maybe = true;
    for (const reason of result.reasons) reasons[result.match].push(reason);
  }
  // One that may match: why it may; none: why each does not.
  return maybe ? { match: 'maybe', reasons: reasons.maybe } : { match: 'no', reasons: reasons.no };
}

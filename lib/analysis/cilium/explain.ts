// The Cilium part of a side in words: which entries decide a connection (allow, deny, may), the notes of the one a
// connection uses (L7 rules further filter it), the near misses, and why connections are unknown. Read from the
// set-form evaluation (evaluate.ts), never recomputed.

import type { Protocol } from '@/lib/model';
import type { ConnectionSet } from '../net/connection-set';
import { formatPolicy, type Direction, type NearMiss, type PolicyRef, type RuleMatch } from '../policy/types';
import { ciliumPolicyRef, describeCiliumPeer, describeCiliumPeers, describeEntryName, sectionLabel } from './describe';
import type { CiliumEntryEval, CiliumOutcome } from './evaluate';
import { describeEntryPorts, missingNamedPorts } from './ports';

const L7_NOTE = 'the L3/L4 verdict stands; Cilium further filters the connection by';

/** The entry as a RuleMatch, with the notes that hold for this connection. */
function ruleMatch(e: CiliumEntryEval, protocol: Protocol, port: number): RuleMatch {
  const notes: string[] = [];
  e.entry.toPorts.forEach((rule, i) => {
    if (rule.filters.length > 0 && e.byPortRule[i]?.allows(protocol, port)) notes.push(`${L7_NOTE} ${rule.filters.join(', ')}`);
  });
  if (e.entry.authentication && !e.deny) notes.push(`the rule requires authentication (mode ${e.entry.authentication}): the connection is allowed once it succeeds`);
  const matched = e.peer !== undefined ? e.entry.peers[e.peer - 1] : undefined;
  return {
    policy: ciliumPolicyRef(e.selected),
    rule: e.entryNumber,
    section: sectionLabel(e.selected, e.section),
    ...(e.peer !== undefined ? { peer: e.peer } : {}),
    peerText: matched ? describeCiliumPeer(matched, e.selected) : describeCiliumPeers(e.entry, e.selected),
    portText: describeEntryPorts(e.entry),
    notes,
  };
}

/** `CiliumNetworkPolicy shop/db ingress rule 1: TCP 5432 from pods app=api in namespace shop` */
export function describeCiliumMatch(match: RuleMatch, direction: Direction): string {
  const preposition = direction === 'ingress' ? 'from' : 'to';
  return `${formatPolicy(match.policy)} ${match.section} rule ${match.rule}: ${match.portText} ${preposition} ${match.peerText}`;
}

export interface CiliumAtPort {
  /** Deny entries whose peer matches and whose ports cover the connection. */
  deniedBy: RuleMatch[];
  allowedBy: RuleMatch[];
  /** Entries whose ports cover the connection and whose peer may match: `<entry>: <why>`. */
  maybe: { deny: boolean; reasons: string[] }[];
  /** Allow entries that would have allowed the connection but for their peers or ports, closest first. */
  nearMisses: NearMiss[];
}

/** What the Cilium entries say about one connection. */
export function ciliumAtPort(outcome: CiliumOutcome, direction: Direction, protocol: Protocol, port: number, resolveNamedPort: (name: string, protocol: Protocol) => number[]): CiliumAtPort {
  const result: CiliumAtPort = { deniedBy: [], allowedBy: [], maybe: [], nearMisses: [] };
  for (const e of outcome.entries) {
    const covers = e.connections.allows(protocol, port);
    if (covers && e.match === 'yes') (e.deny ? result.deniedBy : result.allowedBy).push(ruleMatch(e, protocol, port));
    else if (covers && e.match === 'maybe') result.maybe.push({ deny: e.deny, reasons: describeEntryReasons(e, direction) });
    else if (!e.deny) result.nearMisses.push(nearMiss(e, direction, covers, protocol, port, resolveNamedPort));
  }
  result.nearMisses.sort((a, b) => Number(b.peerMatched) + Number(b.portMatched) - (Number(a.peerMatched) + Number(a.portMatched)));
  return result;
}

function nearMiss(e: CiliumEntryEval, direction: Direction, portMatched: boolean, protocol: Protocol, port: number, resolveNamedPort: (name: string, protocol: Protocol) => number[]): NearMiss {
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const why: string[] = [];
  if (!portMatched) {
    const missing = missingNamedPorts(e.entry, resolveNamedPort);
    why.push(`the flow is ${protocol} ${port}${missing.length > 0 ? ` (the destination declares no port named ${missing.map((n) => `"${n}"`).join(', ')})` : ''}`);
  }
  if (e.match === 'no') for (const reason of e.reasons) why.push(reason);
  return {
    policy: ciliumPolicyRef(e.selected),
    rule: e.entryNumber,
    text: `${describeEntryName(e.selected, e.section, e.entryNumber)} allows ${describeEntryPorts(e.entry)} ${preposition} ${describeCiliumPeers(e.entry, e.selected)}; ${why.join('; ')}`,
    peerMatched: e.match !== 'no',
    portMatched,
  };
}

/** `<entry>: <why it may match>`, one per reason. */
function describeEntryReasons(e: CiliumEntryEval, direction: Direction): string[] {
  const what = `${describeEntryName(e.selected, e.section, e.entryNumber)} (${e.deny ? 'denies' : 'allows'} ${describeEntryPorts(e.entry)} ${direction === 'ingress' ? 'from' : 'to'} ${describeCiliumPeers(e.entry, e.selected)})`;
  return e.reasons.map((reason) => `${what} may match: ${reason}`);
}

/** Why the set form leaves `unknown` unknown: the entries that may match connections of it. */
export function describeCiliumUnknown(outcome: CiliumOutcome, unknown: ConnectionSet, direction: Direction): string[] {
  const reasons: string[] = [];
  for (const e of outcome.entries) {
    if (e.match !== 'maybe' || e.connections.intersect(unknown).isEmpty()) continue;
    for (const reason of describeEntryReasons(e, direction)) reasons.push(reason);
  }
  return reasons;
}

/** The Cilium policies whose allow entries surely allow part of `allowed`. */
export function ciliumAllowing(outcome: CiliumOutcome, allowed: ConnectionSet): PolicyRef[] {
  const refs = new Map<string, PolicyRef>();
  for (const e of outcome.entries) {
    if (!e.deny && e.match === 'yes' && !e.connections.intersect(allowed).isEmpty()) refs.set(e.selected.policy.meta.uid, ciliumPolicyRef(e.selected));
  }
  return [...refs.values()];
}

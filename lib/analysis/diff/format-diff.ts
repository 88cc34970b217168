// The connectivity diff as a person reads it: one summary line, the workloads added and removed, then one line per
// pair, marked + (added), - (removed), ~ (changed) or ? (unknown). The CLI's other formats reuse the pieces.

import type { ConnectionSet } from '../net/connection-set';
import { formatPolicy, type PolicyRef } from '../policy/types';
import { formatConnectivityEndpoint } from '../reach/connectivity';
import type { ConnectivityDiff, DiffEntry, DiffKind, DiffSide } from './connectivity-diff';

export const DIFF_MARKS: Record<DiffKind, string> = { added: '+', removed: '-', changed: '~', unknown: '?' };

/** `2 added, 1 changed; 1 workload removed`, zero counts left out; `no difference` when there is none. */
export function summarizeDiff(diff: ConnectivityDiff): string {
  const pairs = (Object.entries(diff.counts) as [DiffKind, number][]).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}`);
  const workload = (n: number, what: string) => (n > 0 ? [`${n} workload${n === 1 ? '' : 's'} ${what}`] : []);
  const workloads = [...workload(diff.workloads.added.length, 'added'), ...workload(diff.workloads.removed.length, 'removed')];
  const parts = [pairs.join(', '), workloads.join(', ')].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('; ') : 'no difference';
}

/** One side of a pair: `none` when it allows nothing, else its connections, and what of them is partial or unknown. */
export function formatDiffSide(side: DiffSide | undefined): string {
  if (!side) return 'none';
  const known = side.connections.isEmpty() ? 'none known' : side.connections.toString();
  return `${known}${side.partial ? ' (not every pod pair)' : ''}${side.unknown ? `; unknown: ${side.unknown.connections.toString()}` : ''}`;
}

/** `shop/api, shop/web`, or `no policy` when no policy isolates either end. */
export function formatPolicies(policies: PolicyRef[] | undefined): string {
  return policies?.length ? policies.map(formatPolicy).join(', ') : 'no policy';
}

/** What a changed pair gains and loses: `+TCP 9090; -TCP 8080`, or '' when only `partial` changed. */
export function formatGainedLost(entry: DiffEntry): string {
  const part = (mark: string, set: ConnectionSet | undefined) => (set && !set.isEmpty() ? [`${mark}${set.toString()}`] : []);
  return [...part('+', entry.gained), ...part('-', entry.lost)].join('; ');
}

export function formatDiffEntry(entry: DiffEntry): string {
  const ends = `${DIFF_MARKS[entry.kind]} ${formatConnectivityEndpoint(entry.source)} => ${formatConnectivityEndpoint(entry.destination)} : `;
  switch (entry.kind) {
    case 'added':
      return `${ends}${formatDiffSide(entry.head)} (by ${formatPolicies(entry.head?.policies)})`;
    case 'removed':
      return `${ends}${formatDiffSide(entry.base)} (was by ${formatPolicies(entry.base?.policies)})`;
    case 'changed': {
      const [before, after] = [formatPolicies(entry.base?.policies), formatPolicies(entry.head?.policies)];
      const change = formatGainedLost(entry);
      return `${ends}${formatDiffSide(entry.base)} -> ${formatDiffSide(entry.head)}${change ? ` (${change})` : ''} (by ${before === after ? before : `${before} -> ${after}`})`;
    }
    case 'unknown':
      return `${ends}${formatDiffSide(entry.base)} -> ${formatDiffSide(entry.head)} (${entry.reasons?.join('; ')})`;
  }
}

export function formatDiff(diff: ConnectivityDiff): string {
  return [
    ...(diff.unknown?.base ? [`# base: ${diff.unknown.base}`] : []),
    ...(diff.unknown?.head ? [`# head: ${diff.unknown.head}`] : []),
    `connectivity: ${summarizeDiff(diff)}`,
    ...diff.workloads.added.map((w) => `+ workload ${formatConnectivityEndpoint(w)}`),
    ...diff.workloads.removed.map((w) => `- workload ${formatConnectivityEndpoint(w)}`),
    ...diff.entries.map(formatDiffEntry),
  ].join('\n');
}

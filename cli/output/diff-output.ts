// The connectivity diff in each output format: text (formatDiff), a summary and a table for a pull request
// comment (Markdown), CSV, a graph with the changed edges (DOT), or JSON.

import { formatConnectivityEndpoint, type WorkloadEndpoint } from '@/lib/analysis/reach/connectivity';
import type { ConnectionSet } from '@/lib/analysis/net/connection-set';
import type { ConnectivityDiff, DiffEntry, DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import { formatDiff, formatDiffSide, formatGainedLost, formatPolicies, summarizeDiff } from '@/lib/analysis/diff/format-diff';
import { formatPolicy } from '@/lib/analysis/policy/types';
import { endpointNode, uniqueNodes } from './connectivity-output';
import { toCsv } from './csv';
import { toDot, type Graph } from './dot';
import { toJson } from './json';
import { markdownText, toMarkdownTable } from './markdown';
import type { OutputFormat } from './output-format';
import type { Table } from './table';

export const DIFF_FORMATS: readonly OutputFormat[] = ['text', 'md', 'csv', 'dot', 'json'];

/** What a changed pair gains and loses, or why an unknown one is unknown. */
const note = (e: DiffEntry) => (e.kind === 'unknown' ? (e.reasons ?? []).join('; ') : e.kind === 'changed' ? formatGainedLost(e) : '');

/**
 * One row per pair, then one per workload added or removed (its name as the source, the other cells empty). What
 * a change gains and loses has a column each, unmarked: a cell starting with + or - is a formula to a spreadsheet.
 */
export function diffTable(diff: ConnectivityDiff): Table {
  const policies = (e: DiffEntry, side: 'base' | 'head') => (e[side] ? e[side].policies.map(formatPolicy).join(', ') : '');
  const set = (s: ConnectionSet | undefined) => (s && !s.isEmpty() ? s.toString() : '');
  const workload = (change: string) => (w: WorkloadEndpoint) => [change, formatConnectivityEndpoint(w), '', '', '', '', '', '', '', ''];
  return {
    columns: ['change', 'source', 'destination', 'before', 'after', 'gained', 'lost', 'why unknown', 'policies before', 'policies after'],
    rows: [
      ...diff.entries.map((e) => [
        e.kind,
        formatConnectivityEndpoint(e.source),
        formatConnectivityEndpoint(e.destination),
        formatDiffSide(e.base),
        formatDiffSide(e.head),
        set(e.gained),
        set(e.lost),
        (e.reasons ?? []).join('; '),
        policies(e, 'base'),
        policies(e, 'head'),
      ]),
      ...diff.workloads.added.map(workload('workload added')),
      ...diff.workloads.removed.map(workload('workload removed')),
    ],
  };
}

/** The Markdown table: the policies of both sides in one column, "before → after" when they differ. */
function markdownTable(diff: ConnectivityDiff): Table {
  const policies = (e: DiffEntry) => {
    const [before, after] = [e.base ? formatPolicies(e.base.policies) : '', e.head ? formatPolicies(e.head.policies) : ''];
    return !before || !after || before === after ? before || after : `${before} → ${after}`;
  };
  return {
    columns: ['change', 'source', 'destination', 'before', 'after', 'note', 'policies'],
    rows: diff.entries.map((e) => [
      e.kind,
      formatConnectivityEndpoint(e.source),
      formatConnectivityEndpoint(e.destination),
      formatDiffSide(e.base),
      formatDiffSide(e.head),
      note(e),
      policies(e),
    ]),
  };
}

function markdown(diff: ConnectivityDiff): string {
  const workloads = (what: string, list: WorkloadEndpoint[]) =>
    list.length ? [`Workloads ${what}: ${list.map((w) => markdownText(formatConnectivityEndpoint(w))).join(', ')}`] : [];
  return [
    `**Connectivity diff:** ${summarizeDiff(diff)}`,
    ...(diff.unknown?.base ? [`> base: ${markdownText(diff.unknown.base)}`] : []),
    ...(diff.unknown?.head ? [`> head: ${markdownText(diff.unknown.head)}`] : []),
    ...workloads('added', diff.workloads.added),
    ...workloads('removed', diff.workloads.removed),
    ...(diff.entries.length ? ['', toMarkdownTable(markdownTable(diff))] : []),
  ].join('\n');
}

const EDGE_STYLE: Record<DiffKind, Record<string, string>> = {
  added: { color: 'darkgreen', fontcolor: 'darkgreen' },
  removed: { color: 'red3', fontcolor: 'red3', style: 'dashed' },
  changed: { color: 'darkorange3', fontcolor: 'darkorange3' },
  unknown: { color: 'gray40', fontcolor: 'gray40', style: 'dotted' },
};

/** The pairs that differ as edges, coloured by kind, between the endpoints they join (workloads in their namespace). */
export function diffGraph(diff: ConnectivityDiff): Graph {
  return {
    name: 'connectivity diff',
    nodes: uniqueNodes([...diff.workloads.added, ...diff.workloads.removed, ...diff.entries.flatMap((e) => [e.source, e.destination])].map(endpointNode)),
    edges: diff.entries.map((e) => ({
      from: formatConnectivityEndpoint(e.source),
      to: formatConnectivityEndpoint(e.destination),
      label: e.kind === 'added' ? `+ ${formatDiffSide(e.head)}` : e.kind === 'removed' ? `- ${formatDiffSide(e.base)}` : `${formatDiffSide(e.base)}\n→ ${formatDiffSide(e.head)}`,
      attributes: EDGE_STYLE[e.kind],
    })),
  };
}

export function formatDiffAs(diff: ConnectivityDiff, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return formatDiff(diff);
    case 'json':
      return toJson(diff);
    case 'csv':
      return toCsv(diffTable(diff));
    case 'dot':
      return toDot(diffGraph(diff));
    case 'md':
      return markdown(diff);
  }
}

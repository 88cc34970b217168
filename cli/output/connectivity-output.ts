// The connectivity report in each output format: a table (Markdown, CSV), a graph (DOT), JSON, or the text
// formatConnectivity writes.

import { connectivityEndpointKey, formatConnectivity, formatConnectivityEndpoint, type ConnectivityEndpoint, type ConnectivityEntry, type ConnectivityReport } from '@/lib/analysis/reach/connectivity';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import { formatPolicy } from '@/lib/analysis/policy/types';
import { toCsv } from './csv';
import { toDot, type Graph, type GraphNode } from './dot';
import { toJson } from './json';
import { markdownText, toMarkdownTable } from './markdown';
import type { OutputFormat } from './output-format';
import type { Table } from './table';

export const CONNECTIVITY_FORMATS: readonly OutputFormat[] = ['text', 'md', 'csv', 'dot', 'json'];

/** One row per entry: its ends, connections, whether every pod pair has them, what is unknown and why, the policies. */
export function connectivityTable(report: ConnectivityReport): Table {
  return {
    columns: ['source', 'destination', 'connections', 'partial', 'unknown', 'why unknown', 'policies'],
    rows: report.entries.map((e) => [
      formatConnectivityEndpoint(e.source),
      formatConnectivityEndpoint(e.destination),
      e.connections.isEmpty() ? '' : e.connections.toString(),
      e.partial ? 'yes' : 'no',
      e.unknown ? e.unknown.connections.toString() : '',
      e.unknown ? e.unknown.reasons.join('; ') : '',
      e.policies.map(formatPolicy).join(', '),
    ]),
  };
}

/** The Markdown table: what is partial or unknown said in one column of notes, left empty when nothing is. */
function markdownTable(report: ConnectivityReport): Table {
  const notes = (e: ConnectivityEntry) =>
    [...(e.partial ? ['not every pod pair'] : []), ...(e.unknown ? [`unknown: ${e.unknown.connections.toString()} (${e.unknown.reasons.join('; ')})`] : [])].join('; ');
  return {
    columns: ['source', 'destination', 'connections', 'policies', 'notes'],
    rows: report.entries.map((e) => [
      formatConnectivityEndpoint(e.source),
      formatConnectivityEndpoint(e.destination),
      e.connections.isEmpty() ? 'none known' : e.connections.toString(),
      e.policies.map(formatPolicy).join(', '),
      notes(e),
    ]),
  };
}

/** A graph node per endpoint, named as the text names it: a workload in its namespace's cluster, a range outside. */
export function endpointNode(endpoint: ConnectivityEndpoint): GraphNode {
  const id = formatConnectivityEndpoint(endpoint);
  return endpoint.type === 'workload' ? { id, label: `${endpoint.kind}/${endpoint.name}`, cluster: endpoint.namespace } : { id, label: describeRanges(endpoint.cidrs, ', ') };
}

/** Every node once, in the order first seen. */
export function uniqueNodes(nodes: GraphNode[]): GraphNode[] {
  return [...new Map(nodes.map((n) => [n.id, n])).values()];
}

export function connectivityGraph(report: ConnectivityReport): Graph {
  return {
    name: 'connectivity',
    nodes: uniqueNodes([...report.workloads, ...report.entries.flatMap((e) => [e.source, e.destination])].map(endpointNode)),
    edges: report.entries.map((e) => ({
      from: formatConnectivityEndpoint(e.source),
      to: formatConnectivityEndpoint(e.destination),
      label: `${e.connections.isEmpty() ? 'none known' : e.connections.toString()}${e.partial ? ' (some pods)' : ''}${e.unknown ? `\nunknown: ${e.unknown.connections.toString()}` : ''}`,
      ...(e.unknown ? { attributes: { style: 'dashed' } } : {}),
    })),
  };
}

export function formatConnectivityAs(report: ConnectivityReport, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return formatConnectivity(report);
    case 'json':
      return toJson(report);
    case 'csv':
      return toCsv(connectivityTable(report));
    case 'dot':
      return toDot(connectivityGraph(report));
    case 'md': {
      const ranges = new Set(report.entries.flatMap((e) => [e.source, e.destination]).filter((p) => p.type === 'ipRange').map(connectivityEndpointKey));
      const summary = `**Connectivity:** ${report.entries.length} connection${report.entries.length === 1 ? '' : 's'} between ${report.workloads.length} workloads and ${ranges.size} address ranges`;
      return [summary, ...(report.unknown ? [`> ${markdownText(report.unknown)}`] : []), '', toMarkdownTable(markdownTable(report))].join('\n');
    }
  }
}

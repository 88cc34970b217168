// The connections a Cilium rule entry covers (api.PortRule, pkg/policy/rule.go mergeL4Filter, l4.go):
// - an entry without toPorts (and without icmps) is L3-only: every connection;
// - each toPorts port adds its protocol's ports: ANY (or none) is TCP, UDP and SCTP; port "0" (or none) is every
//   port; port..endPort is a range (an endPort not above port is the port alone); a named port resolves on the
//   destination pod, per protocol, and takes no range; other protocols (ICMP, GRE, ...) add no TCP/UDP/SCTP port;
// - icmps cover ICMP only, which kube-netmap does not model.

import type { CiliumPort, CiliumPortRule, CiliumSectionEntry, NetworkPolicyPort, Protocol } from '@/lib/model';
import { ConnectionSet, connectionSetForPolicyPorts } from '../net/connection-set';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

type ResolveNamedPort = (name: string, protocol: Protocol) => number[];

function protocolsOf(port: CiliumPort): readonly Protocol[] {
  if (port.protocol === 'ANY') return PROTOCOLS;
  return (PROTOCOLS as readonly string[]).includes(port.protocol) ? [port.protocol as Protocol] : [];
}

/** The connections of one toPorts entry. */
export function portRuleConnections(rule: CiliumPortRule, resolveNamedPort: ResolveNamedPort): ConnectionSet {
  const ports = rule.ports.flatMap((p) =>
    protocolsOf(p).map((protocol): NetworkPolicyPort => {
      if (p.port === undefined || typeof p.port === 'string') return { protocol, ...(p.port === undefined ? {} : { port: p.port }) };
      return { protocol, port: p.port, ...(p.endPort !== undefined && p.endPort > p.port ? { endPort: p.endPort } : {}) };
    }),
  );
  // connectionSetForPolicyPorts reads an empty list as every port; an entry of no TCP/UDP/SCTP port covers none.
  return ports.length === 0 ? ConnectionSet.none() : connectionSetForPolicyPorts(ports, resolveNamedPort);
}

/** Whether the entry has no L4 part at all: then it covers every connection of the peers it selects. */
export const isL3Only = (entry: CiliumSectionEntry) => entry.toPorts.length === 0 && entry.icmps === 0;

const hasNamedPort = (entry: CiliumSectionEntry) => entry.toPorts.some((rule) => rule.ports.some((p) => typeof p.port === 'string'));
const staticConnections = new WeakMap<CiliumSectionEntry, { all: ConnectionSet; byPortRule: ConnectionSet[] }>();

/**
 * The connections an entry covers, with each toPorts entry's own (for the notes of the one a connection uses). Built
 * once per entry unless it names a port, which resolves on each destination.
 */
export function entryConnections(entry: CiliumSectionEntry, resolveNamedPort: ResolveNamedPort): { all: ConnectionSet; byPortRule: ConnectionSet[] } {
  if (isL3Only(entry)) return { all: ConnectionSet.all(), byPortRule: [] };
  const named = hasNamedPort(entry);
  const cached = named ? undefined : staticConnections.get(entry);
  if (cached) return cached;
  const byPortRule = entry.toPorts.map((rule) => portRuleConnections(rule, resolveNamedPort));
  const result = { all: byPortRule.reduce((union, set) => union.union(set), ConnectionSet.none()), byPortRule };
  if (!named) staticConnections.set(entry, result);
  return result;
}

/** `TCP 5432`, `TCP 8000-9000`, `TCP/UDP/SCTP 53`, `all UDP ports`, `TCP port "http"`; `all ports` for an L3-only entry. */
export function describeEntryPorts(entry: CiliumSectionEntry): string {
  if (isL3Only(entry)) return 'all ports';
  const parts = entry.toPorts.flatMap((rule) => rule.ports.map(describePort));
  if (entry.icmps > 0) parts.push('ICMP');
  return parts.length === 0 ? 'no port' : parts.join(', ');
}

function describePort(port: CiliumPort): string {
  const protocol = port.protocol === 'ANY' ? 'TCP/UDP/SCTP' : port.protocol;
  if (port.port === undefined) return `all ${protocol} ports`;
  if (typeof port.port === 'string') return `${protocol} port "${port.port}"`;
  return port.endPort !== undefined && port.endPort > port.port ? `${protocol} ${port.port}-${port.endPort}` : `${protocol} ${port.port}`;
}

/** The toPorts entries that name a port the destination does not declare (a frequent reason a rule matches nothing). */
export function missingNamedPorts(entry: CiliumSectionEntry, resolveNamedPort: ResolveNamedPort): string[] {
  const names = entry.toPorts.flatMap((rule) =>
    rule.ports.flatMap((p) => (typeof p.port === 'string' && protocolsOf(p).every((protocol) => resolveNamedPort(p.port as string, protocol).length === 0) ? [p.port] : [])),
  );
  return [...new Set(names)];
}

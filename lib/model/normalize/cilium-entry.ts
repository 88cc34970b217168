// One entry of a Cilium rule's section (api.IngressRule, IngressDenyRule, EgressRule, EgressDenyRule): its peers
// and its ports. Read defensively: an object from the API has passed the CRD's validation, one from a manifest may
// not have, and a shape that cannot be read is kept as an "unreadable" peer (which makes the answers it could change
// unknown) rather than dropped or thrown.

import type { CiliumPeer, CiliumPort, CiliumPortRule, CiliumSectionEntry, CiliumSectionName } from '../cilium-types';
import { normalizeLabelSelector } from './common';
import type { RawLabelSelector } from './raw';

type RawObjectish = Record<string, unknown>;

const asObject = (value: unknown): RawObjectish | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawObjectish) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The peer fields whose empty list selects nothing: Cilium checks exactly these for "written but empty"
 * (pkg/policy/utils mergeEndpointSelectors); an empty toFQDNs, toServices or toGroups is just no peer.
 */
const NOTHING_WHEN_EMPTY = ['Endpoints', 'Nodes', 'Entities', 'CIDR', 'CIDRSet'] as const;

export function normalizeSectionEntry(raw: unknown, section: CiliumSectionName): CiliumSectionEntry {
  const entry = asObject(raw);
  if (!entry) return { peers: [unreadable(`an entry of ${section} that is not an object`)], toPorts: [], icmps: 0 };
  const prefix = section.startsWith('ingress') ? 'from' : 'to';
  const list = (field: string): unknown[] | undefined => (Array.isArray(entry[field]) ? (entry[field] as unknown[]) : undefined);
  const result: CiliumSectionEntry = { peers: [], toPorts: [], icmps: list('icmps')?.length ?? 0 };

  const empty = NOTHING_WHEN_EMPTY.map((f) => `${prefix}${f}`).find((field) => list(field)?.length === 0);
  if (empty) result.emptyPeerField = empty;

  const peers = result.peers;
  for (const item of list(`${prefix}Endpoints`) ?? []) {
    const selector = asObject(item);
    peers.push(selector ? { type: 'endpoints', selector: normalizeLabelSelector(selector as RawLabelSelector) } : unreadable(`${prefix}Endpoints entry`));
  }
  for (const item of list(`${prefix}Entities`) ?? []) {
    const entity = asString(item);
    peers.push(entity !== undefined ? { type: 'entity', entity } : unreadable(`${prefix}Entities entry`));
  }
  for (const item of list(`${prefix}CIDR`) ?? []) {
    const cidr = asString(item);
    peers.push(cidr !== undefined ? { type: 'cidr', cidr, except: [] } : unreadable(`${prefix}CIDR entry`));
  }
  for (const item of list(`${prefix}CIDRSet`) ?? []) peers.push(cidrSetPeer(item, `${prefix}CIDRSet`));
  // toFQDNs and toServices exist on egress entries only.
  for (const item of prefix === 'to' ? (list('toFQDNs') ?? []) : []) {
    const fqdn = asObject(item);
    const matchName = asString(fqdn?.matchName);
    const matchPattern = asString(fqdn?.matchPattern);
    peers.push(matchName || matchPattern ? { type: 'fqdn', ...(matchName ? { matchName } : {}), ...(matchPattern ? { matchPattern } : {}) } : unreadable('toFQDNs entry'));
  }
  for (const item of list(`${prefix}Nodes`) ?? []) {
    const selector = asObject(item);
    peers.push(selector ? { type: 'nodes', selector: normalizeLabelSelector(selector as RawLabelSelector) } : unreadable(`${prefix}Nodes entry`));
  }
  for (const item of prefix === 'to' ? (list('toServices') ?? []) : []) peers.push({ type: 'unevaluated', field: 'toServices', text: describeService(item) });
  for (const item of list(`${prefix}Requires`) ?? []) {
    peers.push({ type: 'unevaluated', field: prefix === 'from' ? 'fromRequires' : 'toRequires', text: `${prefix}Requires ${JSON.stringify(item)}` });
  }
  for (const item of list(`${prefix}Groups`) ?? []) {
    peers.push({ type: 'unevaluated', field: prefix === 'from' ? 'fromGroups' : 'toGroups', text: `${prefix}Groups ${JSON.stringify(item)}` });
  }

  for (const item of list('toPorts') ?? []) result.toPorts.push(portRule(item));
  const mode = asString(asObject(entry.authentication)?.mode);
  if (mode) result.authentication = mode;
  return result;
}

const unreadable = (what: string): CiliumPeer => ({ type: 'unevaluated', field: 'unreadable', text: what });

/** A fromCIDRSet/toCIDRSet entry (api.CIDRRule): a cidr with its except, or a reference to a CiliumCIDRGroup. */
function cidrSetPeer(raw: unknown, field: string): CiliumPeer {
  const rule = asObject(raw);
  if (!rule) return unreadable(`${field} entry`);
  const cidr = asString(rule.cidr);
  if (cidr) return { type: 'cidr', cidr, except: (Array.isArray(rule.except) ? rule.except : []).filter((e): e is string => typeof e === 'string') };
  const ref = asString(rule.cidrGroupRef);
  if (ref) return { type: 'unevaluated', field: 'cidrGroupRef', text: `cidrGroupRef ${ref}` };
  if (asObject(rule.cidrGroupSelector)) return { type: 'unevaluated', field: 'cidrGroupSelector', text: `cidrGroupSelector ${JSON.stringify(rule.cidrGroupSelector)}` };
  return unreadable(`${field} entry without cidr, cidrGroupRef or cidrGroupSelector`);
}

/** api.Service: a Service by name, or the Services a selector picks. */
function describeService(raw: unknown): string {
  const service = asObject(raw);
  const byName = asObject(service?.k8sService);
  if (byName) return `toServices ${asString(byName.namespace) ?? '(the policy namespace)'}/${asString(byName.serviceName) ?? ''}`;
  const bySelector = asObject(service?.k8sServiceSelector);
  if (bySelector) return `toServices selected by ${JSON.stringify(bySelector.selector ?? {})}${asString(bySelector.namespace) ? ` in ${asString(bySelector.namespace)}` : ''}`;
  return `toServices ${JSON.stringify(raw)}`;
}

/** A toPorts entry (api.PortRule): its ports, and what further filters them beyond L3/L4. */
function portRule(raw: unknown): CiliumPortRule {
  const rule = asObject(raw);
  if (!rule) return { ports: [], filters: ['a toPorts entry that is not an object'] };
  const ports = (Array.isArray(rule.ports) ? rule.ports : []).map(port);
  const filters: string[] = [];
  for (const [kind, value] of Object.entries(asObject(rule.rules) ?? {})) {
    if (Array.isArray(value) ? value.length > 0 : value != null) filters.push(`L7 rules (${kind})`);
  }
  if (Array.isArray(rule.serverNames) && rule.serverNames.length > 0) filters.push('serverNames');
  for (const field of ['listener', 'terminatingTLS', 'originatingTLS']) if (rule[field] != null) filters.push(field);
  return { ports, filters };
}

/**
 * api.PortProtocol. Cilium reads a port that contains a letter as a name (IANA service name), in lower case; "0" or
 * none is every port; ANY, empty or no protocol is TCP, UDP and SCTP.
 */
function port(raw: unknown): CiliumPort {
  const entry = asObject(raw) ?? {};
  const protocol = (asString(entry.protocol) ?? '').toUpperCase() || 'ANY';
  const result: CiliumPort = { protocol };
  const text = typeof entry.port === 'number' ? String(entry.port) : (asString(entry.port)?.trim() ?? '');
  if (/^[0-9]+$/.test(text)) {
    if (Number(text) !== 0) result.port = Number(text);
  } else if (text !== '') {
    result.port = text.toLowerCase();
  }
  if (typeof entry.endPort === 'number' && entry.endPort > 0) result.endPort = entry.endPort;
  return result;
}

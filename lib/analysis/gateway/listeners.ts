// A Gateway's listeners: its own, merged with those of the ListenerSets it admits (GEP-1713, ListenerSet), with
// the conflicts the Gateway spec defines ("Distinct Listeners"), and the listener a connection lands on.

import type { ClusterModel, FromNamespaces, Gateway, Listener, ListenerSet } from '@/lib/model';
import { GATEWAY_GROUP } from '@/lib/model';
import { formatSelector, matchesSelector } from '@/lib/analysis/selectors/label-selector';
import { describeListenerHostname, hostnameMatches, listenerHostnameRank } from './hostnames';
import { compareAge, refText } from './refs';

/** Where a listener is defined: the Gateway itself or one of its ListenerSets. */
export interface ListenerOwner {
  kind: 'Gateway' | 'ListenerSet';
  namespace: string;
  name: string;
}

export interface GatewayListener {
  listener: Listener;
  owner: ListenerOwner;
  /** Why the listener takes no traffic (it conflicts with another), or undefined. */
  conflict?: string;
}

/** The transport a protocol runs on: listeners on different transports never conflict over a port. */
const transportOf = (protocol: string) => (protocol === 'UDP' ? 'UDP' : 'TCP');
const HOSTNAME_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS']);

/** Whether namespace `ns` is admitted by a `from` rule whose owner lives in `ownerNamespace`. */
export function namespaceAdmitted(model: ClusterModel, from: FromNamespaces, ownerNamespace: string, ns: string): boolean {
  switch (from.from) {
    case 'All':
      return true;
    case 'Same':
      return ns === ownerNamespace;
    case 'None':
      return false;
    case 'Selector': {
      const namespace = model.resources.namespaces.find((n) => n.meta.name === ns);
      return namespace !== undefined && from.selector !== undefined && matchesSelector(from.selector, namespace.meta.labels);
    }
  }
}

export function describeFrom(from: FromNamespaces, ownerNamespace: string): string {
  switch (from.from) {
    case 'All':
      return 'every namespace';
    case 'Same':
      return `namespace ${ownerNamespace} only (from: Same)`;
    case 'None':
      return 'no namespace (from: None)';
    case 'Selector':
      return `namespaces selected by ${from.selector ? formatSelector(from.selector) : '(no selector)'} (from: Selector)`;
  }
}

/** The ListenerSets whose parentRef names this Gateway, each with whether the Gateway admits it. */
export function listenerSetsOf(model: ClusterModel, gateway: Gateway): { set: ListenerSet; admitted: boolean; why: string }[] {
  const gwNamespace = gateway.meta.namespace ?? '';
  return model.resources.listenersets
    .filter((s) => {
      const p = s.parentRef;
      return p.group === GATEWAY_GROUP && p.kind === 'Gateway' && p.name === gateway.meta.name && (p.namespace ?? s.meta.namespace) === gwNamespace;
    })
    .sort(compareAge)
    .map((set) => {
      const admitted = namespaceAdmitted(model, gateway.allowedListeners, gwNamespace, set.meta.namespace ?? '');
      const allows = describeFrom(gateway.allowedListeners, gwNamespace);
      return {
        set,
        admitted,
        why: admitted
          ? `ListenerSet ${refText(set)} is merged into Gateway ${refText(gateway)} (allowedListeners admits ${allows})`
          : `ListenerSet ${refText(set)} is not merged: Gateway ${refText(gateway)} allowedListeners admits ${allows}`,
      };
    });
}

function conflictBetween(a: Listener, b: Listener): string | undefined {
  if (a.port !== b.port || transportOf(a.protocol) !== transportOf(b.protocol)) return undefined;
  const sameHost = (a.hostname ?? '') === (b.hostname ?? '');
  if (a.protocol === b.protocol) {
    if (!HOSTNAME_PROTOCOLS.has(a.protocol)) return `both are ${a.protocol} on port ${a.port}`;
    return sameHost ? `both are ${a.protocol} on port ${a.port} with ${describeListenerHostname(a.hostname)}` : undefined;
  }
  // A TCP listener shares its port with no HTTP, HTTPS or TLS listener; other protocols conflict on the same hostname.
  if (a.protocol === 'TCP' || b.protocol === 'TCP') return `port ${a.port} is TCP on one and ${a.protocol === 'TCP' ? b.protocol : a.protocol} on the other`;
  return sameHost ? `port ${a.port} with ${describeListenerHostname(a.hostname)} is ${a.protocol} on one and ${b.protocol} on the other` : undefined;
}

const listenerText = (g: GatewayListener) =>
  `${g.owner.kind === 'Gateway' ? '' : `ListenerSet ${g.owner.namespace}/${g.owner.name} `}listener "${g.listener.name}"`;

/**
 * Every listener of the Gateway: its own first, then those of the ListenerSets it admits, oldest first, then by
 * namespace/name (ListenerSetSpec.listeners precedence). Conflicting listeners of the Gateway itself are all
 * marked (the spec forbids picking a winner); a ListenerSet listener that conflicts with one before it is marked.
 */
export function gatewayListeners(model: ClusterModel, gateway: Gateway): GatewayListener[] {
  // Models are immutable: each Gateway's listeners are merged once per model (attachment asks for every route).
  let perModel = listenerCache.get(model);
  if (!perModel) listenerCache.set(model, (perModel = new WeakMap()));
  let merged = perModel.get(gateway);
  if (!merged) perModel.set(gateway, (merged = mergeListeners(model, gateway)));
  return merged;
}

const listenerCache = new WeakMap<ClusterModel, WeakMap<Gateway, GatewayListener[]>>();

function mergeListeners(model: ClusterModel, gateway: Gateway): GatewayListener[] {
  const gwNamespace = gateway.meta.namespace ?? '';
  const own: GatewayListener[] = gateway.listeners.map((listener) => ({
    listener,
    owner: { kind: 'Gateway', namespace: gwNamespace, name: gateway.meta.name },
  }));
  for (const a of own) {
    for (const b of own) {
      if (a === b) continue;
      const why = conflictBetween(a.listener, b.listener);
      if (why && !a.conflict) a.conflict = `conflicts with listener "${b.listener.name}": ${why}`;
    }
  }
  const merged = [...own];
  for (const { set, admitted } of listenerSetsOf(model, gateway)) {
    if (!admitted) continue;
    for (const listener of set.listeners) {
      const entry: GatewayListener = { listener, owner: { kind: 'ListenerSet', namespace: set.meta.namespace ?? '', name: set.meta.name } };
      const earlier = merged.find((m) => conflictBetween(m.listener, listener));
      if (earlier) entry.conflict = `conflicts with ${listenerText(earlier)}, which comes first: ${conflictBetween(earlier.listener, listener)}`;
      merged.push(entry);
    }
  }
  return merged;
}

export interface ListenerChoice {
  chosen?: GatewayListener;
  /** Why each listener on the port did or did not take the connection, in order. */
  notes: string[];
}

/**
 * The listener a connection lands on: the port and one of the protocols, then the hostname (or SNI), exact before
 * wildcard before none, and the more specific wildcard first. Conflicted listeners take nothing. `host` is
 * undefined for TCP and UDP, whose listeners take no hostname.
 */
export function chooseListener(listeners: GatewayListener[], port: number, protocols: readonly string[], host: string | undefined): ListenerChoice {
  const notes: string[] = [];
  const onPort = listeners.filter((l) => l.listener.port === port);
  const candidates: GatewayListener[] = [];
  for (const l of onPort) {
    const name = listenerText(l);
    if (!protocols.includes(l.listener.protocol)) {
      notes.push(`${name} on port ${port} is ${l.listener.protocol}, not ${protocols.join(' or ')}`);
      continue;
    }
    if (l.conflict) {
      notes.push(`${name} takes nothing: it ${l.conflict}`);
      continue;
    }
    if (host !== undefined && HOSTNAME_PROTOCOLS.has(l.listener.protocol) && !hostnameMatches(l.listener.hostname, host)) {
      notes.push(`${name} takes ${describeListenerHostname(l.listener.hostname)}, not ${host}`);
      continue;
    }
    candidates.push(l);
  }
  const protocolRank = (l: GatewayListener) => protocols.length - protocols.indexOf(l.listener.protocol);
  candidates.sort((a, b) => {
    const ra = listenerHostnameRank(a.listener.hostname);
    const rb = listenerHostnameRank(b.listener.hostname);
    return rb[0] - ra[0] || rb[1] - ra[1] || protocolRank(b) - protocolRank(a);
  });
  const chosen = candidates[0];
  for (const other of candidates.slice(1)) {
    notes.push(`${listenerText(other)} also takes it, but ${describeListenerHostname(chosen?.listener.hostname)} is more specific than ${describeListenerHostname(other.listener.hostname)}`);
  }
  return chosen ? { chosen, notes } : { notes };
}

export { listenerText };

/** The same listener of the same owner (entries are compared by name: each merge makes new ones). */
export const sameListener = (a: GatewayListener, b: GatewayListener) =>
  a.owner.kind === b.owner.kind && a.owner.namespace === b.owner.namespace && a.owner.name === b.owner.name && a.listener.name === b.listener.name;

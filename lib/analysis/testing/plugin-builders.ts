// Builders of a network plugin's own policies for the analysis tests (see builders.ts for the conventions).

import type { CalicoPolicy, CiliumPeer, CiliumPolicy, CiliumPort, CiliumPortRule, CiliumRule, CiliumSectionEntry, LabelSelectorRequirement, PolicyType } from '@/lib/model';
import { DEFAULT_NAMESPACE, splitRef } from './builders';

export type CalicoPolicyInit = Partial<Omit<CalicoPolicy, 'meta'>> & { types?: PolicyType[] };

/** A Calico NetworkPolicy (namespaced, "namespace/name"): selector all() and types [Ingress] unless given. */
export function calicoPolicy(ref: string, init: CalicoPolicyInit = {}): CalicoPolicy {
  const { namespace, name } = splitRef(ref, DEFAULT_NAMESPACE);
  return {
    meta: { uid: `CalicoNetworkPolicy/${namespace}/${name}`, name, namespace, labels: {}, resourceVersion: '1' },
    apiGroup: 'projectcalico.org',
    selector: '',
    serviceAccountSelector: '',
    types: ['Ingress'],
    tier: 'default',
    ingressRules: 0,
    egressRules: 0,
    ...init,
  };
}

/** A Calico GlobalNetworkPolicy (cluster-scoped): namespaceSelector '' (every namespace) unless given. */
export function calicoGlobalPolicy(name: string, init: CalicoPolicyInit = {}): CalicoPolicy {
  const policy = calicoPolicy(`x/${name}`, { namespaceSelector: '', ...init });
  const meta = { ...policy.meta, uid: `CalicoGlobalNetworkPolicy/${name}` };
  delete meta.namespace;
  return { ...policy, meta };
}

/** A Cilium rule: no section entries and Cilium's default for enableDefaultDeny unless given. */
export function ciliumRule(init: Partial<CiliumRule> = {}): CiliumRule {
  return { ingress: [], ingressDeny: [], egress: [], egressDeny: [], enableDefaultDeny: {}, ...init };
}

/** A CiliumNetworkPolicy ("namespace/name") with the given rules (its `spec`, or `specs` when several). */
export function ciliumPolicy(ref: string, ...rules: Partial<CiliumRule>[]): CiliumPolicy {
  const { namespace, name } = splitRef(ref, DEFAULT_NAMESPACE);
  return { meta: { uid: `CiliumNetworkPolicy/${namespace}/${name}`, name, namespace, labels: {}, resourceVersion: '1' }, rules: rules.map(ciliumRule) };
}

/** A CiliumClusterwideNetworkPolicy (cluster-scoped). */
export function ciliumClusterwidePolicy(name: string, ...rules: Partial<CiliumRule>[]): CiliumPolicy {
  return { meta: { uid: `CiliumClusterwideNetworkPolicy/${name}`, name, labels: {}, resourceVersion: '1' }, rules: rules.map(ciliumRule) };
}

/** A port of a toPorts entry: a number or a name, TCP unless given ("ANY" for ANY). */
export function ciliumPort(port?: number | string, protocol = 'TCP', endPort?: number): CiliumPort {
  return { protocol, ...(port !== undefined ? { port } : {}), ...(endPort !== undefined ? { endPort } : {}) };
}

export type CiliumPortInit = number | string | CiliumPort;

/**
 * A section entry. `ports` is one toPorts entry with these ports (numbers and names are TCP), `filters` its L7
 * rules and the like; `toPorts` gives the entries whole.
 */
export function ciliumEntry(init: Partial<Omit<CiliumSectionEntry, 'toPorts'>> & { ports?: CiliumPortInit[]; filters?: string[]; toPorts?: CiliumPortRule[] } = {}): CiliumSectionEntry {
  const { ports, filters, toPorts, ...rest } = init;
  const fromPorts: CiliumPortRule[] = ports ? [{ ports: ports.map((p) => (typeof p === 'object' ? p : ciliumPort(p))), filters: filters ?? [] }] : [];
  return { peers: [], icmps: 0, ...rest, toPorts: [...fromPorts, ...(toPorts ?? [])] };
}

export const endpointsPeer = (matchLabels: Record<string, string> = {}, ...matchExpressions: LabelSelectorRequirement[]): CiliumPeer => ({
  type: 'endpoints',
  selector: { matchLabels, matchExpressions },
});
export const entityPeer = (entity: string): CiliumPeer => ({ type: 'entity', entity });
export const cidrPeer = (cidr: string, ...except: string[]): CiliumPeer => ({ type: 'cidr', cidr, except });

import type { CiliumPeer, CiliumPolicy, CiliumSectionEntry, CiliumSectionName } from '@/lib/model';
import { formatPolicy, type PolicyRef } from '../policy/types';
import { formatSelector } from '../selectors/label-selector';
import { endpointScope } from './match-peer';
import type { SelectedCiliumRule } from './selection';

export const ciliumPolicyRef = (selected: Pick<SelectedCiliumRule, 'kind' | 'policy'>): PolicyRef => ({
  namespace: selected.policy.meta.namespace ?? '',
  name: selected.policy.meta.name,
  kind: selected.kind,
});

/** Where an entry is in the policy: its section, after its spec when the policy has several (`spec 2 egressDeny`). */
export function sectionLabel(selected: SelectedCiliumRule, section: CiliumSectionName): string {
  return selected.policy.rules.length > 1 ? `spec ${selected.ruleNumber} ${section}` : section;
}

/** `CiliumNetworkPolicy app/db-from-api ingress rule 1`: the kind, the policy, where the entry is, and its number. */
export function describeEntryName(selected: SelectedCiliumRule, section: CiliumSectionName, entryNumber: number): string {
  return `${formatPolicy(ciliumPolicyRef(selected))} ${sectionLabel(selected, section)} rule ${entryNumber}`;
}

/** A peer as a person reads it: `pods app=api in namespace shop`, `entity world`, `CIDR 10.0.0.0/8 except 10.1.0.0/16`. */
export function describeCiliumPeer(peer: CiliumPeer, selected: SelectedCiliumRule): string {
  switch (peer.type) {
    case 'endpoints': {
      const selector = formatSelector(peer.selector);
      const pods = selector === '(all)' ? 'all pods' : `pods ${selector}`;
      const scope = endpointScope(peer.selector, { kind: selected.kind, namespace: selected.policy.meta.namespace });
      if (scope !== undefined) return `${pods} in namespace ${scope}`;
      return selected.kind === 'CiliumClusterwideNetworkPolicy' ? `${pods} in all namespaces` : pods;
    }
    case 'entity':
      return `entity ${peer.entity}`;
    case 'cidr':
      return `CIDR ${peer.cidr}${peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : ''}`;
    case 'fqdn':
      return peer.matchName ? `FQDN ${peer.matchName}` : `FQDN pattern ${peer.matchPattern}`;
    case 'nodes':
      return `nodes ${formatSelector(peer.selector)}`;
    case 'unevaluated':
      return peer.text;
  }
}

/** The peers of an entry: `anywhere` when it names none (and so selects every peer for its ports). */
export function describeCiliumPeers(entry: CiliumSectionEntry, selected: SelectedCiliumRule): string {
  if (entry.emptyPeerField) return `no peer (${entry.emptyPeerField} is empty)`;
  return entry.peers.length === 0 ? 'anywhere' : entry.peers.map((p) => describeCiliumPeer(p, selected)).join(' or ');
}

/** The policies of the rules, each once, in rule order. */
export function ciliumRefs(rules: Pick<SelectedCiliumRule, 'kind' | 'policy'>[]): PolicyRef[] {
  const seen = new Set<CiliumPolicy>();
  return rules.flatMap((r) => (seen.has(r.policy) ? [] : (seen.add(r.policy), [ciliumPolicyRef(r)])));
}

// What Cilium's rules read of a pod and of an address, for the equivalence classes (equivalence.ts):
// - which rules select the pod, per direction: classes are split by them, as their sides differ;
// - the endpoint labels their selectors name (endpointSelector and from/toEndpoints: the pod's labels, its
//   namespace's name and labels, its service account), projected like the NetworkPolicy selectors' labels;
// - the named ports their toPorts name (they resolve on the destination pod);
// - of an address: the CIDRs and excepts of their CIDR peers cut the address space (they never match a pod), and a
//   node's address is not `world` (entities host, remote-node, cluster): every node address is a range of its own.

import type { CiliumSectionEntry, LabelSelector, Pod } from '@/lib/model';
import { ciliumPolicies, ciliumSelection } from '../cilium/selection';
import { plainKey } from '../cilium/selector';
import type { ModelIndex } from '../model-index';
import { parseCidr, type IpRange } from '../net/cidr';
import type { Direction } from '../policy/types';

export interface CiliumReferences {
  /** Whether the model has Cilium rules at all (else nothing below matters). */
  any: boolean;
  /** Endpoint label keys (without their source) the selectors name, each with the values they name under it. */
  endpointLabels: Map<string, Set<string>>;
  portNames: Set<string>;
  /** Every CIDR and except of their CIDR peers. */
  cidrs: IpRange[];
}

export function ciliumReferences(index: ModelIndex): CiliumReferences {
  const refs: CiliumReferences = { any: false, endpointLabels: new Map(), portNames: new Set(), cidrs: [] };
  const name = (key: string, values: string[]) => {
    // A key of a source the model does not hold reads nothing of the pod.
    const plain = plainKey(key);
    if (plain === undefined) return;
    let set = refs.endpointLabels.get(plain);
    if (!set) refs.endpointLabels.set(plain, (set = new Set()));
    for (const value of values) set.add(value);
  };
  const note = (selector: LabelSelector | undefined) => {
    if (!selector) return;
    for (const [key, value] of Object.entries(selector.matchLabels)) name(key, [value]);
    for (const requirement of selector.matchExpressions) name(requirement.key, requirement.values);
  };
  const entry = (e: CiliumSectionEntry) => {
    for (const peer of e.peers) {
      if (peer.type === 'endpoints') note(peer.selector);
      if (peer.type !== 'cidr') continue;
      for (const text of [peer.cidr, ...peer.except]) {
        const range = parseCidr(text);
        if (range) refs.cidrs.push(range);
      }
    }
    for (const rule of e.toPorts) for (const port of rule.ports) if (typeof port.port === 'string') refs.portNames.add(port.port);
  };
  for (const { policy } of ciliumPolicies(index)) {
    for (const rule of policy.rules) {
      refs.any = true;
      note(rule.endpointSelector);
      for (const e of [...rule.ingress, ...rule.ingressDeny, ...rule.egress, ...rule.egressDeny]) entry(e);
    }
  }
  return refs;
}

/** The Cilium rules that select the pod for the direction, as a key ('' when none does). */
export function ciliumSelectionKey(pod: Pod, direction: Direction, index: ModelIndex): string {
  return ciliumSelection(pod, direction, index)
    .rules.map((r) => `${r.policy.meta.uid}#${r.ruleNumber}`)
    .join(',');
}

import type { Namespace, NetworkPolicy, NetworkPolicyPeer, Pod } from '@/lib/model';
import { ipBlockContains } from '../net/cidr';
import type { ModelIndex } from '../model-index';
import { matchesSelector, selectorMismatches } from '../selectors/label-selector';
import type { FlowPeer } from './types';

export interface PeerMatch {
  matches: boolean;
  /** Why it does not match, or notes on how it matched. */
  reasons: string[];
}

export const IPBLOCK_POD_NOTE =
  'ipBlock was matched against the pod IP; whether ipBlock applies to pod IPs depends on the network plugin (CNI).';

const namespaceLabelsCache = new WeakMap<ModelIndex, Map<string, Readonly<Record<string, string>>>>();

/**
 * The labels a namespace has, including the one the API server always sets, even when the model lacks it. Built
 * once per index and name (selectors ask for every pod against every policy), and frozen.
 */
export function namespaceLabels(index: ModelIndex, name: string): Readonly<Record<string, string>> {
  let byName = namespaceLabelsCache.get(index);
  if (!byName) namespaceLabelsCache.set(index, (byName = new Map()));
  let labels = byName.get(name);
  if (!labels) {
    const namespace: Namespace | undefined = index.namespaces.get(name);
    byName.set(name, (labels = Object.freeze({ ...(namespace?.meta.labels ?? {}), 'kubernetes.io/metadata.name': name })));
  }
  return labels;
}

/**
 * Does one peer entry of a rule (networking/v1 NetworkPolicyPeer) match the other end of the flow?
 * podSelector alone selects pods in the policy's namespace; namespaceSelector alone selects every pod of the
 * matching namespaces; both in one entry means both must hold. ipBlock selects addresses. `whyNot` false: a pod
 * selector peer comes back without its reasons (only explain reads them).
 */
export function matchPeer(policy: NetworkPolicy, peer: NetworkPolicyPeer, other: FlowPeer, index: ModelIndex, whyNot = true): PeerMatch {
  if (peer.ipBlock) return matchIpBlock(peer, other);
  if (other.type === 'ip') {
    return { matches: false, reasons: [`${other.ip} is not a pod of the cluster, and this peer selects pods`] };
  }
  return whyNot ? matchPodSelectors(policy, peer, other.pod, index) : podSelectorsMatch(policy, peer, other.pod, index) ? MATCHED : NOT_MATCHED;
}

const MATCHED: PeerMatch = Object.freeze({ matches: true, reasons: [] as string[] });
const NOT_MATCHED: PeerMatch = Object.freeze({ matches: false, reasons: [] as string[] });

function matchIpBlock(peer: NetworkPolicyPeer, other: FlowPeer): PeerMatch {
  const block = peer.ipBlock!;
  if (other.type === 'ip') {
    return ipBlockContains(block, other.ip)
      ? { matches: true, reasons: [] }
      : { matches: false, reasons: [`${other.ip} is outside ipBlock ${block.cidr}${block.except.length ? ` except ${block.except.join(', ')}` : ''}`] };
  }
  const ips = other.pod.podIPs;
  if (ips.length === 0) return { matches: false, reasons: [`pod ${other.pod.meta.namespace}/${other.pod.meta.name} has no IP to match against ipBlock ${block.cidr}`] };
  const hit = ips.find((ip) => ipBlockContains(block, ip));
  return hit
    ? { matches: true, reasons: [IPBLOCK_POD_NOTE] }
    : { matches: false, reasons: [`pod IP ${ips.join(', ')} is outside ipBlock ${block.cidr}`] };
}

/** matchPodSelectors' verdict without its reasons (the set form reads none). */
function podSelectorsMatch(policy: NetworkPolicy, peer: NetworkPolicyPeer, pod: Pod, index: ModelIndex): boolean {
  if (pod.hostNetwork) return false;
  return inPeerNamespaces(policy, peer, pod.meta.namespace ?? '', index) && (!peer.podSelector || matchesSelector(peer.podSelector, pod.meta.labels));
}

/** A pod selector peer's namespaces: those its namespaceSelector matches, or else the policy's own. */
function inPeerNamespaces(policy: NetworkPolicy, peer: NetworkPolicyPeer, namespace: string, index: ModelIndex): boolean {
  return peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, namespaceLabels(index, namespace)) : namespace === policy.meta.namespace;
}

/**
 * Whether the peer may match a pod of the namespace: false means matchPeer says no for every pod there, so a caller
 * that asks about every pod of the cluster skips those namespaces. An ipBlock may match a pod of any namespace (by
 * its IPs).
 */
export function peerMayMatchNamespace(policy: NetworkPolicy, peer: NetworkPolicyPeer, namespace: string, index: ModelIndex): boolean {
  return !!peer.ipBlock || inPeerNamespaces(policy, peer, namespace, index);
}

function matchPodSelectors(policy: NetworkPolicy, peer: NetworkPolicyPeer, pod: Pod, index: ModelIndex): PeerMatch {
  const podName = `${pod.meta.namespace}/${pod.meta.name}`;
  if (pod.hostNetwork) {
    return { matches: false, reasons: [`pod ${podName} uses the host network; pod selectors never select it (its traffic comes from the node's IP)`] };
  }
  const reasons: string[] = [];
  const namespace = pod.meta.namespace ?? '';
  if (peer.namespaceSelector) {
    const labels = namespaceLabels(index, namespace);
    if (!matchesSelector(peer.namespaceSelector, labels)) {
      for (const r of selectorMismatches(peer.namespaceSelector, labels, `namespace ${namespace}`)) reasons.push(r);
    }
  } else if (namespace !== policy.meta.namespace) {
    reasons.push(`the peer selects pods in namespace ${policy.meta.namespace} only; the pod is in ${namespace}`);
  }
  if (peer.podSelector && !matchesSelector(peer.podSelector, pod.meta.labels)) {
    for (const r of selectorMismatches(peer.podSelector, pod.meta.labels, `pod ${podName}`)) reasons.push(r);
  }
  return { matches: reasons.length === 0, reasons };
}

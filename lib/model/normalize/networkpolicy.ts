import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyRule, PolicyType } from '../types';
import { normalizeLabelSelector, normalizeMeta, normalizeOptionalSelector, normalizeProtocol } from './common';
import type { RawNetworkPolicy, RawNetworkPolicyPeer, RawNetworkPolicyRule } from './raw';

export function normalizeNetworkPolicy(raw: RawNetworkPolicy): NetworkPolicy {
  const spec = raw.spec ?? {};
  const ingress = (spec.ingress ?? []).map((r) => normalizeRule(r, r.from));
  const egress = (spec.egress ?? []).map((r) => normalizeRule(r, r.to));
  return {
    meta: normalizeMeta(raw.metadata),
    podSelector: normalizeLabelSelector(spec.podSelector),
    policyTypes: defaultPolicyTypes(spec.policyTypes, egress.length > 0),
    ingress,
    egress,
  };
}

/**
 * The API server's defaulting (networking/v1 SetDefaults_NetworkPolicy): with no policyTypes, Ingress always
 * applies and Egress applies only when the policy has at least one egress rule.
 */
export function defaultPolicyTypes(raw: string[] | null | undefined, hasEgressRules: boolean): PolicyType[] {
  const given = (raw ?? []).filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  if (given.length > 0) return [...new Set(given)];
  return hasEgressRules ? ['Ingress', 'Egress'] : ['Ingress'];
}

function normalizeRule(raw: RawNetworkPolicyRule, peers: RawNetworkPolicyPeer[] | null | undefined): NetworkPolicyRule {
  return {
    ports: (raw.ports ?? []).map((p) => ({
      protocol: normalizeProtocol(p.protocol),
      ...(p.port !== undefined && p.port !== null ? { port: p.port } : {}),
      ...(typeof p.endPort === 'number' ? { endPort: p.endPort } : {}),
    })),
    peers: (peers ?? []).map(normalizePeer),
  };
}

function normalizePeer(raw: RawNetworkPolicyPeer): NetworkPolicyPeer {
  const peer: NetworkPolicyPeer = {};
  const podSelector = normalizeOptionalSelector(raw.podSelector);
  const namespaceSelector = normalizeOptionalSelector(raw.namespaceSelector);
  if (podSelector) peer.podSelector = podSelector;
  if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
  if (raw.ipBlock) peer.ipBlock = { cidr: raw.ipBlock.cidr ?? '', except: [...(raw.ipBlock.except ?? [])] };
  return peer;
}

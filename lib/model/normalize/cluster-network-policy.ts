// ClusterNetworkPolicy (policy.networking.k8s.io v1alpha2 and v1beta1, whose schemas are the same) and the v1alpha1
// AdminNetworkPolicy and BaselineAdminNetworkPolicy, read into one ClusterWidePolicy. The field names and defaults
// are those of sigs.k8s.io/network-policy-api v0.3.0 (apis/ and config/crd/).

import type {
  ClusterPolicyAction, ClusterPolicyPeer, ClusterPolicyPort, ClusterPolicyRule, ClusterWidePolicy, ClusterWidePolicyKind, NamespacedPods,
} from '../types';
import { normalizeLabelSelector, normalizeMeta, normalizeProtocol } from './common';
import type { RawClusterPolicyPeer, RawClusterPolicyRule, RawClusterPolicySubject, RawClusterWidePolicy, RawDestinationPort } from './raw';

const KNOWN_PEER_FIELDS = new Set(['namespaces', 'pods', 'nodes', 'networks', 'domainNames']);

export const normalizeClusterNetworkPolicy = (raw: RawClusterWidePolicy) => normalizeClusterWide(raw, 'ClusterNetworkPolicy');
export const normalizeAdminNetworkPolicy = (raw: RawClusterWidePolicy) => normalizeClusterWide(raw, 'AdminNetworkPolicy');
export const normalizeBaselineAdminNetworkPolicy = (raw: RawClusterWidePolicy) => normalizeClusterWide(raw, 'BaselineAdminNetworkPolicy');

function normalizeClusterWide(raw: RawClusterWidePolicy, kind: ClusterWidePolicyKind): ClusterWidePolicy {
  const spec = raw.spec ?? {};
  const meta = normalizeMeta(raw.metadata);
  delete meta.namespace;
  const policy: ClusterWidePolicy = {
    meta,
    kind,
    tier: kind === 'AdminNetworkPolicy' ? 'Admin' : kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : spec.tier === 'Baseline' ? 'Baseline' : 'Admin',
    subject: normalizeSubject(spec.subject),
    ingress: (spec.ingress ?? []).map((r) => normalizeRule(r, r.from)),
    egress: (spec.egress ?? []).map((r) => normalizeRule(r, r.to)),
  };
  if (kind !== 'BaselineAdminNetworkPolicy') policy.priority = spec.priority ?? 0;
  return policy;
}

/** `namespaces: S` is every pod of the namespaces S selects; `pods` is namespaceSelector AND podSelector. */
function normalizeSubject(raw: RawClusterPolicySubject | null | undefined): NamespacedPods {
  if (raw?.pods) {
    return { namespaceSelector: normalizeLabelSelector(raw.pods.namespaceSelector), podSelector: normalizeLabelSelector(raw.pods.podSelector), namespacesOnly: false };
  }
  return { namespaceSelector: normalizeLabelSelector(raw?.namespaces), podSelector: normalizeLabelSelector(undefined), namespacesOnly: true };
}

function normalizeRule(raw: RawClusterPolicyRule, peers: RawClusterPolicyPeer[] | null | undefined): ClusterPolicyRule {
  const rule: ClusterPolicyRule = {
    action: normalizeAction(raw.action),
    peers: (peers ?? []).map(normalizePeer),
    ports: raw.protocols ? raw.protocols.flatMap(normalizeProtocolMatch) : (raw.ports ?? []).flatMap(normalizeAdminPort),
  };
  if (raw.name) rule.name = raw.name;
  return rule;
}

/** v1alpha1 says Allow where v1alpha2 says Accept. */
function normalizeAction(raw: string | undefined): ClusterPolicyAction {
  return raw === 'Allow' || raw === 'Accept' ? 'Accept' : raw === 'Pass' ? 'Pass' : 'Deny';
}

function normalizePeer(raw: RawClusterPolicyPeer): ClusterPolicyPeer {
  if (raw.namespaces) return { type: 'pods', namespaceSelector: normalizeLabelSelector(raw.namespaces), podSelector: normalizeLabelSelector(undefined), namespacesOnly: true };
  if (raw.pods) return { type: 'pods', namespaceSelector: normalizeLabelSelector(raw.pods.namespaceSelector), podSelector: normalizeLabelSelector(raw.pods.podSelector), namespacesOnly: false };
  if (raw.nodes) return { type: 'nodes', nodeSelector: normalizeLabelSelector(raw.nodes) };
  if (raw.networks) return { type: 'networks', networks: [...raw.networks] };
  if (raw.domainNames) return { type: 'domainNames', domainNames: [...raw.domainNames] };
  // The API says to fail closed on a peer with no known field; kube-netmap says "unknown" for what it could match.
  return { type: 'unrecognised', fields: Object.keys(raw).filter((k) => !KNOWN_PEER_FIELDS.has(k)) };
}

function normalizeProtocolMatch(raw: { tcp?: RawDestinationPort | null; udp?: RawDestinationPort | null; sctp?: RawDestinationPort | null; destinationNamedPort?: string | null }): ClusterPolicyPort[] {
  if (raw.destinationNamedPort) return [{ type: 'named', name: raw.destinationNamedPort }];
  const entries = [['TCP', raw.tcp], ['UDP', raw.udp], ['SCTP', raw.sctp]] as const;
  return entries.flatMap(([protocol, match]): ClusterPolicyPort[] => {
    if (!match) return [];
    const port = match.destinationPort;
    if (port?.range) return [{ type: 'range', protocol, start: port.range.start ?? 1, end: port.range.end ?? 65535 }];
    if (port?.number) return [{ type: 'number', protocol, port: port.number }];
    // The CRD requires a destinationPort; without one the protocol alone is what is left to match.
    return [{ type: 'range', protocol, start: 1, end: 65535 }];
  });
}

/** v1alpha1 ports; protocol defaults to TCP (kubebuilder:default=TCP). */
function normalizeAdminPort(raw: { portNumber?: { protocol?: string; port?: number } | null; namedPort?: string | null; portRange?: { protocol?: string; start?: number; end?: number } | null }): ClusterPolicyPort[] {
  if (raw.portNumber) return [{ type: 'number', protocol: normalizeProtocol(raw.portNumber.protocol), port: raw.portNumber.port ?? 0 }];
  if (raw.namedPort) return [{ type: 'named', name: raw.namedPort }];
  if (raw.portRange) return [{ type: 'range', protocol: normalizeProtocol(raw.portRange.protocol), start: raw.portRange.start ?? 1, end: raw.portRange.end ?? 65535 }];
  return [];
}

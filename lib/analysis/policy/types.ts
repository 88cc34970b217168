import type { CiliumPolicyKind, ClusterPolicyAction, ClusterPolicyTier, ClusterWidePolicy, ClusterWidePolicyKind, NetworkPolicy, Pod, Protocol } from '@/lib/model';

import type { ConnectionSet } from '../net/connection-set';

export type Direction = 'egress' | 'ingress';

/** One end of a flow as the policy engine sees it: a pod of the model, or an address that is no pod's. */
export type FlowPeer = { type: 'pod'; pod: Pod } | { type: 'ip'; ip: string; node?: string };

export interface PolicyRef {
  /** '' for a cluster-wide policy. */
  namespace: string;
  name: string;
  /** Set for the cluster-wide kinds and Cilium's; a NetworkPolicy has none. */
  kind?: ClusterWidePolicyKind | CiliumPolicyKind;
}

/** The rule that allowed (or, for a Cilium deny section, denied) a flow: numbers are 1-based, as a person counts them in the YAML. */
export interface RuleMatch {
  policy: PolicyRef;
  rule: number;
  /**
   * For a Cilium policy: where the rule is, as a person finds it in the YAML (`ingress`, `spec 2 egressDeny`), since
   * a Cilium rule is an entry of a section of one of the policy's specs.
   */
  section?: string;
  /** The peer entry that matched, or undefined when the rule has no peers (every peer). */
  peer?: number;
  peerText: string;
  portText: string;
  notes: string[];
}

/** Why a rule of an isolating policy did not allow the flow; the closest ones first. */
export interface NearMiss {
  policy: PolicyRef;
  rule: number;
  /** Reads like: policy shop/db-ingress rule 1 allows TCP 5432 from app=api; the source has app=web */
  text: string;
  peerMatched: boolean;
  portMatched: boolean;
}

/** A rule of a cluster-wide policy that decided (or may decide) a flow, by tier, policy, priority and action. */
export interface TierRuleMatch {
  tier: ClusterPolicyTier;
  policy: PolicyRef;
  priority?: number;
  /** 1-based. */
  rule: number;
  ruleName?: string;
  action: ClusterPolicyAction;
  /** The rule as a sentence: tier, policy, priority, rule and what it does. */
  text: string;
}

export interface SideVerdict {
  direction: Direction;
  /** False when the subject is not a pod policies can select (an external address, a host-network pod). */
  governed: boolean;
  isolated: boolean;
  /** The policies that select the subject for this direction. */
  isolatingPolicies: PolicyRef[];
  /** False when denied, and when unknown. */
  allowed: boolean;
  /** Why kube-netmap cannot tell whether this side lets the flow through; empty when it can. */
  unknownReasons: string[];
  allowedBy: RuleMatch[];
  /** The Cilium deny rules (ingressDeny, egressDeny) that deny the flow: they win over every allow. */
  deniedBy: RuleMatch[];
  /** The cluster-wide rules that decided the side (Accept, Deny), passed it on (Pass) or may decide it (unknown). */
  tierRules: TierRuleMatch[];
  nearMisses: NearMiss[];
  /** The reasoning of this side, in order, as steps the UI renders as they are. */
  trace: SideStep[];
}

/**
 * One step of a side's reasoning. `text` is the sentence for a person, without the direction (the side says it);
 * `kind` says what the step is, so a reader picks steps by kind instead of by their words.
 */
export interface SideStep {
  kind:
    | 'not-governed'
    | 'not-isolated'
    | 'isolated'
    | 'own-node'
    | 'no-rules'
    | 'allowed-by'
    | 'note'
    | 'denied'
    | 'near-miss'
    /** A cluster-wide tier (Admin or Baseline): its decision, its Pass, or that none of its rules matched. */
    | 'tier'
    /** Why the side's verdict cannot be told: a tier's rule that may match, or a policy kube-netmap does not evaluate. */
    | 'unknown';
  text: string;
}

/**
 * Connections whose verdict kube-netmap cannot tell, neither allowed nor denied, and why: the set form of a side's
 * `unknownReasons`, whatever their cause (a cluster-wide rule that may match, a policy kube-netmap does not evaluate).
 */
export interface UnknownConnections {
  connections: ConnectionSet;
  reasons: string[];
}

export interface FlowQuery {
  port: number;
  protocol: Protocol;
}

/** A side's verdict in one word: unknown whenever it has reasons to be (whatever their cause). */
export const sideVerdict = (side: SideVerdict): 'allowed' | 'denied' | 'unknown' => (side.unknownReasons.length > 0 ? 'unknown' : side.allowed ? 'allowed' : 'denied');

export const policyRef = (policy: NetworkPolicy): PolicyRef => ({ namespace: policy.meta.namespace ?? '', name: policy.meta.name });
export const clusterPolicyRef = (policy: ClusterWidePolicy): PolicyRef => ({ namespace: '', name: policy.meta.name, kind: policy.kind });
/** `shop/api` for a NetworkPolicy; the kind first for the others: `ClusterNetworkPolicy deny-db`, `CiliumNetworkPolicy shop/db`. */
export const formatPolicy = (ref: PolicyRef) => {
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return ref.kind ? `${ref.kind} ${name}` : name;
};
/** The policy with its kind always named, as the page's panels show it: "NetworkPolicy shop/db-ingress". */
export const formatPolicyWithKind = (ref: PolicyRef) => (ref.kind ? formatPolicy(ref) : `NetworkPolicy ${formatPolicy(ref)}`);
/** A rule as a person finds it in the YAML: "CiliumNetworkPolicy app/db-from-api ingress rule 1". */
export const formatRule = (match: Pick<RuleMatch, 'policy' | 'rule' | 'section'>) =>
  `${formatPolicyWithKind(match.policy)}${match.section ? ` ${match.section}` : ''} rule ${match.rule}`;
export const formatPod = (pod: Pod) => `pod ${pod.meta.namespace}/${pod.meta.name}`;
export const formatPeer = (peer: FlowPeer) => (peer.type === 'pod' ? formatPod(peer.pod) : peer.ip);

/** The policies of all the lists, each once, in the order first seen. */
export function mergePolicies(...lists: PolicyRef[][]): PolicyRef[] {
  const seen = new Set<string>();
  const out: PolicyRef[] = [];
  for (const list of lists) {
    for (const ref of list) {
      const key = formatPolicy(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return out;
}

// Cilium's own policies (cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy), after Cilium's Go
// types (pkg/policy/api: rule.go, ingress.go, egress.go, l4.go, cidr.go, entity.go). Every section entry keeps its
// peers and ports; what the engine does not evaluate (toFQDNs, toServices, cidrGroupRef, node selectors, ...) is
// kept as a peer of its own, so it makes the answers it could change "unknown" instead of being dropped.

import type { LabelSelector, ObjectMeta } from './types';

export type CiliumPolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/** The four sections of a rule: allows and denies (which win over every allow), per direction. */
export type CiliumSectionName = 'ingress' | 'ingressDeny' | 'egress' | 'egressDeny';

/** One rule of a Cilium policy: its `spec`, or one of its `specs`. */
export interface CiliumRule {
  /** The pods it applies to, as written (keys may carry Cilium's source prefixes `k8s:`, `any:`, ...). */
  endpointSelector?: LabelSelector;
  /** A host policy: the nodes it applies to (their host endpoint, which host-network pods share). */
  nodeSelector?: LabelSelector;
  ingress: CiliumSectionEntry[];
  ingressDeny: CiliumSectionEntry[];
  egress: CiliumSectionEntry[];
  egressDeny: CiliumSectionEntry[];
  /**
   * `enableDefaultDeny` as written. Absent for a direction, Cilium's default applies: default deny for each direction
   * the rule has entries for (api.Rule.EnableDefaultDeny).
   */
  enableDefaultDeny: { ingress?: boolean; egress?: boolean };
}

/** One entry of a section (api.IngressRule, IngressDenyRule, EgressRule, EgressDenyRule). */
export interface CiliumSectionEntry {
  /**
   * The peers of every peer field (from/toEndpoints, from/toEntities, from/toCIDR, from/toCIDRSet, and the fields
   * kube-netmap keeps without evaluating them), in field order. None written: every peer, when the entry has ports.
   */
  peers: CiliumPeer[];
  /**
   * The first peer field written as an empty list (`fromEndpoints: []`): Cilium then selects no peer at all for the
   * entry, whatever the other fields say (pkg/policy/utils mergeEndpointSelectors).
   */
  emptyPeerField?: string;
  /** `toPorts`, empty when absent. */
  toPorts: CiliumPortRule[];
  /** How many `icmps` entries: ICMP, which kube-netmap does not model. With them the entry is no longer L3-only. */
  icmps: number;
  /** `authentication.mode` (mutual authentication), when set. */
  authentication?: string;
}

export type CiliumPeer =
  /** from/toEndpoints: the selector as written (a CiliumNetworkPolicy scopes it to its namespace when evaluated). */
  | { type: 'endpoints'; selector: LabelSelector }
  /** from/toEntities: world, cluster, host, remote-node, all, ... as written. */
  | { type: 'entity'; entity: string }
  /** from/toCIDR (a cidr, no except) and from/toCIDRSet entries with a cidr. */
  | { type: 'cidr'; cidr: string; except: string[] }
  /** toFQDNs: matchName or matchPattern. */
  | { type: 'fqdn'; matchName?: string; matchPattern?: string }
  /** from/toNodes: a node selector (needs the agent's enable-node-selector-labels). */
  | { type: 'nodes'; selector: LabelSelector }
  /** Peers kube-netmap keeps but does not evaluate: `field` names them, `text` says what they name. */
  | { type: 'unevaluated'; field: CiliumUnevaluatedField; text: string };

export type CiliumUnevaluatedField =
  | 'toServices'
  | 'fromRequires'
  | 'toRequires'
  | 'cidrGroupRef'
  | 'cidrGroupSelector'
  | 'fromGroups'
  | 'toGroups'
  /** An entry or peer whose shape cannot be read. */
  | 'unreadable';

/** One `toPorts` entry (api.PortRule, api.PortDenyRule). */
export interface CiliumPortRule {
  ports: CiliumPort[];
  /**
   * What further filters the connections these ports allow: L7 `rules` (by kind: `http`, `dns`, ...), `serverNames`,
   * a `listener`, TLS termination or origination. Empty when there is nothing beyond L3/L4.
   */
  filters: string[];
}

/** One `ports` entry (api.PortProtocol). */
export interface CiliumPort {
  /** `ANY` for ANY, empty or omitted (TCP, UDP and SCTP); others (ICMP, GRE, ...) as written, upper case. */
  protocol: string;
  /** A number, or a named port in lower case (Cilium compares names case-insensitively). Absent: every port ("0"). */
  port?: number | string;
  /** The last port of a range starting at `port`. */
  endPort?: number;
}

export interface CiliumPolicy {
  meta: ObjectMeta;
  rules: CiliumRule[];
}

// Whether a peer of a Cilium rule entry matches the other end of a flow: yes, no, or maybe where kube-netmap cannot
// tell (toFQDNs, toServices, entities it does not model, ...). A "maybe" makes the connections the entry covers
// unknown, never allowed or denied. After Cilium's docs (policy language: endpoints, entities, CIDR) and
// pkg/k8s/apis/cilium.io/utils getEndpointSelector (namespace scoping).
//
// Cilium gives the other end one identity, which kube-netmap tells from the model:
// - a pod with its own network: its endpoint (labels: ciliumEndpointLabels). Endpoint selectors match it; CIDRs never do;
// - a node: a host-network pod, or an address of a Node (or the subject's hostIP). `host` when it is the subject's
//   own node, `remote-node` otherwise (a subject not scheduled has no own node). CIDRs do not match node addresses
//   under Cilium's default policy-cidr-match-mode;
// - any other address: `world` (outside the cluster). kube-netmap does not know the addresses Cilium gives identities
//   of its own (kube-apiserver, health, ingress), so the entities that name them are "maybe".

import type { CiliumPeer, CiliumPolicyKind, LabelSelector, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { ipBlockContains, parseIp } from '../net/cidr';
import { isOwnNode, nodeEnd } from '../policy/own-node';
import { formatPeer, formatPod, type FlowPeer } from '../policy/types';
import { ciliumEndpointLabels, matchCiliumSelector, NAMESPACE_LABEL, NAMESPACE_LABELS_PREFIX, namesKey, plainKey, type CiliumSelectorMatch } from './selector';

/** What a peer is matched against: the policy (its kind and namespace scope a selector), the subject and the other end. */
export interface CiliumPeerContext {
  kind: CiliumPolicyKind;
  /** The policy's namespace; undefined for a clusterwide policy. */
  namespace?: string;
  subject: Pod;
  other: FlowPeer;
  index: ModelIndex;
}

type Identity = { type: 'pod'; pod: Pod } | { type: 'host' } | { type: 'remote-node' } | { type: 'world'; ip: string };

function identityOf({ subject, other, index }: CiliumPeerContext): Identity {
  if (isOwnNode(subject, other, index)) return { type: 'host' };
  if (nodeEnd(other, index)) return { type: 'remote-node' };
  return other.type === 'pod' ? { type: 'pod', pod: other.pod } : { type: 'world', ip: other.ip };
}

const IDENTITY_WORDS: Record<Identity['type'], string> = {
  pod: 'a pod of the cluster',
  host: "the subject's own node (entity host)",
  'remote-node': 'another node of the cluster (entity remote-node)',
  world: 'an address outside the cluster (entity world)',
};

const yes: CiliumSelectorMatch = { match: 'yes', reasons: [] };
const no = (reason: string): CiliumSelectorMatch => ({ match: 'no', reasons: [reason] });
const maybe = (reason: string): CiliumSelectorMatch => ({ match: 'maybe', reasons: [reason] });

export function matchCiliumPeer(peer: CiliumPeer, context: CiliumPeerContext): CiliumSelectorMatch {
  const identity = identityOf(context);
  const what = `${formatPeer(context.other)} is ${IDENTITY_WORDS[identity.type]}`;
  switch (peer.type) {
    case 'endpoints':
      return identity.type === 'pod' ? matchEndpoints(peer.selector, identity.pod, context) : no(`${what}; endpoint selectors select pods`);
    case 'entity':
      return matchEntity(peer.entity, identity, what);
    case 'cidr': {
      if (identity.type !== 'world') return no(`${what}; CIDR peers match addresses outside the cluster only`);
      const except = peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : '';
      return ipBlockContains({ cidr: peer.cidr, except: peer.except }, identity.ip) ? yes : no(`${identity.ip} is outside CIDR ${peer.cidr}${except}`);
    }
    case 'fqdn': {
      const name = peer.matchName ?? peer.matchPattern ?? '';
      if (identity.type === 'pod' && !couldNameClusterPod(name, peer.matchPattern !== undefined)) return no(`${what}, which has no name under ${name}`);
      return maybe(`kube-netmap does not evaluate toFQDNs (${peer.matchName ? `matchName ${peer.matchName}` : `matchPattern ${peer.matchPattern}`}): which addresses it stands for is unknown`);
    }
    case 'nodes':
      if (identity.type === 'host' || identity.type === 'remote-node') {
        return maybe('kube-netmap does not evaluate node selectors (fromNodes/toNodes need the agent option enable-node-selector-labels)');
      }
      return no(`${what}; node selectors select nodes`);
    case 'unevaluated':
      return matchUnevaluated(peer, identity, what);
  }
}

/**
 * Whether the peer may match a pod of the namespace: false means matchCiliumPeer says no for every pod there (an
 * endpoint selector confined to another namespace, or asking for another one's name; a CIDR, which never matches a
 * pod), so a caller that asks about
 * every pod of the cluster skips those namespaces.
 */
export function ciliumPeerMayMatchNamespace(peer: CiliumPeer, policy: Pick<CiliumPeerContext, 'kind' | 'namespace'>, namespace: string): boolean {
  if (peer.type === 'cidr') return false;
  if (peer.type !== 'endpoints') return true;
  const scope = endpointScope(peer.selector, policy);
  if (scope !== undefined && scope !== namespace) return false;
  // An endpoint's namespace label is its namespace (ciliumEndpointLabels): a selector that asks for another fails.
  return Object.entries(peer.selector.matchLabels).every(([key, value]) => plainKey(key) !== NAMESPACE_LABEL || value === namespace);
}

/**
 * from/toEndpoints against a pod. In a CiliumNetworkPolicy a selector that names neither the namespace label
 * (io.kubernetes.pod.namespace) nor a namespace's labels (io.cilium.k8s.namespace.labels.*) selects in the policy's
 * namespace only; in a clusterwide policy it selects pods of every namespace. A key of the reserved source lifts the
 * scope, as in Cilium.
 */
function matchEndpoints(selector: LabelSelector, pod: Pod, context: CiliumPeerContext): CiliumSelectorMatch {
  const reasons: string[] = [];
  const namespace = pod.meta.namespace ?? '';
  const scope = endpointScope(selector, context);
  if (scope !== undefined && scope !== namespace) reasons.push(`the peer selects pods in namespace ${scope} only; the pod is in ${namespace}`);
  const result = matchCiliumSelector(selector, ciliumEndpointLabels(pod, context.index), formatPod(pod));
  if (reasons.length > 0 || result.match === 'no') return { match: 'no', reasons: [...reasons, ...(result.match === 'no' ? result.reasons : [])] };
  return result;
}

/** The namespace an endpoint selector is confined to, or undefined when it selects in every namespace. */
export function endpointScope(selector: LabelSelector, context: Pick<CiliumPeerContext, 'kind' | 'namespace'>): string | undefined {
  if (context.kind !== 'CiliumNetworkPolicy') return undefined;
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  if (keys.some((k) => k.startsWith('reserved:') || k.startsWith('$'))) return undefined;
  if (namesKey(selector, (k) => k === NAMESPACE_LABEL || k.startsWith(NAMESPACE_LABELS_PREFIX))) return undefined;
  return context.namespace;
}

/** Entities (api.EntitySelectorMapping) by the identity of the other end. */
function matchEntity(entity: string, identity: Identity, what: string): CiliumSelectorMatch {
  const inCluster = identity.type !== 'world';
  switch (entity) {
    case 'all':
      return yes;
    case 'world':
      return inCluster ? no(what) : yes;
    case 'world-ipv4':
    case 'world-ipv6': {
      const family = entity === 'world-ipv4' ? 4 : 6;
      return identity.type === 'world' && parseIp(identity.ip)?.family === family ? yes : no(what);
    }
    case 'cluster':
      return inCluster ? yes : no(what);
    case 'cluster-mesh':
      // The endpoints of every cluster of the mesh: an outside address may be one of another cluster.
      return inCluster ? yes : maybe('entity cluster-mesh: kube-netmap does not know the other clusters of the mesh');
    case 'host':
    case 'remote-node':
      return identity.type === entity ? yes : no(what);
    case 'none':
      return no('entity none selects nothing');
    default:
      return maybe(`kube-netmap does not evaluate the entity ${entity}: which addresses it stands for is unknown`);
  }
}

function matchUnevaluated(peer: Extract<CiliumPeer, { type: 'unevaluated' }>, identity: Identity, what: string): CiliumSelectorMatch {
  switch (peer.field) {
    case 'cidrGroupRef':
    case 'cidrGroupSelector':
    case 'fromGroups':
    case 'toGroups':
      // Address-based like a CIDR: never a pod or a node.
      if (identity.type !== 'world') return no(`${what}; ${peer.field} matches addresses outside the cluster only`);
      return maybe(`kube-netmap does not evaluate ${peer.text}`);
    case 'unreadable':
      return maybe(`kube-netmap cannot read ${peer.text}`);
    default:
      return maybe(`kube-netmap does not evaluate ${peer.text}`);
  }
}

/** Pod DNS names live under the cluster domain. */
const CLUSTER_DOMAIN = 'cluster.local';

/**
 * Could a toFQDNs name (or pattern, where `*` stands for any characters but a dot, and a lone `*` for every name)
 * name a pod, that is a name under the cluster domain?
 */
function couldNameClusterPod(text: string, pattern: boolean): boolean {
  const name = text.replace(/\.$/, '').toLowerCase();
  if (name === CLUSTER_DOMAIN || name.endsWith(`.${CLUSTER_DOMAIN}`)) return true;
  if (!pattern || !name.includes('*')) return false;
  if (name === '*') return true;
  // What follows the last wildcard must be the end of a name under the cluster domain.
  const suffix = name.slice(name.lastIndexOf('*') + 1);
  return `.${CLUSTER_DOMAIN}`.endsWith(suffix);
}

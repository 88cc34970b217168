// Cilium's L3/L4 policy semantics, case by case: each case names the rule it proves, and checks that explainFlow's
// verdict and the set form (allowedConnections, what reach and connectivity use) agree on it. Citations: [LANG] =
// docs.cilium.io security/policy/language; [DENY] = security/policy/deny ("deny policies take precedence over allow
// policies, regardless of whether they are a Cilium Network Policy, a Clusterwide Cilium Network Policy or even a
// Kubernetes Network Policy"); [API] = pkg/policy/api of cilium v1.20.2; [UTILS] = pkg/policy/utils/parserules.go and
// pkg/k8s/apis/cilium.io/utils (namespace scoping of endpoint selectors).
import { describe, expect, it } from 'vitest';
import type { CiliumPolicy, CiliumRule, ClusterModel, ClusterWidePolicy, NetworkPolicy, Protocol } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { indexModel } from '../model-index';
import { allowedConnections } from '../policy/allowed-connections';
import type { FlowPeer } from '../policy/types';
import { clusterPolicy, clusterRule, model, namespace, networkPolicy, node, peer, pod, podsPeer, policyIngress, requirement } from '../testing/builders';
import { cidrPeer, ciliumClusterwidePolicy, ciliumEntry, ciliumPolicy, ciliumPort, endpointsPeer, entityPeer } from '../testing/plugin-builders';

const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.1.0.1', nodeName: 'n1', hostIP: '192.168.0.1' });
const api = pod('shop/api', { labels: { app: 'api' }, ip: '10.1.0.3', nodeName: 'n2', hostIP: '192.168.0.2' });
const pg = pod('db/pg', { labels: { app: 'pg' }, ip: '10.1.0.2', nodeName: 'n1', hostIP: '192.168.0.1', ports: [{ name: 'sql', containerPort: 5432 }] });
const agent = pod('kube-system/agent', { labels: { app: 'agent' }, hostNetwork: true, ip: '192.168.0.1', nodeName: 'n1', hostIP: '192.168.0.1' });
const agent2 = pod('kube-system/agent-2', { labels: { app: 'agent' }, hostNetwork: true, ip: '192.168.0.2', nodeName: 'n2', hostIP: '192.168.0.2' });
const PODS = [web, api, pg, agent, agent2];
const OWN_NODE = '192.168.0.1';
const OTHER_NODE = '192.168.0.2';
const EXTERNAL = '203.0.113.5';

function build(cilium: CiliumPolicy[], networkpolicies: NetworkPolicy[] = [], cluster: ClusterWidePolicy[] = []): ClusterModel {
  return model({
    namespaces: [namespace('shop', { labels: { team: 'shop' } }), namespace('db', { labels: { team: 'db' } }), namespace('kube-system')],
    nodes: [node('n1', { ip: OWN_NODE }), node('n2', { ip: OTHER_NODE })],
    pods: PODS,
    networkpolicies,
    ciliumnetworkpolicies: cilium.filter((p) => p.meta.namespace),
    ciliumclusterwidenetworkpolicies: cilium.filter((p) => !p.meta.namespace),
    clusternetworkpolicies: cluster.filter((p) => p.tier === 'Admin'),
    baselineadminnetworkpolicies: cluster.filter((p) => p.tier === 'Baseline'),
  });
}

/** A policy of web's egress (shop/web-out) or of pg's ingress (db/pg-in), with one rule. */
const webOut = (rule: Partial<CiliumRule>) => ciliumPolicy('shop/web-out', { endpointSelector: endpointsPeerSelector('web'), ...rule });
const pgIn = (rule: Partial<CiliumRule>) => ciliumPolicy('db/pg-in', { endpointSelector: endpointsPeerSelector('pg'), ...rule });
function endpointsPeerSelector(app: string) {
  return { matchLabels: { app }, matchExpressions: [] };
}
const fromWeb = endpointsPeer({ app: 'web', 'k8s:io.kubernetes.pod.namespace': 'shop' });
const allowFromNamespaces = networkPolicy('db/np-allow', { podSelector: { app: 'pg' }, ingress: [policyIngress({ from: [peer({ namespaces: {} })] })] });
const toPg = podsPeer({ team: 'db' });

interface Case {
  rule: string;
  cilium: CiliumPolicy[];
  networkpolicies?: NetworkPolicy[];
  cluster?: ClusterWidePolicy[];
  from?: string;
  to?: string;
  port?: number;
  protocol?: Protocol;
  want: 'allowed' | 'denied' | 'unknown';
  /** A phrase the trace must contain: the rule (kind, policy, section, number) that decided, or why. */
  says?: string;
}

const cases: Case[] = [
  // Deny over allow [DENY]
  {
    rule: 'an ingressDeny entry wins over an ingress allow of the same rule [DENY]',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [entityPeer('cluster')] })], ingressDeny: [ciliumEntry({ peers: [fromWeb] })] })],
    want: 'denied',
    says: 'denied by CiliumNetworkPolicy db/pg-in ingressDeny rule 1: all ports from pods app=web,k8s:io.kubernetes.pod.namespace=shop',
  },
  {
    rule: 'a Cilium deny wins over a Kubernetes NetworkPolicy allow [DENY]',
    cilium: [pgIn({ ingressDeny: [ciliumEntry({ peers: [entityPeer('cluster')] })] })],
    networkpolicies: [allowFromNamespaces],
    want: 'denied',
    says: 'ingressDeny rule 1',
  },
  {
    rule: 'a deny of another port leaves the NetworkPolicy allow standing [DENY]',
    cilium: [pgIn({ ingressDeny: [ciliumEntry({ peers: [entityPeer('cluster')], ports: [5433] })], enableDefaultDeny: { ingress: false } })],
    networkpolicies: [allowFromNamespaces],
    want: 'allowed',
    says: 'allowed by db/np-allow rule 1',
  },
  {
    rule: 'a rule with only deny entries still puts the pod in default deny (default deny for each direction with entries) [API Rule.EnableDefaultDeny]',
    cilium: [pgIn({ ingressDeny: [ciliumEntry({ peers: [entityPeer('world')] })] })],
    want: 'denied',
    says: 'pod db/pg is isolated for ingress by CiliumNetworkPolicy db/pg-in',
  },
  {
    rule: 'enableDefaultDeny false: the rule only adds its allows and denies; what it does not decide is allowed [API Rule.EnableDefaultDeny]',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [entityPeer('world')], ports: [80] })], enableDefaultDeny: { ingress: false } })],
    want: 'allowed',
    says: 'set enableDefaultDeny false',
  },
  {
    rule: 'enableDefaultDeny false with a deny: denied where the deny matches [DENY]',
    cilium: [pgIn({ ingressDeny: [ciliumEntry({ peers: [fromWeb] })], enableDefaultDeny: { ingress: false } })],
    want: 'denied',
  },
  {
    rule: 'an empty entry (`ingress: [{}]`) allows nothing and isolates [UTILS mergeL4Filter]',
    cilium: [pgIn({ ingress: [ciliumEntry()] })],
    want: 'denied',
    says: 'names neither peers nor ports',
  },
  // Entities [API entity.go]
  { rule: 'entity world: an address outside the cluster', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('world')] })] })], to: EXTERNAL, want: 'allowed', says: 'egress rule 1: all ports to entity world' },
  { rule: 'entity world: not a pod', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('world')] })] })], want: 'denied' },
  { rule: 'entity world: not a node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('world')] })] })], to: OTHER_NODE, want: 'denied' },
  { rule: 'entity cluster: a pod', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')] })] })], want: 'allowed' },
  { rule: 'entity cluster: a node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')] })] })], to: OTHER_NODE, want: 'allowed' },
  { rule: 'entity cluster: not an outside address', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')] })] })], to: EXTERNAL, want: 'denied' },
  { rule: "entity host: the subject's own node", cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('host')] })] })], to: OWN_NODE, want: 'allowed', says: 'on egress Cilium' },
  { rule: 'entity host: a host-network pod on the own node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('host')] })] })], to: 'pod/kube-system/agent', want: 'allowed' },
  { rule: 'entity host: not another node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('host')] })] })], to: OTHER_NODE, want: 'denied' },
  { rule: 'entity remote-node: another node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('remote-node')] })] })], to: OTHER_NODE, want: 'allowed' },
  { rule: 'entity remote-node: a host-network pod of another node', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('remote-node')] })] })], to: 'pod/kube-system/agent-2', want: 'allowed' },
  { rule: 'entity remote-node: not the own node (egress to it has no exception under Cilium)', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('remote-node')] })] })], to: OWN_NODE, want: 'denied' },
  { rule: 'entity all: anything', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')] })] })], to: EXTERNAL, want: 'allowed' },
  {
    rule: 'an entity kube-netmap does not model (kube-apiserver) may match: unknown, never allowed',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('kube-apiserver')] })] })],
    to: EXTERNAL,
    want: 'unknown',
    says: 'does not evaluate the entity kube-apiserver',
  },
  {
    rule: 'an entity kube-netmap does not model in a deny: unknown, never denied',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')] })], egressDeny: [ciliumEntry({ peers: [entityPeer('health')] })] })],
    want: 'unknown',
    says: 'egressDeny rule 1 (denies all ports to entity health) may match',
  },
  // Endpoints and their namespace [UTILS getEndpointSelector]
  {
    rule: 'toEndpoints of a CiliumNetworkPolicy selects in its own namespace only',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer({ app: 'pg' })] })] })],
    want: 'denied',
    says: 'the peer selects pods in namespace shop only; the pod is in db',
  },
  {
    rule: 'fromEndpoints of a CiliumNetworkPolicy selects in its own namespace only',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [endpointsPeer({ app: 'web' })] })] })],
    want: 'denied',
    says: 'the peer selects pods in namespace db only; the pod is in shop',
  },
  {
    rule: 'a selector naming k8s:io.kubernetes.pod.namespace selects in that namespace',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer({ app: 'pg', 'k8s:io.kubernetes.pod.namespace': 'db' })] })] })],
    want: 'allowed',
  },
  {
    rule: "a selector naming a namespace's labels (io.cilium.k8s.namespace.labels.*) selects across namespaces",
    cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer({ 'io.cilium.k8s.namespace.labels.team': 'db' })] })] })],
    want: 'allowed',
  },
  { rule: 'an empty selector {} in a CiliumNetworkPolicy is every pod of its namespace', cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer()] })] })], to: 'pod/shop/api', want: 'allowed' },
  { rule: 'an empty selector {} in a CiliumNetworkPolicy is not a pod of another namespace', cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer()] })] })], want: 'denied' },
  {
    rule: 'an empty selector {} in a clusterwide policy is every pod',
    cilium: [ciliumClusterwidePolicy('out', { endpointSelector: endpointsPeerSelector('web'), egress: [ciliumEntry({ peers: [endpointsPeer()] })] })],
    want: 'allowed',
  },
  { rule: 'endpoint selectors never select a host-network pod (it is its node)', cilium: [webOut({ egress: [ciliumEntry({ peers: [endpointsPeer({}, requirement('app', 'Exists'))] })] })], to: 'pod/kube-system/agent-2', want: 'denied' },
  // CIDR [API cidr.go; LANG "CIDR based"]
  { rule: 'a CIDR never matches a pod of the cluster, even one inside it', cilium: [webOut({ egress: [ciliumEntry({ peers: [cidrPeer('10.0.0.0/8')] })] })], want: 'denied', says: 'CIDR peers match addresses outside the cluster only' },
  { rule: 'a CIDR matches an outside address inside it', cilium: [webOut({ egress: [ciliumEntry({ peers: [cidrPeer('203.0.113.0/24')] })] })], to: EXTERNAL, want: 'allowed' },
  { rule: 'except carves an address out of the CIDR', cilium: [webOut({ egress: [ciliumEntry({ peers: [cidrPeer('203.0.113.0/24', '203.0.113.0/28')] })] })], to: EXTERNAL, want: 'denied', says: 'except 203.0.113.0/28' },
  { rule: "a CIDR does not match a node's address (default policy-cidr-match-mode)", cilium: [webOut({ egress: [ciliumEntry({ peers: [cidrPeer('192.168.0.0/16')] })] })], to: OTHER_NODE, want: 'denied' },
  // Ports [API l4.go]
  { rule: 'protocol ANY covers UDP', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(53, 'ANY')] })] })], port: 53, protocol: 'UDP', want: 'allowed', says: 'TCP/UDP/SCTP 53' },
  { rule: 'protocol ANY covers SCTP', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(53, 'ANY')] })] })], port: 53, protocol: 'SCTP', want: 'allowed' },
  { rule: 'protocol ANY covers that port only', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(53, 'ANY')] })] })], port: 54, want: 'denied' },
  { rule: 'port 0 (or none) is every port of the protocol', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(undefined, 'UDP')] })] })], port: 9999, protocol: 'UDP', want: 'allowed' },
  { rule: 'endPort makes a range: inside', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(5000, 'TCP', 6000)] })] })], want: 'allowed' },
  { rule: 'endPort makes a range: past its end', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')], ports: [ciliumPort(5000, 'TCP', 5400)] })] })], want: 'denied' },
  { rule: 'a named port resolves on the destination pod (egress)', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')], ports: ['sql'] })] })], want: 'allowed' },
  { rule: 'a named port resolves on the subject (ingress)', cilium: [pgIn({ ingress: [ciliumEntry({ peers: [fromWeb], ports: ['sql'] })] })], want: 'allowed' },
  { rule: 'a named port the destination does not declare covers nothing', cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')], ports: ['http'] })] })], want: 'denied', says: 'the destination declares no port named "http"' },
  { rule: 'toPorts with no peers selects every peer [API ingress.go FromEndpoints]', cilium: [webOut({ egress: [ciliumEntry({ ports: [443] })] })], to: EXTERNAL, port: 443, want: 'allowed', says: 'TCP 443 to anywhere' },
  { rule: 'a peer field written empty selects no peer, whatever its toPorts [UTILS mergeEndpointSelectors]', cilium: [webOut({ egress: [ciliumEntry({ emptyPeerField: 'toEndpoints', ports: [5432] })] })], want: 'denied', says: 'toEndpoints is an empty list' },
  {
    rule: 'L7 rules: the L3/L4 verdict stands, with a note that they further filter',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [fromWeb], ports: [5432], filters: ['L7 rules (http)'] })] })],
    want: 'allowed',
    says: 'note: the L3/L4 verdict stands; Cilium further filters the connection by L7 rules (http)',
  },
  // Peers kube-netmap does not evaluate
  {
    rule: 'toFQDNs may match an outside address: unknown',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [{ type: 'fqdn', matchName: 'api.example.com' }] })] })],
    to: EXTERNAL,
    want: 'unknown',
    says: 'kube-netmap does not evaluate toFQDNs (matchName api.example.com)',
  },
  { rule: 'toFQDNs outside the cluster domain never name a pod', cilium: [webOut({ egress: [ciliumEntry({ peers: [{ type: 'fqdn', matchName: 'api.example.com' }] })] })], want: 'denied' },
  {
    rule: 'toServices may match: unknown',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [{ type: 'unevaluated', field: 'toServices', text: 'toServices db/pg' }] })] })],
    want: 'unknown',
    says: 'kube-netmap does not evaluate toServices db/pg',
  },
  {
    rule: 'a peer that may match beside one that surely allows: allowed',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [{ type: 'fqdn', matchPattern: '*' }] }), ciliumEntry({ peers: [entityPeer('cluster')] })] })],
    want: 'allowed',
  },
  // Combination with NetworkPolicy and the cluster-wide tiers
  {
    rule: 'NetworkPolicy and Cilium allows add up: a port only the NetworkPolicy allows',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [fromWeb], ports: [80] })] })],
    networkpolicies: [networkPolicy('db/np-sql', { podSelector: { app: 'pg' }, ingress: [policyIngress({ from: [peer({ namespaces: {} })], ports: [5432] })] })],
    want: 'allowed',
    says: 'allowed by db/np-sql rule 1',
  },
  {
    rule: 'NetworkPolicy and Cilium allows add up: a port only the Cilium rule allows',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [fromWeb], ports: [80] })] })],
    networkpolicies: [networkPolicy('db/np-sql', { podSelector: { app: 'pg' }, ingress: [policyIngress({ from: [peer({ namespaces: {} })], ports: [5432] })] })],
    port: 80,
    want: 'allowed',
    says: 'allowed by CiliumNetworkPolicy db/pg-in ingress rule 1: TCP 80 from',
  },
  {
    rule: 'a NetworkPolicy isolates even when the Cilium rules have enableDefaultDeny false: their allows add to it',
    cilium: [pgIn({ ingress: [ciliumEntry({ peers: [fromWeb], ports: [80] })], enableDefaultDeny: { ingress: false } })],
    networkpolicies: [networkPolicy('db/np-deny', { podSelector: { app: 'pg' }, policyTypes: ['Ingress'] })],
    want: 'denied',
    says: 'isolated for ingress by db/np-deny',
  },
  {
    rule: 'the Admin tier comes first: an Admin Deny beats a Cilium allow',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('all')] })] })],
    cluster: [clusterPolicy('admin-deny', { priority: 1, egress: [clusterRule('Deny', [toPg])] })],
    want: 'denied',
    says: 'Admin tier: denied by ClusterNetworkPolicy admin-deny',
  },
  {
    rule: 'the Admin tier comes first: an Admin Accept beats a Cilium deny',
    cilium: [webOut({ egressDeny: [ciliumEntry({ peers: [entityPeer('all')] })] })],
    cluster: [clusterPolicy('admin-accept', { priority: 1, egress: [clusterRule('Accept', [toPg])] })],
    want: 'allowed',
  },
  {
    rule: 'an Admin Pass hands the connection to the policy tier, where Cilium allows it',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')] })] })],
    cluster: [clusterPolicy('admin-pass', { priority: 1, egress: [clusterRule('Pass', [toPg])] })],
    want: 'allowed',
  },
  {
    rule: 'an Admin Pass hands the connection to the policy tier, where Cilium default deny denies it',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('world')] })] })],
    cluster: [clusterPolicy('admin-pass', { priority: 1, egress: [clusterRule('Pass', [toPg])] })],
    want: 'denied',
  },
  {
    rule: 'the Baseline tier decides what Cilium rules without default deny pass on',
    cilium: [webOut({ egressDeny: [ciliumEntry({ peers: [entityPeer('world')] })], enableDefaultDeny: { egress: false } })],
    cluster: [clusterPolicy('baseline', { tier: 'Baseline', priority: 0, egress: [clusterRule('Deny', [toPg])] })],
    want: 'denied',
    says: 'Baseline tier: denied by ClusterNetworkPolicy baseline',
  },
  {
    rule: 'the Baseline tier is not reached for a pod Cilium isolates',
    cilium: [webOut({ egress: [ciliumEntry({ peers: [entityPeer('cluster')] })] })],
    cluster: [clusterPolicy('baseline', { tier: 'Baseline', priority: 0, egress: [clusterRule('Deny', [toPg])] })],
    want: 'allowed',
  },
  // The own node
  { rule: 'ingress from the own node is allowed under Cilium default deny (allow-localhost)', cilium: [pgIn({ ingress: [ciliumEntry()] })], from: 'pod/kube-system/agent', want: 'allowed', says: 'always allowed, but for Cilium' },
  { rule: 'ingress from another node is not', cilium: [pgIn({ ingress: [ciliumEntry()] })], from: 'pod/kube-system/agent-2', want: 'denied' },
  { rule: 'a Cilium deny still denies the own node', cilium: [pgIn({ ingressDeny: [ciliumEntry({ peers: [entityPeer('host')] })] })], from: 'pod/kube-system/agent', want: 'denied' },
  // Naming
  {
    rule: 'a rule of a policy with several specs is named by its spec',
    cilium: [ciliumPolicy('db/pg-in', { endpointSelector: endpointsPeerSelector('api'), ingress: [ciliumEntry()] }, { endpointSelector: endpointsPeerSelector('pg'), ingressDeny: [ciliumEntry({ peers: [fromWeb] })] })],
    want: 'denied',
    says: 'denied by CiliumNetworkPolicy db/pg-in spec 2 ingressDeny rule 1',
  },
];

/** A flow end as the engine sees it: a pod of the model, or an address. */
function flowPeer(target: string): FlowPeer {
  const found = PODS.find((p) => `pod/${p.meta.namespace}/${p.meta.name}` === target);
  return found ? { type: 'pod', pod: found } : { type: 'ip', ip: target };
}

describe('Cilium policies: L3/L4 semantics', () => {
  it.each(cases)('$rule', ({ cilium, networkpolicies, cluster, from, to, port, protocol, want, says }) => {
    const m = build(cilium, networkpolicies, cluster);
    const query = { port: port ?? 5432, protocol: protocol ?? 'TCP' };
    const source = from ?? 'pod/shop/web';
    const target = to ?? 'pod/db/pg';
    const explanation = explainFlow(m, { from: source, to: target, ...query });
    const trace = explanation.trace.map((s) => (s.kind === 'side' ? s.step.text : s.text)).join('\n');
    expect([explanation.verdict, trace]).toEqual([want, expect.any(String)]);
    if (says) expect(trace).toContain(says);

    // The set form agrees, port by port, and says why when unknown.
    const index = indexModel(m);
    const [src, dst] = [flowPeer(source), flowPeer(target)];
    const egress = allowedConnections('egress', src, dst, index);
    const ingress = allowedConnections('ingress', dst, src, index);
    const allowed = egress.allowed.intersect(ingress.allowed).allows(query.protocol, query.port);
    const possible = egress.allowed.union(egress.unknown.connections).intersect(ingress.allowed.union(ingress.unknown.connections)).allows(query.protocol, query.port);
    expect(allowed ? 'allowed' : possible ? 'unknown' : 'denied').toBe(want);
    if (want === 'unknown' && says) expect([...egress.unknown.reasons, ...ingress.unknown.reasons].join('\n')).toContain(says);
  });
});

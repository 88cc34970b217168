// The tier order of policy.networking.k8s.io, case by case: each case names the rule it proves, and checks that
// explainFlow's verdict and the set form (allowedConnections, what reach and connectivity use) agree on it.
import { describe, expect, it } from 'vitest';
import type { ClusterModel, ClusterWidePolicy, NetworkPolicy, Protocol } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { indexModel } from '../model-index';
import { allowedConnections } from '../policy/allowed-connections';
import type { FlowPeer } from '../policy/types';
import {
  clusterPolicy, clusterRule, model, namespace, networkPolicy, node, peer, pod, podsIn, podsPeer, policyEgress,
} from '../testing/builders';

const web = pod('shop/web', { labels: { app: 'web' }, podIPs: ['10.1.0.1'], containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] });
const pg = pod('db/pg', { labels: { app: 'pg' }, podIPs: ['10.1.0.2'], containers: [{ name: 'c', ports: [{ name: 'sql', containerPort: 5432 }] }] });
const NODE_IP = '192.168.0.1';
const EXTERNAL = '203.0.113.5';

function build(cluster: ClusterWidePolicy[], networkpolicies: NetworkPolicy[] = []): ClusterModel {
  return model({
    namespaces: [namespace('shop', { labels: { team: 'shop' } }), namespace('db', { labels: { team: 'db' } })],
    nodes: [node('n1', { labels: { role: 'infra' }, addresses: [{ type: 'InternalIP', address: NODE_IP }] })],
    pods: [web, pg],
    networkpolicies,
    clusternetworkpolicies: cluster.filter((p) => p.kind === 'ClusterNetworkPolicy'),
    adminnetworkpolicies: cluster.filter((p) => p.kind === 'AdminNetworkPolicy'),
    baselineadminnetworkpolicies: cluster.filter((p) => p.kind === 'BaselineAdminNetworkPolicy'),
  });
}

const fromShop = { subject: podsIn({ team: 'shop' }) };
const toDb = podsPeer({ team: 'db' });
const admin = (name: string, priority: number, ...egress: ReturnType<typeof clusterRule>[]) => clusterPolicy(name, { ...fromShop, priority, egress });
const baseline = (name: string, ...egress: ReturnType<typeof clusterRule>[]) => clusterPolicy(name, { ...fromShop, tier: 'Baseline', priority: 0, egress });
const denyAllEgress = networkPolicy('shop/deny-egress', { policyTypes: ['Egress'] });
const allowEgressToDb = networkPolicy('shop/allow-db', { egress: [policyEgress({ to: [peer({ namespaces: { team: 'db' } })] })] });

interface Case {
  rule: string;
  cluster: ClusterWidePolicy[];
  networkpolicies?: NetworkPolicy[];
  to?: string;
  port?: number;
  protocol?: Protocol;
  want: 'allowed' | 'denied' | 'unknown';
  /** A phrase the trace must contain (the tier, policy, priority, rule and action it names). */
  says?: string;
}

const cases: Case[] = [
  { rule: 'Admin Accept is final: a NetworkPolicy that isolates the pod does not deny it', cluster: [admin('a', 5, clusterRule('Accept', [toDb]))], networkpolicies: [denyAllEgress], want: 'allowed', says: 'Admin tier: allowed by ClusterNetworkPolicy a (Admin tier, priority 5) egress rule 1' },
  { rule: 'Admin Deny is final: a NetworkPolicy rule that allows it does not help', cluster: [admin('a', 5, clusterRule('Deny', [toDb], [], 'no-db'))], networkpolicies: [allowEgressToDb], want: 'denied', says: 'egress rule "no-db"' },
  { rule: 'Admin Pass hands over to NetworkPolicy, which still isolates the pod', cluster: [admin('a', 5, clusterRule('Pass', [toDb]))], networkpolicies: [denyAllEgress], want: 'denied', says: 'passes TCP 5432 to pod db/pg on to NetworkPolicy' },
  { rule: 'Admin Pass, NetworkPolicy allows: allowed', cluster: [admin('a', 5, clusterRule('Pass', [toDb])), baseline('b', clusterRule('Deny', [toDb]))], networkpolicies: [allowEgressToDb], want: 'allowed' },
  { rule: 'Admin Pass with no NetworkPolicy goes to the Baseline tier', cluster: [admin('a', 5, clusterRule('Pass', [toDb])), baseline('b', clusterRule('Deny', [toDb]))], want: 'denied', says: 'Baseline tier: denied by ClusterNetworkPolicy b' },
  { rule: 'Baseline applies only when no NetworkPolicy selects the pod', cluster: [baseline('b', clusterRule('Deny', [toDb]))], networkpolicies: [allowEgressToDb], want: 'allowed' },
  { rule: 'Baseline Accept beside no NetworkPolicy: allowed', cluster: [baseline('b', clusterRule('Accept', [toDb]))], want: 'allowed' },
  { rule: 'no rule of any tier matches: the default allows', cluster: [admin('a', 5, clusterRule('Deny', [podsPeer({ team: 'none' })]))], want: 'allowed', says: 'no rule of ClusterNetworkPolicy a matches' },
  { rule: 'lower priority number first: Accept at 1 beats Deny at 2', cluster: [admin('deny', 2, clusterRule('Deny', [toDb])), admin('accept', 1, clusterRule('Accept', [toDb]))], want: 'allowed' },
  { rule: 'lower priority number first: Deny at 1 beats Accept at 2', cluster: [admin('deny', 1, clusterRule('Deny', [toDb])), admin('accept', 2, clusterRule('Accept', [toDb]))], want: 'denied' },
  { rule: 'equal priorities that disagree: undefined upstream, so unknown', cluster: [admin('deny', 3, clusterRule('Deny', [toDb])), admin('accept', 3, clusterRule('Accept', [toDb]))], want: 'unknown', says: 'have the same priority and disagree' },
  { rule: 'equal priorities that agree decide', cluster: [admin('d1', 3, clusterRule('Deny', [toDb])), admin('d2', 3, clusterRule('Deny', [toDb]))], want: 'denied' },
  { rule: 'rules top to bottom: the first matching rule decides', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'number', protocol: 'TCP', port: 5432 }]), clusterRule('Accept', [toDb]))], want: 'denied' },
  { rule: 'rules top to bottom: a later rule decides what the first does not cover', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'number', protocol: 'TCP', port: 5433 }]), clusterRule('Accept', [toDb]))], networkpolicies: [denyAllEgress], want: 'allowed' },
  { rule: 'a named port resolves on the destination pod', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'named', name: 'sql' }]))], want: 'denied' },
  { rule: 'a named port the destination lacks covers nothing', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'named', name: 'http' }]))], want: 'allowed' },
  { rule: 'a port range covers its ports of its protocol', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'range', protocol: 'TCP', start: 5000, end: 6000 }]))], want: 'denied' },
  { rule: 'a port range does not cover another protocol', cluster: [admin('a', 1, clusterRule('Deny', [toDb], [{ type: 'range', protocol: 'TCP', start: 5000, end: 6000 }]))], protocol: 'UDP', want: 'allowed' },
  { rule: 'networks match pod IPs too', cluster: [admin('a', 1, clusterRule('Deny', [{ type: 'networks', networks: ['10.1.0.0/16'] }]))], want: 'denied' },
  { rule: 'networks match outside addresses', cluster: [admin('a', 1, clusterRule('Deny', [{ type: 'networks', networks: ['203.0.113.0/24'] }]))], to: EXTERNAL, want: 'denied' },
  { rule: 'networks that do not contain the address do not match', cluster: [admin('a', 1, clusterRule('Deny', [{ type: 'networks', networks: ['198.51.100.0/24'] }]))], to: EXTERNAL, want: 'allowed' },
  { rule: 'a nodes peer matches the addresses of the nodes it selects', cluster: [admin('a', 1, clusterRule('Deny', [{ type: 'nodes', nodeSelector: { matchLabels: { role: 'infra' }, matchExpressions: [] } }]))], to: NODE_IP, want: 'denied' },
  { rule: 'a nodes peer does not match a node it does not select', cluster: [admin('a', 1, clusterRule('Deny', [{ type: 'nodes', nodeSelector: { matchLabels: { role: 'edge' }, matchExpressions: [] } }]))], to: NODE_IP, want: 'allowed' },
  { rule: 'domainNames are not evaluated: an address they could be is unknown', cluster: [admin('a', 1, clusterRule('Accept', [{ type: 'domainNames', domainNames: ['*.example.com'] }]), clusterRule('Deny', [{ type: 'networks', networks: ['0.0.0.0/0'] }]))], to: EXTERNAL, want: 'unknown', says: 'does not evaluate domainNames' },
  { rule: 'domainNames outside the cluster domain never name a pod', cluster: [admin('a', 1, clusterRule('Accept', [{ type: 'domainNames', domainNames: ['*.example.com'] }]), clusterRule('Deny', [{ type: 'networks', networks: ['0.0.0.0/0'] }]))], want: 'denied' },
  { rule: 'v1alpha1: AdminNetworkPolicy Allow beats the BaselineAdminNetworkPolicy Deny', cluster: [clusterPolicy('anp', { ...fromShop, kind: 'AdminNetworkPolicy', priority: 1, egress: [clusterRule('Accept', [toDb])] }), clusterPolicy('default', { ...fromShop, kind: 'BaselineAdminNetworkPolicy', egress: [clusterRule('Deny', [toDb])] })], networkpolicies: [denyAllEgress], want: 'allowed', says: 'AdminNetworkPolicy anp (Admin tier, priority 1) egress rule 1 (Allow all ports' },
  { rule: 'v1alpha1: the BaselineAdminNetworkPolicy Deny applies where no NetworkPolicy selects', cluster: [clusterPolicy('default', { ...fromShop, kind: 'BaselineAdminNetworkPolicy', egress: [clusterRule('Deny', [toDb])] })], want: 'denied' },
  { rule: 'ingress: an Admin Deny at the destination denies', cluster: [clusterPolicy('in', { subject: podsIn({ team: 'db' }), priority: 1, ingress: [clusterRule('Deny', [podsPeer({ team: 'shop' })])] })], want: 'denied', says: 'ingress rule 1' },
  { rule: 'a subject that does not select the pod leaves it alone', cluster: [clusterPolicy('other', { subject: podsIn({ team: 'none' }), priority: 1, egress: [clusterRule('Deny', [toDb])] })], want: 'allowed' },
];

describe('cluster-wide policies: tier order (policy.networking.k8s.io)', () => {
  it.each(cases)('$rule', ({ cluster, networkpolicies, to, port, protocol, want, says }) => {
    const m = build(cluster, networkpolicies);
    const query = { port: port ?? 5432, protocol: protocol ?? 'TCP' };
    const target = to ?? 'pod/db/pg';
    const explanation = explainFlow(m, { from: 'pod/shop/web', to: target, ...query });
    expect(explanation.verdict).toBe(want);
    if (says) expect(explanation.trace.map((s) => (s.kind === 'side' ? s.step.text : s.text)).join('\n')).toContain(says);

    // The set form agrees, port by port.
    const index = indexModel(m);
    const source: FlowPeer = { type: 'pod', pod: web };
    const destination: FlowPeer = to ? { type: 'ip', ip: to } : { type: 'pod', pod: pg };
    const egress = allowedConnections('egress', source, destination, index);
    const ingress = allowedConnections('ingress', destination, source, index);
    const allowed = egress.allowed.intersect(ingress.allowed).allows(query.protocol, query.port);
    const possible = egress.allowed.union(egress.unknown.connections).intersect(ingress.allowed.union(ingress.unknown.connections)).allows(query.protocol, query.port);
    expect(allowed ? 'allowed' : possible ? 'unknown' : 'denied').toBe(want);
    // and says why, as explain does.
    if (want === 'unknown' && says) expect([...egress.unknown.reasons, ...ingress.unknown.reasons].join('\n')).toContain(says);
  });

  it('a cluster-wide kind that is not synced makes every verdict unknown, with the reason', () => {
    const m = build([]);
    m.sync.clusternetworkpolicies = { status: 'forbidden', message: 'no list' };
    const explanation = explainFlow(m, { from: 'pod/shop/web', to: 'pod/db/pg', port: 5432 });
    expect(explanation.verdict).toBe('unknown');
    expect(explanation.unknownReasons).toStrictEqual(['clusternetworkpolicies cannot be read (forbidden: no list)']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { sideVerdict } from '../policy/types';
import { connectivity } from '../reach/connectivity';
import { reachablePeers } from '../reach/reachable-peers';
import { model, namespace, networkPolicy, pod, policyEgress, type ModelInit } from '../testing/builders';
import { calicoGlobalPolicy, calicoPolicy } from '../testing/plugin-builders';

// The rule of issue 9: never a false verdict. A pod that a Calico policy selects (Calico's rules are not evaluated)
// gets "unknown" on that side, naming the policy, in explain, reach and connectivity alike.

const client = pod('shop/client', { ip: '10.0.0.1', labels: { app: 'client' } });
const db = pod('shop/db', { ip: '10.0.0.2', labels: { app: 'db', tier: 'data' }, serviceAccountName: 'db' });
const build = (init: ModelInit): ClusterModel =>
  model({ namespaces: [namespace('shop', { labels: { env: 'prod' } }), namespace('other')], pods: [client, db], ...init });

const DB_LOCKDOWN = 'Calico NetworkPolicy shop/db-lockdown selects pod shop/db; kube-netmap does not evaluate Calico policies';

describe('Calico policies: the sides of the pods they select are unknown', () => {
  it.each([
    {
      rule: 'a Calico NetworkPolicy selecting the destination for ingress makes the flow unknown, naming it',
      init: { caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] },
      want: { verdict: 'unknown', reasons: [DB_LOCKDOWN], ingress: 'unknown', egress: 'allowed' },
    },
    {
      rule: 'Calico types: an Egress-only policy on the destination leaves its ingress evaluated',
      init: { caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'", types: ['Egress'] })] },
      want: { verdict: 'allowed', reasons: [], ingress: 'allowed', egress: 'allowed' },
    },
    {
      rule: 'a Calico NetworkPolicy selects only pods of its own namespace',
      init: { caliconetworkpolicies: [calicoPolicy('other/db-lockdown', { selector: 'all()' })] },
      want: { verdict: 'allowed', reasons: [], ingress: 'allowed', egress: 'allowed' },
    },
    {
      rule: 'a selector that does not match leaves the pod evaluated',
      init: { caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'web'" })] },
      want: { verdict: 'allowed', reasons: [], ingress: 'allowed', egress: 'allowed' },
    },
    {
      rule: 'a selector reads the namespace labels as pcns.* and projectcalico.org/namespace',
      init: { caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "pcns.env == 'prod' && projectcalico.org/namespace == 'shop' && has(tier)" })] },
      want: { verdict: 'unknown', reasons: [DB_LOCKDOWN], ingress: 'unknown', egress: 'allowed' },
    },
    {
      rule: 'a GlobalNetworkPolicy whose namespaceSelector matches selects across namespaces (egress of the source)',
      init: { calicoglobalnetworkpolicies: [calicoGlobalPolicy('egress-lockdown', { selector: "app == 'client'", namespaceSelector: "env == 'prod'", types: ['Egress'] })] },
      want: {
        verdict: 'unknown',
        reasons: ['Calico GlobalNetworkPolicy egress-lockdown selects pod shop/client; kube-netmap does not evaluate Calico policies'],
        ingress: 'allowed',
        egress: 'unknown',
      },
    },
    {
      rule: 'a GlobalNetworkPolicy whose namespaceSelector does not match selects nothing',
      init: { calicoglobalnetworkpolicies: [calicoGlobalPolicy('lockdown', { namespaceSelector: "projectcalico.org/name == 'other'" })] },
      want: { verdict: 'allowed', reasons: [], ingress: 'allowed', egress: 'allowed' },
    },
    {
      rule: 'an unparsable selector may select the pod: unknown, saying why',
      init: { caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app = 'db'" })] },
      want: {
        verdict: 'unknown',
        reasons: [
          `Calico NetworkPolicy shop/db-lockdown may select pod shop/db (selector "app = 'db'" cannot be parsed: expected == at character 5); kube-netmap does not evaluate Calico policies`,
        ],
        ingress: 'unknown',
        egress: 'allowed',
      },
    },
    {
      rule: 'a known denial on the other side settles the flow: denied, not unknown',
      init: {
        caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })],
        networkpolicies: [networkPolicy('shop/client-egress', { podSelector: { app: 'client' }, policyTypes: ['Egress'], egress: [policyEgress({ ports: [53] })] })],
      },
      want: { verdict: 'denied', reasons: [], ingress: 'unknown', egress: 'denied' },
    },
    {
      rule: 'Calico policies that cannot be read make every verdict unknown',
      init: { sync: { calicoglobalnetworkpolicies: { status: 'forbidden' as const, message: '403' } } },
      want: { verdict: 'unknown', reasons: ['calicoglobalnetworkpolicies cannot be read (forbidden: 403)'], ingress: 'allowed', egress: 'allowed' },
    },
  ])('$rule', ({ init, want }) => {
    const result = explainFlow(build(init), { from: 'pod/shop/client', to: 'pod/shop/db', port: 5432 });
    const path = result.paths[0]!;
    expect({ verdict: result.verdict, reasons: result.unknownReasons, ingress: sideVerdict(path.ingress), egress: sideVerdict(path.egress) }).toEqual(want);
  });

  it('the unknown side says so in the trace, and is neither allowed nor denied', () => {
    const result = explainFlow(build({ caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] }), {
      from: 'pod/shop/client',
      to: 'pod/shop/db',
      port: 5432,
    });
    expect(result.summary).toBe(`unknown: ${DB_LOCKDOWN}`);
    expect(result.paths[0]!.ingress.trace).toEqual([{ kind: 'unknown', text: `unknown: ${DB_LOCKDOWN}` }]);
  });

  it('a serviceAccountSelector cannot be told: the policy may select the pod', () => {
    const m = build({ caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { serviceAccountSelector: "name == 'db'" })] });
    expect(explainFlow(m, { from: 'pod/shop/client', to: 'pod/shop/db', port: 5432 }).unknownReasons).toEqual([
      'Calico NetworkPolicy shop/db-lockdown may select pod shop/db (its serviceAccountSelector reads service account labels, which kube-netmap does not read); kube-netmap does not evaluate Calico policies',
    ]);
  });

  it('reach: a peer whose side is unknown is listed with no known connection and the unknown ones, with the reason', () => {
    const m = build({ caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] });
    const egress = reachablePeers(m, { namespace: 'shop', name: 'client' }).egress.find((p) => p.peer.type === 'pod' && p.peer.name === 'db');
    expect(egress?.connections.isEmpty()).toBe(true);
    expect(egress?.unknown?.connections.isAll()).toBe(true);
    expect(egress?.unknown?.reasons).toEqual(['Calico NetworkPolicy shop/db-lockdown selects the destination; kube-netmap does not evaluate Calico policies']);
    // Its own ingress is unknown from every peer too.
    const ingress = reachablePeers(m, { namespace: 'shop', name: 'db' }).ingress.find((p) => p.peer.type === 'pod' && p.peer.name === 'client');
    expect(ingress?.unknown?.connections.isAll()).toBe(true);
  });

  it('classes: pods that only a Calico selector tells apart are not merged (one unknown, one allowed)', () => {
    const locked = pod('shop/db-2', { ip: '10.0.0.3', labels: { app: 'db', locked: 'yes' } });
    const m = model({
      namespaces: [namespace('shop')],
      pods: [client, db, locked],
      caliconetworkpolicies: [calicoPolicy('shop/locked', { selector: "locked == 'yes'" })],
    });
    const peers = reachablePeers(m, { namespace: 'shop', name: 'client' }).egress;
    const of = (name: string) => peers.find((p) => p.peer.type === 'pod' && p.peer.name === name);
    expect(of('db')?.connections.isAll()).toBe(true);
    expect(of('db')?.unknown).toBeUndefined();
    expect(of('db-2')?.connections.isEmpty()).toBe(true);
    expect(of('db-2')?.unknown?.connections.isAll()).toBe(true);
  });

  it('connectivity: the entry to a pod whose ingress is unknown carries the unknown connections, not an allowed one', () => {
    const m = build({ caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] });
    const entry = connectivity(m).entries.find(
      (e) => e.source.type === 'workload' && e.source.name === 'client' && e.destination.type === 'workload' && e.destination.name === 'db',
    );
    expect(entry?.connections.isEmpty()).toBe(true);
    expect(entry?.unknown?.connections.isAll()).toBe(true);
    expect(entry?.unknown?.reasons).toEqual(['Calico NetworkPolicy shop/db-lockdown selects the destination; kube-netmap does not evaluate Calico policies']);
  });
});

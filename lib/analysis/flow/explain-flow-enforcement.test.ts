// explainFlow where the network plugin does not enforce NetworkPolicy: a flow the policies deny keeps the policies'
// verdict and carries the EnforcementNote (the traffic flows), in each path, the explanation, its summary and its
// trace. Each case names the rule it proves.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, DaemonSet, NetworkPolicy, Node, Pod } from '@/lib/model';
import { model, namespace, networkPolicy, node, pod, policyIngress, service } from '../testing/builders';
import { calicoDaemonSet, flannelDaemonSet } from '../testing/network-plugins';
import type { EnforcementNote } from '../enforcement/note';
import { explainFlow, type FlowExplanation } from './explain-flow';

const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.1.1', nodeName: 'node-1' });
const db = pod('data/db', { labels: { app: 'db' }, ip: '10.0.2.1', nodeName: 'node-2', ports: [{ name: 'pg', containerPort: 5432 }] });
const api = pod('shop/api', { labels: { app: 'api' }, ip: '10.0.1.2', nodeName: 'node-2', ports: [{ name: 'http', containerPort: 8080 }] });
const apiCanary = pod('shop/api-canary', { labels: { app: 'api', canary: 'true' }, ip: '10.0.1.3', nodeName: 'node-2', ports: [{ name: 'http', containerPort: 9090 }] });
// Selected by the Service but without its named targetPort: no traffic reaches it, whatever the policies say.
const apiBroken = pod('shop/api-broken', { labels: { app: 'api' }, ip: '10.0.1.4', nodeName: 'node-2', ports: [{ name: 'metrics', containerPort: 9100 }] });
const apiService = service('shop/api', { selector: { app: 'api' }, clusterIP: '10.96.0.10', ports: [{ name: 'web', port: 80, targetPort: 'http' }] });

const denyDb = networkPolicy('data/default-deny-ingress', { policyTypes: ['Ingress'] });
const denyCanary = networkPolicy('shop/canary-closed', { podSelector: { canary: 'true' }, policyTypes: ['Ingress'] });
const denyApi = networkPolicy('shop/api-closed', { podSelector: { app: 'api' }, policyTypes: ['Ingress'] });
const allowApi8080 = networkPolicy('shop/api-8080', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [8080] })] });

const kindNodes = [node('node-1'), node('node-2')];
const minikube = [node('minikube', { labels: { 'minikube.k8s.io/name': 'minikube' } })];

function cluster(init: { daemonsets?: DaemonSet[]; nodes?: Node[]; policies?: NetworkPolicy[]; pods?: Pod[]; servedGroups?: string[]; sync?: ClusterModel['sync'] }): ClusterModel {
  const m = model({
    namespaces: [namespace('shop'), namespace('data')],
    nodes: init.nodes ?? kindNodes,
    daemonsets: init.daemonsets ?? [],
    pods: init.pods ?? [web, db, api],
    services: [apiService],
    networkpolicies: init.policies ?? [],
  });
  return { ...m, ...(init.servedGroups ? { servedGroups: init.servedGroups } : {}), ...(init.sync ? { sync: init.sync } : {}) };
}

const flannelNote: EnforcementNote = {
  status: 'not-enforced',
  plugins: ['flannel'],
  effect: 'flows',
  text: 'denied by policy, but not enforced by flannel: traffic flows',
};

interface Case {
  name: string;
  model: ClusterModel;
  from: string;
  to: string;
  port: number;
  verdict: FlowExplanation['verdict'];
  /** The explanation's note, or undefined when it must carry none. */
  enforcement: EnforcementNote | undefined;
  summary: string;
  /** Per path: "destination verdict" plus " flows" when the path carries the note. */
  paths: string[];
}

const cases: Case[] = [
  {
    name: 'flannel alone, a flow the policies deny: still "denied", with the note; the summary says the traffic flows first',
    model: cluster({ daemonsets: [flannelDaemonSet], policies: [denyDb] }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    enforcement: flannelNote,
    summary: 'denied by policy, but not enforced by flannel: traffic flows (denied on the ingress side)',
    paths: ['db denied flows'],
  },
  {
    name: "minikube's bridge: the note names it",
    model: cluster({ nodes: minikube, policies: [denyDb] }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    enforcement: { ...flannelNote, plugins: ['bridge (minikube)'], text: 'denied by policy, but not enforced by bridge (minikube): traffic flows' },
    summary: 'denied by policy, but not enforced by bridge (minikube): traffic flows (denied on the ingress side)',
    paths: ['db denied flows'],
  },
  {
    name: 'flannel alone, a flow the policies allow: untouched',
    model: cluster({ daemonsets: [flannelDaemonSet] }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    enforcement: undefined,
    summary: 'allowed: both the egress and the ingress side allow it',
    paths: ['db allowed'],
  },
  {
    name: 'Calico enforces: a denied flow is denied, no note',
    model: cluster({ daemonsets: [calicoDaemonSet, flannelDaemonSet], policies: [denyDb] }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    enforcement: undefined,
    summary: 'denied on the ingress side',
    paths: ['db denied'],
  },
  {
    name: 'enforcement unknown (flannel, but nodes cannot be read): verdicts unchanged, no note',
    model: cluster({ daemonsets: [flannelDaemonSet], policies: [denyDb], sync: { ...model().sync, nodes: { status: 'forbidden', message: 'nodes is forbidden' } } }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    enforcement: undefined,
    summary: 'denied on the ingress side',
    paths: ['db denied'],
  },
  {
    name: 'enforcement unknown (DaemonSets forbidden): verdicts unchanged, no note',
    model: cluster({ daemonsets: [], policies: [denyDb], sync: { ...model().sync, daemonsets: { status: 'forbidden', message: 'daemonsets.apps is forbidden' } } }),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    enforcement: undefined,
    summary: 'denied on the ingress side',
    paths: ['db denied'],
  },
  {
    name: 'through a Service, one endpoint allowed and one denied by policy: "partial" with the note on the denied path',
    model: cluster({ daemonsets: [flannelDaemonSet], policies: [allowApi8080, denyCanary], pods: [web, api, apiCanary] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'partial',
    enforcement: flannelNote,
    summary: 'denied by policy, but not enforced by flannel: traffic flows (partial: allowed to 1 of 2 ready endpoints)',
    paths: ['api allowed', 'api-canary denied flows'],
  },
  {
    name: 'an endpoint denied before any policy (no such targetPort) carries no traffic: no note on it',
    model: cluster({ daemonsets: [flannelDaemonSet], pods: [web, apiBroken] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'denied',
    enforcement: undefined,
    summary: 'denied: named targetPort "http" is not declared by pod shop/api-broken (it declares metrics/TCP 9100)',
    paths: ['api-broken denied'],
  },
  {
    name: 'one endpoint denied by policy, one by its missing targetPort: the note says how many of the denied flow',
    model: cluster({ daemonsets: [flannelDaemonSet], policies: [denyApi], pods: [web, api, apiBroken] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'denied',
    enforcement: flannelNote,
    summary: 'denied by policy, but not enforced by flannel: traffic flows to 1 of the 2 denied endpoints (denied: allowed to 0 of 2 ready endpoints)',
    paths: ['api denied flows', 'api-broken denied'],
  },
];

describe('explainFlow when the network plugin does not enforce NetworkPolicy', () => {
  it.each(cases)('$name', ({ model: m, from, to, port, verdict, enforcement, summary, paths }) => {
    const result = explainFlow(m, { from, to, port });
    expect(result.verdict).toBe(verdict);
    expect(result.enforcement).toStrictEqual(enforcement);
    expect(result.summary).toBe(summary);
    expect(result.paths.map((p) => `${p.destination.name} ${p.verdict}${p.enforcement ? ' flows' : ''}`).sort()).toStrictEqual(paths);
    for (const path of result.paths.filter((p) => p.enforcement)) expect(path.enforcement).toStrictEqual(enforcement ?? flannelNote);
    // The trace says it under each path the note is on, after that path's sides.
    const notes = result.trace.filter((step) => step.kind === 'enforcement').map((step) => step.text);
    expect(notes).toStrictEqual(result.paths.filter((p) => p.enforcement).map(() => (enforcement ?? flannelNote).text));
  });

  it('the trace puts the note after the steps of the path it belongs to', () => {
    const { trace } = explainFlow(cluster({ daemonsets: [flannelDaemonSet], policies: [denyDb] }), { from: 'pod/shop/web', to: 'pod/data/db', port: 5432 });
    expect(trace.at(-1)).toStrictEqual({ kind: 'enforcement', text: flannelNote.text });
    expect(trace.findIndex((s) => s.kind === 'path')).toBeLessThan(trace.length - 1);
  });
});

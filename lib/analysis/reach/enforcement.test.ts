// reachablePeers and connectivity where the network plugin does not enforce NetworkPolicy: the lists stay what the
// policies allow, and the answer carries the EnforcementNote (what they leave out flows); reach also names the pods
// and Services the policies deny every connection with. Each case names the rule it proves.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, DaemonSet, NetworkPolicy, Node } from '@/lib/model';
import type { EnforcementNote } from '../enforcement/note';
import { endpointFor, model, namespace, networkPolicy, node, peer, pod, policyIngress, service, slice, type ModelInit } from '../testing/builders';
import { calicoDaemonSet, flannelDaemonSet } from '../testing/network-plugins';
import { connectivity, formatConnectivity } from './connectivity';
import { reachablePeers, type ReachPeer } from './reachable-peers';

const deployment = (name: string) => ({ kind: 'Deployment', name });
const web = pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', nodeName: 'node-1', ports: [8080] });
const api = pod('shop/api-1', { labels: { app: 'api' }, workload: deployment('api'), ip: '10.0.0.3', nodeName: 'node-2', ports: [{ name: 'http', containerPort: 8080 }] });
const db = pod('data/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' }, ip: '10.0.2.1', nodeName: 'node-1', ports: [5432] });
const dbService = service('data/db', { selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] });
const dbSlice = slice('data/db-abc', { service: 'db', ports: [{ port: 5432 }], endpoints: [endpointFor(db)] });

const denyData = networkPolicy('data/deny-ingress', { policyTypes: ['Ingress'] });
const apiFromWeb = networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: ['http'] })] });

function cluster(daemonsets: DaemonSet[], policies: NetworkPolicy[], init: { nodes?: Node[]; servedGroups?: string[]; sync?: ModelInit['sync'] } = {}): ClusterModel {
  const m = model({
    namespaces: [namespace('shop'), namespace('data')],
    nodes: init.nodes ?? [node('node-1', { ip: '172.18.0.2' }), node('node-2', { ip: '172.18.0.3' })],
    daemonsets,
    pods: [web, api, db],
    services: [dbService],
    endpointslices: [dbSlice],
    networkpolicies: policies,
    ...(init.sync ? { sync: init.sync } : {}),
  });
  return init.servedGroups ? { ...m, servedGroups: init.servedGroups } : m;
}

const flannelNote: EnforcementNote = { status: 'not-enforced', plugins: ['flannel'], effect: 'flows', text: 'denied by policy, but not enforced by flannel: traffic flows' };
const names = (peers: ReachPeer[] | undefined) => peers?.map((p) => (p.type === 'ipRange' ? p.cidrs.join(',') : `${p.type} ${p.namespace}/${p.name}`));

describe('reachablePeers when the network plugin does not enforce NetworkPolicy', () => {
  it.each<{ name: string; model: ClusterModel; pod: string; enforcement: EnforcementNote | undefined; egress?: string[]; ingress?: string[]; listed: string[] }>([
    {
      name: 'flannel alone: the lists are what the policies allow; the note and the denied peers (pods, then Services) come with them',
      model: cluster([flannelDaemonSet], [denyData, apiFromWeb]),
      pod: 'web-1',
      enforcement: flannelNote,
      egress: ['pod data/db-0', 'service data/db'],
      ingress: [],
      listed: ['egress pod shop/api-1', 'ingress pod data/db-0', 'ingress pod shop/api-1'],
    },
    {
      name: 'flannel alone, nothing denied: the note, and empty denied lists',
      model: cluster([flannelDaemonSet], []),
      pod: 'web-1',
      enforcement: flannelNote,
      egress: [],
      ingress: [],
      listed: ['egress pod data/db-0', 'egress pod shop/api-1', 'egress service data/db', 'ingress pod data/db-0', 'ingress pod shop/api-1'],
    },
    {
      name: 'Calico enforces: no note, no denied lists',
      model: cluster([calicoDaemonSet], [denyData, apiFromWeb]),
      pod: 'web-1',
      enforcement: undefined,
      listed: ['egress pod shop/api-1', 'ingress pod data/db-0', 'ingress pod shop/api-1'],
    },
    {
      name: 'enforcement unknown (flannel, but nodes cannot be read): no note, no denied lists',
      model: cluster([flannelDaemonSet], [denyData, apiFromWeb], { sync: { nodes: { status: 'forbidden', message: 'nodes is forbidden' } } }),
      pod: 'web-1',
      enforcement: undefined,
      listed: ['egress pod shop/api-1', 'ingress pod data/db-0', 'ingress pod shop/api-1'],
    },
    {
      name: "a Service whose only backend is the pod itself is not denied to it (a pod talking to itself is out of scope)",
      model: cluster([flannelDaemonSet], [denyData]),
      pod: 'db-0',
      enforcement: flannelNote,
      egress: [],
      ingress: ['pod shop/api-1', 'pod shop/web-1'],
      listed: ['egress pod shop/api-1', 'egress pod shop/web-1'],
    },
  ])('$name', ({ model: m, pod: name, enforcement, egress, ingress, listed }) => {
    const ns = name === 'db-0' ? 'data' : 'shop';
    const result = reachablePeers(m, { namespace: ns, name });
    expect(result.enforcement).toStrictEqual(enforcement);
    expect(names(result.denied?.egress)).toStrictEqual(egress);
    expect(names(result.denied?.ingress)).toStrictEqual(ingress);
    const lists = (['egress', 'ingress'] as const).flatMap((d) => result[d].filter((c) => c.peer.type !== 'ipRange').map((c) => `${d} ${names([c.peer])![0]}`));
    expect(lists.sort()).toStrictEqual(listed);
  });
});

describe('connectivity when the network plugin does not enforce NetworkPolicy', () => {
  it.each([
    { name: 'flannel alone: the note, and the text says what is not listed flows', model: cluster([flannelDaemonSet], [denyData]), enforcement: flannelNote },
    { name: 'Calico enforces: no note', model: cluster([calicoDaemonSet], [denyData]), enforcement: undefined },
    { name: 'enforcement unknown (no plugin found): no note', model: cluster([], [denyData]), enforcement: undefined },
  ])('$name', ({ model: m, enforcement }) => {
    const report = connectivity(m);
    expect(report.enforcement).toStrictEqual(enforcement);
    const first = formatConnectivity(report).split('\n')[0];
    if (enforcement) expect(first).toBe('# connections not listed here are denied by policy, but not enforced by flannel: traffic flows');
    else expect(first).not.toContain('not enforced');
  });
});

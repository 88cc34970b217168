import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicy, Pod, Protocol } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { indexModel } from '../model-index';
import type { ConnectionSet } from '../net/connection-set';
import { allowedConnections } from '../policy/allowed-connections';
import { ipBlock, model, namespace, networkPolicy, node, peer, pod, policyEgress, policyIngress, policyPort } from '../testing/builders';
import { connectivity, formatConnectivity, formatConnectivityEndpoint } from './connectivity';
import { randomCluster } from '../testing/random-cluster';
import { describeDifferences, TruthTable } from '../testing/truth-table';

// Citations: [NP] = kubernetes.io/docs/concepts/services-networking/network-policies; [API] = the
// networking.k8s.io/v1 NetworkPolicy API reference (NetworkPolicySpec, NetworkPolicyPeer, IPBlock).

const deployment = (name: string) => ({ kind: 'Deployment', name });
const web1 = pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', nodeName: 'node-1', ports: [{ name: 'http', containerPort: 8080 }] });
const web2 = pod('shop/web-2', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.1.2', nodeName: 'node-2', ports: [{ name: 'http', containerPort: 8080 }] });
const api = pod('shop/api-1', { labels: { app: 'api' }, workload: deployment('api'), ip: '10.0.0.3', nodeName: 'node-2', ports: [{ name: 'http', containerPort: 8080 }] });
const db = pod('data/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' }, ip: '10.0.2.1', nodeName: 'node-1', ports: [5432] });
const debug = pod('shop/debug', { labels: { app: 'debug' }, ip: '10.0.0.9', nodeName: 'node-1' });
const agent = pod('ops/agent-x', { labels: { app: 'agent' }, workload: { kind: 'DaemonSet', name: 'agent' }, hostNetwork: true, ip: '172.18.0.2', nodeName: 'node-1', hostIP: '172.18.0.2' });

function cluster(pods: Pod[], policies: NetworkPolicy[]): ClusterModel {
  return model({
    namespaces: [namespace('shop'), namespace('data'), namespace('ops')],
    nodes: [node('node-1', { ip: '172.18.0.2' }), node('node-2', { ip: '172.18.0.3' })],
    pods,
    networkpolicies: policies,
  });
}

const denyAll = (ns: string) => networkPolicy(`${ns}/default-deny`, { policyTypes: ['Ingress', 'Egress'] });
const apiFromWeb = networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: ['http'] })] });
const webToApi = networkPolicy('shop/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })], ports: [8080] })] });

const report = (m: ClusterModel) => formatConnectivity(connectivity(m)).split('\n');

interface Case {
  name: string;
  model: ClusterModel;
  lines: string[];
}

const cases: Case[] = [
  {
    name: 'no policy: every workload reaches every other and every address; pods of one workload reach each other, a single pod not itself [NP "non-isolated by default"]',
    model: cluster([web1, web2, api, debug], []),
    lines: [
      'shop/Deployment/api => shop/Deployment/web : All connections',
      'shop/Deployment/api => shop/Pod/debug : All connections',
      'shop/Deployment/api => 0.0.0.0/0,::/0 : All connections',
      'shop/Deployment/web => shop/Deployment/api : All connections',
      'shop/Deployment/web => shop/Deployment/web : All connections',
      'shop/Deployment/web => shop/Pod/debug : All connections',
      'shop/Deployment/web => 0.0.0.0/0,::/0 : All connections',
      'shop/Pod/debug => shop/Deployment/api : All connections',
      'shop/Pod/debug => shop/Deployment/web : All connections',
      'shop/Pod/debug => 0.0.0.0/0,::/0 : All connections',
      '0.0.0.0/0,::/0 => shop/Deployment/api : All connections',
      '0.0.0.0/0,::/0 => shop/Deployment/web : All connections',
      '0.0.0.0/0,::/0 => shop/Pod/debug : All connections',
    ],
  },
  {
    name: 'default deny with one allowed flow at both ends: only web → api on 8080, grouped by workload (two web pods, one entry) [NP]',
    model: cluster([web1, web2, api], [denyAll('shop'), apiFromWeb, webToApi]),
    lines: ['shop/Deployment/web => shop/Deployment/api : TCP 8080'],
  },
  {
    name: 'egress allowed at the source but not ingress at the destination is no connection [NP]',
    model: cluster([web1, web2, api], [denyAll('shop'), webToApi]),
    lines: [''],
  },
  {
    name: 'pods of one workload told apart by an ipBlock: the union is listed and marked as not every pod pair [API IPBlock]',
    model: cluster(
      [web1, web2, db],
      [networkPolicy('data/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/24') })], ports: [5432] })] })],
    ),
    lines: [
      'data/StatefulSet/db => shop/Deployment/web : All connections',
      'data/StatefulSet/db => 0.0.0.0/0,::/0 : All connections',
      'shop/Deployment/web => data/StatefulSet/db : TCP 5432 (not every pod pair)',
      'shop/Deployment/web => shop/Deployment/web : All connections',
      'shop/Deployment/web => 0.0.0.0/0,::/0 : All connections',
      // Address ranges sort by their first address.
      '0.0.0.0/0,::/0 => shop/Deployment/web : All connections',
      '10.0.0.0/24 => data/StatefulSet/db : TCP 5432',
    ],
  },
  {
    name: 'a host-network pod reaches the pods of its own node whatever their policies: web-1 on node-1 only [NP "traffic to and from the node where a Pod is running is always allowed"]',
    model: cluster([web1, web2, agent], [denyAll('shop')]),
    lines: [
      'ops/DaemonSet/agent => shop/Deployment/web : All connections (not every pod pair)',
      'ops/DaemonSet/agent => 0.0.0.0/0,::/0 : All connections',
      'shop/Deployment/web => ops/DaemonSet/agent : All connections (not every pod pair)',
      '0.0.0.0/0,::/0 => ops/DaemonSet/agent : All connections',
    ],
  },
  {
    name: 'address ranges as sources and destinations: the ranges the ipBlocks distinguish, merged when they allow the same [API IPBlock]',
    model: cluster(
      [api],
      [
        networkPolicy('shop/api', {
          podSelector: { app: 'api' },
          ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('192.0.2.0/24') })], ports: [443] })],
          egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('0.0.0.0/0', '10.0.0.0/8', '192.0.2.0/24') })], ports: [policyPort(53, 'UDP')] })],
        }),
      ],
    ),
    lines: [
      'shop/Deployment/api => 0.0.0.0/0 except 10.0.0.0/8,192.0.2.0/24 : UDP 53',
      '192.0.2.0/24 => shop/Deployment/api : TCP 443',
    ],
  },
];

describe('connectivity', () => {
  it.each(cases)('$name', ({ model: m, lines }) => {
    expect(report(m)).toEqual(lines);
  });

  it('counts pods, classes and workloads: without policies every pod looks alike, with them the labels they name split', () => {
    expect(connectivity(cluster([web1, web2, api, debug], [])).stats).toMatchObject({ pods: 4, classes: 1, workloads: 3 });
    expect(connectivity(cluster([web1, web2, api, debug], [denyAll('shop'), apiFromWeb])).stats).toMatchObject({ pods: 4, classes: 3, workloads: 3 });
  });

  it('connections serialise as JSON port ranges', () => {
    const [entry] = connectivity(cluster([web1, web2, api], [denyAll('shop'), apiFromWeb, webToApi])).entries;
    expect(JSON.parse(JSON.stringify(entry))).toEqual({
      source: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'web' },
      destination: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'api' },
      connections: { TCP: [[8080, 8080]] },
      policies: [
        { namespace: 'shop', name: 'api' },
        { namespace: 'shop', name: 'web' },
      ],
    });
  });

  it.each([
    {
      rule: 'the policies of both ends whose rules allow it, sorted, each once; default-deny allows nothing of it and is not named [NP: egress at the source, ingress at the destination]',
      model: cluster([web1, web2, api], [denyAll('shop'), webToApi, apiFromWeb]),
      entry: 'shop/Deployment/web => shop/Deployment/api',
      policies: ['shop/api', 'shop/web'],
    },
    {
      rule: 'no policy isolates either end: no policy is named [NP "non-isolated by default"]',
      model: cluster([web1, api], []),
      entry: 'shop/Deployment/web => shop/Deployment/api',
      policies: [],
    },
    {
      rule: 'an address range names the pod side\'s policy only (an address is never isolated) [API IPBlock]',
      model: cluster([db], [networkPolicy('data/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/24') })] })] })]),
      entry: '10.0.0.0/24 => data/StatefulSet/db',
      policies: ['data/db'],
    },
  ])('names the policies behind each entry: $rule', ({ model: m, entry, policies }) => {
    const found = connectivity(m).entries.find((e) => `${formatConnectivityEndpoint(e.source)} => ${formatConnectivityEndpoint(e.destination)}` === entry);
    expect(found?.policies.map((p) => `${p.namespace}/${p.name}`)).toEqual(policies);
  });

  it('lists every workload, connected or not, in the entries\' order', () => {
    const { workloads, entries } = connectivity(cluster([web1, web2, api, db, debug], [denyAll('shop'), denyAll('data')]));
    expect(entries.filter((e) => e.source.type === 'workload' && e.destination.type === 'workload')).toEqual([]);
    expect(workloads.map(formatConnectivityEndpoint)).toEqual(['data/StatefulSet/db', 'shop/Deployment/api', 'shop/Deployment/web', 'shop/Pod/debug']);
  });

  it('says so when NetworkPolicies cannot be read, and still lists what the model says', () => {
    const m = model({ pods: [web1, web2], sync: { networkpolicies: { status: 'forbidden', message: 'networkpolicies is forbidden' } } });
    const result = connectivity(m);
    expect(result.unknown).toBe('unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden)');
    expect(formatConnectivity(result).split('\n')[0]).toBe('# unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden)');
    expect(result.entries.length).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Class pairs give what pod pairs give: the report equals one built pod pair by pod pair from allowedConnections.

/** Workload → workload lines, computed pod pair by pod pair, straight from allowedConnections. */
function podByPod(m: ClusterModel): string[] {
  const index = indexModel(m);
  const groups = new Map<string, { source: Pod; destination: Pod; sets: ConnectionSet[]; pairs: number }>();
  const workloadKey = (p: Pod) => `${p.meta.namespace}/${p.workload.kind}/${p.workload.name}`;
  const size = (p: Pod) => m.resources.pods.filter((q) => workloadKey(q) === workloadKey(p)).length;
  for (const p of m.resources.pods) {
    for (const q of m.resources.pods) {
      if (p === q) continue;
      const key = `${workloadKey(p)} => ${workloadKey(q)}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { source: p, destination: q, sets: [], pairs: 0 }));
      group.pairs += 1;
      const pp = { type: 'pod' as const, pod: p };
      const qq = { type: 'pod' as const, pod: q };
      const set = allowedConnections('egress', pp, qq, index).allowed.intersect(allowedConnections('ingress', qq, pp, index).allowed);
      group.sets.push(set);
    }
  }
  const lines: string[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => byCodeUnits(a, b))) {
    const union = group.sets.reduce((u, s) => u.union(s));
    if (union.isEmpty()) continue;
    const total = size(group.source) * size(group.destination) - (workloadKey(group.source) === workloadKey(group.destination) ? size(group.source) : 0);
    const partial = group.pairs < total || group.sets.some((s) => !s.equals(union));
    lines.push(`${key} : ${union.toString()}${partial ? ' (not every pod pair)' : ''}`);
  }
  return lines;
}

describe('connectivity agrees with a pod-by-pod computation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', (seed) => {
    const m = randomCluster(seed);
    const result = connectivity(m);
    const workloads = result.entries
      .filter((e) => e.source.type === 'workload' && e.destination.type === 'workload')
      .map((e) => `${formatConnectivityEndpoint(e.source)} => ${formatConnectivityEndpoint(e.destination)} : ${e.connections.toString()}${e.partial ? ' (not every pod pair)' : ''}`);
    expect(workloads).toEqual(podByPod(m));
    expect(result.stats.classes).toBeLessThan(m.resources.pods.length);
  });

  const QUERIES: [Protocol, number][] = [['TCP', 8080], ['TCP', 8081], ['UDP', 53], ['TCP', 443]];
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: per port, workload A reaches workload B iff some pod of A may open it to some pod of B', (seed) => {
    const m = randomCluster(seed);
    const index = indexModel(m);
    const workloadOf = (p: Pod) => `${p.meta.namespace}/${p.workload.kind}/${p.workload.name}`;
    const workloads = [...new Set(m.resources.pods.map(workloadOf))].sort(byCodeUnits);
    const entries = connectivity(m).entries.filter((e) => e.source.type === 'workload' && e.destination.type === 'workload');
    for (const [protocol, port] of QUERIES) {
      const expected = new TruthTable(workloads, workloads);
      for (const p of m.resources.pods) {
        for (const q of m.resources.pods) {
          if (p === q) continue;
          const from = { type: 'pod' as const, pod: p };
          const to = { type: 'pod' as const, pod: q };
          const allowed = allowedConnections('egress', from, to, index).allowed.intersect(allowedConnections('ingress', to, from, index).allowed);
          if (allowed.allows(protocol, port)) expected.set(workloadOf(p), workloadOf(q), true);
        }
      }
      const actual = new TruthTable(workloads, workloads);
      for (const e of entries) {
        if (e.connections.allows(protocol, port)) actual.set(formatConnectivityEndpoint(e.source), formatConnectivityEndpoint(e.destination), true);
      }
      expect(describeDifferences(expected, actual, `${protocol} ${port}`)).toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The demo shop (examples/demo): the intended flows, and the planted policy fault.

describe('connectivity of the demo shop', () => {
  it('lists the intended flows and leaves out checkout → payments (fault c: payments admits app=checkout-v2 only)', async () => {
    const { model: demo } = await loadManifestPaths([path.join(process.cwd(), 'examples', 'demo')]);
    const lines = formatConnectivity(connectivity(demo)).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'ingress-nginx/Deployment/ingress-nginx-controller => shop/Deployment/frontend : TCP 8080',
        'shop/Deployment/frontend => shop/Deployment/api : TCP 8080',
        'shop/Deployment/api => shop/Deployment/cart : TCP 8080',
        'shop/Deployment/api => shop/Deployment/checkout : TCP 8080',
        'shop/Deployment/cart => shop/StatefulSet/redis : TCP 6379',
        'shop/Deployment/checkout => shop/StatefulSet/postgres : TCP 5432',
      ]),
    );
    expect(lines.filter((l) => l.startsWith('shop/Deployment/checkout => shop/Deployment/payments'))).toEqual([]);
    // Nothing in the shop is reached from outside the cluster, and payments only goes out on HTTPS, off the private ranges.
    expect(lines.filter((l) => /^[0-9]/.test(l) && l.includes('=> shop/'))).toEqual([]);
    const payments = lines.filter((l) => l.startsWith('shop/Deployment/payments =>'));
    expect(payments).toHaveLength(1);
    expect(payments[0]).toBe('shop/Deployment/payments => 0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16 : TCP 443');
  });
});

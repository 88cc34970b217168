// The namespace matrix reads connectivity's answer and adds no semantics: each case names the rule of the
// aggregation it proves (how a pair's verdict is read off its entries, how a cell counts its pairs), and a property
// over random clusters checks that the matrix's numbers are connectivity's.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifestPaths } from '@/lib/sources/manifests';
import type { ClusterModel, NetworkPolicy, Pod } from '@/lib/model';
import { ipBlock, model, namespace, networkPolicy, node, peer, pod, policyEgress, policyIngress, type ModelInit } from '../testing/builders';
import { flannelDaemonSet } from '../testing/network-plugins';
import { calicoPolicy } from '../testing/plugin-builders';
import { randomCluster } from '../testing/random-cluster';
import { connectivity, connectivityEndpointKey, formatConnectivityEndpoint } from './connectivity';
import {
  matrixGroupKey, namespaceMatrix, OUTSIDE, PAIR_VERDICTS, workloadMatrix, workloadPodCounts,
  type MatrixEnd, type MatrixGroup, type NamespaceMatrix,
} from './connectivity-matrix';

const deployment = (name: string) => ({ kind: 'Deployment', name });
const web1 = pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', nodeName: 'node-1', ports: [8080] });
const web2 = pod('shop/web-2', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.1.2', nodeName: 'node-2', ports: [8080] });
const api = pod('shop/api-1', { labels: { app: 'api' }, workload: deployment('api'), ip: '10.0.0.3', nodeName: 'node-2', ports: [8080] });
const db = pod('data/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' }, ip: '10.0.2.1', nodeName: 'node-1', ports: [5432] });

function cluster(pods: Pod[], policies: NetworkPolicy[], more: ModelInit = {}): ClusterModel {
  return model({
    namespaces: [namespace('shop'), namespace('data')],
    nodes: [node('node-1', { ip: '172.18.0.2' }), node('node-2', { ip: '172.18.0.3' })],
    pods,
    networkpolicies: policies,
    ...more,
  });
}

const denyAll = (ns: string) => networkPolicy(`${ns}/default-deny`, { policyTypes: ['Ingress', 'Egress'] });
const webToApi = networkPolicy('shop/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })], ports: [8080] })] });
const apiFromWeb = networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [8080] })] });

const matrixOf = (m: ClusterModel) => namespaceMatrix(connectivity(m), workloadPodCounts(m));
const groupName = (g: MatrixGroup) => (g.type === 'outside' ? 'outside' : g.namespace);

/** Each cell as `source -> destination: verdict (all/some/none/unknown of pairs)`, empty cells left out. */
function cells(matrix: NamespaceMatrix): string[] {
  return matrix.cells.flat().filter((c) => c.verdict !== 'empty').map(
    (c) => `${groupName(c.source)} -> ${groupName(c.destination)}: ${c.verdict} (${PAIR_VERDICTS.map((v) => c.counts[v]).join('/')} of ${c.pairs})${c.notEnforced ? ' not enforced' : ''}`,
  );
}

interface Case {
  name: string;
  model: ClusterModel;
  cells: string[];
}

const cases: Case[] = [
  {
    name: 'no policy: every pair has every connection (all); a workload of two pods is a pair with itself, a single pod is not; the outside is a group of its own',
    model: cluster([web1, web2, api, db], []),
    cells: [
      'data -> shop: all (2/0/0/0 of 2)',
      'data -> outside: all (1/0/0/0 of 1)',
      'shop -> data: all (2/0/0/0 of 2)',
      // web->web, web->api, api->web: api alone is no pair with itself.
      'shop -> shop: all (3/0/0/0 of 3)',
      'shop -> outside: all (2/0/0/0 of 2)',
      'outside -> data: all (1/0/0/0 of 1)',
      'outside -> shop: all (2/0/0/0 of 2)',
    ],
  },
  {
    name: 'default deny with one flow allowed at both ends: that pair is some (one port), the rest of the cell none; cells with no entry are none',
    model: cluster([web1, web2, api, db], [denyAll('shop'), webToApi, apiFromWeb]),
    cells: [
      'data -> shop: none (0/0/2/0 of 2)',
      'data -> outside: all (1/0/0/0 of 1)',
      'shop -> data: none (0/0/2/0 of 2)',
      'shop -> shop: some (0/1/2/0 of 3)',
      'shop -> outside: none (0/0/2/0 of 2)',
      'outside -> data: all (1/0/0/0 of 1)',
      'outside -> shop: none (0/0/2/0 of 2)',
    ],
  },
  {
    name: 'every connection for some pod pairs only (an ipBlock tells the web pods apart) is some, not all: "all" is claimed for every pod pair or not at all',
    model: cluster([web1, web2, db], [networkPolicy('data/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/24') })] })] })]),
    cells: [
      'data -> shop: all (1/0/0/0 of 1)',
      'data -> outside: all (1/0/0/0 of 1)',
      'shop -> data: some (0/1/0/0 of 1)',
      'shop -> shop: all (1/0/0/0 of 1)',
      'shop -> outside: all (1/0/0/0 of 1)',
      'outside -> data: some (0/1/0/0 of 1)',
      'outside -> shop: all (1/0/0/0 of 1)',
    ],
  },
  {
    name: 'a policy kube-netmap does not evaluate selects api: its pairs are unknown, and a cell with an unknown pair is unknown, never all or none',
    model: cluster([web1, web2, api], [], { caliconetworkpolicies: [calicoPolicy('shop/lockdown', { selector: "app == 'api'" })] }),
    // web -> api: api's ingress is unknown; the Calico policy says nothing of api's egress.
    cells: ['shop -> shop: unknown (2/0/0/1 of 3)', 'shop -> outside: all (2/0/0/0 of 2)', 'outside -> shop: unknown (1/0/0/1 of 2)'],
  },
  {
    name: 'the outside is all only when every address has every connection: egress to 10.0.0.0/8 alone is some, no egress rule at all is none',
    model: cluster(
      [web1, web2, api],
      [
        networkPolicy('shop/web-out', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ ipBlock: '10.0.0.0/8' })] })] }),
        networkPolicy('shop/api-out', { podSelector: { app: 'api' }, policyTypes: ['Egress'] }),
      ],
    ),
    // The pods' own addresses are in 10.0.0.0/8: an ipBlock matches pods too [NP].
    cells: ['shop -> shop: some (2/0/1/0 of 3)', 'shop -> outside: some (0/1/1/0 of 2)', 'outside -> shop: all (2/0/0/0 of 2)'],
  },
  {
    name: 'the network plugin does not enforce NetworkPolicy: verdicts stay the policies\', and each cell they deny something in says so',
    model: cluster([web1, web2, api], [denyAll('shop'), webToApi, apiFromWeb], { daemonsets: [flannelDaemonSet] }),
    cells: [
      'shop -> shop: some (0/1/2/0 of 3) not enforced',
      'shop -> outside: none (0/0/2/0 of 2) not enforced',
      'outside -> shop: none (0/0/2/0 of 2) not enforced',
    ],
  },
];

describe('namespaceMatrix: each ordered pair of namespaces (and the outside), its workload pairs by verdict', () => {
  it.each(cases)('$name', ({ model: m, cells: expected }) => {
    expect(cells(matrixOf(m))).toEqual(expected);
  });

  it('data not synced: every pair with a pod pair is unknown, with the reason, whatever the entries say', () => {
    const m = cluster([web1, web2, api], [], { sync: { networkpolicies: { status: 'forbidden', message: 'networkpolicies is forbidden' } } });
    const matrix = matrixOf(m);
    const reason = 'unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden)';
    expect(matrix.unknown).toBe(reason);
    expect(cells(matrix)).toEqual(['shop -> shop: unknown (0/0/0/3 of 3)', 'shop -> outside: unknown (0/0/0/2 of 2)', 'outside -> shop: unknown (0/0/0/2 of 2)']);
    for (const cell of matrix.cells.flat().filter((c) => c.pairs > 0)) expect(cell.reasons).toEqual([reason]);
  });

  it('names the reasons of unknown pairs in their cell, each once', () => {
    const m = cluster([web1, web2, api], [], { caliconetworkpolicies: [calicoPolicy('shop/lockdown', { selector: "app == 'api'" })] });
    const shop = matrixOf(m).cells[0]![0]!;
    expect(shop.reasons).toHaveLength(1);
    expect(shop.reasons[0]).toContain('shop/lockdown');
  });

  it('groups are the namespaces with workloads, sorted, then the outside', () => {
    expect(matrixOf(cluster([web1, db], [])).groups.map(groupName)).toEqual(['data', 'shop', 'outside']);
  });
});

describe('workloadMatrix: the pairs behind a cell', () => {
  const m = cluster([web1, web2, api, db], [denyAll('shop'), webToApi, apiFromWeb]);
  const report = connectivity(m);
  const counts = workloadPodCounts(m);
  const shop: MatrixGroup = { type: 'namespace', namespace: 'shop' };
  const end = (e: MatrixEnd) => (e.type === 'outside' ? 'outside' : formatConnectivityEndpoint(e));

  it('rows and columns are the groups\' workloads; a single pod and itself is no pair (undefined); a pair carries its entry', () => {
    const matrix = workloadMatrix(report, counts, shop, shop);
    expect(matrix.rows.map(end)).toEqual(['shop/Deployment/api', 'shop/Deployment/web']);
    expect(matrix.cells.map((row) => row.map((p) => p?.verdict ?? '-'))).toEqual([
      ['-', 'none'],
      ['some', 'none'],
    ]);
    const webApi = matrix.cells[1]![0]!;
    expect(webApi.entries.map((e) => e.connections.toString())).toEqual(['TCP 8080']);
    expect(webApi.entries[0]!.policies.map((p) => p.name)).toEqual(['api', 'web']);
  });

  it('towards the outside: one column, the pair carrying every range entry of the workload', () => {
    const open = cluster([web1, web2, db], [networkPolicy('shop/web-out', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ ipBlock: '10.0.0.0/8' }), peer({ ipBlock: '192.168.0.0/16' })], ports: [443] })] })]);
    const matrix = workloadMatrix(connectivity(open), workloadPodCounts(open), shop, OUTSIDE);
    expect(matrix.columns).toEqual([OUTSIDE]);
    const pair = matrix.cells[0]![0]!;
    expect(pair.verdict).toBe('some');
    expect(pair.entries.map((e) => `${formatConnectivityEndpoint(e.destination)}: ${e.connections.toString()}`)).toEqual(['10.0.0.0/8,192.168.0.0/16: TCP 443']);
  });

  it('the outside and itself is no pair', () => {
    expect(workloadMatrix(report, counts, OUTSIDE, OUTSIDE).cells).toEqual([[undefined]]);
  });
});

describe("the matrix's numbers are connectivity's (property over random clusters)", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: each cell counts its pairs once, and its pairs are the drill-down\'s, verdict for verdict', (seed) => {
    const m = randomCluster(seed);
    const report = connectivity(m);
    const podCounts = workloadPodCounts(m);
    const matrix = namespaceMatrix(report, podCounts);
    const workloadEntries = report.entries.filter((e) => e.source.type === 'workload' && e.destination.type === 'workload');
    let listed = 0;
    for (const row of matrix.cells) {
      for (const cell of row) {
        expect(PAIR_VERDICTS.reduce((n, v) => n + cell.counts[v], 0)).toBe(cell.pairs);
        const drill = workloadMatrix(report, podCounts, cell.source, cell.destination);
        const pairs = drill.cells.flat().filter((p) => p !== undefined);
        expect(pairs).toHaveLength(cell.pairs);
        for (const verdict of PAIR_VERDICTS) expect(pairs.filter((p) => p.verdict === verdict)).toHaveLength(cell.counts[verdict]);
        if (cell.source.type === 'namespace' && cell.destination.type === 'namespace') listed += pairs.filter((p) => p.entries.length > 0).length;
      }
    }
    // Every workload pair connectivity lists is in exactly one cell.
    expect(listed).toBe(workloadEntries.length);
    expect(new Set(matrix.groups.map(matrixGroupKey)).size).toBe(matrix.groups.length);
    expect(report.workloads.every((w) => podCounts.get(connectivityEndpointKey(w))! > 0)).toBe(true);
  });
});

describe('the demo shop (examples/demo)', () => {
  it('counts the flows connectivity lists: the controller reaches 3 of the 8 shop workloads, the shop reaches the outside through payments only', async () => {
    const { model: demo } = await loadManifestPaths([path.join(process.cwd(), 'examples', 'demo')]);
    expect(cells(matrixOf(demo))).toEqual([
      'ingress-nginx -> shop: some (0/3/5/0 of 8)',
      'ingress-nginx -> outside: all (1/0/0/0 of 1)',
      'shop -> ingress-nginx: none (0/0/8/0 of 8)',
      // frontend, frontend-v2 -> api; api -> cart, checkout; cart -> redis; checkout -> postgres.
      'shop -> shop: some (0/6/50/0 of 56)',
      'shop -> outside: some (0/1/7/0 of 8)',
      'outside -> ingress-nginx: all (1/0/0/0 of 1)',
      'outside -> shop: none (0/0/8/0 of 8)',
    ]);
  });
});

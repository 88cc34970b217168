import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlowInputError } from '@/lib/analysis/errors';
import { reachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { model, namespace, networkPolicy, peer, pod, policyEgress, policyIngress, service } from '@/lib/analysis/testing/builders';
import { calicoDaemonSet, flannelDaemonSet } from '@/lib/analysis/testing/network-plugins';
import { calicoPolicy } from '@/lib/analysis/testing/plugin-builders';
import type { ClusterModel, DaemonSet, Pod } from '@/lib/model';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { buildGraph, DEFAULT_FOLD_ABOVE, podNodeId, type GraphOptions } from './elements';
import { highlightPeers, type Highlight, type HighlightDirection } from './highlight';

const DEMO = fileURLToPath(new URL('../../examples/demo', import.meta.url));

function options(init: Partial<GraphOptions> = {}): GraphOptions {
  return { groupBy: 'namespace', foldAbove: DEFAULT_FOLD_ABOVE, expanded: new Set(), health: new Map(), ...init };
}

const peerLines = (h: Highlight) => h.peers.map((p) => `${p.id} ${p.direction}`);
const flowLines = (h: Highlight) => h.flowEdges.map((e) => `${e.id} "${e.label}"`);
const rowLines = (h: Highlight) => h.rows.map((r) => `${r.direction} ${r.peerId} | ${r.peerLabel} | ${r.ports} | ${r.policies.join(', ')}`);

describe('highlightPeers on the demo shop (examples/demo)', () => {
  let demo: ClusterModel;
  beforeAll(async () => {
    demo = (await loadManifestPaths([DEMO])).model;
  });
  const shop = (name: string) => ({ namespace: 'shop', name });

  interface DemoCase {
    name: string;
    pod: string;
    direction: HighlightDirection;
    peers: string[];
    flows: string[];
    rows: string[];
  }
  const cases: DemoCase[] = [
    {
      name: 'frontend, egress: the api pod on TCP 8080 and the api Service on TCP 80',
      pod: 'frontend-template',
      direction: 'egress',
      peers: ['pod:shop/api-template egress', 'svc:shop/api egress'],
      flows: ['flow:pod:shop/frontend-template->pod:shop/api-template "TCP 8080"', 'flow:pod:shop/frontend-template->svc:shop/api "TCP 80"'],
      rows: ['egress pod:shop/api-template | Pod shop/api-template | TCP 8080 | NetworkPolicy shop/frontend, NetworkPolicy shop/api', 'egress svc:shop/api | Service shop/api | TCP 80 | NetworkPolicy shop/frontend, NetworkPolicy shop/api'],
    },
    {
      name: 'frontend, ingress: only the ingress-nginx controller',
      pod: 'frontend-template',
      direction: 'ingress',
      peers: ['pod:ingress-nginx/ingress-nginx-controller-template ingress'],
      flows: ['flow:pod:ingress-nginx/ingress-nginx-controller-template->pod:shop/frontend-template "TCP 8080"'],
      rows: ['ingress pod:ingress-nginx/ingress-nginx-controller-template | Pod ingress-nginx/ingress-nginx-controller-template | TCP 8080 | NetworkPolicy shop/frontend'],
    },
    {
      name: 'frontend, both: the two lists together',
      pod: 'frontend-template',
      direction: 'both',
      peers: ['pod:ingress-nginx/ingress-nginx-controller-template ingress', 'pod:shop/api-template egress', 'svc:shop/api egress'],
      flows: [
        'flow:pod:ingress-nginx/ingress-nginx-controller-template->pod:shop/frontend-template "TCP 8080"',
        'flow:pod:shop/frontend-template->pod:shop/api-template "TCP 8080"',
        'flow:pod:shop/frontend-template->svc:shop/api "TCP 80"',
      ],
      rows: [
        'egress pod:shop/api-template | Pod shop/api-template | TCP 8080 | NetworkPolicy shop/frontend, NetworkPolicy shop/api',
        'egress svc:shop/api | Service shop/api | TCP 80 | NetworkPolicy shop/frontend, NetworkPolicy shop/api',
        'ingress pod:ingress-nginx/ingress-nginx-controller-template | Pod ingress-nginx/ingress-nginx-controller-template | TCP 8080 | NetworkPolicy shop/frontend',
      ],
    },
    {
      // checkout's own egress allows payments, but a connection needs the destination's ingress too, and payments
      // admits only app=checkout-v2 (the demo's fault c): the engine lists no payments peer, so nothing lights up.
      name: 'checkout, egress: postgres only; payments is not reachable (its ingress denies checkout)',
      pod: 'checkout-template',
      direction: 'egress',
      peers: ['pod:shop/postgres-template egress', 'svc:shop/postgres egress'],
      flows: ['flow:pod:shop/checkout-template->pod:shop/postgres-template "TCP 5432"', 'flow:pod:shop/checkout-template->svc:shop/postgres "TCP 5432"'],
      rows: [
        'egress pod:shop/postgres-template | Pod shop/postgres-template | TCP 5432 | NetworkPolicy shop/checkout, NetworkPolicy shop/postgres',
        'egress svc:shop/postgres | Service shop/postgres | TCP 5432 | NetworkPolicy shop/checkout, NetworkPolicy shop/postgres',
      ],
    },
    {
      name: 'payments, ingress: nothing at all, checkout included',
      pod: 'payments-template',
      direction: 'ingress',
      peers: [],
      flows: [],
      rows: [],
    },
    {
      name: 'payments, egress: the internet outside the private ranges on TCP 443, as one ipRange node',
      pod: 'payments-template',
      direction: 'egress',
      peers: ['ip:0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16 egress'],
      flows: ['flow:pod:shop/payments-template->ip:0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16 "TCP 443"'],
      rows: ['egress ip:0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16 | 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 | TCP 443 | NetworkPolicy shop/payments'],
    },
  ];
  it.each(cases)('$name', ({ pod: name, direction, peers, flows, rows }) => {
    const { highlight } = highlightPeers(demo, shop(name), direction, options());
    expect(highlight.selected).toBe(`pod:shop/${name}`);
    expect(peerLines(highlight)).toStrictEqual(peers);
    expect(flowLines(highlight)).toStrictEqual(flows);
    expect(rowLines(highlight)).toStrictEqual(rows);
    expect(highlight.unknown).toBeUndefined();
  });

  it('flow edges run from source to target and are of kind flow', () => {
    const { highlight } = highlightPeers(demo, shop('frontend-template'), 'both', options());
    expect(highlight.flowEdges.map((e) => [e.kind, e.source, e.target])).toStrictEqual([
      ['flow', 'pod:ingress-nginx/ingress-nginx-controller-template', 'pod:shop/frontend-template'],
      ['flow', 'pod:shop/frontend-template', 'pod:shop/api-template'],
      ['flow', 'pod:shop/frontend-template', 'svc:shop/api'],
    ]);
  });

  it('address ranges come as extra nodes inside the ext compound, with ext itself; pods and Services need none', () => {
    expect(highlightPeers(demo, shop('payments-template'), 'egress', options()).extraNodes).toStrictEqual([
      { id: 'ext', kind: 'external', label: 'outside the cluster' },
      {
        id: 'ip:0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
        parent: 'ext',
        kind: 'ipRange',
        label: '0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16',
      },
    ]);
    expect(highlightPeers(demo, shop('frontend-template'), 'both', options()).extraNodes).toStrictEqual([]);
  });

  it('every highlighted peer and flow end is a node of the graph or an extra node', () => {
    const graph = buildGraph(demo, options());
    for (const p of demo.resources.pods) {
      const { highlight, extraNodes } = highlightPeers(demo, { namespace: p.meta.namespace ?? '', name: p.meta.name }, 'both', options());
      const drawn = new Set([...graph.nodes, ...extraNodes].map((n) => n.id));
      expect(drawn.has(highlight.selected)).toBe(true);
      for (const { id } of highlight.peers) expect(drawn.has(id)).toBe(true);
      for (const e of highlight.flowEdges) expect([drawn.has(e.source), drawn.has(e.target)]).toStrictEqual([true, true]);
    }
  });

  it('consistency: the highlighted pod and Service peers are exactly reachablePeers mapped through podNodeId', () => {
    for (const p of demo.resources.pods) {
      const ref = { namespace: p.meta.namespace ?? '', name: p.meta.name };
      const reach = reachablePeers(demo, ref);
      for (const direction of ['egress', 'ingress', 'both'] as const) {
        const lists = direction === 'both' ? [...reach.egress, ...reach.ingress] : reach[direction];
        const expected = new Set(lists.flatMap(({ peer: x }) => (x.type === 'pod' ? [podNodeId(podOf(demo, x), options(), demo)] : x.type === 'service' ? [`svc:${x.namespace}/${x.name}`] : [])));
        const { highlight } = highlightPeers(demo, ref, direction, options());
        const got = highlight.peers.map((x) => x.id).filter((id) => !id.startsWith('ip:'));
        expect(got).toStrictEqual([...expected].sort());
      }
    }
  });

  it('an unknown pod throws FlowInputError (from reachablePeers)', () => {
    expect(() => highlightPeers(demo, shop('nope'), 'both', options())).toThrow(FlowInputError);
  });
});

function podOf(m: ClusterModel, ref: { namespace: string; name: string }): Pod {
  const found = m.resources.pods.find((p) => p.meta.namespace === ref.namespace && p.meta.name === ref.name);
  if (!found) throw new Error(`no pod ${ref.namespace}/${ref.name}`);
  return found;
}

describe('highlightPeers with folded workloads', () => {
  // client may reach the web pods (egress policy) on their port named http, which web-4 declares as 9090; web-4 also
  // lets client in on 9090 through a second policy. Nothing isolates client's ingress, nor the data namespace.
  const web = Array.from({ length: 4 }, (_, i) =>
    pod(`shop/web-${i + 1}`, {
      labels: { app: 'web', ...(i === 3 ? { extra: 'yes' } : {}) },
      workload: { kind: 'Deployment', name: 'web' },
      ip: `10.244.0.${i + 1}`,
      ports: [{ name: 'http', containerPort: i === 3 ? 9090 : 8080 }],
    }),
  );
  const client = pod('shop/client', { labels: { app: 'client' }, ip: '10.244.0.50' });
  const workers = Array.from({ length: 4 }, (_, i) => pod(`data/worker-${i + 1}`, { labels: { app: 'worker' }, workload: { kind: 'Deployment', name: 'worker' }, ip: `10.244.1.${i + 1}` }));
  const m = model({
    namespaces: [namespace('shop'), namespace('data')],
    pods: [...web, client, ...workers],
    services: [service('shop/web', { ports: [{ port: 80, targetPort: 'http' }] })],
    networkpolicies: [
      networkPolicy('shop/client-egress', { podSelector: { app: 'client' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'web' } })], ports: ['http'] })] }),
      networkPolicy('shop/web', { podSelector: { app: 'web' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'client' } })], ports: ['http'] })] }),
      networkPolicy('shop/web-extra', { podSelector: { extra: 'yes' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'client' } })], ports: [9090] })] }),
    ],
  });
  const ref = (p: Pod) => ({ namespace: p.meta.namespace ?? '', name: p.meta.name });

  it("the pods of a folded workload are one peer: the union of their connections, all of their policies", () => {
    const { highlight } = highlightPeers(m, ref(client), 'egress', options());
    expect(peerLines(highlight)).toStrictEqual(['svc:shop/web egress', 'wl:shop/Deployment/web egress']);
    expect(flowLines(highlight)).toStrictEqual(['flow:pod:shop/client->svc:shop/web "TCP 80"', 'flow:pod:shop/client->wl:shop/Deployment/web "TCP 8080,9090"']);
    expect(rowLines(highlight)).toStrictEqual([
      'egress wl:shop/Deployment/web | Deployment shop/web (4 pods) | TCP 8080,9090 | NetworkPolicy shop/client-egress, NetworkPolicy shop/web, NetworkPolicy shop/web-extra',
      // web-4 is a backend too, so the policy that admits client to it is among the Service's.
      'egress svc:shop/web | Service shop/web | TCP 80 | NetworkPolicy shop/client-egress, NetworkPolicy shop/web, NetworkPolicy shop/web-extra',
    ]);
  });

  it('expanded, the same peers are the pods themselves', () => {
    const { highlight } = highlightPeers(m, ref(client), 'egress', options({ expanded: new Set(['wl:shop/Deployment/web']) }));
    expect(flowLines(highlight)).toStrictEqual([
      'flow:pod:shop/client->pod:shop/web-1 "TCP 8080"',
      'flow:pod:shop/client->pod:shop/web-2 "TCP 8080"',
      'flow:pod:shop/client->pod:shop/web-3 "TCP 8080"',
      'flow:pod:shop/client->pod:shop/web-4 "TCP 9090"',
      'flow:pod:shop/client->svc:shop/web "TCP 80"',
    ]);
  });

  it("a peer in both directions is 'both', with a flow each way; ranges are extra nodes under ext", () => {
    const { highlight, extraNodes } = highlightPeers(m, ref(client), 'both', options());
    expect(peerLines(highlight)).toStrictEqual([
      'ip:0.0.0.0/0,::/0 ingress',
      'svc:shop/web egress',
      'wl:data/Deployment/worker ingress',
      'wl:shop/Deployment/web both',
    ]);
    expect(flowLines(highlight)).toStrictEqual([
      'flow:ip:0.0.0.0/0,::/0->pod:shop/client "All connections"',
      'flow:pod:shop/client->svc:shop/web "TCP 80"',
      'flow:pod:shop/client->wl:shop/Deployment/web "TCP 8080,9090"',
      'flow:wl:data/Deployment/worker->pod:shop/client "All connections"',
      'flow:wl:shop/Deployment/web->pod:shop/client "All connections"',
    ]);
    expect(extraNodes.map((n) => `${n.id} < ${n.parent ?? '-'}`)).toStrictEqual(['ext < -', 'ip:0.0.0.0/0,::/0 < ext']);
  });

  it('a pod of a folded workload is selected as the workload; its siblings are listed but not highlighted', () => {
    const { highlight } = highlightPeers(m, ref(workers[0] as Pod), 'egress', options());
    expect(highlight.selected).toBe('wl:data/Deployment/worker');
    // web admits only client, so the workers reach client (not isolated) and the outside, and each other.
    expect(peerLines(highlight)).toStrictEqual(['ip:0.0.0.0/0,::/0 egress', 'pod:shop/client egress']);
    expect(highlight.rows.find((r) => r.peerId === 'wl:data/Deployment/worker')?.peerLabel).toBe('Deployment data/worker (3 of 4 pods)');
  });

  it('peers in namespaces the filter hides are listed in the rows only', () => {
    const { highlight } = highlightPeers(m, ref(client), 'ingress', options({ namespaces: new Set(['shop']) }));
    expect(peerLines(highlight)).toStrictEqual(['ip:0.0.0.0/0,::/0 ingress', 'wl:shop/Deployment/web ingress']);
    expect(highlight.rows.map((r) => r.peerId)).toStrictEqual(['wl:data/Deployment/worker', 'wl:shop/Deployment/web', 'ip:0.0.0.0/0,::/0']);
  });

  it('consistency: with folding, the highlighted pod and Service peers are reachablePeers mapped through podNodeId (the selected node aside)', () => {
    for (const p of [client, ...web, ...workers]) {
      const reach = reachablePeers(m, ref(p));
      const selected = podNodeId(p, options(), m);
      const expected = new Set(
        [...reach.egress, ...reach.ingress].flatMap(({ peer: x }) =>
          x.type === 'pod' ? [podNodeId(podOf(m, x), options(), m)] : x.type === 'service' ? [`svc:${x.namespace}/${x.name}`] : [],
        ),
      );
      expected.delete(selected);
      const { highlight } = highlightPeers(m, ref(p), 'both', options());
      expect(highlight.selected).toBe(selected);
      expect(highlight.peers.map((x) => x.id).filter((id) => !id.startsWith('ip:'))).toStrictEqual([...expected].sort());
    }
  });

  it('passes on what is not synced', () => {
    const unsynced: ClusterModel = { ...m, sync: { ...m.sync, networkpolicies: { status: 'syncing' } } };
    expect(highlightPeers(unsynced, ref(client), 'both', options()).highlight.unknown).toBe(reachablePeers(unsynced, ref(client)).unknown);
    expect(highlightPeers(unsynced, ref(client), 'both', options()).highlight.unknown).toBeTruthy();
  });
});

describe('highlightPeers with verdicts the engine cannot tell', () => {
  it('a flow whose every connection is unknown (a Calico policy selects the peer) is drawn as unknown, neither allowed nor denied', () => {
    const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.244.0.1' });
    const db = pod('shop/db', { labels: { app: 'db' }, ip: '10.244.0.2' });
    const m = model({ namespaces: [namespace('shop')], pods: [web, db], caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] });
    const { highlight } = highlightPeers(m, { namespace: 'shop', name: 'web' }, 'egress', options());
    const toDb = highlight.flowEdges.find((e) => e.target === 'pod:shop/db');
    expect([toDb?.unknown, toDb?.label]).toStrictEqual([true, 'unknown: All connections']);
    // An outside range the web pod surely reaches is an ordinary (allowed) flow.
    expect(highlight.flowEdges.filter((e) => e.target.startsWith('ip:')).map((e) => e.unknown)).toStrictEqual([undefined]);
  });
});

describe('highlightPeers where the network plugin does not enforce NetworkPolicy', () => {
  // data denies all ingress; its db pods fold into one workload node. web and api are not isolated.
  const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.244.0.1' });
  const api = pod('shop/api', { labels: { app: 'api' }, ip: '10.244.0.2' });
  const dbs = Array.from({ length: 4 }, (_, i) => pod(`data/db-${i + 1}`, { labels: { app: 'db' }, workload: { kind: 'Deployment', name: 'db' }, ip: `10.244.1.${i + 1}` }));
  const cluster = (daemonsets: DaemonSet[]) =>
    model({
      namespaces: [namespace('shop'), namespace('data')],
      pods: [web, api, ...dbs],
      daemonsets,
      networkpolicies: [networkPolicy('data/deny-ingress', { policyTypes: ['Ingress'] })],
    });
  const text = 'denied by policy, but not enforced by flannel: traffic flows';
  const notEnforcedLines = (h: Highlight) => h.notEnforced?.peers.map((p) => `${p.id} ${p.direction}`);

  it.each<{ name: string; daemonsets: DaemonSet[]; direction: HighlightDirection; namespaces?: string[]; peers: string[]; notEnforced: string[] | undefined; flows: string[]; rows: string[] }>([
    {
      name: 'flannel: the denied workload is lit apart, with an amber flow edge and a row carrying the note',
      daemonsets: [flannelDaemonSet],
      direction: 'egress',
      peers: ['pod:shop/api egress'],
      notEnforced: ['wl:data/Deployment/db egress'],
      flows: ['flow:pod:shop/web->pod:shop/api "All connections"', 'flow:pod:shop/web->wl:data/Deployment/db "denied by policy, not enforced" not enforced'],
      rows: ['egress pod:shop/api | Pod shop/api | All connections | ', `egress wl:data/Deployment/db | Deployment data/db (4 pods) | ${text} |  | flannel`],
    },
    {
      name: 'flannel, both directions: a peer allowed one way and denied the other is lit once for each',
      daemonsets: [flannelDaemonSet],
      direction: 'both',
      peers: ['pod:shop/api both', 'wl:data/Deployment/db ingress'],
      notEnforced: ['wl:data/Deployment/db egress'],
      flows: [
        'flow:pod:shop/api->pod:shop/web "All connections"',
        'flow:pod:shop/web->pod:shop/api "All connections"',
        'flow:pod:shop/web->wl:data/Deployment/db "denied by policy, not enforced" not enforced',
        'flow:wl:data/Deployment/db->pod:shop/web "All connections"',
      ],
      rows: [
        'egress pod:shop/api | Pod shop/api | All connections | ',
        `egress wl:data/Deployment/db | Deployment data/db (4 pods) | ${text} |  | flannel`,
        'ingress wl:data/Deployment/db | Deployment data/db (4 pods) | All connections | ',
        'ingress pod:shop/api | Pod shop/api | All connections | ',
      ],
    },
    {
      name: 'flannel, the denied namespace filtered out: listed in the rows only',
      daemonsets: [flannelDaemonSet],
      direction: 'egress',
      namespaces: ['shop'],
      peers: ['pod:shop/api egress'],
      notEnforced: [],
      flows: ['flow:pod:shop/web->pod:shop/api "All connections"'],
      rows: ['egress pod:shop/api | Pod shop/api | All connections | ', `egress wl:data/Deployment/db | Deployment data/db (4 pods) | ${text} |  | flannel`],
    },
    {
      name: 'Calico enforces: what the policies deny is not drawn',
      daemonsets: [calicoDaemonSet],
      direction: 'egress',
      peers: ['pod:shop/api egress'],
      notEnforced: undefined,
      flows: ['flow:pod:shop/web->pod:shop/api "All connections"'],
      rows: ['egress pod:shop/api | Pod shop/api | All connections | '],
    },
  ])('$name', ({ daemonsets, direction, namespaces, peers, notEnforced, flows, rows }) => {
    const { highlight: all } = highlightPeers(cluster(daemonsets), { namespace: 'shop', name: 'web' }, direction, options(namespaces ? { namespaces: new Set(namespaces) } : {}));
    // The outside address ranges are allowed here, as anywhere nothing isolates: the other tests cover them.
    const inside = (id: string) => !id.includes('ip:');
    const highlight = { ...all, peers: all.peers.filter((p) => inside(p.id)), flowEdges: all.flowEdges.filter((e) => inside(e.id)), rows: all.rows.filter((r) => inside(r.peerId)) };
    expect(peerLines(highlight)).toStrictEqual(peers);
    expect(notEnforcedLines(highlight)).toStrictEqual(notEnforced);
    if (notEnforced) expect(highlight.notEnforced?.note.text).toBe(text);
    expect(highlight.flowEdges.map((e) => `${e.id} "${e.label}"${e.notEnforced ? ' not enforced' : ''}`)).toStrictEqual(flows);
    expect(highlight.rows.map((r) => `${rowLines({ ...highlight, rows: [r] })[0]}${r.enforcement ? ` | ${r.enforcement.plugins.join(',')}` : ''}`)).toStrictEqual(rows);
  });
});

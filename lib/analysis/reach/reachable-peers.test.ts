import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicy, Pod, Protocol, Service } from '@/lib/model';
import { FlowInputError } from '../errors';
import { explainFlow } from '../flow/explain-flow';
import { formatPolicy } from '../policy/types';
import {
  endpointFor,
  ipBlock,
  model,
  namespace,
  networkPolicy,
  node,
  peer,
  pod,
  policyEgress,
  policyIngress,
  policyPort,
  requirement,
  service,
  slice,
  type PolicyPortInit,
} from '../testing/builders';
import { reachablePeers, type PeerConnection } from './reachable-peers';
import { prng } from '../testing/prng';
import { describeDifferences, TruthTable } from '../testing/truth-table';

// Citations: [NP] = kubernetes.io/docs/concepts/services-networking/network-policies; [API] = the
// networking.k8s.io/v1 NetworkPolicy API reference (NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort,
// IPBlock); [SVC] = core/v1 ServicePort.

const deployment = (name: string) => ({ kind: 'Deployment', name });
const web1 = pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [{ name: 'http', containerPort: 8080 }] });
const web2 = pod('shop/web-2', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.1.2', nodeName: 'node-2', hostIP: '172.18.0.3', ports: [{ name: 'http', containerPort: 8080 }] });
const api = pod('shop/api-1', {
  labels: { app: 'api' },
  workload: deployment('api'),
  ip: '10.0.0.3',
  nodeName: 'node-2',
  hostIP: '172.18.0.3',
  containers: [{ ports: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }] }],
});
const db = pod('data/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' }, ip: '10.0.2.1', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [{ name: 'pg', containerPort: 5432 }] });
const agent = pod('ops/agent-x', { labels: { app: 'agent' }, workload: { kind: 'DaemonSet', name: 'agent' }, hostNetwork: true, ip: '172.18.0.2', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [9100] });
const PODS = [web1, web2, api, db, agent];

function cluster(policies: NetworkPolicy[], extra: Partial<ClusterModel['resources']> = {}, pods: Pod[] = PODS): ClusterModel {
  return model({
    namespaces: [namespace('shop', { labels: { team: 'shop' } }), namespace('data', { labels: { team: 'data' } }), namespace('ops')],
    nodes: [node('node-1', { ip: '172.18.0.2' }), node('node-2', { ip: '172.18.0.3' })],
    pods,
    networkpolicies: policies,
    ...extra,
  });
}

const denyAll = (ns: string) => networkPolicy(`${ns}/default-deny`, { policyTypes: ['Ingress', 'Egress'] });
const denyIngress = (ns: string) => networkPolicy(`${ns}/deny-ingress`, { policyTypes: ['Ingress'] });

/** `pod shop/api-1 (Deployment/api): TCP 8080 [shop/api]`, `svc shop/api: TCP 80 [...]`, `0.0.0.0/0,::/0: All connections []`. */
function line(c: PeerConnection): string {
  const policies = `[${c.policies.map(formatPolicy).join(', ')}]`;
  const p = c.peer;
  const who = p.type === 'pod' ? `pod ${p.namespace}/${p.name} (${p.workload.kind}/${p.workload.name})` : p.type === 'service' ? `svc ${p.namespace}/${p.name}` : p.cidrs.join(',');
  return `${who}: ${c.connections.toString()} ${policies}`;
}

const lines = (m: ClusterModel, p: Pod) => {
  const result = reachablePeers(m, { namespace: p.meta.namespace ?? '', name: p.meta.name });
  return { egress: result.egress.map(line), ingress: result.ingress.map(line), unknown: result.unknown };
};

interface Case {
  name: string;
  model: ClusterModel;
  pod: Pod;
  egress?: string[];
  ingress?: string[];
}

const EVERYWHERE = '0.0.0.0/0,::/0: All connections []';

const cases: Case[] = [
  {
    name: 'no policy selects anything: every pod both ways, and every address, on every connection [NP "non-isolated by default"]; never the pod itself',
    model: cluster([]),
    pod: web1,
    egress: [
      'pod data/db-0 (StatefulSet/db): All connections []',
      'pod ops/agent-x (DaemonSet/agent): All connections []',
      'pod shop/api-1 (Deployment/api): All connections []',
      'pod shop/web-2 (Deployment/web): All connections []',
      EVERYWHERE,
    ],
    ingress: [
      'pod data/db-0 (StatefulSet/db): All connections []',
      'pod ops/agent-x (DaemonSet/agent): All connections []',
      'pod shop/api-1 (Deployment/api): All connections []',
      'pod shop/web-2 (Deployment/web): All connections []',
      EVERYWHERE,
    ],
  },
  {
    name: 'a connection needs both sides: egress open at web-1 but ingress denied at every shop pod leaves only data, the host-network pod and addresses [NP "both the egress policy on the source pod and the ingress policy on the destination pod need to allow"]',
    model: cluster([denyIngress('shop')]),
    pod: web1,
    egress: ['pod data/db-0 (StatefulSet/db): All connections []', 'pod ops/agent-x (DaemonSet/agent): All connections []', EVERYWHERE],
    // The agent uses the host network on web-1's node: traffic between a pod and its own node is always allowed.
    ingress: ['pod ops/agent-x (DaemonSet/agent): All connections []', '172.18.0.2/32: All connections []'],
  },
  {
    name: 'the own-node exception only covers the node the pod runs on: web-2 (node-2) gets nothing from the agent on node-1 [NP]',
    model: cluster([denyIngress('shop')]),
    pod: web2,
    ingress: ['172.18.0.3/32: All connections []'],
  },
  {
    name: 'a named port in a policy resolves on the destination pod: "http" is 8080 on api-1 [API NetworkPolicyPort.port]',
    model: cluster([
      denyAll('shop'),
      networkPolicy('shop/web-out', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })], ports: ['http', 'grpc'] })] }),
      networkPolicy('shop/api-in', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [policyPort(8000, 'TCP', 9000)] })] }),
    ]),
    pod: web1,
    // Egress allows 8080 and 9090 (the names on api-1), ingress 8000-9000: the intersection is 8080.
    egress: ['pod ops/agent-x (DaemonSet/agent): All connections []', 'pod shop/api-1 (Deployment/api): TCP 8080 [shop/web-out, shop/api-in]', '172.18.0.2/32: All connections []'],
    ingress: ['pod ops/agent-x (DaemonSet/agent): All connections []', '172.18.0.2/32: All connections []'],
  },
  {
    name: 'the ingress view is symmetric: api-1 is reached by both web pods on the intersection of their egress and its ingress [API NetworkPolicySpec.ingress]',
    model: cluster([
      denyAll('shop'),
      networkPolicy('shop/web-out', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })], ports: ['http', 'grpc'] })] }),
      networkPolicy('shop/api-in', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [policyPort(8000, 'TCP', 9000)] })] }),
    ]),
    pod: api,
    egress: ['172.18.0.3/32: All connections []'],
    ingress: ['pod shop/web-1 (Deployment/web): TCP 8080 [shop/web-out, shop/api-in]', 'pod shop/web-2 (Deployment/web): TCP 8080 [shop/web-out, shop/api-in]', '172.18.0.3/32: All connections []'],
  },
  {
    name: 'namespaceSelector alone selects every pod of the matching namespaces; the own namespace only when it matches [API NetworkPolicyPeer.namespaceSelector]',
    model: cluster([
      networkPolicy('data/db-in', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ namespaces: { team: 'shop' } })], ports: ['pg', policyPort(undefined, 'UDP')] })] }),
    ]),
    pod: db,
    ingress: [
      'pod ops/agent-x (DaemonSet/agent): All connections []',
      'pod shop/api-1 (Deployment/api): TCP 5432; UDP (all ports) [data/db-in]',
      'pod shop/web-1 (Deployment/web): TCP 5432; UDP (all ports) [data/db-in]',
      'pod shop/web-2 (Deployment/web): TCP 5432; UDP (all ports) [data/db-in]',
      '172.18.0.2/32: All connections []',
    ],
  },
  {
    name: 'podSelector with namespaceSelector in one peer needs both; matchExpressions apply [API NetworkPolicyPeer, LabelSelectorRequirement]',
    model: cluster([
      networkPolicy('data/db-in', {
        podSelector: { app: 'db' },
        ingress: [policyIngress({ from: [peer({ namespaces: { team: 'shop' }, pods: { matchLabels: {}, matchExpressions: [requirement('app', 'NotIn', ['web'])] } })], ports: [5432] })],
      }),
    ]),
    pod: db,
    ingress: ['pod ops/agent-x (DaemonSet/agent): All connections []', 'pod shop/api-1 (Deployment/api): TCP 5432 [data/db-in]', '172.18.0.2/32: All connections []'],
  },
  {
    name: 'egress to ipBlock 0.0.0.0/0 except 10.0.0.0/8 lists exactly that range, as CIDRs, and nothing of IPv6 [API IPBlock]',
    model: cluster(
      [networkPolicy('shop/out', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('0.0.0.0/0', '10.0.0.0/8') })], ports: [443] })] })],
      {},
      [pod('shop/web-0', { labels: { app: 'web' }, ip: '10.0.1.9' }), web2],
    ),
    pod: pod('shop/web-0'),
    egress: ['0.0.0.0/5,8.0.0.0/7,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1: TCP 443 [shop/out]'],
    // web-2 is egress-isolated by the same policy, and web-0's IP is in the except.
    ingress: [EVERYWHERE],
  },
  {
    name: 'ipBlock peers match pod IPs too: web-1 and api-1 (10.0.0.x) reach db through an ipBlock rule, web-2 (10.0.1.2, in the except) does not [API IPBlock; NP "ipBlock" caveat on pod IPs]',
    model: cluster([
      networkPolicy('data/db-in', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/23', '10.0.1.0/24') })], ports: [5432] })] }),
    ]),
    pod: db,
    ingress: [
      'pod ops/agent-x (DaemonSet/agent): All connections []',
      'pod shop/api-1 (Deployment/api): TCP 5432 [data/db-in]',
      'pod shop/web-1 (Deployment/web): TCP 5432 [data/db-in]',
      '10.0.0.0/24: TCP 5432 [data/db-in]',
      '172.18.0.2/32: All connections []',
    ],
  },
  {
    name: 'a range made only of pod addresses is no address range: the except 10.0.1.2/32 is web-2 itself, listed as a pod',
    model: cluster([
      networkPolicy('data/db-in', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.1.2/32') }), peer({ ipBlock: ipBlock('10.0.2.0/24') })], ports: [5432] })] }),
    ]),
    pod: db,
    ingress: [
      'pod ops/agent-x (DaemonSet/agent): All connections []',
      'pod shop/web-2 (Deployment/web): TCP 5432 [data/db-in]',
      // db-0 (10.0.2.1) is not its own peer, and the rest of 10.0.2.0/24 is addresses.
      '10.0.2.0/24: TCP 5432 [data/db-in]',
      '172.18.0.2/32: All connections []',
    ],
  },
  {
    name: 'a host-network pod is never selected: its own side allows everything, the other side decides [NP "hostNetwork" caveat]',
    model: cluster([denyAll('ops'), denyAll('shop')]),
    pod: agent,
    egress: ['pod data/db-0 (StatefulSet/db): All connections []', 'pod shop/web-1 (Deployment/web): All connections []', EVERYWHERE],
    ingress: ['pod data/db-0 (StatefulSet/db): All connections []', 'pod shop/web-1 (Deployment/web): All connections []', EVERYWHERE],
  },
];

describe('reachablePeers', () => {
  it.each(cases)('$name', ({ model: m, pod: p, egress, ingress }) => {
    const result = lines(m, p);
    if (egress) expect(result.egress).toEqual(egress);
    if (ingress) expect(result.ingress).toEqual(ingress);
    expect(result.unknown).toBeUndefined();
  });

  it('throws FlowInputError for a pod the model does not have', () => {
    expect(() => reachablePeers(cluster([]), { namespace: 'shop', name: 'nope' })).toThrow(FlowInputError);
    expect(() => reachablePeers(cluster([]), { namespace: 'shop', name: 'nope' })).toThrow(expect.objectContaining({ type: 'pod-not-found', fatal: true }));
  });

  it('says so when NetworkPolicies cannot be read, and still returns what the model says', () => {
    const m = model({ pods: [web1, web2], sync: { networkpolicies: { status: 'forbidden', message: 'networkpolicies is forbidden' } } });
    const result = reachablePeers(m, { namespace: 'shop', name: 'web-1' });
    expect(result.unknown).toBe('unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden)');
    expect(result.egress.map(line)).toEqual(['pod shop/web-2 (Deployment/web): All connections []', EVERYWHERE]);
  });
});

describe('reachablePeers: Services', () => {
  const backendA = pod('shop/api-a', { labels: { app: 'api' }, ip: '10.0.1.10', ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }] });
  const backendB = pod('shop/api-b', { labels: { app: 'api' }, ip: '10.0.1.11', ports: [{ name: 'http', containerPort: 8081 }, { name: 'admin', containerPort: 9000 }] });
  const client = pod('shop/client', { labels: { app: 'client' }, ip: '10.0.1.20' });
  const apiService = service('shop/api', {
    clusterIP: '10.96.0.10',
    ports: [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'admin', port: 9443, targetPort: 9000 },
      { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
    ],
  });
  const onlyHttp = (...ports: PolicyPortInit[]) =>
    networkPolicy('shop/api-in', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'client' } })], ports })] });
  const services = (m: ClusterModel) => reachablePeers(m, { namespace: 'shop', name: 'client' }).egress.filter((e) => e.peer.type === 'service').map(line);

  it.each([
    {
      name: 'a Service is listed on its own ports, not the targetPorts: http 80 → 8080/8081, admin 9443 → 9000 [SVC targetPort]',
      policies: [onlyHttp('http', 9000)],
      expected: ['svc shop/api: TCP 80,9443 [shop/api-in]'],
    },
    {
      name: 'a Service port is listed when at least one ready backend allows its targetPort (8080 on api-a, not 8081 on api-b)',
      policies: [onlyHttp(8080)],
      expected: ['svc shop/api: TCP 80 [shop/api-in]'],
    },
    {
      name: 'a Service none of whose targetPorts is allowed is not listed',
      policies: [onlyHttp(22)],
      expected: [],
    },
    {
      name: 'UDP Service ports are UDP connections',
      policies: [onlyHttp(policyPort(53, 'UDP'))],
      expected: ['svc shop/api: UDP 53 [shop/api-in]'],
    },
  ])('$name', ({ policies, expected }) => {
    expect(services(cluster(policies, { services: [apiService] }, [backendA, backendB, client]))).toEqual(expected);
  });

  it('only ready backends count, from the EndpointSlices when there are some [discovery/v1 EndpointConditions.ready]', () => {
    const notReadyA = { ...backendA, ready: false };
    const m = cluster([onlyHttp(8080)], { services: [apiService], endpointslices: [slice('shop/api-1', { service: 'api', endpoints: [endpointFor(notReadyA), endpointFor(backendB)], ports: [{ name: 'http', port: 8081 }] })] }, [notReadyA, backendB, client]);
    expect(services(m)).toEqual([]);
  });

  it('a pod is not its own Service backend: a Service whose only allowed backend is the pod itself is not listed', () => {
    const m = cluster([], { services: [service('shop/client', { ports: [80] })] }, [client, backendA]);
    expect(services(m)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// reachablePeers agrees with explainFlow, port by port, on random-ish models.

const QUERIES: [Protocol, number][] = [['TCP', 53], ['UDP', 53], ['TCP', 80], ['TCP', 443], ['TCP', 5432], ['TCP', 8080], ['TCP', 8085], ['TCP', 9090], ['UDP', 9090], ['SCTP', 7000]];

/** A small model with most features the engine knows, its labels, IPs, nodes and policies drawn at random. */
function randomCluster(seed: number): ClusterModel {
  const rnd = prng(seed);
  const namespaces = ['a', 'b', 'c'];
  const apps = ['web', 'api', 'db'];
  const portsOf: Record<string, ({ name: string; containerPort: number; protocol?: Protocol } | number)[]> = {
    web: [{ name: 'http', containerPort: 8080 }],
    api: [{ name: 'http', containerPort: 8085 }, { name: 'grpc', containerPort: 9090 }, { name: 'grpc', containerPort: 9090, protocol: 'UDP' }],
    db: [{ name: 'pg', containerPort: 5432 }, 7000],
  };
  const pods: Pod[] = [];
  for (let i = 0; i < 12; i++) {
    const ns = rnd.pick(namespaces);
    const app = rnd.pick(apps);
    const hostNetwork = i === 11;
    const nodeName = rnd.pick(['n1', 'n2']);
    pods.push(
      pod(`${ns}/${app}-${i}`, {
        labels: { app, ...(rnd.next() < 0.5 ? { tier: rnd.pick(['front', 'back']) } : {}) },
        workload: { kind: 'Deployment', name: app },
        ip: hostNetwork ? (nodeName === 'n1' ? '172.18.0.2' : '172.18.0.3') : `10.0.${rnd.pick([0, 1, 2])}.${10 + i}`,
        hostNetwork,
        nodeName,
        hostIP: nodeName === 'n1' ? '172.18.0.2' : '172.18.0.3',
        containers: [{ ports: portsOf[app] ?? [] }],
      }),
    );
  }
  const candidates: NetworkPolicy[] = [
    networkPolicy('a/deny', { policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy('b/deny-ingress', { policyTypes: ['Ingress'] }),
    networkPolicy('a/dns', { policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ namespaces: { team: 'c' } })], ports: [policyPort(53, 'UDP'), policyPort(53, 'TCP')] })] }),
    networkPolicy('a/web', { podSelector: { app: 'web' }, ingress: [policyIngress({ from: [peer({ namespaces: {} })], ports: ['http'] })], egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })], ports: ['http', 'grpc'] })] }),
    networkPolicy('a/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } }), peer({ namespaces: { team: 'b' }, pods: { tier: 'front' } })], ports: [policyPort(8080, 'TCP', 8090), policyPort('grpc', 'UDP')] })] }),
    networkPolicy('b/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/16', '10.0.1.0/24') })], ports: ['pg', policyPort(7000, 'SCTP')] })] }),
    networkPolicy('b/out', { podSelector: { matchLabels: {}, matchExpressions: [requirement('tier', 'Exists')] }, egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('0.0.0.0/0', '10.0.2.0/24') })], ports: [443, 'pg'] })] }),
    networkPolicy('c/web', { podSelector: { app: 'web' }, policyTypes: ['Ingress'], ingress: [policyIngress({ from: [peer({ pods: { tier: 'back' } })] })] }),
    networkPolicy('c/egress', { podSelector: { matchLabels: {}, matchExpressions: [requirement('app', 'In', ['api', 'db'])] }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ namespaces: { team: 'a' }, pods: { app: 'web' } })] })] }),
  ];
  const policies = candidates.filter(() => rnd.next() < 0.7);
  const services: Service[] = [
    service('a/api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'UDP' }] }),
    service('b/db', { selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }] }),
    service('c/web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }),
  ];
  return model({
    namespaces: namespaces.map((n) => namespace(n, { labels: { team: n } })),
    nodes: [node('n1', { ip: '172.18.0.2' }), node('n2', { ip: '172.18.0.3' })],
    pods,
    services,
    networkpolicies: policies,
  });
}

describe('reachablePeers agrees with explainFlow', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: for every pod pair and port, explainFlow allows iff the egress (and ingress) connections include it', (seed) => {
    const m = randomCluster(seed);
    const pods = m.resources.pods;
    const names = pods.map((p) => `${p.meta.namespace}/${p.meta.name}`);
    const ref = (p: Pod) => ({ namespace: p.meta.namespace ?? '', name: p.meta.name });
    const reach = new Map(pods.map((p) => [p, reachablePeers(m, ref(p))]));
    const connectionsOf = (list: PeerConnection[], name: string) =>
      list.find((e) => e.peer.type === 'pod' && `${e.peer.namespace}/${e.peer.name}` === name)?.connections;
    let allowedCount = 0;
    for (const [protocol, port] of QUERIES) {
      // A pod talking to itself is out of scope for both: the diagonal stays blocked in all three tables.
      const expected = new TruthTable(names, names);
      const egress = new TruthTable(names, names);
      const ingress = new TruthTable(names, names);
      pods.forEach((source, i) => {
        pods.forEach((destination, j) => {
          if (source === destination) return;
          const flow = explainFlow(m, { from: { kind: 'pod', ...ref(source) }, to: { kind: 'pod', ...ref(destination) }, port, protocol });
          expected.set(names[i]!, names[j]!, flow.verdict === 'allowed');
          egress.set(names[i]!, names[j]!, connectionsOf(reach.get(source)!.egress, names[j]!)?.allows(protocol, port) ?? false);
          ingress.set(names[i]!, names[j]!, connectionsOf(reach.get(destination)!.ingress, names[i]!)?.allows(protocol, port) ?? false);
          if (flow.verdict === 'allowed') allowedCount += 1;
        });
      });
      expect(describeDifferences(expected, egress, `${protocol} ${port}, egress lists`)).toBe('');
      expect(describeDifferences(expected, ingress, `${protocol} ${port}, ingress lists`)).toBe('');
    }
    for (const source of pods) {
      // Services: a Service port is listed iff explainFlow finds at least one ready endpoint allowed (allowed or partial).
      const services = new Map(reach.get(source)!.egress.flatMap((e) => (e.peer.type === 'service' ? [[`${e.peer.namespace}/${e.peer.name}`, e.connections] as const] : [])));
      for (const svc of m.resources.services) {
        // A pod talking to itself through its own Service is out of scope for reachablePeers.
        if (source.meta.namespace === svc.meta.namespace && source.meta.labels.app === svc.selector?.app) continue;
        for (const sp of svc.ports) {
          const flow = explainFlow(m, { from: { kind: 'pod', ...ref(source) }, to: { kind: 'service', namespace: svc.meta.namespace ?? '', name: svc.meta.name }, port: sp.port, protocol: sp.protocol });
          const what = `${source.meta.namespace}/${source.meta.name} -> svc ${svc.meta.namespace}/${svc.meta.name} ${sp.protocol} ${sp.port}`;
          const listed = services.get(`${svc.meta.namespace}/${svc.meta.name}`)?.allows(sp.protocol, sp.port) ?? false;
          expect([what, listed]).toEqual([what, flow.verdict === 'allowed' || flow.verdict === 'partial']);
        }
      }
    }
    // The models are meant to mix verdicts; a seed that allows nothing (or everything) would check little.
    expect(allowedCount).toBeGreaterThan(0);
    expect(allowedCount).toBeLessThan(pods.length * (pods.length - 1) * QUERIES.length);
  });
});

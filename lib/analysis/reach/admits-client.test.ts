import { describe, expect, it } from 'vitest';
import type { ClusterModel, Pod, Protocol } from '@/lib/model';
import { ipBlock, model, namespace, networkPolicy, node, peer, pod, policyEgress, policyIngress, policyPort } from '../testing/builders';
import { randomCluster } from '../testing/random-cluster';
import { admitsClient, type ClientQuery } from './admits-client';
import { reachablePeers } from './reachable-peers';

const api = pod('shop/api', { labels: { app: 'api' }, ip: '10.0.1.2', nodeName: 'n1', ports: [{ name: 'http', containerPort: 8080 }] });
const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.1.1', nodeName: 'n2' });
const agent = pod('shop/agent', { labels: { app: 'agent' }, hostNetwork: true, ip: '172.18.0.2', hostIP: '172.18.0.2', nodeName: 'n1' });
const deny = networkPolicy('shop/deny', { policyTypes: ['Ingress'] });
const admitWeb = (ports: (number | string)[]) =>
  networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports })] });
const cluster = (pods: Pod[], policies = [deny], more: Partial<ClusterModel['resources']> = {}): ClusterModel =>
  model({ namespaces: [namespace('shop')], nodes: [node('n1', { ip: '172.18.0.2' }), node('n2', { ip: '172.18.0.3' })], pods, networkpolicies: policies, ...more });
const tcp = (port: number, addresses = false): ClientQuery => ({ protocol: 'TCP', port, addresses });

describe('admitsClient: whether some other pod (or address) may connect to the pod on the port', () => {
  it.each([
    { name: 'no policy isolates the pod: any other pod may', model: cluster([api, web], []), query: tcp(8080), want: true },
    { name: 'a deny-all ingress policy: no pod may', model: cluster([api, web]), query: tcp(8080), want: false },
    { name: 'the pod alone in the cluster: no other pod to be a client', model: cluster([api], []), query: tcp(8080), want: false },
    { name: 'a rule admits web on the port', model: cluster([api, web], [deny, admitWeb([8080])]), query: tcp(8080), want: true },
    { name: 'a rule admits web, but on another port', model: cluster([api, web], [deny, admitWeb([80])]), query: tcp(8080), want: false },
    { name: 'a rule admits web on a named port of the pod', model: cluster([api, web], [deny, admitWeb(['http'])]), query: tcp(8080), want: true },
    { name: 'UDP is not TCP', model: cluster([api, web], [deny, admitWeb([8080])]), query: { protocol: 'UDP' as Protocol, port: 8080, addresses: false }, want: false },
    {
      name: "the client's own egress denies it",
      model: cluster([api, web], [deny, admitWeb([8080]), networkPolicy('shop/web-out', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'db' } })] })] })]),
      query: tcp(8080),
      want: false,
    },
    {
      name: 'a host-network pod on the same node: the own-node exception lets it in',
      model: cluster([api, web, agent]),
      query: tcp(8080),
      want: true,
    },
    {
      name: 'addresses outside the pods admitted, asked with addresses',
      model: cluster([api, web], [deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('192.0.2.0/24') })] })] })]),
      query: tcp(8080, true),
      want: true,
    },
    {
      name: 'addresses outside the pods admitted, asked without addresses',
      model: cluster([api, web], [deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('192.0.2.0/24') })] })] })]),
      query: tcp(8080),
      want: false,
    },
    {
      name: 'a port range that holds the port',
      model: cluster([api, web], [deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: {} })], ports: [policyPort(8000, 'TCP', 8100)] })] })]),
      query: tcp(8080),
      want: true,
    },
  ])('$name', ({ model: m, query, want }) => {
    expect(admitsClient(m, m.resources.pods[0]!, query)).toBe(want);
    expect(fromReachablePeers(m, m.resources.pods[0]!, query)).toBe(want);
  });
});

/** The same question answered from reachablePeers' ingress list, as service-all-clients-blocked used to ask it. */
function fromReachablePeers(m: ClusterModel, target: Pod, { protocol, port, addresses }: ClientQuery): boolean {
  return reachablePeers(m, { namespace: target.meta.namespace ?? '', name: target.meta.name }).ingress.some(
    (c) => (c.peer.type === 'pod' || (addresses && c.peer.type === 'ipRange')) && (c.connections.allows(protocol, port) || !!c.unknown?.connections.allows(protocol, port)),
  );
}

describe('admitsClient agrees with reachablePeers on random clusters, pod by pod and port by port', () => {
  const queries: ClientQuery[] = [8080, 8081, 53, 443].flatMap((port) =>
    (['TCP', 'UDP'] as Protocol[]).flatMap((protocol) => [true, false].map((addresses) => ({ protocol, port, addresses }))),
  );
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i', (seed) => {
    const m = randomCluster(seed);
    const differences: string[] = [];
    for (const target of m.resources.pods) {
      for (const query of queries) {
        const want = fromReachablePeers(m, target, query);
        if (admitsClient(m, target, query) !== want) differences.push(`${target.meta.namespace}/${target.meta.name} ${query.protocol}/${query.port}${query.addresses ? ' +addresses' : ''}: want ${want}`);
      }
    }
    expect(differences).toEqual([]);
  });
});

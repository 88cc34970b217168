import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicy, Pod } from '@/lib/model';
import { connectivity } from '../reach/connectivity';
import { ipBlock, model, namespace, networkPolicy, pod, policyEgress, policyIngress, policyPort, peer } from '../testing/builders';
import { calicoPolicy } from '../testing/plugin-builders';
import { diffConnectivity } from './connectivity-diff';
import { formatDiff } from './format-diff';

// Citations: [NP] = kubernetes.io/docs/concepts/services-networking/network-policies; [API] = the
// networking.k8s.io/v1 NetworkPolicy API reference. Every case diffs connectivity(base) against connectivity(head).

const deployment = (name: string) => ({ kind: 'Deployment', name });
const web = pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] });
const web2 = pod('shop/web-2', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 8080 }] });
const api = pod('shop/api-1', { labels: { app: 'api' }, workload: deployment('api'), ip: '10.0.0.3', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] });
const db = pod('shop/db-0', { labels: { app: 'db' }, workload: { kind: 'StatefulSet', name: 'db' }, ip: '10.0.0.4', ports: [5432] });

const cluster = (pods: Pod[], networkpolicies: NetworkPolicy[], more: Parameters<typeof model>[0] = {}): ClusterModel =>
  model({ namespaces: [namespace('shop')], pods, networkpolicies, ...more });

const denyAll = networkPolicy('shop/default-deny', { policyTypes: ['Ingress', 'Egress'] });
const webOut = networkPolicy('shop/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })] })] });
const apiIn = (...ports: (number | string)[]) =>
  networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports })] });
const webOnly = [denyAll, webOut, apiIn('http')];
const apiFromDb = networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'db' } })] })] });
const unevaluated = calicoPolicy('shop/api-l7', { selector: "app == 'api'" });

interface Case {
  name: string;
  base: ClusterModel;
  head: ClusterModel;
  lines: string[];
}

const cases: Case[] = [
  {
    name: 'a model against itself: no difference',
    base: cluster([web, api, db], webOnly),
    head: cluster([web, api, db], webOnly),
    lines: [
      'connectivity: no difference',
    ],
  },
  {
    name: 'a policy added cuts a pair: removed, with the policies that allowed it in the base [NP "isolated for ingress": only what some policy allows]',
    base: cluster([web, api, db], [webOut]),
    head: cluster([web, api, db], [webOut, apiFromDb]),
    lines: [
      'connectivity: 2 removed',
      '- shop/Deployment/web => shop/Deployment/api : All connections (was by shop/web)',
      '- 0.0.0.0/0,::/0 => shop/Deployment/api : All connections (was by no policy)',
    ],
  },
  {
    name: 'a policy added narrows a pair to its port: changed, with what is lost and the policies on each side; the outside is cut [NP]',
    base: cluster([web, api], []),
    head: cluster([web, api], [apiIn('http')]),
    lines: [
      'connectivity: 1 removed, 1 changed',
      '~ shop/Deployment/web => shop/Deployment/api : All connections -> TCP 8080 (-TCP 1-8079,8081-65535; UDP (all ports); SCTP (all ports)) (by no policy -> shop/api)',
      '- 0.0.0.0/0,::/0 => shop/Deployment/api : All connections (was by no policy)',
    ],
  },
  {
    name: 'a port widened: changed, with what is gained [API NetworkPolicyPort]',
    base: cluster([web, api], webOnly),
    head: cluster([web, api], [denyAll, webOut, apiIn('http', 'metrics')]),
    lines: [
      'connectivity: 1 changed',
      '~ shop/Deployment/web => shop/Deployment/api : TCP 8080 -> TCP 8080,9090 (+TCP 9090) (by shop/api, shop/web)',
    ],
  },
  {
    name: 'a workload removed: the workload and every pair it had, removed',
    base: cluster([web, api, db], webOnly),
    head: cluster([web, db], webOnly),
    lines: [
      'connectivity: 1 removed; 1 workload removed',
      '- workload shop/Deployment/api',
      '- shop/Deployment/web => shop/Deployment/api : TCP 8080 (was by shop/api, shop/web)',
    ],
  },
  {
    name: 'a workload added: the workload and its pairs, added',
    base: cluster([web, db], webOnly),
    head: cluster([web, api, db], webOnly),
    lines: [
      'connectivity: 1 added; 1 workload added',
      '+ workload shop/Deployment/api',
      '+ shop/Deployment/web => shop/Deployment/api : TCP 8080 (by shop/api, shop/web)',
    ],
  },
  {
    name: 'a policy of a kind the engine does not evaluate selects the destination in the head: unknown, never removed',
    base: cluster([web, api], webOnly),
    head: cluster([web, api], webOnly, { caliconetworkpolicies: [unevaluated] }),
    lines: [
      'connectivity: 2 unknown',
      '? shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none known; unknown: All connections (head: Calico NetworkPolicy shop/api-l7 selects the destination; kube-netmap does not evaluate Calico policies)',
      '? 0.0.0.0/0,::/0 => shop/Deployment/api : none -> none known; unknown: All connections (head: Calico NetworkPolicy shop/api-l7 selects the destination; kube-netmap does not evaluate Calico policies)',
    ],
  },
  {
    name: 'unknown on both sides and the same: no difference',
    base: cluster([web, api], webOnly, { caliconetworkpolicies: [unevaluated] }),
    head: cluster([web, api], webOnly, { caliconetworkpolicies: [unevaluated] }),
    lines: [
      'connectivity: no difference',
    ],
  },
  {
    name: 'policies unreadable in the base: every difference is unknown, and the diff says why',
    base: cluster([web, api], [], { sync: { networkpolicies: { status: 'forbidden', message: 'networkpolicies is forbidden' } } }),
    head: cluster([web, api], webOnly),
    lines: [
      '# base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden)',
      'connectivity: 6 unknown',
      '? shop/Deployment/api => shop/Deployment/web : All connections -> none (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
      '? shop/Deployment/api => 0.0.0.0/0,::/0 : All connections -> none (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
      '? shop/Deployment/web => shop/Deployment/api : All connections -> TCP 8080 (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
      '? shop/Deployment/web => 0.0.0.0/0,::/0 : All connections -> none (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
      '? 0.0.0.0/0,::/0 => shop/Deployment/api : All connections -> none (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
      '? 0.0.0.0/0,::/0 => shop/Deployment/web : All connections -> none (base: unknown: networkpolicies cannot be read (forbidden: networkpolicies is forbidden))',
    ],
  },
  {
    name: 'pods of a workload told apart in the head (one left out): changed, though the connections are the same [NP]',
    base: cluster([web, web2, api], webOnly),
    head: cluster([web, web2, api], [denyAll, webOut, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.1/32') })], ports: ['http'] })] })]),
    lines: [
      'connectivity: 1 changed',
      '~ shop/Deployment/web => shop/Deployment/api : TCP 8080 -> TCP 8080 (not every pod pair) (by shop/api, shop/web)',
    ],
  },
  {
    name: 'the same addresses in other words (one ipBlock split into two): no difference [API IPBlock]',
    base: cluster([db], [networkPolicy('shop/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('192.0.2.0/24') })], ports: [5432] })] })]),
    head: cluster([db], [networkPolicy('shop/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('192.0.2.0/25') }), peer({ ipBlock: ipBlock('192.0.2.128/25') })], ports: [5432] })] })]),
    lines: [
      'connectivity: no difference',
    ],
  },
  {
    name: 'an except added to an ipBlock: only the excepted addresses are removed [API IPBlock except]',
    base: cluster([db], [networkPolicy('shop/db', { podSelector: { app: 'db' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('0.0.0.0/0') })], ports: [policyPort(443)] })] })]),
    head: cluster([db], [networkPolicy('shop/db', { podSelector: { app: 'db' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('0.0.0.0/0', '10.0.0.0/8') })], ports: [policyPort(443)] })] })]),
    lines: [
      'connectivity: 1 removed',
      '- shop/StatefulSet/db => 10.0.0.0/8 : TCP 443 (was by shop/db)',
    ],
  },
];

describe('diffConnectivity', () => {
  it.each(cases)('$name', ({ base, head, lines }) => {
    expect(formatDiff(diffConnectivity(connectivity(base), connectivity(head))).split('\n')).toEqual(lines);
  });
});

describe('diffConnectivity as data', () => {
  it('a changed pair carries both sides with their policies, and what it gains and loses; counts and workloads are given (db added: 5 pairs, db → api cut by shop/api)', () => {
    const diff = diffConnectivity(connectivity(cluster([web, api], [])), connectivity(cluster([web, api, db], [apiIn('http')])));
    expect(JSON.parse(JSON.stringify(diff))).toEqual({
      entries: expect.arrayContaining([
        {
          kind: 'changed',
          source: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'web' },
          destination: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'api' },
          base: { connections: { all: true }, policies: [] },
          head: { connections: { TCP: [[8080, 8080]] }, policies: [{ namespace: 'shop', name: 'api' }] },
          gained: {},
          lost: { TCP: [[1, 8079], [8081, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] },
        },
      ]),
      workloads: { added: [{ type: 'workload', namespace: 'shop', kind: 'StatefulSet', name: 'db' }], removed: [] },
      counts: { added: 5, removed: 1, changed: 1, unknown: 0 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { clusterPolicy, clusterRule, ipBlock, model, namespace, networkPolicy, peer, pod, podsIn, podsPeer, policyEgress, policyIngress } from '../testing/builders';
import { calicoPolicy, ciliumEntry, ciliumPolicy, endpointsPeer } from '../testing/plugin-builders';
import { parseIp } from '../net/cidr';
import { bothSides, classSide, isClosed, peerOfClass } from './class-sides';
import { podEquivalence } from './equivalence';
import { PairCandidates } from './pair-candidates';

// Which pairs and ranges connectivity asks about (PairCandidates, from the rules a side reads: side-rules.ts). A
// pair or range it does not ask about is taken as closed, so each case also evaluates it directly (classSide on both
// sides, without candidates): "asked" must hold wherever "open" does; asking about a closed one only costs time.

const web = pod('a/web', { labels: { app: 'web' }, ip: '10.0.0.1' });
const db = pod('a/db', { labels: { app: 'db' }, ip: '10.0.0.2', ports: [{ name: 'pg', containerPort: 5432 }] });
const cluster = (init: Parameters<typeof model>[0]): ClusterModel => model({ namespaces: [namespace('a')], pods: [web, db], ...init });

const dbIsolated = networkPolicy('a/db-isolated', { podSelector: { app: 'db' }, policyTypes: ['Ingress'] });
const webIsolated = networkPolicy('a/web-isolated', { podSelector: { app: 'web' }, policyTypes: ['Egress'] });
const tcp80 = [{ type: 'number' as const, protocol: 'TCP' as const, port: 80 }];

/** The pair web -> db: whether connectivity asks it, and whether its sides, evaluated directly, let anything through. */
function pair(m: ClusterModel) {
  const equivalence = podEquivalence(m);
  const { classOf, index } = equivalence;
  const source = classOf.get(web)!;
  const destination = classOf.get(db)!;
  const direct = bothSides(classSide('egress', source, peerOfClass(destination), index), classSide('ingress', destination, peerOfClass(source), index));
  return { asked: new PairCandidates(equivalence).sourcesOf(destination).has(source.id), open: !isClosed(direct) };
}

/** web's egress side against the external range holding `ip`. */
function range(m: ClusterModel, ip: string) {
  const { classOf, index, classes, externalRanges, sides } = podEquivalence(m);
  const address = parseIp(ip)!;
  const i = externalRanges.findIndex(({ range: r }) => r.family === address.family && r.start <= address.value && address.value <= r.end);
  const source = classOf.get(web)!;
  return { asked: sides.admits('egress', source, classes.length + i), open: !isClosed(classSide('egress', source, { type: 'ip', ip: externalRanges[i]!.ip }, index)) };
}

describe('the class pairs connectivity asks about', () => {
  const cases: { name: string; model: ClusterModel; expected: { asked: boolean; open: boolean } }[] = [
    { name: 'no policy: both sides are open, the pair is asked', model: cluster({}), expected: { asked: true, open: true } },
    {
      name: 'a destination isolated for ingress whose rules do not admit the source: not asked (NetworkPolicy: only a matching rule allows)',
      model: cluster({ networkpolicies: [networkPolicy('a/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'other' } })] })] })] }),
      expected: { asked: false, open: false },
    },
    {
      name: 'an ingress rule whose peer matches the source: asked',
      model: cluster({ networkpolicies: [networkPolicy('a/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })] })] })] }),
      expected: { asked: true, open: true },
    },
    {
      name: 'a matching egress rule on a named port the destination lacks: asked, and closed (named ports resolve on the destination)',
      model: cluster({ networkpolicies: [networkPolicy('a/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'db' } })], ports: ['http'] })] })] }),
      expected: { asked: true, open: false },
    },
    {
      name: 'an Admin Deny that surely matches opens nothing on an isolated side: not asked',
      model: cluster({ networkpolicies: [dbIsolated], clusternetworkpolicies: [clusterPolicy('deny', { subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Deny', [podsPeer({}, { app: 'web' })])] })] }),
      expected: { asked: false, open: false },
    },
    {
      name: 'an Admin Accept that matches: asked (the Admin tier decides before NetworkPolicy)',
      model: cluster({ networkpolicies: [dbIsolated], clusternetworkpolicies: [clusterPolicy('accept', { subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Accept', [podsPeer({}, { app: 'web' })])] })] }),
      expected: { asked: true, open: true },
    },
    {
      name: 'Admin policies of one priority that disagree (Deny and Pass) make the connection unknown: asked',
      model: cluster({
        networkpolicies: [dbIsolated],
        clusternetworkpolicies: [
          clusterPolicy('deny', { priority: 5, subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Deny', [podsPeer({}, { app: 'web' })], tcp80)] }),
          clusterPolicy('pass', { priority: 5, subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Pass', [podsPeer({}, { app: 'web' })], tcp80)] }),
        ],
      }),
      expected: { asked: true, open: true },
    },
    {
      name: 'the same two policies at different priorities: the Deny decides, not asked',
      model: cluster({
        networkpolicies: [dbIsolated],
        clusternetworkpolicies: [
          clusterPolicy('deny', { priority: 4, subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Deny', [podsPeer({}, { app: 'web' })], tcp80)] }),
          clusterPolicy('pass', { priority: 5, subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Pass', [podsPeer({}, { app: 'web' })], tcp80)] }),
        ],
      }),
      expected: { asked: false, open: false },
    },
    {
      name: 'an Admin Deny that may match (a domain name under the cluster domain) makes the connection unknown: asked',
      model: cluster({
        networkpolicies: [webIsolated],
        clusternetworkpolicies: [clusterPolicy('maybe', { subject: podsIn({}, { app: 'web' }), egress: [clusterRule('Deny', [{ type: 'domainNames', domainNames: ['*.cluster.local'] }])] })],
      }),
      expected: { asked: true, open: true },
    },
    {
      name: 'a side no policy isolates allows what no tier denies: asked whatever its Baseline says',
      model: cluster({ clusternetworkpolicies: [clusterPolicy('baseline', { kind: 'BaselineAdminNetworkPolicy', subject: podsIn({}, { app: 'db' }), ingress: [clusterRule('Deny', [podsPeer({}, { app: 'web' })])] })] }),
      expected: { asked: true, open: false },
    },
    {
      name: 'a Cilium deny entry opens nothing: not asked (deny wins over every allow)',
      model: cluster({ ciliumnetworkpolicies: [ciliumPolicy('a/db', { endpointSelector: { matchLabels: { app: 'db' }, matchExpressions: [] }, ingressDeny: [ciliumEntry({ peers: [endpointsPeer({ app: 'web' })] })], ingress: [ciliumEntry({ peers: [endpointsPeer({ app: 'other' })] })] })] }),
      expected: { asked: false, open: false },
    },
    {
      name: 'a Cilium allow entry that matches: asked',
      model: cluster({ ciliumnetworkpolicies: [ciliumPolicy('a/db', { endpointSelector: { matchLabels: { app: 'db' }, matchExpressions: [] }, ingress: [ciliumEntry({ peers: [endpointsPeer({ app: 'web' })], ports: [5432] })] })] }),
      expected: { asked: true, open: true },
    },
    {
      name: 'a Cilium allow entry that may match (toFQDNs under the cluster domain) makes the connection unknown: asked',
      model: cluster({ ciliumnetworkpolicies: [ciliumPolicy('a/web', { endpointSelector: { matchLabels: { app: 'web' }, matchExpressions: [] }, egress: [ciliumEntry({ peers: [{ type: 'fqdn', matchPattern: '*.cluster.local' }], ports: [443] })] })] }),
      expected: { asked: true, open: true },
    },
    {
      name: 'a policy of a kind kube-netmap does not evaluate selects the destination: unknown, asked',
      model: cluster({ networkpolicies: [dbIsolated], caliconetworkpolicies: [calicoPolicy('a/db-lockdown', { selector: "app == 'db'" })] }),
      expected: { asked: true, open: true },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(pair(c.model)).toEqual(c.expected));
  }
});

describe('the external ranges connectivity asks about', () => {
  const egress = (...rules: ReturnType<typeof policyEgress>[]) => cluster({ networkpolicies: [networkPolicy('a/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: rules })] });
  const cases: { name: string; model: ClusterModel; ip: string; expected: { asked: boolean; open: boolean } }[] = [
    { name: 'an egress rule without peers admits every address: asked', model: egress(policyEgress({ ports: [443] })), ip: '8.8.8.8', expected: { asked: true, open: true } },
    { name: 'an ipBlock admits the addresses inside it: asked', model: egress(policyEgress({ to: [peer({ ipBlock: ipBlock('10.1.0.0/16') })] })), ip: '10.1.2.3', expected: { asked: true, open: true } },
    { name: 'an ipBlock does not admit the addresses outside it: not asked', model: egress(policyEgress({ to: [peer({ ipBlock: ipBlock('10.1.0.0/16') })] })), ip: '8.8.8.8', expected: { asked: false, open: false } },
    { name: 'an except of an ipBlock is outside it: not asked', model: egress(policyEgress({ to: [peer({ ipBlock: ipBlock('10.1.0.0/16', '10.1.2.0/24') })] })), ip: '10.1.2.3', expected: { asked: false, open: false } },
    { name: 'a pod selector peer matches no address: not asked', model: egress(policyEgress({ to: [peer({ pods: { app: 'db' } })] })), ip: '8.8.8.8', expected: { asked: false, open: false } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(range(c.model, c.ip)).toEqual(c.expected));
  }
});

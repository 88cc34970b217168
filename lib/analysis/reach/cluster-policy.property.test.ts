import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CiliumPeer, ClusterPolicyPeer, ClusterPolicyPort, ClusterWidePolicy, LabelSelector, NetworkPolicy, Pod } from '@/lib/model';
import type { ConnectionSet } from '../net/connection-set';
import { explainFlow, type Verdict } from '../flow/explain-flow';
import { parseCidr, parseIp } from '../net/cidr';
import { formatPolicy, type Direction } from '../policy/types';
import { bothSides, classSide, isClosed, peerOfClass, type Side } from './class-sides';
import { connectivity } from './connectivity';
import { podEquivalence } from './equivalence';
import { PairCandidates } from './pair-candidates';
import { reachablePeers } from './reachable-peers';
import { clusterPolicy, clusterRule, ipBlock, model, namespace, networkPolicy, node, peer, pod, podsIn, podsPeer, policyEgress, policyIngress, selector } from '../testing/builders';
import {
  cidrPeer,
  ciliumClusterwidePolicy,
  ciliumEntry,
  ciliumPolicy,
  ciliumPort,
  endpointsPeer,
  entityPeer,
  type CiliumPortInit,
} from '../testing/plugin-builders';

// Property (issue 9): reach, connectivity and the map group pods into equivalence classes; with cluster-wide
// policies of both tiers (subjects, pods/namespaces/networks/nodes/domainNames peers, numbered, ranged and named
// ports, Accept/Deny/Pass), NetworkPolicies and Cilium rules beside them (endpoint selectors that read labels, the
// namespace's name and labels and the service account; entities, CIDRs with except, toFQDNs; allow and deny
// sections; enableDefaultDeny; ANY, ranges and named ports), the class engine answers every pod pair, every node
// address and outside address exactly as explain does, pod by pod: allowed, unknown or denied alike.

const NAMESPACES = ['a', 'b'];
const NODES = [
  { name: 'n1', ip: '172.18.0.2' },
  { name: 'n2', ip: '172.18.0.3' },
];
const PORTS = [80, 443, 8080, 9090];
/** Outside addresses to ask about: a node's, one inside a network peer's CIDR, one far outside. */
const ADDRESSES = ['172.18.0.3', '10.1.0.99', '8.8.8.8'];

const labels = fc.record({ app: fc.constantFrom('x', 'y'), tier: fc.option(fc.constantFrom('1', '2'), { nil: undefined }) });
const podSpec = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  labels,
  ip: fc.constantFrom<'none' | 'pod' | 'network'>('none', 'pod', 'pod', 'network'),
  hostNetwork: fc.integer({ min: 0, max: 5 }).map((n) => n === 5),
  node: fc.constantFrom(0, 1),
  httpPort: fc.constantFrom<number | undefined>(8080, 9090, undefined),
  serviceAccount: fc.constantFrom<string | undefined>(undefined, 'robot'),
});

const clusterPeer: fc.Arbitrary<ClusterPolicyPeer> = fc.constantFrom<ClusterPolicyPeer>(
  podsPeer({ env: 'prod' }, { app: 'y' }),
  podsPeer({}, { tier: '1' }),
  podsPeer({ env: 'dev' }),
  podsPeer(),
  { type: 'networks', networks: ['10.1.0.0/16'] },
  { type: 'networks', networks: ['0.0.0.0/0'] },
  { type: 'nodes', nodeSelector: { matchLabels: { role: 'edge' }, matchExpressions: [] } },
  { type: 'domainNames', domainNames: ['*.cluster.local'] },
  { type: 'domainNames', domainNames: ['example.com'] },
);
/** Egress only: networks, nodes and domain names (ClusterNetworkPolicyIngressPeer has none of them). */
const ingressPeer = clusterPeer.filter((p) => p.type === 'pods');
const clusterPorts = fc.constantFrom<ClusterPolicyPort[]>(
  [],
  [{ type: 'number', protocol: 'TCP', port: 80 }],
  [{ type: 'range', protocol: 'TCP', start: 443, end: 8080 }],
  [{ type: 'named', name: 'http' }],
);
const action = fc.constantFrom('Accept' as const, 'Deny' as const, 'Pass' as const);
const rules = (peers: fc.Arbitrary<ClusterPolicyPeer>) =>
  fc.array(fc.record({ action, peers: fc.array(peers, { minLength: 1, maxLength: 2 }), ports: clusterPorts }), { maxLength: 2 });

// Cilium rules: subjects, peers and ports drawn from what the engine evaluates, and toFQDNs it does not.
const ciliumSubject = fc.constantFrom<LabelSelector>(
  selector({ app: 'x' }),
  selector({ 'k8s:tier': '1' }),
  selector(),
  selector({ 'io.cilium.k8s.policy.serviceaccount': 'robot' }),
  selector({ 'io.cilium.k8s.namespace.labels.env': 'prod' }),
);
const ciliumPeerArb = fc.constantFrom<CiliumPeer>(
  endpointsPeer({ app: 'y' }),
  endpointsPeer(),
  endpointsPeer({ 'k8s:io.kubernetes.pod.namespace': 'b' }),
  endpointsPeer({ 'io.cilium.k8s.namespace.labels.env': 'dev', tier: '2' }),
  endpointsPeer({ 'any:io.cilium.k8s.policy.serviceaccount': 'robot' }),
  entityPeer('world'),
  entityPeer('cluster'),
  entityPeer('host'),
  entityPeer('remote-node'),
  entityPeer('kube-apiserver'),
  cidrPeer('10.1.0.0/16', '10.1.0.0/24'),
  cidrPeer('0.0.0.0/0'),
  { type: 'fqdn', matchPattern: '*.example.com' },
);
const ciliumPorts = fc.constantFrom<CiliumPortInit[] | undefined>(undefined, [80], [ciliumPort(443, 'ANY', 8080)], ['http'], [ciliumPort(undefined, 'UDP')]);
const ciliumEntries = fc.array(
  fc.record({ peers: fc.array(ciliumPeerArb, { maxLength: 2 }), ports: ciliumPorts }).map(({ peers, ports }) => ciliumEntry({ peers, ...(ports ? { ports } : {}) })),
  { maxLength: 2 },
);
const ciliumRuleArb = fc.record({
  endpointSelector: ciliumSubject,
  ingress: ciliumEntries,
  ingressDeny: ciliumEntries,
  egress: ciliumEntries,
  egressDeny: ciliumEntries,
  enableDefaultDeny: fc.constantFrom({}, { ingress: false }, { egress: false }),
});

const scenario = fc.record({
  env: fc.constantFrom('prod', 'dev'),
  edge: fc.constantFrom(0, 1),
  pods: fc.array(podSpec, { minLength: 2, maxLength: 5 }),
  netpols: fc.array(
    fc.record({
      ns: fc.constantFrom(...NAMESPACES),
      app: fc.constantFrom('x', 'y'),
      ingress: fc.boolean(),
      from: fc.constantFrom('x', 'y'),
      port: fc.constantFrom<number | string>(80, 'http'),
      ipBlock: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  cluster: fc.array(
    fc.record({
      baseline: fc.boolean(),
      priority: fc.constantFrom(0, 1, 2),
      subject: fc.constantFrom(podsIn({ env: 'prod' }), podsIn({}, { app: 'x' }), podsIn()),
      ingress: rules(ingressPeer),
      egress: rules(clusterPeer),
    }),
    { maxLength: 3 },
  ),
  cilium: fc.array(fc.record({ ns: fc.constantFrom<string | undefined>(...NAMESPACES, undefined), rule: ciliumRuleArb }), { maxLength: 3 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const nodes = NODES.map((n, i) => node(n.name, { ip: n.ip, labels: i === s.edge ? { role: 'edge' } : {} }));
  const pods: Pod[] = s.pods.map((p, i) => {
    const host = NODES[p.node]!;
    const ip = p.hostNetwork ? host.ip : p.ip === 'pod' ? `10.0.0.${i + 1}` : p.ip === 'network' ? `10.1.0.${i + 1}` : undefined;
    return pod(`${p.ns}/p${i}`, {
      labels: { app: p.labels.app, ...(p.labels.tier ? { tier: p.labels.tier } : {}) },
      ...(ip ? { ip } : {}),
      hostNetwork: p.hostNetwork,
      nodeName: host.name,
      hostIP: host.ip,
      ports: p.httpPort ? [{ name: 'http', containerPort: p.httpPort }] : [],
      ...(p.serviceAccount ? { serviceAccountName: p.serviceAccount } : {}),
    });
  });
  const networkpolicies: NetworkPolicy[] = s.netpols.map((n, i) =>
    networkPolicy(`${n.ns}/np${i}`, {
      podSelector: { app: n.app },
      policyTypes: [n.ingress ? 'Ingress' : 'Egress'],
      ...(n.ingress
        ? { ingress: [policyIngress({ from: [peer({ pods: { app: n.from } }), ...(n.ipBlock ? [peer({ ipBlock: ipBlock('10.1.0.0/24') })] : [])], ports: [n.port] })] }
        : { egress: [policyEgress({ to: [peer({ pods: { app: n.from }, namespaces: {} }), ...(n.ipBlock ? [peer({ ipBlock: ipBlock('0.0.0.0/0', '10.1.0.0/24') })] : [])], ports: [n.port] })] }),
    }),
  );
  const cluster: ClusterWidePolicy[] = s.cluster.map((c, i) =>
    clusterPolicy(`cnp${i}`, {
      tier: c.baseline ? 'Baseline' : 'Admin',
      priority: c.priority,
      subject: c.subject,
      ingress: c.ingress.map((r) => clusterRule(r.action, r.peers, r.ports)),
      egress: c.egress.map((r) => clusterRule(r.action, r.peers, r.ports)),
    }),
  );
  const cilium = s.cilium.map((c, i) => (c.ns ? ciliumPolicy(`${c.ns}/cilium${i}`, c.rule) : ciliumClusterwidePolicy(`cilium${i}`, c.rule)));
  const m = model({
    namespaces: [namespace('a', { labels: { env: 'prod' } }), namespace('b', { labels: { env: s.env } })],
    nodes,
    pods,
    networkpolicies,
    clusternetworkpolicies: cluster,
    ciliumnetworkpolicies: cilium.filter((p) => p.meta.namespace),
    ciliumclusterwidenetworkpolicies: cilium.filter((p) => !p.meta.namespace),
  });
  return { m, pods };
}

const verdictOf = (found: { connections: ConnectionSet; unknown?: { connections: ConnectionSet } } | undefined, port: number): Verdict => {
  if (found?.connections.allows('TCP', port)) return 'allowed';
  return found?.unknown?.connections.allows('TCP', port) ? 'unknown' : 'denied';
};

const inCidrs = (cidrs: string[], ip: string) => {
  const address = parseIp(ip)!;
  return cidrs.some((c) => {
    const range = parseCidr(c)!;
    return range.family === address.family && range.start <= address.value && address.value <= range.end;
  });
};

/** A from × to grid of the verdicts that disagree, for a failure message. */
function grid(rows: { from: string; to: string; port: number; explain: Verdict; reach: Verdict; connectivity: Verdict }[]): string {
  return rows.map((r) => `${r.from} -> ${r.to} :${r.port}  explain=${r.explain} reach=${r.reach} connectivity=${r.connectivity}`).join('\n');
}

describe('property: the class engine answers as explain with cluster-wide policies and Cilium rules', () => {
  it('every pod pair and outside address, every port: reach and connectivity say what explain says', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { m, pods } = build(s);
        const report = connectivity(m);
        expect(report.unknown).toBeUndefined();
        const wrong: Parameters<typeof grid>[0] = [];
        for (const src of pods) {
          const reach = reachablePeers(m, { namespace: src.meta.namespace!, name: src.meta.name }).egress;
          const ends = [
            ...pods.filter((p) => p !== src).map((p) => ({ to: `pod/${p.meta.namespace}/${p.meta.name}`, pod: p, ip: undefined })),
            // An address that is a pod's own is that pod, asked about above.
            ...ADDRESSES.filter((ip) => !pods.some((p) => !p.hostNetwork && p.podIPs.includes(ip))).map((ip) => ({ to: ip, pod: undefined, ip })),
          ];
          for (const end of ends) {
            if (end.ip && pods.some((p) => p.podIPs.includes(end.ip))) continue; // a host-network pod's address is its node's: explain reads the pod
            const peer = end.pod
              ? reach.find((r) => r.peer.type === 'pod' && r.peer.name === end.pod.meta.name && r.peer.namespace === end.pod.meta.namespace)
              : reach.find((r) => r.peer.type === 'ipRange' && inCidrs(r.peer.cidrs, end.ip!));
            const entry = report.entries.find(
              (e) =>
                e.source.type === 'workload' &&
                e.source.name === src.meta.name &&
                e.source.namespace === src.meta.namespace &&
                (end.pod
                  ? e.destination.type === 'workload' && e.destination.name === end.pod.meta.name && e.destination.namespace === end.pod.meta.namespace
                  : e.destination.type === 'ipRange' && inCidrs(e.destination.cidrs, end.ip!)),
            );
            for (const port of PORTS) {
              const explain = explainFlow(m, { from: `pod/${src.meta.namespace}/${src.meta.name}`, to: end.to, port }).paths[0]!.verdict;
              const row = { from: src.meta.name, to: end.to, port, explain, reach: verdictOf(peer, port), connectivity: verdictOf(entry, port) };
              // connectivity leaves the own-node exception out of its ranges (it holds for every pod and its node).
              const ownNode = !!end.ip && !src.hostNetwork && NODES.find((n) => n.ip === end.ip)?.name === src.nodeName;
              if (row.reach !== explain || (!ownNode && row.connectivity !== explain)) wrong.push(row);
            }
          }
        }
        expect(wrong, grid(wrong)).toEqual([]);
      }),
      { numRuns: 200, seed: 9 },
    );
  }, 120_000);
});

// Property (issues 9, 13): SideMemo computes a class-level side once per profile of the other end (side-rules.ts:
// each rule's answer for the other end's class or peer group, and its named ports on egress) and hands it to every
// other end with that profile. For every direction and class pair, the memoised side is the side computed directly
// for that pair, without any memo: same allowed and unknown connections, same policies, same reasons (but for the pod
// a reason names, which is the representative the side was computed on).
describe('property: sides shared by profile are the sides computed pair by pair', () => {
  const samePod = (reasons: string[] = []) => reasons.map((r) => r.replace(/pod [^ ]+\/[^ ]+/g, 'pod *')).sort();
  const view = (side: Side) => ({
    allowed: side.allowed.toString(),
    unknown: side.unknown?.connections.toString(),
    reasons: samePod(side.unknown?.reasons),
    policies: side.policies.map(formatPolicy).sort(),
  });

  it('every direction, every subject class against every other class', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { m } = build(s);
        const { classes, sides, index } = podEquivalence(m);
        const wrong: string[] = [];
        for (const direction of ['egress', 'ingress'] as Direction[]) {
          for (const subject of classes) {
            for (const other of classes) {
              const memoised = view(sides.side(direction, subject, other));
              const direct = view(classSide(direction, subject, peerOfClass(other), index));
              if (JSON.stringify(memoised) !== JSON.stringify(direct)) wrong.push(`${direction} ${subject.key} / ${other.key}: ${JSON.stringify(memoised)} != ${JSON.stringify(direct)}`);
            }
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 300, seed: 13 },
    );
  }, 120_000);
});

// Property (issue 13): connectivity asks only the class pairs PairCandidates names (from the bitsets of what each
// side's rules admit, side-rules.ts) and only the external ranges a side's candidates hold; every other pair and
// range is taken as closed. Against the pairwise evaluation (classSide on both sides of every class pair, and on the
// subject's side of every class and range, without memo or candidates), no open pair or range is left out, and the
// range sides shared by profile are the ranges' sides computed one by one. Half the scenarios give every
// cluster-wide policy one priority, so that policies of a tier compete (their disagreements are unknown).
describe('property: the pairs and ranges connectivity evaluates hold every one that lets something through', () => {
  const tied = scenario.map((s) => ({ ...s, cluster: s.cluster.map((c) => ({ ...c, priority: 0 as const })) }));
  const samePod = (reasons: string[] = []) => reasons.map((r) => r.replace(/pod [^ ]+\/[^ ]+/g, 'pod *')).sort();
  const view = (side: Side) =>
    JSON.stringify({ allowed: side.allowed.toString(), unknown: side.unknown?.connections.toString(), reasons: samePod(side.unknown?.reasons), policies: side.policies.map(formatPolicy).sort() });

  /** Sources × destinations: `X` an open pair left out, `o` an open pair asked, `c` a closed pair asked, `.` a closed pair left out. */
  const pairGrid = (keys: string[], cell: (from: number, to: number) => string) =>
    [
      'from \\ to  ' + keys.map((_, j) => String(j % 10)).join(''),
      ...keys.map((key, i) => `${String(i).padStart(9)}  ${keys.map((_, j) => cell(i, j)).join('')}  ${key.replaceAll('\u0000', ' | ')}`),
    ].join('\n');

  it('every class pair whose sides both let something through, and every such range, is asked', () => {
    fc.assert(
      fc.property(fc.oneof(scenario, tied), (s) => {
        const { m } = build(s);
        const equivalence = podEquivalence(m);
        const { classes, sides, index, externalRanges } = equivalence;
        const pairs = new PairCandidates(equivalence);
        const cells = classes.map(() => classes.map(() => '.'));
        let missed = 0;
        for (const destination of classes) {
          const sources = pairs.sourcesOf(destination);
          for (const source of classes) {
            const direct = bothSides(classSide('egress', source, peerOfClass(destination), index), classSide('ingress', destination, peerOfClass(source), index));
            const asked = sources.has(source.id);
            cells[source.id]![destination.id] = isClosed(direct) ? (asked ? 'c' : '.') : asked ? 'o' : 'X';
            if (!isClosed(direct) && !asked) missed += 1;
          }
        }
        const wrongRanges: string[] = [];
        for (const direction of ['egress', 'ingress'] as Direction[]) {
          for (const subject of classes) {
            externalRanges.forEach(({ ip }, i) => {
              const direct = classSide(direction, subject, { type: 'ip', ip }, index);
              if (!isClosed(direct) && !sides.admits(direction, subject, classes.length + i)) wrongRanges.push(`${direction} ${subject.id} / ${ip}: left out, but ${view(direct)}`);
              const shared = sides.rangeSide(direction, subject, i);
              if (view(shared) !== view(direct)) wrongRanges.push(`${direction} ${subject.id} / ${ip}: ${view(shared)} != ${view(direct)}`);
            });
          }
        }
        expect(missed, pairGrid(classes.map((c) => c.key), (i, j) => cells[i]![j]!)).toBe(0);
        expect(wrongRanges).toEqual([]);
      }),
      { numRuns: 300, seed: 1313 },
    );
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { CiliumPolicy, ClusterModel, NetworkPolicy, Pod } from '@/lib/model';
import { formatRange } from '../net/cidr';
import type { ClusterWidePolicy } from '@/lib/model';
import { clusterPolicy, clusterRule, ipBlock, model, namespace, networkPolicy, node, peer, pod, podsIn, podsPeer, policyEgress, policyIngress, requirement, selector } from '../testing/builders';
import { cidrPeer, ciliumClusterwidePolicy, ciliumEntry, ciliumPolicy, endpointsPeer } from '../testing/plugin-builders';
import { externalRanges, podEquivalence, sameNodeHostPair } from './equivalence';

// Citations: [API] = the networking.k8s.io/v1 NetworkPolicy API reference (NetworkPolicySpec, NetworkPolicyPeer,
// NetworkPolicyPort, IPBlock); [NP] = kubernetes.io/docs/concepts/services-networking/network-policies.

const allowWebOnHttp = networkPolicy('shop/api', {
  podSelector: { app: 'api' },
  ingress: [policyIngress({ from: [peer({ pods: { app: 'web', tier: 'front' } })], ports: ['http'] })],
});
const fromOffice = (cidr: string, ...except: string[]) =>
  networkPolicy('shop/office', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock(cidr, ...except) })] })] });

function cluster(pods: Pod[], policies: NetworkPolicy[] = [allowWebOnHttp], clusternetworkpolicies: ClusterWidePolicy[] = []): ClusterModel {
  return model({ namespaces: [namespace('shop'), namespace('data')], nodes: [node('node-1', { ip: '172.18.0.2' })], pods, networkpolicies: policies, clusternetworkpolicies });
}

// [CNP] = the policy.networking.k8s.io v1alpha2 ClusterNetworkPolicy API reference (ClusterNetworkPolicySpec.subject,
// ClusterNetworkPolicyIngressPeer/EgressPeer, ClusterNetworkPolicyPort).
const denyEgressTo = (name: string, peers: Parameters<typeof clusterRule>[1], ports: Parameters<typeof clusterRule>[2] = []) =>
  clusterPolicy(name, { egress: [clusterRule('Deny', peers, ports)] });

/** Which of the pods share a class, as groups of names in model order. */
function groups(m: ClusterModel): string[][] {
  return podEquivalence(m).classes.map((c) => c.pods.map((p) => p.meta.name));
}

interface Case {
  name: string;
  model: ClusterModel;
  groups: string[][];
}

const web = (name: string, init: Parameters<typeof pod>[1] = {}) =>
  pod(`shop/${name}`, { labels: { app: 'web', tier: 'front' }, ports: [{ name: 'http', containerPort: 8080 }], ...init });

const cases: Case[] = [
  {
    name: 'pods with the same namespace, labels and named ports share a class',
    model: cluster([web('web-1', { ip: '10.0.0.1' }), web('web-2', { ip: '10.0.0.2' })]),
    groups: [['web-1', 'web-2']],
  },
  {
    name: 'a label a selector names, with a different value, splits [API LabelSelector.matchLabels]',
    model: cluster([web('web-1'), web('web-2', { labels: { app: 'web', tier: 'back' } })]),
    groups: [['web-1'], ['web-2']],
  },
  {
    name: 'the same labels in another namespace are another class (policies are namespaced) [API NetworkPolicySpec.podSelector]',
    model: cluster([web('web-1'), pod('data/web-1', { labels: { app: 'web', tier: 'front' }, ports: [{ name: 'http', containerPort: 8080 }] })]),
    groups: [['web-1'], ['web-1']],
  },
  {
    name: 'labels no selector names (pod-template-hash, a StatefulSet pod name) do not split',
    model: cluster([
      web('web-1', { labels: { app: 'web', tier: 'front', 'pod-template-hash': 'abc', 'statefulset.kubernetes.io/pod-name': 'web-1' } }),
      web('web-2', { labels: { app: 'web', tier: 'front', 'pod-template-hash': 'def', 'statefulset.kubernetes.io/pod-name': 'web-2' } }),
    ]),
    groups: [['web-1', 'web-2']],
  },
  {
    name: 'values a selector never names look alike to every selector: app=a and app=b share a class when only app=web/api are named',
    model: cluster([pod('shop/a', { labels: { app: 'a' } }), pod('shop/b', { labels: { app: 'b' } }), pod('shop/c', { labels: {} })]),
    groups: [['a', 'b'], ['c']],
  },
  {
    name: 'a key an Exists/NotIn expression names splits on presence [API LabelSelectorRequirement]',
    model: cluster(
      [pod('shop/a', { labels: { canary: 'yes' } }), pod('shop/b', { labels: { canary: 'no' } }), pod('shop/c', { labels: {} })],
      [networkPolicy('shop/canary', { podSelector: { matchLabels: {}, matchExpressions: [requirement('canary', 'Exists')] }, policyTypes: ['Ingress'] })],
    ),
    groups: [['a', 'b'], ['c']],
  },
  {
    name: 'a named port a policy uses, with another number, splits (it resolves on the destination pod) [API NetworkPolicyPort.port]',
    model: cluster([web('web-1'), web('web-2', { ports: [{ name: 'http', containerPort: 9090 }] })]),
    groups: [['web-1'], ['web-2']],
  },
  {
    name: 'named ports no policy uses, and unnamed ports, do not split',
    model: cluster([web('web-1', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'debug', containerPort: 6060 }] }), web('web-2', { ports: [{ name: 'http', containerPort: 8080 }, 7070] })]),
    groups: [['web-1', 'web-2']],
  },
  {
    name: 'host-network pods are classes of their own (never selected, and the own-node exception depends on their node) [NP]',
    model: cluster([web('agent-1', { hostNetwork: true, nodeName: 'node-1' }), web('agent-2', { hostNetwork: true, nodeName: 'node-1' })]),
    groups: [['agent-1'], ['agent-2']],
  },
  {
    name: 'without any ipBlock, pod IPs play no part',
    model: cluster([web('web-1', { ip: '10.0.0.1' }), web('web-2', { ip: '192.168.7.7' }), web('web-3')]),
    groups: [['web-1', 'web-2', 'web-3']],
  },
  {
    name: 'with an ipBlock, pods split by which cidr/except their IP is in: 10.0.1.5 is in the except [API IPBlock.except]',
    model: cluster([web('web-1', { ip: '10.0.0.5' }), web('web-2', { ip: '10.0.1.5' }), web('web-3', { ip: '10.0.2.5' })], [allowWebOnHttp, fromOffice('10.0.0.0/16', '10.0.1.0/24')]),
    // 10.0.0.5 and 10.0.2.5 lie on either side of the except but inside exactly the same blocks.
    groups: [['web-1', 'web-3'], ['web-2']],
  },
  {
    name: 'with an ipBlock, a pod outside every block, one without an IP and one with an unparsable IP match no ipBlock alike',
    model: cluster([web('web-1', { ip: '192.168.0.1' }), web('web-2'), web('web-3', { ip: 'not-an-ip' }), web('web-4', { ip: '10.0.9.9' })], [allowWebOnHttp, fromOffice('10.0.0.0/16')]),
    groups: [['web-1', 'web-2', 'web-3'], ['web-4']],
  },
  {
    name: 'a dual-stack pod is inside an ipBlock when any of its IPs is: keyed by all of them [API IPBlock]',
    model: cluster([web('web-1', { podIPs: ['10.0.0.1', 'fd00::1'] }), web('web-2', { podIPs: ['10.0.0.2'] }), web('web-3', { podIPs: ['10.0.0.3', 'fd00::3'] })], [allowWebOnHttp, fromOffice('fd00::/64')]),
    groups: [['web-1', 'web-3'], ['web-2']],
  },
  {
    name: 'a label a cluster-wide policy\'s subject names splits [CNP ClusterNetworkPolicySpec.subject]',
    model: cluster([pod('shop/a', { labels: { team: 'red' } }), pod('shop/b', { labels: { team: 'blue' } })], [], [clusterPolicy('red', { subject: podsIn({}, { team: 'red' }), egress: [clusterRule('Deny', [podsPeer()])] })]),
    groups: [['a'], ['b']],
  },
  {
    name: 'a label a cluster-wide pods peer names splits [CNP ClusterNetworkPolicyEgressPeer.pods]',
    model: cluster([pod('shop/a', { labels: { team: 'red' } }), pod('shop/b', { labels: { team: 'blue' } })], [], [denyEgressTo('to-red', [podsPeer({}, { team: 'red' })])]),
    groups: [['a'], ['b']],
  },
  {
    name: 'a named port a cluster-wide rule uses splits by its number [CNP ClusterNetworkPolicyPort.namedPort]',
    model: cluster([web('web-1'), web('web-2', { ports: [{ name: 'http', containerPort: 9090 }] })], [], [denyEgressTo('http', [podsPeer()], [{ type: 'named', name: 'http' }])]),
    groups: [['web-1'], ['web-2']],
  },
  {
    name: 'networks cut pods by their IPs like ipBlocks, and a pod with no IP (which a network may hold) is apart [CNP ClusterNetworkPolicyEgressPeer.networks]',
    model: cluster([web('web-1', { ip: '10.1.0.1' }), web('web-2', { ip: '10.2.0.1' }), web('web-3'), web('web-4', { ip: '10.2.0.2' })], [], [denyEgressTo('net', [{ type: 'networks', networks: ['10.1.0.0/16'] }])]),
    groups: [['web-1'], ['web-2', 'web-4'], ['web-3']],
  },
  {
    name: 'a Cilium rule splits the pods it selects from the others [CIL endpointSelector]',
    model: ciliumModel([pod('shop/a', { labels: { app: 'db' } }), pod('shop/b', { labels: { app: 'web' } })], ciliumPolicy('shop/db', { endpointSelector: selector({ 'k8s:app': 'db' }), ingress: [ciliumEntry()] })),
    groups: [['a'], ['b']],
  },
  {
    name: 'the service account a Cilium selector names splits [CIL io.cilium.k8s.policy.serviceaccount]',
    model: ciliumModel(
      [pod('shop/a', { serviceAccountName: 'robot' }), pod('shop/b'), pod('shop/c', { serviceAccountName: 'human' })],
      ciliumPolicy('shop/out', { endpointSelector: selector(), egress: [ciliumEntry({ peers: [endpointsPeer({ 'io.cilium.k8s.policy.serviceaccount': 'robot' })] })] }),
    ),
    groups: [['a'], ['b', 'c']],
  },
  {
    name: 'a named port a Cilium toPorts names splits by its number [CIL PortProtocol.port]',
    model: ciliumModel([web('web-1'), web('web-2', { ports: [{ name: 'http', containerPort: 9090 }] })], ciliumPolicy('shop/in', { endpointSelector: selector(), ingress: [ciliumEntry({ ports: ['http'] })] })),
    groups: [['web-1'], ['web-2']],
  },
  {
    name: 'Cilium CIDRs never match pods: they do not split pods by their IPs [CIL toCIDR]',
    model: ciliumModel([web('web-1', { ip: '10.0.0.1' }), web('web-2', { ip: '192.168.0.9' })], ciliumPolicy('shop/out', { endpointSelector: selector(), egress: [ciliumEntry({ peers: [cidrPeer('10.0.0.0/8')] })] })),
    groups: [['web-1', 'web-2']],
  },
];

// [CIL] = Cilium's policy language (docs.cilium.io security/policy/language) and pkg/policy/api of cilium v1.20.2.
function ciliumModel(pods: Pod[], ...cilium: CiliumPolicy[]): ClusterModel {
  return model({
    namespaces: [namespace('shop'), namespace('data'), namespace('other')],
    nodes: [node('node-1', { ip: '172.18.0.2' })],
    pods,
    ciliumnetworkpolicies: cilium.filter((p) => p.meta.namespace),
    ciliumclusterwidenetworkpolicies: cilium.filter((p) => !p.meta.namespace),
  });
}

describe('podEquivalence', () => {
  it.each(cases)('$name', ({ model: m, groups: expected }) => {
    expect(groups(m)).toEqual(expected);
  });

  it('is cached per model object, like indexModel', () => {
    const m = cluster([web('web-1')]);
    expect(podEquivalence(m)).toBe(podEquivalence(m));
    expect(podEquivalence({ ...m })).not.toBe(podEquivalence(m));
  });

  it('signatures: classes isolated by the same policies share a signature; a class no policy isolates has none', () => {
    const m = cluster(
      [pod('shop/a', { labels: { app: 'api', v: '1' } }), pod('shop/b', { labels: { app: 'api', v: '2' } }), pod('shop/c', { labels: { app: 'db' } })],
      [allowWebOnHttp, networkPolicy('shop/v', { podSelector: { v: '1' }, policyTypes: ['Egress'] }), networkPolicy('shop/w', { podSelector: { v: '2' }, policyTypes: ['Egress'] })],
    );
    const [a, b, c] = podEquivalence(m).classes;
    expect(a!.signature.ingress).toBe(b!.signature.ingress);
    expect(a!.signature.ingress).toBeGreaterThanOrEqual(0);
    expect(a!.signature.egress).not.toBe(b!.signature.egress);
    expect(c!.signature).toEqual({ egress: -1, ingress: -1 });
  });

  it('signatures: a class only a cluster-wide policy selects has one (its side is governed); policies of different tiers differ', () => {
    const m = cluster(
      [pod('shop/a', { labels: { team: 'red' } }), pod('shop/b', { labels: { team: 'blue' } }), pod('shop/c', { labels: { team: 'green' } })],
      [],
      [
        clusterPolicy('red', { subject: podsIn({}, { team: 'red' }), egress: [clusterRule('Deny', [podsPeer()])] }),
        clusterPolicy('blue', { tier: 'Baseline', subject: podsIn({}, { team: 'blue' }), egress: [clusterRule('Deny', [podsPeer()])] }),
      ],
    );
    const [a, b, c] = podEquivalence(m).classes;
    expect([a!.signature.egress >= 0, b!.signature.egress >= 0, a!.signature.egress === b!.signature.egress]).toEqual([true, true, false]);
    expect(c!.signature).toEqual({ egress: -1, ingress: -1 });
  });

  it('a host-network class keeps its node (nodes peers match it by its node); other representatives carry none', () => {
    const m = cluster([web('agent', { hostNetwork: true, nodeName: 'node-1', ip: '172.18.0.2' })]);
    expect(podEquivalence(m).classes[0]!.representative.nodeName).toBe('node-1');
  });

  it("peer groups: the namespace's name a Cilium selector names tells apart classes of namespaces that look alike otherwise [CIL io.kubernetes.pod.namespace]", () => {
    const m = ciliumModel(
      [pod('shop/a', { labels: { app: 'x' } }), pod('data/b', { labels: { app: 'x' } }), pod('other/c', { labels: { app: 'x' } })],
      ciliumClusterwidePolicy('to-data', { endpointSelector: selector({ app: 'y' }), egress: [ciliumEntry({ peers: [endpointsPeer({ 'k8s:io.kubernetes.pod.namespace': 'data' })] })] }),
    );
    const [a, b, c] = podEquivalence(m).classes;
    expect([a!.peerGroup === c!.peerGroup, a!.peerGroup === b!.peerGroup]).toEqual([true, false]);
  });

  it('signatures: a class a Cilium rule selects has one (its side is governed), per direction', () => {
    const m = ciliumModel([pod('shop/a', { labels: { app: 'db' } }), pod('shop/b')], ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }), ingress: [ciliumEntry()] }));
    const [a, b] = podEquivalence(m).classes;
    expect([a!.signature.ingress >= 0, a!.signature.egress, b!.signature]).toEqual([true, -1, { egress: -1, ingress: -1 }]);
  });

  it('representatives carry no node, so class-level results never include the own-node exception', () => {
    const m = cluster([web('web-1', { nodeName: 'node-1', hostIP: '172.18.0.2' })]);
    const [c] = podEquivalence(m).classes;
    expect([c!.representative.nodeName, c!.representative.hostIP, c!.pods[0]!.nodeName]).toEqual([undefined, undefined, 'node-1']);
  });
});

describe('externalRanges', () => {
  const ranges = (m: ClusterModel, splitAt: string[] = []) => externalRanges(podEquivalence(m), splitAt).map((r) => formatRange(r.range));
  const egressTo = (cidr: string, ...except: string[]) =>
    networkPolicy('shop/out', { podSelector: {}, egress: [policyEgress({ to: [peer({ ipBlock: ipBlock(cidr, ...except) })], ports: [443] })] });

  it('without ipBlocks, the whole of both families', () => {
    expect(ranges(cluster([web('web-1', { ip: '10.0.0.1' })]))).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('0.0.0.0/0 except 10.0.0.0/8 cuts IPv4 in three, around the except [API IPBlock]', () => {
    expect(ranges(cluster([], [egressTo('0.0.0.0/0', '10.0.0.0/8')]))).toEqual(['0.0.0.0-9.255.255.255', '10.0.0.0/8', '11.0.0.0-255.255.255.255', '::/0']);
  });

  it('Cilium CIDRs and excepts cut the address space, and node addresses are ranges of their own (entities host, remote-node) [CIL]', () => {
    const m = ciliumModel([], ciliumPolicy('shop/out', { endpointSelector: selector(), egress: [ciliumEntry({ peers: [cidrPeer('10.0.0.0/8', '10.1.0.0/16')] })] }));
    expect(ranges(m)).toEqual(['0.0.0.0-9.255.255.255', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0-10.255.255.255', '11.0.0.0-172.18.0.1', '172.18.0.2/32', '172.18.0.3-255.255.255.255', '::/0']);
  });

  it('a range made only of pod addresses is no external range', () => {
    const m = cluster([web('web-1', { ip: '10.0.0.7' })], [egressTo('10.0.0.7/32')]);
    expect(ranges(m)).toEqual(['0.0.0.0-10.0.0.6', '10.0.0.8-255.255.255.255', '::/0']);
  });

  it('a nodes peer makes every node address a range of its own [CNP ClusterNetworkPolicyEgressPeer.nodes]', () => {
    const m = cluster([], [], [denyEgressTo('nodes', [{ type: 'nodes', nodeSelector: { matchLabels: {}, matchExpressions: [] } }])]);
    expect(ranges(m)).toEqual(['0.0.0.0-172.18.0.1', '172.18.0.2/32', '172.18.0.3-255.255.255.255', '::/0']);
  });

  it('splitAt makes each address a range of its own (a pod\'s own node addresses)', () => {
    expect(ranges(cluster([]), ['172.18.0.2'])).toEqual(['0.0.0.0-172.18.0.1', '172.18.0.2/32', '172.18.0.3-255.255.255.255', '::/0']);
  });
});

describe('sameNodeHostPair', () => {
  const agent = web('agent', { hostNetwork: true, nodeName: 'node-1' });
  it.each([
    { name: 'a pod and a host-network pod on the same node', a: web('w', { nodeName: 'node-1' }), b: agent, expected: true },
    { name: 'either order', a: agent, b: web('w', { nodeName: 'node-1' }), expected: true },
    { name: 'on different nodes', a: web('w', { nodeName: 'node-2' }), b: agent, expected: false },
    { name: 'a pod not scheduled yet', a: web('w'), b: agent, expected: false },
    { name: 'two pods with their own network', a: web('w', { nodeName: 'node-1' }), b: web('v', { nodeName: 'node-1' }), expected: false },
  ])('$name: $expected', ({ a, b, expected }) => {
    expect(sameNodeHostPair(a, b)).toBe(expected);
  });
});

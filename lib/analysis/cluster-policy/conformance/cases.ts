// The upstream conformance tests (sigs.k8s.io/network-policy-api v0.3.0, conformance/tests/*.go) as data: for each
// test (its ShortName), the manifests it applies and its t.Run steps in order, each with the mutations the Go code
// makes and its PokeServer calls: client pod, server pod, protocol, port, and whether the connection succeeds.
// Mutations carry over from step to step, as they do on the suite's cluster. Pods are `<house>/<pod>` in the
// namespace network-policy-conformance-<house>.
import type { Protocol } from '@/lib/model';
import type { ConformanceCluster } from './cluster';

export interface Poke {
  type: 'poke';
  /** `house/pod`: the pod in namespace network-policy-conformance-<house> (see inHouse). */
  client: string;
  server: string;
  protocol: Protocol;
  port: number;
  expected: boolean;
}

export interface Mutation {
  type: 'mutate';
  /** As the table spells it: `swapRules(egress-tcp, egress, 0, 1)`. */
  text: string;
  apply: (cluster: ConformanceCluster) => void;
}

export interface ConformanceStep {
  /** The Go t.Run description. */
  name: string;
  ops: (Poke | Mutation)[];
}

export interface ConformanceTest {
  /** The Go test's ShortName. */
  test: string;
  /** Relative to conformance/base/ (here, to this directory). */
  manifests: string[];
  steps: ConformanceStep[];
}

const NAMESPACE_PREFIX = 'network-policy-conformance-';
/** `gryffindor/harry-potter-0` (or a namespace, `gryffindor`) as the cluster names it. */
export const inHouse = (house: string) => `${NAMESPACE_PREFIX}${house}`;

const poke = (client: string, server: string, protocol: Protocol, port: number, expected: boolean): Poke => ({
  type: 'poke', client, server, protocol, port, expected,
});
const step = (name: string, ops: (Poke | Mutation)[]): ConformanceStep => ({ name, ops });

type MutationName = 'swapRules' | 'setAction' | 'setNamedPort' | 'setPriority' | 'allowEgressToPodIPs' | 'setNamespaceLabels' | 'setPodLabel' | 'removePodLabel' | 'deleteNetworkPolicy';
const mutation =
  <K extends MutationName>(name: K, qualify: (args: Parameters<ConformanceCluster[K]>) => Parameters<ConformanceCluster[K]> = (a) => a) =>
  (...args: Parameters<ConformanceCluster[K]>): Mutation => ({
    type: 'mutate',
    text: `${name}(${args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a))).join(', ')})`,
    apply: (cluster) => (cluster[name] as (...a: Parameters<ConformanceCluster[K]>) => void).apply(cluster, qualify(args)),
  });
const swapRules = mutation('swapRules');
const setAction = mutation('setAction');
const setNamedPort = mutation('setNamedPort');
const setPriority = mutation('setPriority');
const allowEgressToPodIPs = mutation('allowEgressToPodIPs', ([policy, pods]) => [policy, pods.map(inHouse)]);
const setNamespaceLabels = mutation('setNamespaceLabels', ([house, labels]) => [inHouse(house), labels]);
const setPodLabel = mutation('setPodLabel', ([pod, key, value]) => [inHouse(pod), key, value]);
const removePodLabel = mutation('removePodLabel', ([pod, key]) => [inHouse(pod), key]);
const deleteNetworkPolicy = mutation('deleteNetworkPolicy', ([ref]) => [inHouse(ref)]);

export const CONFORMANCE_TESTS: ConformanceTest[] = [
  {
    test: 'CNPAdminTierEgressNamedPort',
    manifests: ['admin_tier/standard-egress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for named port", [
        setNamedPort('egress-tcp', 'egress', 5, 'web'),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, false),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierIngressNamedPort',
    manifests: ['admin_tier/standard-ingress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for named port", [
        setNamedPort('ingress-udp', 'ingress', 5, 'dns'),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierEgressInlineCIDRPeers',
    manifests: ['admin_tier/standard-egress-inline-cidr-rules.yaml'],
    steps: [
      step("Should support a 'deny-egress' rule policy for egress-cidr-peer", [
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        setNamespaceLabels('slytherin', { 'conformance-house': 'denied-namespace-label' }),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        setNamespaceLabels('slytherin', { 'conformance-house': 'slytherin' }),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
      ]),
      step("Should support an 'allow-egress' rule policy for egress-cidr-peer", [
        allowEgressToPodIPs('inline-cidr-as-peers-example', ['ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0']),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, false),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierEgressSCTP',
    manifests: ['admin_tier/standard-egress-sctp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'allow-egress' policy for SCTP protocol at the specified port", [
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('egress-sctp', 'egress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
      ]),
      step("Should support a 'deny-egress' policy for SCTP protocol at the specified port", [
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'pass-egress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('egress-sctp', 'egress', 0, 2),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, true),
      ]),
      step("Should support a 'pass-egress' policy for SCTP protocol at the specified port", [
        swapRules('egress-sctp', 'egress', 3, 4),
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierEgressTCP',
    manifests: ['admin_tier/standard-egress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'allow-egress' policy for TCP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
      ]),
      step("Should not affect ingress traffic when only egress rules are specified", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
      ]),
      step("Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('egress-tcp', 'egress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 8080, false),
      ]),
      step("Should support a 'deny-egress' policy for TCP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'pass-egress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('egress-tcp', 'egress', 0, 2),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
      ]),
      step("Should support a 'pass-egress' policy for TCP protocol at the specified port", [
        swapRules('egress-tcp', 'egress', 3, 4),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierEgressUDP',
    manifests: ['admin_tier/standard-egress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected", [
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
      ]),
      step("Should support an 'allow-egress' policy for UDP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
      ]),
      step("Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('egress-udp', 'egress', 0, 1),
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, false),
      ]),
      step("Should support a 'deny-egress' policy for UDP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, false),
        poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
      ]),
      step("Should support an 'pass-egress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('egress-udp', 'egress', 0, 2),
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, true),
      ]),
      step("Should support a 'pass-egress' policy for UDP protocol at the specified port", [
        swapRules('egress-udp', 'egress', 3, 4),
        poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierGress',
    manifests: ['admin_tier/standard-gress-rules-combined.yaml'],
    steps: [
      step("Should support an 'allow-gress' policy across different protocols", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
      ]),
      step("Should support an 'allow-gress' policy across different protocols at the specified ports", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-gress' policy across different protocols", [
        swapRules('gress-rules', 'egress', 0, 1),
        swapRules('gress-rules', 'ingress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
      ]),
      step("Should support a 'deny-gress' policy across different protocols at the specified ports", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'pass-gress' policy across different protocols", [
        swapRules('gress-rules', 'egress', 0, 2),
        swapRules('gress-rules', 'ingress', 0, 2),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
      ]),
      step("Should support a 'pass-gress' policy across different protocols at the specified ports", [
        swapRules('gress-rules', 'egress', 3, 4),
        swapRules('gress-rules', 'ingress', 3, 4),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierIngressSCTP',
    manifests: ['admin_tier/standard-ingress-sctp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'allow-ingress' policy for SCTP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('ingress-sctp', 'ingress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
      ]),
      step("Should support a 'deny-ingress' policy for SCTP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
        poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('ingress-sctp', 'ingress', 0, 2),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, true),
      ]),
      step("Should support a 'pass-ingress' policy for SCTP protocol at the specified port", [
        swapRules('ingress-sctp', 'ingress', 3, 4),
        poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierIngressTCP',
    manifests: ['admin_tier/standard-ingress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'allow-ingress' policy for TCP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
      ]),
      step("Should not affect egress traffic when only ingress rules are specified", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
      ]),
      step("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('ingress-tcp', 'ingress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
      ]),
      step("Should support a 'deny-ingress' policy for TCP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'pass-ingress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('ingress-tcp', 'ingress', 0, 2),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
      step("Should support a 'pass-ingress' policy for TCP protocol at the specified port", [
        swapRules('ingress-tcp', 'ingress', 3, 4),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierIngressUDP',
    manifests: ['admin_tier/standard-ingress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
      ]),
      step("Should support an 'allow-ingress' policy for UDP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
      ]),
      step("Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('ingress-udp', 'ingress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
      ]),
      step("Should support a 'deny-ingress' policy for UDP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, false),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
      ]),
      step("Should support an 'pass-ingress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('ingress-udp', 'ingress', 0, 2),
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
      ]),
      step("Should support a 'pass-ingress' policy for UDP protocol at the specified port", [
        swapRules('ingress-udp', 'ingress', 3, 4),
        poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierIntegration',
    manifests: ['api_integration/standard-anp-np-banp.yaml'],
    steps: [
      step("Should Deny traffic from slytherin to gryffindor respecting admin CNP", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
      ]),
      step("Should Deny traffic to slytherin from gryffindor respecting admin CNP", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
      ]),
      step("Should support a 'pass-ingress' policy for admin CNP and respect the match for network policy", [
        setAction('pass-example', 'ingress', 0, 'Pass'),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
      step("Should support a 'pass-egress' policy for admin CNP and respect the match for network policy", [
        setAction('pass-example', 'egress', 0, 'Pass'),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
      ]),
      step("Should support a 'pass-ingress' policy for admin CNP and respect the match for baseline cluster network policy", [
        deleteNetworkPolicy('gryffindor/allow-gress-from-to-slytherin-to-gryffindor'),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
      ]),
      step("Should support a 'pass-egress' policy for admin CNP and respect the match for baseline cluster network policy", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierPodSelector',
    manifests: ['admin_tier/standard-pod-selector-rules.yaml'],
    steps: [
      step("Should support pod selectors in egress peers", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, false),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
      ]),
      step("Should support pod selectors in ingress peers", [
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        setPodLabel('hufflepuff/cedric-diggory-0', 'conformance-role', 'blocked'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        removePodLabel('hufflepuff/cedric-diggory-0', 'conformance-role'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        setPodLabel('hufflepuff/cedric-diggory-1', 'conformance-role', 'blocked'),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        removePodLabel('hufflepuff/cedric-diggory-0', 'conformance-role'),
        removePodLabel('hufflepuff/cedric-diggory-1', 'conformance-role'),
      ]),
      step("Should support pod selectors in the subject", [
        poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, true),
        setPodLabel('ravenclaw/luna-lovegood-0', 'conformance-role', 'restricted'),
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        removePodLabel('ravenclaw/luna-lovegood-0', 'conformance-role'),
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        setPodLabel('ravenclaw/luna-lovegood-1', 'conformance-role', 'restricted'),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        removePodLabel('ravenclaw/luna-lovegood-0', 'conformance-role'),
        removePodLabel('ravenclaw/luna-lovegood-1', 'conformance-role'),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierPortRange',
    manifests: ['admin_tier/standard-port-range-rules-combined.yaml'],
    steps: [
      step("Should support egress port range rules across different protocols", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
      ]),
      step("Should support ingress port range rules across different protocols", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierPriorityField',
    manifests: ['admin_tier/standard-priority-field.yaml'],
    steps: [
      step("Should Deny traffic from slytherin to gryffindor respecting admin CNP", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, false),
      ]),
      step("Should Deny traffic to slytherin from gryffindor respecting admin CNP", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
      ]),
      step("Should respect admin CNP priority field; thus passing both ingress and egress traffic over to baseline CNP", [
        setPriority('old-priority-60-new-priority-40-example', 40),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
      ]),
    ],
  },
  {
    test: 'CNPAdminTierSamePriority',
    manifests: ['admin_tier/standard-same-priority.yaml'],
    steps: [
      step("Should deny traffic in both directions for each same-priority policy", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'TCP', 8080, false),
        poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, false),
      ]),
      step("Should not apply one same-priority policy's rules to another policy's subject", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
      ]),
      step("Should not affect traffic matching no same-priority policy", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierEgressNamedPort',
    manifests: ['baseline_tier/standard-egress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for named port", [
        setNamedPort('default', 'egress', 3, 'dns'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierIngressNamedPort',
    manifests: ['baseline_tier/standard-ingress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for named port", [
        setNamedPort('default', 'ingress', 3, 'web'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierEgressInlineCIDRPeers',
    manifests: ['baseline_tier/standard-egress-inline-cidr-rules.yaml'],
    steps: [
      step("Should support a 'deny-egress' rule policy for egress-cidr-peer", [
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        setNamespaceLabels('slytherin', { 'conformance-house': 'denied-namespace-label' }),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        setNamespaceLabels('slytherin', { 'conformance-house': 'slytherin' }),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
      ]),
      step("Should support an 'allow-egress' rule policy for egress-cidr-peer", [
        allowEgressToPodIPs('default', ['ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0']),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, false),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierEgressSCTP',
    manifests: ['baseline_tier/standard-egress-sctp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for SCTP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'allow-egress' policy for SCTP protocol at the specified port", [
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-egress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('default', 'egress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
      ]),
      step("Should support a 'deny-egress' policy for SCTP protocol at the specified port", [
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierEgressTCP',
    manifests: ['baseline_tier/standard-egress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for TCP protocol; ensure rule ordering is respected", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'allow-egress' policy for TCP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
      ]),
      step("Should not affect ingress traffic when only egress rules are specified", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
      ]),
      step("Should support an 'deny-egress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('default', 'egress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 8080, false),
      ]),
      step("Should support a 'deny-egress' policy for TCP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierEgressUDP',
    manifests: ['baseline_tier/standard-egress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-egress' policy for UDP protocol; ensure rule ordering is respected", [
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-0', 'UDP', 5353, true),
      ]),
      step("Should support an 'allow-egress' policy for UDP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 5353, false),
      ]),
      step("Should support an 'deny-egress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('default', 'egress', 0, 1),
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'UDP', 5353, false),
      ]),
      step("Should support a 'deny-egress' policy for UDP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-0', 'UDP', 5353, false),
        poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-0', 'UDP', 53, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierGress',
    manifests: ['baseline_tier/standard-gress-rules-combined.yaml'],
    steps: [
      step("Should support an 'allow-gress' policy across different protocols", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
      ]),
      step("Should support an 'allow-gress' policy across different protocols at the specified ports", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'SCTP', 9005, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'SCTP', 9003, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-gress' policy across different protocols", [
        swapRules('default', 'egress', 0, 1),
        swapRules('default', 'ingress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'UDP', 53, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'SCTP', 9003, false),
      ]),
      step("Should support a 'deny-gress' policy across different protocols at the specified ports", [
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'UDP', 53, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierIngressSCTP',
    manifests: ['baseline_tier/standard-ingress-sctp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
      ]),
      step("Should support an 'allow-ingress' policy for SCTP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, true),
        poke('hufflepuff/cedric-diggory-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
      ]),
      step("Should support an 'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected", [
        swapRules('default', 'ingress', 0, 1),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'SCTP', 9003, false),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'SCTP', 9005, false),
      ]),
      step("Should support a 'deny-ingress' policy for SCTP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-0', 'SCTP', 9003, false),
        poke('slytherin/draco-malfoy-1', 'ravenclaw/luna-lovegood-0', 'SCTP', 9005, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierIngressTCP',
    manifests: ['baseline_tier/standard-ingress-tcp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for TCP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
      step("Should support an 'allow-ingress' policy for TCP protocol at the specified port", [
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
      ]),
      step("Should not affect egress traffic when only ingress rules are specified", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
      ]),
      step("Should support an 'deny-ingress' policy for TCP protocol; ensure rule ordering is respected", [
        swapRules('default', 'ingress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-1', 'TCP', 8080, false),
      ]),
      step("Should support a 'deny-ingress' policy for TCP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierIngressUDP',
    manifests: ['baseline_tier/standard-ingress-udp-rules.yaml'],
    steps: [
      step("Should support an 'allow-ingress' policy for UDP protocol; ensure rule ordering is respected", [
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
      ]),
      step("Should support an 'allow-ingress' policy for UDP protocol at the specified port", [
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
      ]),
      step("Should support an 'deny-ingress' policy for UDP protocol; ensure rule ordering is respected", [
        swapRules('default', 'ingress', 0, 1),
        poke('ravenclaw/luna-lovegood-0', 'hufflepuff/cedric-diggory-1', 'UDP', 53, false),
        poke('ravenclaw/luna-lovegood-1', 'hufflepuff/cedric-diggory-1', 'UDP', 5353, false),
      ]),
      step("Should support a 'deny-ingress' policy for UDP protocol at the specified port", [
        poke('slytherin/draco-malfoy-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, false),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierPodSelector',
    manifests: ['baseline_tier/standard-pod-selector-rules.yaml'],
    steps: [
      step("Should support pod selectors in egress peers", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, false),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-1', 'TCP', 80, false),
      ]),
      step("Should support pod selectors in ingress peers", [
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        setPodLabel('hufflepuff/cedric-diggory-0', 'conformance-role', 'blocked'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        removePodLabel('hufflepuff/cedric-diggory-0', 'conformance-role'),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        setPodLabel('hufflepuff/cedric-diggory-1', 'conformance-role', 'blocked'),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        removePodLabel('hufflepuff/cedric-diggory-0', 'conformance-role'),
        removePodLabel('hufflepuff/cedric-diggory-1', 'conformance-role'),
      ]),
      step("Should support pod selectors in the subject", [
        poke('slytherin/draco-malfoy-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, true),
        setPodLabel('ravenclaw/luna-lovegood-0', 'conformance-role', 'restricted'),
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        removePodLabel('ravenclaw/luna-lovegood-0', 'conformance-role'),
        poke('ravenclaw/luna-lovegood-0', 'slytherin/draco-malfoy-0', 'TCP', 80, true),
        setPodLabel('ravenclaw/luna-lovegood-1', 'conformance-role', 'restricted'),
        poke('ravenclaw/luna-lovegood-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
        removePodLabel('ravenclaw/luna-lovegood-0', 'conformance-role'),
        removePodLabel('ravenclaw/luna-lovegood-1', 'conformance-role'),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierPortRange',
    manifests: ['baseline_tier/standard-port-range-rules-combined.yaml'],
    steps: [
      step("Should support egress port range rules across different protocols", [
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 80, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-0', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-1', 'ravenclaw/luna-lovegood-0', 'UDP', 53, false),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-0', 'UDP', 53, true),
        poke('gryffindor/harry-potter-0', 'hufflepuff/cedric-diggory-0', 'UDP', 5353, true),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-0', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9003, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-0', 'SCTP', 9005, true),
        poke('gryffindor/harry-potter-1', 'slytherin/draco-malfoy-0', 'TCP', 80, false),
      ]),
      step("Should support ingress port range rules across different protocols", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 80, true),
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-0', 'TCP', 8080, true),
        poke('ravenclaw/luna-lovegood-1', 'gryffindor/harry-potter-0', 'UDP', 53, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'UDP', 53, true),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-0', 'UDP', 5353, true),
        poke('hufflepuff/cedric-diggory-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9003, true),
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-0', 'SCTP', 9005, true),
        poke('slytherin/draco-malfoy-1', 'gryffindor/harry-potter-0', 'TCP', 80, false),
      ]),
    ],
  },
  {
    test: 'CNPBaselineTierSamePriority',
    manifests: ['baseline_tier/standard-same-priority.yaml'],
    steps: [
      step("Should deny traffic in both directions for each same-priority policy", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-1', 'TCP', 80, false),
        poke('hufflepuff/cedric-diggory-0', 'gryffindor/harry-potter-1', 'TCP', 80, false),
        poke('gryffindor/harry-potter-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, false),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-1', 'TCP', 8080, false),
        poke('hufflepuff/cedric-diggory-1', 'slytherin/draco-malfoy-1', 'TCP', 8080, false),
      ]),
      step("Should not apply one same-priority policy's rules to another policy's subject", [
        poke('slytherin/draco-malfoy-0', 'gryffindor/harry-potter-1', 'TCP', 8080, true),
        poke('gryffindor/harry-potter-0', 'slytherin/draco-malfoy-1', 'TCP', 8080, true),
        poke('slytherin/draco-malfoy-1', 'hufflepuff/cedric-diggory-1', 'TCP', 80, true),
        poke('hufflepuff/cedric-diggory-0', 'slytherin/draco-malfoy-1', 'TCP', 80, true),
      ]),
      step("Should not affect traffic matching no same-priority policy", [
        poke('ravenclaw/luna-lovegood-0', 'gryffindor/harry-potter-1', 'TCP', 80, true),
        poke('gryffindor/harry-potter-0', 'ravenclaw/luna-lovegood-1', 'TCP', 80, true),
      ]),
    ],
  },
];

// The cases of explainFlow, table-driven, each naming the rule it proves. Over 400 lines as one idea: the tests of
// one function.

import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicy, Pod, Protocol } from '@/lib/model';
import { FlowInputError, flowInputErrors } from '../errors';
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
  selector,
  service,
  slice,
} from '../testing/builders';
import { explainFlow, type FlowExplanation } from './explain-flow';

// Citations: [NP] = kubernetes.io/docs/concepts/services-networking/network-policies; [API] = the
// networking.k8s.io/v1 NetworkPolicy API reference (NetworkPolicySpec, NetworkPolicyPeer, NetworkPolicyPort,
// IPBlock); [SVC] = core/v1 ServicePort.

const web = pod('shop/web', { labels: { app: 'web', tier: 'front' }, ip: '10.0.1.1', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [{ name: 'http', containerPort: 8080 }] });
const api = pod('shop/api', {
  labels: { app: 'api' },
  ip: '10.0.1.2',
  nodeName: 'node-2',
  hostIP: '172.18.0.3',
  containers: [{ ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 5353, protocol: 'UDP' }, { name: 'sig', containerPort: 7000, protocol: 'SCTP' }] }],
});
const db = pod('data/db', { labels: { app: 'db' }, ip: '10.0.2.1', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [{ name: 'pg', containerPort: 5432 }] });
const agent = pod('kube-system/agent', { labels: { app: 'agent' }, hostNetwork: true, ip: '172.18.0.2', nodeName: 'node-1', hostIP: '172.18.0.2', ports: [{ name: 'http', containerPort: 9100 }] });
const v6 = pod('shop/v6', { labels: { app: 'v6' }, ip: 'fd00::10', nodeName: 'node-2', ports: [8080] });

const namespaces = [
  namespace('shop', { labels: { team: 'shop', env: 'prod' } }),
  namespace('data', { labels: { team: 'data', env: 'prod' } }),
  namespace('kube-system'),
];
const nodes = [node('node-1', { ip: '172.18.0.2' }), node('node-2', { ip: '172.18.0.3' })];

function cluster(policies: NetworkPolicy[], extra: Partial<ClusterModel['resources']> = {}, pods: Pod[] = [web, api, db, agent, v6]): ClusterModel {
  return model({ namespaces, nodes, pods, networkpolicies: policies, ...extra });
}

const denyIngress = (ns: string) => networkPolicy(`${ns}/default-deny-ingress`, { policyTypes: ['Ingress'] });
const denyEgress = (ns: string) => networkPolicy(`${ns}/default-deny-egress`, { policyTypes: ['Egress'] });
const allowDbFrom = (...from: ReturnType<typeof peer>[]) =>
  networkPolicy('data/db-ingress', { podSelector: { app: 'db' }, ingress: [policyIngress({ from, ports: [5432] })] });

interface Case {
  name: string;
  model: ClusterModel;
  from: string;
  to: string;
  port: number;
  protocol?: Protocol;
  verdict: FlowExplanation['verdict'];
  /** Optional checks on the details the verdict must carry. */
  check?: (result: FlowExplanation) => void;
}

const allowedBy = (r: FlowExplanation, side: 'egress' | 'ingress') =>
  r.paths.flatMap((p) => p[side].allowedBy.map((m) => `${m.policy.namespace}/${m.policy.name}#${m.rule}`));
const nearMisses = (r: FlowExplanation, side: 'egress' | 'ingress') => r.paths.flatMap((p) => p[side].nearMisses.map((m) => m.text));

const cases: Case[] = [
  // Isolation and defaults
  {
    name: 'no policy selects either pod: both sides are non-isolated and the flow is allowed [NP "non-isolated by default"]',
    model: cluster([]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => {
      expect(r.paths[0]!.egress.isolated).toBe(false);
      expect(r.paths[0]!.ingress.isolated).toBe(false);
    },
  },
  {
    name: 'a default-deny-ingress policy (empty podSelector, policyTypes Ingress) isolates every pod of its namespace [API NetworkPolicySpec.podSelector]',
    model: cluster([denyIngress('data')]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => {
      expect(r.paths[0]!.ingress.isolatingPolicies).toEqual([{ namespace: 'data', name: 'default-deny-ingress' }]);
      expect(r.summary).toBe('denied on the ingress side');
    },
  },
  {
    name: 'a default-deny-egress policy blocks the source side [API NetworkPolicySpec.policyTypes]',
    model: cluster([denyEgress('shop')]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(r.summary).toBe('denied on the egress side'),
  },
  {
    name: 'both sides denying are both reported',
    model: cluster([denyEgress('shop'), denyIngress('data')]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(r.summary).toBe('denied on the egress and ingress side'),
  },
  {
    name: '`ingress: [{}]` (one empty rule) allows every source on every port [API NetworkPolicySpec.ingress]',
    model: cluster([networkPolicy('data/allow-all', { ingress: [policyIngress()] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 1234, verdict: 'allowed',
    check: (r) => expect(allowedBy(r, 'ingress')).toEqual(['data/allow-all#1']),
  },
  {
    name: '`ingress: []` with policyType Ingress allows nothing [API NetworkPolicySpec.ingress]',
    model: cluster([networkPolicy('data/nothing', { policyTypes: ['Ingress'], ingress: [] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
  },
  {
    name: 'a policy only selects pods in its own namespace: a shop policy does not isolate data/db [API NetworkPolicySpec.podSelector]',
    model: cluster([networkPolicy('shop/deny-db', { podSelector: { app: 'db' }, policyTypes: ['Ingress'] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'a policy whose podSelector does not match the pod does not isolate it',
    model: cluster([networkPolicy('data/deny-cache', { podSelector: { app: 'cache' }, policyTypes: ['Ingress'] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'policyTypes defaults to Ingress only when there are no egress rules: an ingress-only policy leaves egress open [API policyTypes]',
    model: cluster([networkPolicy('shop/web-ingress', { podSelector: { app: 'web' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'api' } })] })] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.egress.isolated).toBe(false),
  },
  {
    name: 'policyTypes [Egress] with no egress rules denies all egress [API policyTypes]',
    model: cluster([networkPolicy('shop/web-no-egress', { podSelector: { app: 'web' }, policyTypes: ['Egress'] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
  },
  {
    name: 'egress rules of a policy whose policyTypes is only Ingress are ignored: they neither isolate nor allow [API policyTypes]',
    model: cluster([
      denyEgress('shop'),
      networkPolicy('shop/ingress-only', { podSelector: { app: 'web' }, policyTypes: ['Ingress'], ingress: [policyIngress()], egress: [policyEgress()] }),
    ]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
  },
  {
    name: 'policies are additive: a deny-all and an allowing policy together allow [NP "policies are additive"]',
    model: cluster([denyIngress('data'), allowDbFrom(peer({ namespaces: { team: 'shop' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => expect(allowedBy(r, 'ingress')).toEqual(['data/db-ingress#1']),
  },
  {
    name: 'a flow needs both sides: ingress allowed but egress denied is denied [NP "both the egress policy on the source and the ingress policy on the destination"]',
    model: cluster([denyEgress('shop'), allowDbFrom(peer({ namespaces: { team: 'shop' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => {
      expect(r.paths[0]!.ingress.allowed).toBe(true);
      expect(r.paths[0]!.egress.allowed).toBe(false);
    },
  },
  // Peers
  {
    name: 'podSelector alone selects pods in the policy namespace only: a matching pod elsewhere is denied [API NetworkPolicyPeer.podSelector]',
    model: cluster([allowDbFrom(peer({ pods: { app: 'web' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'ingress')[0]).toBe('policy data/db-ingress ingress rule 1 allows TCP 5432 from pods app=web in namespace data; the peer selects pods in namespace data only; the pod is in shop'),
  },
  {
    name: 'podSelector alone allows a matching pod of the same namespace [API NetworkPolicyPeer.podSelector]',
    model: cluster([networkPolicy('shop/api-ingress', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 8080, verdict: 'allowed',
  },
  {
    name: 'namespaceSelector alone selects all pods of the matching namespaces [API NetworkPolicyPeer.namespaceSelector]',
    model: cluster([allowDbFrom(peer({ namespaces: { team: 'shop' } }))]),
    from: 'pod/shop/api', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'namespaceSelector mismatch is explained with the namespace labels [API NetworkPolicyPeer.namespaceSelector]',
    model: cluster([allowDbFrom(peer({ namespaces: { team: 'billing' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'ingress')[0]).toContain('team=billing required, namespace shop has team=shop'),
  },
  {
    name: 'podSelector and namespaceSelector in ONE peer must both match (AND) [API NetworkPolicyPeer]',
    model: cluster([allowDbFrom(peer({ namespaces: { team: 'shop' }, pods: { app: 'api' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'ingress')[0]).toContain('app=api required, pod shop/web has app=web'),
  },
  {
    name: 'the same selectors as two separate peers are ORed: either is enough [API NetworkPolicyIngressRule.from]',
    model: cluster([allowDbFrom(peer({ namespaces: { team: 'shop' } }), peer({ pods: { app: 'api' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.ingress.allowedBy[0]!.peer).toBe(1),
  },
  {
    name: 'an empty namespaceSelector selects every namespace [API NetworkPolicyPeer.namespaceSelector]',
    model: cluster([allowDbFrom(peer({ namespaces: {}, pods: { app: 'web' } }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'kubernetes.io/metadata.name matches even when the namespace object is missing from the model [NP "targeting a namespace by its name"]',
    model: cluster([allowDbFrom(peer({ namespaces: { 'kubernetes.io/metadata.name': 'lonely' } }))], {
      namespaces: namespaces.filter((n) => n.meta.name !== 'lonely'),
    }, [db, pod('lonely/client', { labels: { app: 'client' }, ip: '10.0.9.9' })]),
    from: 'pod/lonely/client', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'matchExpressions In selects a listed value [meta/v1 LabelSelectorRequirement]',
    model: cluster([allowDbFrom(peer({ namespaces: {}, pods: selector({}, requirement('app', 'In', ['web', 'api'])) }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'matchExpressions NotIn also selects pods without the key [meta/v1 LabelSelectorRequirement]',
    model: cluster([allowDbFrom(peer({ namespaces: {}, pods: selector({}, requirement('tier', 'NotIn', ['back'])) }))]),
    from: 'pod/shop/api', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'matchExpressions DoesNotExist rejects a pod that has the key [meta/v1 LabelSelectorRequirement]',
    model: cluster([allowDbFrom(peer({ namespaces: {}, pods: selector({}, requirement('tier', 'DoesNotExist')) }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
  },
  {
    name: 'matchLabels and matchExpressions are ANDed [meta/v1 LabelSelector]',
    model: cluster([allowDbFrom(peer({ namespaces: {}, pods: selector({ app: 'web' }, requirement('tier', 'Exists')) }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  // Ports
  {
    name: 'a numeric port must equal the destination port; the near miss names the port [API NetworkPolicyPort.port]',
    model: cluster([allowDbFrom(peer({ namespaces: {} }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5433, verdict: 'denied',
    check: (r) => {
      const miss = r.paths[0]!.ingress.nearMisses[0]!;
      expect(miss).toMatchObject({ peerMatched: true, portMatched: false });
      expect(miss.text).toBe('policy data/db-ingress ingress rule 1 allows TCP 5432 from all pods in all namespaces; the flow is TCP 5433');
    },
  },
  {
    name: 'a named port resolves against the destination pod on the ingress side [API NetworkPolicyPort.port]',
    model: cluster([networkPolicy('data/db-named', { podSelector: { app: 'db' }, ingress: [policyIngress({ ports: ['pg'] })] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'on the egress side a named port also resolves against the DESTINATION pod, not the source [API NetworkPolicyPort.port]',
    model: cluster([networkPolicy('shop/web-egress', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ ports: ['pg'] })] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'a named port the destination does not declare matches nothing, and the near miss says so',
    model: cluster([networkPolicy('data/db-named', { podSelector: { app: 'db' }, ingress: [policyIngress({ ports: ['postgres'] })] })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'ingress')[0]).toContain('the destination pod declares no TCP port named "postgres"'),
  },
  {
    name: 'a named port must match name AND protocol: "dns" is UDP on the pod, so a TCP rule for "dns" matches nothing [API NetworkPolicyPort]',
    model: cluster([networkPolicy('shop/api-dns', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [policyPort('dns', 'TCP')] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 5353, verdict: 'denied',
  },
  {
    name: 'the same named port with the right protocol matches [API NetworkPolicyPort]',
    model: cluster([networkPolicy('shop/api-dns', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [policyPort('dns', 'UDP')] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 5353, protocol: 'UDP', verdict: 'allowed',
  },
  {
    name: 'endPort is inclusive: 32000-32768 allows 32768 [API NetworkPolicyPort.endPort]',
    model: cluster([allowRange()]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 32768, verdict: 'allowed',
  },
  {
    name: 'endPort range excludes the next port: 32769 is denied [API NetworkPolicyPort.endPort]',
    model: cluster([allowRange()]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 32769, verdict: 'denied',
  },
  {
    name: 'the protocol defaults to TCP: a rule for port 53 does not allow UDP 53 [API NetworkPolicyPort.protocol]',
    model: cluster([networkPolicy('shop/api-53', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [53] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 53, protocol: 'UDP', verdict: 'denied',
  },
  {
    name: 'a port entry with a protocol and no port allows every port of that protocol [API NetworkPolicyPort.port]',
    model: cluster([networkPolicy('shop/api-udp', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [policyPort(undefined, 'UDP')] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 5353, protocol: 'UDP', verdict: 'allowed',
  },
  {
    name: 'SCTP is matched as its own protocol [API NetworkPolicyPort.protocol]',
    model: cluster([networkPolicy('shop/api-sctp', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [policyPort(7000, 'SCTP')] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 7000, protocol: 'SCTP', verdict: 'allowed',
  },
  {
    name: 'empty ports means all ports and protocols [API NetworkPolicyIngressRule.ports]',
    model: cluster([networkPolicy('shop/api-from-web', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/api', port: 7000, protocol: 'SCTP', verdict: 'allowed',
  },
  // ipBlock
  {
    name: 'egress to an external address inside an ipBlock is allowed [API IPBlock.cidr]',
    model: cluster([networkPolicy('shop/web-out', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ ipBlock: '203.0.113.0/24' })] })] })]),
    from: 'pod/shop/web', to: '203.0.113.7', port: 443, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.ingress.governed).toBe(false),
  },
  {
    name: 'ipBlock except carves addresses out of the CIDR [API IPBlock.except]',
    model: cluster([networkPolicy('shop/web-out', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('203.0.113.0/24', '203.0.113.0/28') })] })] })]),
    from: 'pod/shop/web', to: '203.0.113.7', port: 443, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'egress')[0]).toContain('203.0.113.7 is outside ipBlock 203.0.113.0/24 except 203.0.113.0/28'),
  },
  {
    name: 'IPv6 ipBlocks match IPv6 addresses [API IPBlock.cidr]',
    model: cluster([networkPolicy('shop/web-out6', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ ipBlock: '2001:db8::/32' })] })] })]),
    from: 'pod/shop/web', to: '2001:db8::1', port: 443, verdict: 'allowed',
  },
  {
    name: 'an IPv4 ipBlock never matches an IPv6 address [API IPBlock.cidr]',
    model: cluster([networkPolicy('shop/web-out', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ ipBlock: '0.0.0.0/0' })] })] })]),
    from: 'pod/shop/web', to: '2001:db8::1', port: 443, verdict: 'denied',
  },
  {
    name: 'a pod IP is matched against ipBlock (as the upstream conformance tests do), with a note that this is CNI-dependent [API IPBlock]',
    model: cluster([allowDbFrom(peer({ ipBlock: '10.0.1.0/24' }))]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.ingress.allowedBy[0]!.notes[0]).toMatch(/depends on the network plugin/),
  },
  {
    name: 'a pod with no IP (from manifests) cannot match an ipBlock',
    model: cluster([allowDbFrom(peer({ ipBlock: '10.0.0.0/8' }))], {}, [db, pod('shop/web', { labels: { app: 'web' } })]),
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'denied',
  },
  {
    name: 'a selector-only peer never matches an address outside the cluster [API NetworkPolicyPeer]',
    model: cluster([networkPolicy('shop/web-egress', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ namespaces: {} })] })] })]),
    from: 'pod/shop/web', to: '198.51.100.1', port: 443, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'egress')[0]).toContain('198.51.100.1 is not a pod of the cluster'),
  },
  {
    name: 'traffic from outside reaching an isolated pod needs an ingress ipBlock; the source side is not governed',
    model: cluster([allowDbFrom(peer({ ipBlock: '198.51.100.0/24' }))]),
    from: '198.51.100.9', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.egress.governed).toBe(false),
  },
  // Host network and nodes
  {
    name: 'host-network pods are not selected by pod selectors: an allow-from-all-pods rule does not admit them [NP "hostNetwork pods"]',
    model: cluster([allowDbFrom(peer({ namespaces: {} }))]),
    from: 'pod/kube-system/agent', to: 'pod/data/db', port: 5432, verdict: 'allowed',
    check: (r) => {
      const ownNode = r.trace.find((t) => t.kind === 'side' && t.step.kind === 'own-node');
      expect(ownNode).toMatchObject({ direction: 'ingress', step: { text: expect.stringContaining('traffic between a pod and the node it runs on is always allowed') } });
    },
  },
  {
    name: 'a host-network pod on another node is denied by pod-selector rules [NP "hostNetwork pods"]',
    model: cluster([networkPolicy('shop/api-from-pods', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ namespaces: {} })] })] })]),
    from: 'pod/kube-system/agent', to: 'pod/shop/api', port: 8080, verdict: 'denied',
    check: (r) => expect(nearMisses(r, 'ingress')[0]).toContain('uses the host network; pod selectors never select it'),
  },
  {
    name: 'policies never isolate a host-network destination pod [NP "hostNetwork pods"]',
    model: cluster([denyIngress('kube-system')]),
    from: 'pod/shop/web', to: 'pod/kube-system/agent', port: 9100, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.ingress.governed).toBe(false),
  },
  {
    name: 'ingress from the node the pod runs on is always allowed [NP "traffic to and from the node where a Pod is running is always allowed"]',
    model: cluster([denyIngress('data')]),
    from: '172.18.0.2', to: 'pod/data/db', port: 5432, verdict: 'allowed',
  },
  {
    name: 'egress to the own node is always allowed, even under default-deny egress [NP]',
    model: cluster([denyEgress('shop')]),
    from: 'pod/shop/web', to: '172.18.0.2', port: 10250, verdict: 'allowed',
  },
  {
    name: 'egress to ANOTHER node is not exempt [NP]',
    model: cluster([denyEgress('shop')]),
    from: 'pod/shop/web', to: '172.18.0.3', port: 10250, verdict: 'denied',
  },
  {
    name: 'an address that is a pod IP is treated as that pod',
    model: cluster([networkPolicy('shop/api-from-web', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })] })] })]),
    from: '10.0.1.1', to: '10.0.1.2', port: 8080, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.source).toEqual({ type: 'pod', namespace: 'shop', name: 'web', ip: '10.0.1.1' }),
  },
  {
    name: 'IPv6 pods are matched by IPv6 ipBlocks on egress [API IPBlock]',
    model: cluster([networkPolicy('shop/web-egress', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ ipBlock: 'fd00::/64' })] })] })]),
    from: 'pod/shop/web', to: 'pod/shop/v6', port: 8080, verdict: 'allowed',
  },
  // Unknown
  {
    name: 'NetworkPolicies forbidden (RBAC): the verdict is unknown, never allowed',
    model: { ...cluster([]), sync: { ...cluster([]).sync, networkpolicies: { status: 'forbidden', message: '403: networkpolicies is forbidden' } } },
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'unknown',
    // The same words as every other answer that rests on unsynced data (sync-state.ts).
    check: (r) => {
      expect(r.unknownReasons).toEqual(['networkpolicies cannot be read (forbidden: 403: networkpolicies is forbidden)']);
      expect(r.summary).toBe('unknown: networkpolicies cannot be read (forbidden: 403: networkpolicies is forbidden)');
    },
  },
  {
    name: 'pods still syncing: unknown, even when the current data would deny',
    model: { ...cluster([denyIngress('data')]), sync: { ...cluster([]).sync, pods: { status: 'syncing' } } },
    from: 'pod/shop/web', to: 'pod/data/db', port: 5432, verdict: 'unknown',
  },
];

function allowRange() {
  return networkPolicy('data/db-range', { podSelector: { app: 'db' }, ingress: [policyIngress({ ports: [policyPort(32000, 'TCP', 32768)] })] });
}

// Through a Service: [SVC] the policy applies at the endpoint pod, on the targetPort.
const api2 = pod('shop/api-2', { labels: { app: 'api', canary: 'true' }, ip: '10.0.1.3', ports: [{ name: 'http', containerPort: 9090 }] });
const apiService = service('shop/api', { selector: { app: 'api' }, clusterIP: '10.96.0.10', ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
const apiSlice = slice('shop/api-abc', { service: 'api', ports: [{ name: 'web', port: 8080 }], endpoints: [endpointFor(api)] });
const serviceCases: Case[] = [
  {
    name: 'through a Service the policy port is the targetPort: a rule for 8080 allows a connection to Service port 80 [SVC targetPort]',
    model: cluster([networkPolicy('shop/api-8080', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [8080] })] })], { services: [apiService], endpointslices: [apiSlice] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'allowed',
    check: (r) => {
      expect(r.paths.map((p) => p.port)).toEqual([8080]);
      expect(r.service).toMatchObject({ namespace: 'shop', name: 'api', port: 80 });
    },
  },
  {
    name: 'through a Service a rule for the Service port (80) does not match the endpoint (8080) [SVC targetPort]',
    model: cluster([networkPolicy('shop/api-80', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [80] })] })], { services: [apiService], endpointslices: [apiSlice] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'denied',
  },
  {
    name: 'a Service cluster IP as destination goes through the Service',
    model: cluster([], { services: [apiService], endpointslices: [apiSlice] }),
    from: 'pod/shop/web', to: '10.96.0.10', port: 80, verdict: 'allowed',
    check: (r) => expect(r.paths[0]!.destination).toMatchObject({ type: 'pod', name: 'api' }),
  },
  {
    name: 'a named targetPort resolves per pod: each endpoint is checked on its own port [SVC targetPort]',
    model: cluster([networkPolicy('shop/api-8080', { podSelector: { app: 'api' }, ingress: [policyIngress({ ports: [8080] })] })], {
      services: [apiService],
    }, [web, api, api2]),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'partial',
    check: (r) => {
      expect(r.paths.map((p) => `${p.destination.name}:${p.port}:${p.verdict}`).sort()).toEqual(['api-2:9090:denied', 'api:8080:allowed']);
      expect(r.summary).toBe('partial: allowed to 1 of 2 ready endpoints');
    },
  },
  {
    name: 'a Service with no ready endpoint is denied whatever the policies say',
    model: cluster([], { services: [apiService], endpointslices: [slice('shop/api-abc', { service: 'api', ports: [{ name: 'web', port: 8080 }], endpoints: [endpointFor(api, { ready: false })] })] }),
    from: 'pod/shop/web', to: 'svc/shop/api', port: 80, verdict: 'denied',
    check: (r) => expect(r.summary).toBe('denied: Service shop/api has no ready endpoints: connections to it fail whatever the policies say'),
  },
];

describe('explainFlow', () => {
  it.each([...cases, ...serviceCases])('$name', ({ model: m, from, to, port, protocol, verdict, check }) => {
    const result = explainFlow(m, { from, to, port, ...(protocol ? { protocol } : {}) });
    expect(result.verdict).toBe(verdict);
    check?.(result);
  });

  it.each([
    ['an unknown pod', { from: 'pod/shop/nope', to: 'pod/data/db' }, flowInputErrors.podNotFound('shop', 'nope')],
    ['an unknown Service', { from: 'pod/shop/web', to: 'svc/shop/nope' }, flowInputErrors.serviceNotFound('shop', 'nope')],
    [
      'a malformed target',
      { from: 'pod/a/b/c', to: 'pod/data/db' },
      flowInputErrors.targetUnreadable('cannot read "pod/a/b/c": expected pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP'),
    ],
  ])('rejects %s with a fatal FlowInputError of its type', (_name, request, expected) => {
    const thrown = (() => {
      try {
        explainFlow(cluster([]), { ...request, port: 80 });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(FlowInputError);
    expect(thrown).toMatchObject({ type: expected.type, message: expected.message, fatal: true });
  });
});

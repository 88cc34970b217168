import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { model, namespace, node, pod, requirement, selector, type ModelInit } from '../testing/builders';
import { ciliumClusterwidePolicy, ciliumEntry, ciliumPolicy } from '../testing/plugin-builders';

// Which pods a Cilium rule selects, and for which directions, after Cilium's policy docs (language:
// endpointSelector, label sources k8s:/any:, namespace scoping of CiliumNetworkPolicy, host policies with
// nodeSelector, enableDefaultDeny) and pkg/policy/utils/parserules.go. Each rule here has one empty ingress entry
// (`ingress: [{}]`), which allows nothing: a pod it selects is denied on ingress, one it does not is allowed.

const client = pod('shop/client', { ip: '10.0.0.1', labels: { app: 'client' } });
const db = pod('shop/db', { ip: '10.0.0.2', labels: { app: 'db', 'pod-template-hash': 'abc' } });
const agent = pod('kube-system/agent', { hostNetwork: true, nodeName: 'n1', labels: { app: 'agent' } });
const build = (init: ModelInit): ClusterModel =>
  model({ namespaces: [namespace('shop'), namespace('kube-system')], nodes: [node('n1', { labels: { role: 'edge' } })], pods: [client, db, agent], ...init });

/** The ingress side of db: its unknown reasons, else allowed or denied. */
const ingressOfDb = (m: ClusterModel) => {
  const side = explainFlow(m, { from: 'pod/shop/client', to: 'pod/shop/db', port: 5432 }).paths[0]!.ingress;
  return side.unknownReasons.length > 0 ? side.unknownReasons : side.allowed ? 'allowed' : 'denied';
};
const denyIngress = { ingress: [ciliumEntry()] };
const UNSURE = 'kube-netmap cannot tell whether its rules apply';

describe('Cilium policies: which pods their rules select', () => {
  it.each([
    { rule: 'an endpointSelector without source prefix matches the pod label', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }), ...denyIngress })] }, want: 'denied' },
    { rule: 'the k8s: source prefix matches Kubernetes labels', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'k8s:app': 'db' }), ...denyIngress })] }, want: 'denied' },
    { rule: 'the any: source prefix matches too', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'any:app': 'db' }), ...denyIngress })] }, want: 'denied' },
    { rule: 'a selector that does not match leaves the pod alone', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'web' }), ...denyIngress })] }, want: 'allowed' },
    { rule: 'a CiliumNetworkPolicy selects only pods of its own namespace', init: { ciliumnetworkpolicies: [ciliumPolicy('kube-system/all', { endpointSelector: selector(), ...denyIngress })] }, want: 'allowed' },
    {
      rule: 'a clusterwide policy selects by the namespace label k8s:io.kubernetes.pod.namespace',
      init: { ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('shop-only', { endpointSelector: selector({ 'k8s:io.kubernetes.pod.namespace': 'shop' }), ...denyIngress })] },
      want: 'denied',
    },
    {
      rule: 'a rule with only an egress section leaves the ingress side alone',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }), egress: [ciliumEntry()] })] },
      want: 'allowed',
    },
    {
      rule: 'enableDefaultDeny.ingress true without an ingress entry does nothing on ingress (Cilium makes no policy entry for it)',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }), egress: [ciliumEntry()], enableDefaultDeny: { ingress: true } })] },
      want: 'allowed',
    },
    {
      rule: 'a key of a source the model does not hold (reserved:) may select the pod: unknown',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'reserved:host': '' }), ...denyIngress })] },
      want: [`CiliumNetworkPolicy shop/db may select pod shop/db (the selector reads reserved:host (a label source kube-netmap does not know)); ${UNSURE}`],
    },
    {
      rule: "a label Cilium's default label filter leaves out of identities (pod-template-hash) may select the pod: unknown",
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({}, requirement('pod-template-hash', 'Exists')), ...denyIngress })] },
      want: [
        `CiliumNetworkPolicy shop/db may select pod shop/db (the selector reads pod-template-hash (Cilium's default label filter leaves it out of identities; the agent's --labels decide)); ${UNSURE}`,
      ],
    },
    {
      rule: 'a readable requirement that fails settles it: the rule does not select the pod, whatever the unreadable key',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'web', 'reserved:host': '' }), ...denyIngress })] },
      want: 'allowed',
    },
    {
      rule: 'a host policy (nodeSelector) does not select pods with their own network',
      init: { ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('edge', { nodeSelector: selector({ role: 'edge' }), ...denyIngress })] },
      want: 'allowed',
    },
  ])('$rule', ({ init, want }) => {
    expect(ingressOfDb(build(init))).toEqual(want);
  });

  it('a host policy (nodeSelector) selects the host-network pods of the nodes it matches, and is not evaluated', () => {
    const m = build({ ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('edge', { nodeSelector: selector({ role: 'edge' }), egress: [ciliumEntry()] })] });
    const result = explainFlow(m, { from: 'pod/kube-system/agent', to: 'pod/shop/db', port: 5432 });
    expect(result.verdict).toBe('unknown');
    expect(result.unknownReasons).toEqual([
      'CiliumClusterwideNetworkPolicy edge selects pod kube-system/agent; kube-netmap does not evaluate Cilium host policies (nodeSelector)',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { model, namespace, node, pod, selector, type ModelInit } from '../testing/builders';
import { ciliumClusterwidePolicy, ciliumPolicy } from '../testing/plugin-builders';

// Cilium policies are detected, not yet evaluated: a pod one of their rules selects gets "unknown" for the rule's
// directions. Selection after Cilium's policy docs (language: endpointSelector, label sources k8s:/any:, namespace
// scoping of CiliumNetworkPolicy, host policies with nodeSelector, enableDefaultDeny).

const client = pod('shop/client', { ip: '10.0.0.1', labels: { app: 'client' } });
const db = pod('shop/db', { ip: '10.0.0.2', labels: { app: 'db' } });
const agent = pod('kube-system/agent', { hostNetwork: true, nodeName: 'n1', labels: { app: 'agent' } });
const build = (init: ModelInit): ClusterModel =>
  model({ namespaces: [namespace('shop'), namespace('kube-system')], nodes: [node('n1', { labels: { role: 'edge' } })], pods: [client, db, agent], ...init });

/** The ingress side of db: its unknown reasons, else allowed or denied. */
const ingressOfDb = (m: ClusterModel) => {
  const side = explainFlow(m, { from: 'pod/shop/client', to: 'pod/shop/db', port: 5432 }).paths[0]!.ingress;
  return side.unknownReasons.length > 0 ? side.unknownReasons : side.allowed ? 'allowed' : 'denied';
};
const CILIUM = 'kube-netmap does not evaluate Cilium policies yet';
const selects = (policy: string) => [`${policy} selects pod shop/db; ${CILIUM}`];

describe('Cilium policies: the sides of the pods they select are unknown', () => {
  it.each([
    { rule: 'an endpointSelector without source prefix matches the pod label', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }) })] }, want: selects('CiliumNetworkPolicy shop/db') },
    { rule: 'the k8s: source prefix matches Kubernetes labels', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'k8s:app': 'db' }) })] }, want: selects('CiliumNetworkPolicy shop/db') },
    { rule: 'the any: source prefix matches too', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'any:app': 'db' }) })] }, want: selects('CiliumNetworkPolicy shop/db') },
    { rule: 'a selector that does not match leaves the pod evaluated', init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'web' }) })] }, want: 'allowed' },
    { rule: 'a CiliumNetworkPolicy selects only pods of its own namespace', init: { ciliumnetworkpolicies: [ciliumPolicy('kube-system/all', { endpointSelector: selector() })] }, want: 'allowed' },
    {
      rule: 'a clusterwide policy selects by the namespace label k8s:io.kubernetes.pod.namespace',
      init: { ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('shop-only', { endpointSelector: selector({ 'k8s:io.kubernetes.pod.namespace': 'shop' }) })] },
      want: selects('CiliumClusterwideNetworkPolicy shop-only'),
    },
    {
      rule: 'a rule with only an egress section leaves the ingress side evaluated',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ app: 'db' }), ingress: false, egress: true })] },
      want: 'allowed',
    },
    {
      rule: 'a key of a source the model does not hold (reserved:) may select the pod',
      init: { ciliumnetworkpolicies: [ciliumPolicy('shop/db', { endpointSelector: selector({ 'reserved:host': '' }) })] },
      want: [`CiliumNetworkPolicy shop/db may select pod shop/db (its selector reads reserved:host, which kube-netmap does not know); ${CILIUM}`],
    },
    {
      rule: 'a host policy (nodeSelector) does not select pods with their own network',
      init: { ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('edge', { nodeSelector: selector({ role: 'edge' }) })] },
      want: 'allowed',
    },
  ])('$rule', ({ init, want }) => {
    expect(ingressOfDb(build(init))).toEqual(want);
  });

  it('a host policy (nodeSelector) selects the host-network pods of the nodes it matches', () => {
    const m = build({ ciliumclusterwidenetworkpolicies: [ciliumClusterwidePolicy('edge', { nodeSelector: selector({ role: 'edge' }), egress: true })] });
    const result = explainFlow(m, { from: 'pod/kube-system/agent', to: 'pod/shop/db', port: 5432 });
    expect(result.verdict).toBe('unknown');
    expect(result.unknownReasons).toEqual([
      'CiliumClusterwideNetworkPolicy edge selects pod kube-system/agent; kube-netmap does not evaluate Cilium policies yet',
    ]);
  });
});

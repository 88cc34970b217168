import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { model, networkPolicy, pod } from '@/lib/analysis/testing/builders';
import { namespaceWithoutPolicy } from './namespace-policy';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

describe('namespace-without-policy (networking/v1 NetworkPolicySpec.podSelector: a pod no policy selects is non-isolated)', () => {
  it.each<{ name: string; model: ClusterModel; expected: ExpectedFinding[] }>([
    {
      name: 'namespaces with pods and no NetworkPolicy, system namespaces included, as info in id order',
      model: model({
        pods: [pod('shop/web-1'), pod('shop/web-2'), pod('kube-system/coredns-1'), pod('secure/db-1')],
        networkpolicies: [networkPolicy('secure/deny-all')],
      }),
      expected: [
        {
          id: 'namespace-without-policy:Namespace/kube-system',
          severity: 'info',
          objects: ['Namespace/kube-system'],
          message: ['Namespace kube-system has 1 pod (kube-system/coredns-1) and no NetworkPolicy'],
        },
        {
          id: 'namespace-without-policy:Namespace/shop',
          severity: 'info',
          objects: ['Namespace/shop'],
          message: ['Namespace shop has 2 pods (shop/web-1 and shop/web-2) and no NetworkPolicy: every pod there is non-isolated'],
          hint: ['default-deny', 'DNS'],
        },
      ],
    },
    {
      name: 'host-network and finished pods are not counted (NetworkPolicies do not govern them)',
      model: model({ pods: [pod('nodes/agent', { hostNetwork: true }), pod('jobs/done', { phase: 'Succeeded', ready: false })] }),
      expected: [],
    },
    { name: 'a namespace without pods is not reported', model: model({ networkpolicies: [], pods: [] }), expected: [] },
  ])('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(namespaceWithoutPolicy, m), expected);
  });

  it('is skipped when NetworkPolicies could not be loaded (their absence would prove nothing)', () => {
    const m = model({ pods: [pod('shop/web-1')], sync: { networkpolicies: { status: 'error', message: 'timeout' } } });
    expect(runChecks(namespaceWithoutPolicy, m)).toStrictEqual({
      findings: [],
      skipped: [{ check: 'namespace-without-policy', reason: 'networkpolicies could not be loaded (timeout)' }],
    });
  });
});

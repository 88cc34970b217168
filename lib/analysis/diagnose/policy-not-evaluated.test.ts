import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { indexModel } from '@/lib/analysis/model-index';
import { notEvaluatedSelecting } from '@/lib/analysis/policy/not-evaluated';
import { model, namespace, networkPolicy, pod, type ModelInit } from '@/lib/analysis/testing/builders';
import { flannelDaemonSet } from '@/lib/analysis/testing/network-plugins';
import { calicoGlobalPolicy, calicoPolicy, ciliumClusterwidePolicy, ciliumEntry, ciliumPolicy } from '@/lib/analysis/testing/plugin-builders';
import { diagnose } from './index';
import { policyNotEvaluated } from './policy-not-evaluated';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const dbs = Array.from({ length: 7 }, (_, i) => pod(`shop/db-${i}`, { labels: { app: 'db' }, ip: `10.0.0.${10 + i}` }));
const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.0.1' });
const job = pod('batch/job', { labels: { app: 'job' }, ip: '10.0.1.1' });
const build = (init: ModelInit): ClusterModel => model({ namespaces: [namespace('shop'), namespace('batch')], pods: [web, ...dbs, job], ...init });

describe('policy-not-evaluated', () => {
  it.each<{ name: string; model: ClusterModel; expected: ExpectedFinding[] }>([
    {
      name: 'a Calico NetworkPolicy selecting pods: one finding naming it, its kind, how many pods (a few by name), why, and that their verdicts are unknown',
      model: build({ caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })] }),
      expected: [
        {
          id: 'policy-not-evaluated:Calico NetworkPolicy/shop/db-lockdown',
          severity: 'info',
          objects: ['Calico NetworkPolicy/shop/db-lockdown', 'Pod/shop/db-0', 'Pod/shop/db-1', 'Pod/shop/db-2', 'Pod/shop/db-3', 'Pod/shop/db-4'],
          message: [
            'Calico NetworkPolicy shop/db-lockdown selects 7 pods (shop/db-0, shop/db-1, shop/db-2 and 4 more) for ingress, ',
            'kube-netmap does not evaluate Calico policies: the verdicts on their ingress connections are unknown.',
          ],
          hint: ["the network plugin's own tools", 'as a Kubernetes NetworkPolicy'],
        },
      ],
    },
    {
      name: 'one policy applying to both directions is one finding that says so',
      model: build({ caliconetworkpolicies: [calicoPolicy('shop/web-both', { selector: "app == 'web'", types: ['Ingress', 'Egress'] })] }),
      expected: [
        {
          id: 'policy-not-evaluated:Calico NetworkPolicy/shop/web-both',
          severity: 'info',
          objects: ['Calico NetworkPolicy/shop/web-both', 'Pod/shop/web'],
          message: ['selects 1 pod (shop/web) for ingress and egress', 'verdicts on their ingress and egress connections are unknown'],
        },
      ],
    },
    {
      name: 'a cluster-wide policy (Calico GlobalNetworkPolicy) across namespaces: named without a namespace',
      model: build({ calicoglobalnetworkpolicies: [calicoGlobalPolicy('default-deny', { selector: 'all()', types: ['Egress'] })] }),
      expected: [
        {
          id: 'policy-not-evaluated:Calico GlobalNetworkPolicy/default-deny',
          severity: 'info',
          objects: ['Calico GlobalNetworkPolicy/default-deny', 'Pod/batch/job', 'Pod/shop/db-0', 'Pod/shop/db-1', 'Pod/shop/db-2', 'Pod/shop/db-3'],
          message: ['Calico GlobalNetworkPolicy default-deny selects 9 pods (batch/job, shop/db-0, shop/db-1 and 6 more) for egress'],
        },
      ],
    },
    {
      name: 'a selector whose match cannot be told (service account labels): counted, and the finding says it may select them and why',
      model: build({ caliconetworkpolicies: [calicoPolicy('shop/by-account', { selector: "pcsa.role == 'db'" })] }),
      expected: [
        {
          id: 'policy-not-evaluated:Calico NetworkPolicy/shop/by-account',
          severity: 'info',
          objects: ['Calico NetworkPolicy/shop/by-account', 'Pod/shop/db-0', 'Pod/shop/db-1', 'Pod/shop/db-2', 'Pod/shop/db-3', 'Pod/shop/db-4'],
          message: ['selects 8 pods', 'It may select 8 of them: selector "pcsa.role == \'db\'" reads service account labels, which kube-netmap does not read.'],
        },
      ],
    },
    {
      name: 'a policy that selects no pod: no finding (no verdict depends on it)',
      model: build({ caliconetworkpolicies: [calicoPolicy('shop/nothing', { selector: "app == 'none'" })] }),
      expected: [],
    },
    {
      name: 'no policy of an unevaluated kind: no finding',
      model: build({}),
      expected: [],
    },
  ])('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(policyNotEvaluated, m), expected);
  });

  it('Calico policies not synced (forbidden): the check is skipped with the reason, never a silent pass', () => {
    const m = build({ sync: { caliconetworkpolicies: { status: 'forbidden', message: 'networkpolicies.crd.projectcalico.org is forbidden' } } });
    const report = runChecks(policyNotEvaluated, m);
    expect(report.findings).toStrictEqual([]);
    expect(report.skipped).toStrictEqual([{ check: 'policy-not-evaluated', reason: expect.stringContaining('caliconetworkpolicies cannot be read (forbidden') }]);
  });

  it('covers whatever notEvaluatedSelecting returns: each (policy, pod) pair it gives is in exactly one finding, counted once', () => {
    const m = build({
      caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'", types: ['Ingress', 'Egress'] })],
      calicoglobalnetworkpolicies: [calicoGlobalPolicy('batch-only', { selector: "app == 'job'" })],
      // Cilium rules whose selection cannot be told: a key of a source the model lacks, a label Cilium's filter drops.
      ciliumnetworkpolicies: [ciliumPolicy('shop/web-init', { endpointSelector: { matchLabels: { app: 'web', 'reserved:init': '' }, matchExpressions: [] }, ingress: [ciliumEntry()] })],
      ciliumclusterwidenetworkpolicies: [
        ciliumClusterwidePolicy('by-hash', { endpointSelector: { matchLabels: {}, matchExpressions: [{ key: 'pod-template-hash', operator: 'DoesNotExist', values: [] }] }, egress: [ciliumEntry()] }),
      ],
    });
    const index = indexModel(m);
    const pairs = new Map<string, Set<string>>();
    for (const p of m.resources.pods) {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const policy of notEvaluatedSelecting(p, direction, index)) {
          const key = `${policy.kind} ${policy.namespace ? `${policy.namespace}/` : ''}${policy.name}`;
          pairs.set(key, (pairs.get(key) ?? new Set()).add(`${p.meta.namespace}/${p.meta.name}`));
        }
      }
    }
    const findings = runChecks(policyNotEvaluated, m).findings;
    expect(findings.length).toBeGreaterThanOrEqual(2);
    expect(findings.map((f) => `${f.objects[0]!.kind} ${f.objects[0]!.namespace ? `${f.objects[0]!.namespace}/` : ''}${f.objects[0]!.name}`).sort()).toStrictEqual([...pairs.keys()].sort());
    for (const f of findings) {
      const [first] = f.objects;
      const pods = pairs.get(`${first!.kind} ${first!.namespace ? `${first!.namespace}/` : ''}${first!.name}`)!;
      expect(f.message).toContain(` selects ${pods.size} pod${pods.size === 1 ? '' : 's'} (`);
    }
  });

  it('is in the registry: diagnose reports it beside network-policy-not-enforced, which the Problems view lists alike', () => {
    const report = diagnose(
      build({
        daemonsets: [flannelDaemonSet],
        networkpolicies: [networkPolicy('shop/deny-all')],
        caliconetworkpolicies: [calicoPolicy('shop/db-lockdown', { selector: "app == 'db'" })],
      }),
    );
    expect(report.findings.map((f) => f.id)).toStrictEqual([
      'network-policy-not-enforced:Namespace/shop',
      'namespace-without-policy:Namespace/batch',
      'policy-not-evaluated:Calico NetworkPolicy/shop/db-lockdown',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clusterPolicy, clusterRule, ipBlock, model, networkPolicy, peer, podsIn, podsPeer, policyEgress, policyIngress, policyPort, requirement, selector,
} from '@/lib/analysis/testing/builders';
import { calicoPolicy, ciliumPolicy } from '@/lib/analysis/testing/plugin-builders';
import { CANDIDATE_POLICIES } from '@/lib/analysis/testing/random-cluster';
import type { ClusterWidePolicy, NetworkPolicy, ObjectMeta } from '@/lib/model';
import { modelPolicies, policyYaml } from './policy-manifest';
import { readDraft } from './read-draft';

type Policy = NetworkPolicy | ClusterWidePolicy;
/** What survives a trip through YAML: everything but the server's uid and resourceVersion. */
const comparable = (p: { meta: ObjectMeta }) => ({ ...p, meta: { name: p.meta.name, namespace: p.meta.namespace, labels: p.meta.labels } });

/** The policy written as YAML and read back by the manifests source, as the what-if editor does. */
function roundTrip(policy: Policy): unknown {
  const kind = 'kind' in policy ? ({ ClusterNetworkPolicy: 'clusternetworkpolicies', AdminNetworkPolicy: 'adminnetworkpolicies', BaselineAdminNetworkPolicy: 'baselineadminnetworkpolicies' } as const)[policy.kind] : 'networkpolicies';
  const base = model({ [kind]: [policy] });
  const yaml = policyYaml(base, { kind, ...(policy.meta.namespace ? { namespace: policy.meta.namespace } : {}), name: policy.meta.name });
  expect(yaml).toBeDefined();
  const { overlay, warnings } = readDraft({ yaml: yaml!, deleted: [] });
  expect(warnings).toEqual([]);
  const read = overlay.objects.resources[kind] as { meta: ObjectMeta }[];
  expect(read).toHaveLength(1);
  return comparable(read[0]!);
}

const NETWORK_POLICIES: { name: string; policy: NetworkPolicy }[] = [
  ...CANDIDATE_POLICIES.map((policy) => ({ name: `the random clusters' ${policy.meta.namespace}/${policy.meta.name}`, policy })),
  { name: 'ingress only, no rules: deny all ingress (policyTypes written out)', policy: networkPolicy('shop/deny') },
  { name: 'egress isolation with no egress rules keeps its policyTypes', policy: networkPolicy('shop/deny-egress', { policyTypes: ['Egress'] }) },
  {
    name: 'a rule with no peers and no ports (everything) stays one',
    policy: networkPolicy('shop/open', { ingress: [policyIngress()], egress: [policyEgress()] }),
  },
  {
    name: 'an empty podSelector peer and an empty namespaceSelector peer stay apart from absent ones',
    policy: networkPolicy('shop/peers', {
      labels: { team: 'shop' },
      ingress: [policyIngress({ from: [peer({ pods: {} }), peer({ namespaces: {} }), peer({ namespaces: selector({}, requirement('env', 'Exists')), pods: { app: 'web' } })] })],
    }),
  },
  {
    name: 'ports: a number, a range, a name, a protocol alone',
    policy: networkPolicy('shop/ports', { ingress: [policyIngress({ ports: [policyPort(80), policyPort(8000, 'TCP', 8100), policyPort('metrics'), policyPort(undefined, 'UDP')] })] }),
  },
  {
    name: 'an ipBlock with and without except, and NotIn/DoesNotExist expressions',
    policy: networkPolicy('shop/ip', {
      podSelector: selector({}, requirement('tier', 'NotIn', ['db', 'cache']), requirement('legacy', 'DoesNotExist')),
      egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('10.0.0.0/8', '10.1.0.0/16') }), peer({ ipBlock: '192.168.0.0/16' })] })],
    }),
  },
];

const CLUSTER_POLICIES: { name: string; policy: ClusterWidePolicy }[] = [
  {
    name: 'a ClusterNetworkPolicy with every peer and port type (v1beta1)',
    policy: clusterPolicy('guardrail', {
      priority: 10,
      subject: podsIn({ env: 'prod' }, { app: 'api' }),
      ingress: [clusterRule('Accept', [podsPeer({ team: 'web' })], [{ type: 'number', protocol: 'TCP', port: 8080 }, { type: 'named', name: 'http' }], 'web-in')],
      egress: [
        clusterRule('Deny', [{ type: 'networks', networks: ['10.0.0.0/8'] }, { type: 'nodes', nodeSelector: selector({ role: 'db' }) }], [{ type: 'range', protocol: 'UDP', start: 1000, end: 2000 }]),
        clusterRule('Pass', [{ type: 'domainNames', domainNames: ['*.example.com'] }]),
        clusterRule('Accept', [podsPeer({}, { app: 'db' })]),
      ],
    }),
  },
  { name: 'a Baseline-tier ClusterNetworkPolicy', policy: clusterPolicy('baseline-deny', { tier: 'Baseline', priority: 0, ingress: [clusterRule('Deny', [podsPeer()])] }) },
  {
    name: 'an AdminNetworkPolicy (v1alpha1: Accept is written Allow, ports as portNumber, namedPort, portRange)',
    policy: clusterPolicy('anp', {
      kind: 'AdminNetworkPolicy',
      priority: 3,
      egress: [
        clusterRule('Accept', [podsPeer({ team: 'x' })], [{ type: 'number', protocol: 'SCTP', port: 9 }, { type: 'named', name: 'dns' }]),
        clusterRule('Deny', [{ type: 'networks', networks: ['0.0.0.0/0'] }], [{ type: 'range', protocol: 'TCP', start: 1, end: 1024 }]),
      ],
    }),
  },
  {
    name: 'a BaselineAdminNetworkPolicy (no priority)',
    policy: clusterPolicy('default', { kind: 'BaselineAdminNetworkPolicy', ingress: [clusterRule('Deny', [podsPeer({ team: 'x' })])] }),
  },
];

describe('policyYaml: a policy written back reads into the same model object', () => {
  it.each([...NETWORK_POLICIES, ...CLUSTER_POLICIES])('$name', ({ policy }) => {
    expect(roundTrip(policy)).toEqual(comparable(policy));
  });

  it('holds for any labels and selector values (property, fixed seed)', () => {
    // Label values that YAML 1.1 would read as something else unquoted are among them: yes, on, 0755, e0, 1.5.
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/);
    const value = fc.oneof(fc.constantFrom('yes', 'on', 'No', 'y', '0755', 'e0', '1.5', '1_000', 'null'), fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,10}[a-zA-Z0-9])?$/));
    const labels = fc.dictionary(key, value, { maxKeys: 3 });
    fc.assert(
      fc.property(labels, labels, fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }), (policyLabels, podLabels, ports) => {
        const policy = networkPolicy('shop/p', { labels: policyLabels, podSelector: podLabels, ingress: [policyIngress({ from: [peer({ pods: podLabels })], ports })] });
        expect(roundTrip(policy)).toEqual(comparable(policy));
      }),
      { seed: 11, numRuns: 100 },
    );
  });
});

describe('modelPolicies: what the editor offers', () => {
  it('lists every policy kind, each sorted; Calico and Cilium policies and unread peers cannot be opened, only deleted', () => {
    const base = model({
      networkpolicies: [networkPolicy('shop/b'), networkPolicy('data/a')],
      clusternetworkpolicies: [clusterPolicy('odd', { ingress: [clusterRule('Deny', [{ type: 'unrecognised', fields: ['future'] }])] })],
      caliconetworkpolicies: [calicoPolicy('shop/calico')],
      ciliumnetworkpolicies: [ciliumPolicy('shop/l7')],
    });
    expect(modelPolicies(base).map((p) => [p.label, p.notEditable ?? 'editable'])).toEqual([
      ['NetworkPolicy data/a', 'editable'],
      ['NetworkPolicy shop/b', 'editable'],
      ['ClusterNetworkPolicy odd', 'it has a peer kube-netmap does not read (future): paste its YAML instead'],
      ['Calico NetworkPolicy shop/calico', 'kube-netmap keeps only which pods it selects, not its rules: mark it deleted, or paste its YAML'],
      ['CiliumNetworkPolicy shop/l7', 'kube-netmap does not write Cilium policies back as YAML: mark it deleted, or paste its YAML'],
    ]);
    expect(policyYaml(base, { kind: 'clusternetworkpolicies', name: 'odd' })).toBeUndefined();
    expect(policyYaml(base, { kind: 'networkpolicies', namespace: 'shop', name: 'missing' })).toBeUndefined();
  });

  it('writes the YAML a person expects to read', () => {
    const base = model({ networkpolicies: [networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [8080] })] })] });
    expect(policyYaml(base, { kind: 'networkpolicies', namespace: 'shop', name: 'api' })).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: api',
        '  namespace: shop',
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        '      app: api',
        '  policyTypes:',
        '    - Ingress',
        '  ingress:',
        '    - from:',
        '        - podSelector:',
        '            matchLabels:',
        '              app: web',
        '      ports:',
        '        - protocol: TCP',
        '          port: 8080',
        '',
      ].join('\n'),
    );
  });
});

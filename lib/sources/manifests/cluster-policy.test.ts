// The cluster-wide policies of policy.networking.k8s.io read from manifests: normalised with the CRDs' defaults, and
// rejected with the file and line where the CRD's OpenAPI or CEL rules would reject them.
import { describe, expect, it } from 'vitest';
import type { ClusterWidePolicy } from '@/lib/model';
import { ManifestError, modelFromDocuments } from '.';

const load = (source: string) => modelFromDocuments([{ file: 'p.yaml', text: source }]);

const CNP = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-db
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {matchLabels: {team: shop}}
  egress:
    - name: to-db
      action: Deny
      to:
        - pods:
            namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: db}}
            podSelector: {}
      protocols:
        - tcp: {destinationPort: {number: 5432}}
        - udp: {destinationPort: {range: {start: 1000, end: 2000}}}
    - action: Accept
      to: [{networks: [10.0.0.0/8]}, {nodes: {}}, {domainNames: ['*.example.com']}]
  ingress:
    - action: Pass
      from: [{namespaces: {}}]
      protocols: [{destinationNamedPort: http}]
`;

describe('ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy from manifests', () => {
  it('reads a v1alpha2 ClusterNetworkPolicy: tier, priority, subject, rules, peers and protocols', () => {
    const { model, warnings } = load(CNP);
    expect(warnings).toStrictEqual([]);
    const empty = { matchLabels: {}, matchExpressions: [] };
    expect(model.resources.clusternetworkpolicies).toStrictEqual<ClusterWidePolicy[]>([
      {
        meta: { uid: 'ClusterNetworkPolicy/deny-db', name: 'deny-db', labels: {}, resourceVersion: '' },
        kind: 'ClusterNetworkPolicy',
        tier: 'Admin',
        priority: 10,
        subject: { namespaceSelector: { matchLabels: { team: 'shop' }, matchExpressions: [] }, podSelector: empty, namespacesOnly: true },
        egress: [
          {
            name: 'to-db',
            action: 'Deny',
            peers: [{ type: 'pods', namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' }, matchExpressions: [] }, podSelector: empty, namespacesOnly: false }],
            ports: [
              { type: 'number', protocol: 'TCP', port: 5432 },
              { type: 'range', protocol: 'UDP', start: 1000, end: 2000 },
            ],
          },
          {
            action: 'Accept',
            peers: [
              { type: 'networks', networks: ['10.0.0.0/8'] },
              { type: 'nodes', nodeSelector: empty },
              { type: 'domainNames', domainNames: ['*.example.com'] },
            ],
            ports: [],
          },
        ],
        ingress: [{ action: 'Pass', peers: [{ type: 'pods', namespaceSelector: empty, podSelector: empty, namespacesOnly: true }], ports: [{ type: 'named', name: 'http' }] }],
      },
    ]);
  });

  it('reads v1beta1 (the storage version) the same way, without a warning', () => {
    const { model, warnings } = load(CNP.replace('v1alpha2', 'v1beta1'));
    expect(warnings).toStrictEqual([]);
    expect(model.resources.clusternetworkpolicies.map((p) => p.meta.name)).toStrictEqual(['deny-db']);
  });

  it('reads v1alpha1 AdminNetworkPolicy (Allow is Accept, ports default to TCP) and the BaselineAdminNetworkPolicy', () => {
    const { model } = load(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: anp}
spec:
  priority: 3
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
  ingress:
    - action: Allow
      from: [{pods: {namespaceSelector: {}, podSelector: {}}}]
      ports: [{portNumber: {port: 80}}, {portRange: {start: 8000, end: 8100, protocol: UDP}}, {namedPort: metrics}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress: [{action: Deny, to: [{networks: [0.0.0.0/0]}]}]
`);
    const [anp] = model.resources.adminnetworkpolicies;
    expect(anp).toMatchObject({ kind: 'AdminNetworkPolicy', tier: 'Admin', priority: 3 });
    expect(anp!.ingress[0]!.action).toBe('Accept');
    expect(anp!.ingress[0]!.ports).toStrictEqual([
      { type: 'number', protocol: 'TCP', port: 80 },
      { type: 'range', protocol: 'UDP', start: 8000, end: 8100 },
      { type: 'named', name: 'metrics' },
    ]);
    const [banp] = model.resources.baselineadminnetworkpolicies;
    expect(banp).toMatchObject({ kind: 'BaselineAdminNetworkPolicy', tier: 'Baseline' });
    expect(banp!.priority).toBeUndefined();
  });

  it.each([
    { rule: 'tier is Admin or Baseline', edit: (s: string) => s.replace('tier: Admin', 'tier: Middle'), line: 6 },
    { rule: 'priority is 0..1000', edit: (s: string) => s.replace('priority: 10', 'priority: 1001'), line: 7 },
    { rule: 'the subject sets exactly one of namespaces, pods', edit: (s: string) => s.replace('namespaces: {matchLabels: {team: shop}}', 'namespaces: {}\n    pods: {podSelector: {}}'), line: 8 },
    { rule: 'actions are Accept, Deny, Pass', edit: (s: string) => s.replace('action: Deny', 'action: Allow'), line: 12 },
    { rule: 'a port range starts below its end', edit: (s: string) => s.replace('start: 1000, end: 2000', 'start: 2000, end: 2000'), line: 19 },
    { rule: 'networks are masked CIDRs', edit: (s: string) => s.replace('10.0.0.0/8', '10.0.0.1/8'), line: 21 },
    { rule: 'a peer sets exactly one field', edit: (s: string) => s.replace('{nodes: {}}', '{nodes: {}, networks: [10.0.0.0/8]}'), line: 21 },
    { rule: 'no named port beside networks, nodes or domain names', edit: (s: string) => s.replace("['*.example.com']}]", "['*.example.com']}]\n      protocols: [{destinationNamedPort: http}]"), line: 20 },
    { rule: 'domain names follow the CRD pattern', edit: (s: string) => s.replace('*.example.com', 'ex*.com'), line: 21 },
    { rule: 'a rule has at least one peer', edit: (s: string) => s.replace("from: [{namespaces: {}}]", 'from: []'), line: 24 },
  ])('ManifestError where the CRD rejects: $rule', ({ edit, line }) => {
    let error: unknown;
    try {
      load(edit(CNP));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).line).toBe(line);
  });

  it('ManifestError: a BaselineAdminNetworkPolicy is the singleton "default"', () => {
    expect(() => load('apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: other}\nspec: {subject: {namespaces: {}}}\n')).toThrow(
      /BaselineAdminNetworkPolicy other: metadata.name: Only one baseline admin network policy/,
    );
  });
});

// The benchmark's cluster-wide policies (policy.networking.k8s.io v1alpha2 ClusterNetworkPolicy), as the API server
// would list them: what a platform team layers over the namespaces' own NetworkPolicies. Three in four are in the
// Admin tier (unique priorities, so no tie makes a verdict unknown), the rest in the Baseline tier. They use every
// peer kind the engine evaluates (pods, namespaces, networks, nodes) and every port form (number, range, named port),
// and all three actions, so the equivalence classes are split by what they read.

import type { RawClusterPolicyRule, RawClusterWidePolicy } from '@/lib/model/normalize/raw';

export interface ClusterWideNames {
  teamOf: (i: number) => string;
  nsName: (i: number) => string;
}

const tcp = (number: number) => ({ tcp: { destinationPort: { number } } });

export function generateClusterWidePolicies(count: number, { teamOf, nsName }: ClusterWideNames, meta: (name: string) => RawClusterWidePolicy['metadata']): RawClusterWidePolicy[] {
  const admin = Math.ceil((count * 3) / 4);
  return Array.from({ length: count }, (_, i): RawClusterWidePolicy => {
    const baseline = i >= admin;
    const team = teamOf(i);
    const ingress: RawClusterPolicyRule[] = [];
    const egress: RawClusterPolicyRule[] = [];
    if (baseline) {
      // The platform's defaults, below every NetworkPolicy: no ingress from other teams, no SMTP out.
      ingress.push({ name: 'other-teams', action: 'Deny', from: [{ namespaces: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: [team] }] } }] });
      egress.push({ name: 'no-smtp', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }], protocols: [tcp(25)] });
    } else {
      // Guardrails above every NetworkPolicy: staging never reaches production databases; DNS always works; the
      // cloud's metadata endpoint and the nodes' kubelets are out of reach; another team's web may be let in by
      // the namespace's own policies (Pass).
      ingress.push({ name: 'no-staging-to-db', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'staging' } } }], protocols: [tcp(5432), { tcp: { destinationPort: { range: { start: 6379, end: 6380 } } } }] });
      if (i % 3 === 0) {
        ingress.push({ name: 'partner-web', action: 'Pass', from: [{ pods: { namespaceSelector: { matchLabels: { team: teamOf(i + 1) } }, podSelector: { matchLabels: { tier: 'web' } } } }], protocols: [{ destinationNamedPort: 'http' }] });
      }
      egress.push({
        name: 'dns',
        action: 'Accept',
        to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsName(0) } }, podSelector: { matchLabels: { app: 'coredns' } } } }],
        protocols: [{ udp: { destinationPort: { number: 53 } } }, tcp(53)],
      });
      if (i % 5 === 0) egress.push({ name: 'no-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] });
      if (i % 7 === 0) egress.push({ name: 'no-kubelet', action: 'Deny', to: [{ nodes: {} }], protocols: [tcp(10250)] });
    }
    const subject =
      i % 2 === 0
        ? { namespaces: { matchLabels: { team } } }
        : { pods: { namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { tier: ['web', 'api', 'db', 'cache', 'worker'][i % 5]! } } } };
    return {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: meta(`platform-${String(i).padStart(3, '0')}`),
      spec: { tier: baseline ? 'Baseline' : 'Admin', priority: baseline ? i - admin : i, subject, ingress, egress },
    };
  });
}

import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import { stringify } from 'yaml';
import { dashboardRbacRules } from '@/lib/sources/live/rbac-rules';
import { RUN_LABEL } from './kube';

// The dashboard runs as ServiceAccounts that may only read, so the suite also proves that nothing else is needed.
export const SYSTEM_NAMESPACE = 'kube-netmap-e2e';
export const VIEWER_CONTEXT = 'e2e-viewer';
export const NO_NETPOL_CONTEXT = 'e2e-no-networkpolicies';

// The rules are the dashboard's own list (lib/sources/live/rbac-rules.ts), which the Helm chart's ClusterRole
// equals too (e2e/helm-chart.spec.ts): what the suite proves enough is what the chart grants.
const rules = (withNetworkPolicies: boolean, withSecretNames: boolean) =>
  dashboardRbacRules({ secretNames: withSecretNames, without: withNetworkPolicies ? [] : ['networkpolicies'] });

const identities = [
  { context: VIEWER_CONTEXT, account: 'viewer', role: 'kube-netmap-e2e-viewer', withNetworkPolicies: true, withSecretNames: true },
  {
    context: NO_NETPOL_CONTEXT,
    account: 'no-networkpolicies',
    role: 'kube-netmap-e2e-no-networkpolicies',
    withNetworkPolicies: false,
    withSecretNames: false,
  },
];

export const dashboardUsers = identities.map((i) => `system:serviceaccount:${SYSTEM_NAMESPACE}:${i.account}`);

/** Creates the ServiceAccounts and their read-only roles, and writes a kubeconfig with one context for each. */
export async function createDashboardKubeconfig(admin: KubeConfig, runId: string, file: string): Promise<void> {
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  await deleteDashboardIdentities(admin);
  await core.createNamespace({ body: { metadata: { name: SYSTEM_NAMESPACE, labels: { [RUN_LABEL]: runId } } } });
  const users = [];
  for (const identity of identities) {
    await rbac.createClusterRole({ body: { metadata: { name: identity.role }, rules: rules(identity.withNetworkPolicies, identity.withSecretNames) } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: identity.role },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: identity.role },
        subjects: [{ kind: 'ServiceAccount', name: identity.account, namespace: SYSTEM_NAMESPACE }],
      },
    });
    await core.createNamespacedServiceAccount({ namespace: SYSTEM_NAMESPACE, body: { metadata: { name: identity.account } } });
    const token = await core.createNamespacedServiceAccountToken({
      name: identity.account,
      namespace: SYSTEM_NAMESPACE,
      body: { spec: { expirationSeconds: 6 * 3600, audiences: [] } },
    });
    users.push({ name: identity.account, user: { token: token.status?.token } });
  }
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('The admin kubeconfig has no current cluster');
  const clusterEntry: Record<string, unknown> = { server: cluster.server };
  if (cluster.caData) clusterEntry['certificate-authority-data'] = cluster.caData;
  if (cluster.caFile) clusterEntry['certificate-authority'] = cluster.caFile;
  if (cluster.skipTLSVerify) clusterEntry['insecure-skip-tls-verify'] = true;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'e2e', cluster: clusterEntry }],
    users,
    contexts: identities.map((i) => ({ name: i.context, context: { cluster: 'e2e', user: i.account } })),
    'current-context': VIEWER_CONTEXT,
  };
  fs.writeFileSync(file, stringify(kubeconfig), { mode: 0o600 });
}

export async function deleteDashboardIdentities(admin: KubeConfig): Promise<void> {
  const core = admin.makeApiClient(CoreV1Api);
  const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
  for (const identity of identities) {
    await rbac.deleteClusterRoleBinding({ name: identity.role }).catch(() => undefined);
    await rbac.deleteClusterRole({ name: identity.role }).catch(() => undefined);
  }
  await core.deleteNamespace({ name: SYSTEM_NAMESPACE }).catch(() => undefined);
  // A namespace takes a moment to go; creating it again before then fails.
  for (let i = 0; i < 120; i++) {
    const exists = await core.readNamespace({ name: SYSTEM_NAMESPACE }).then(() => true, () => false);
    if (!exists) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

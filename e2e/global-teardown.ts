import { CoreV1Api } from '@kubernetes/client-node';
import { adminConfig, RUN_LABEL } from './support/kube';
import { deleteDashboardIdentities } from './support/dashboard-identities';

/** Deletes only what this run created: its labelled namespaces and the dashboard's identities. */
export default async function globalTeardown() {
  const admin = adminConfig();
  const core = admin.makeApiClient(CoreV1Api);
  const runId = process.env.E2E_RUN_ID;
  if (runId) {
    const namespaces = await core.listNamespace({ labelSelector: `${RUN_LABEL}=${runId}` });
    for (const ns of namespaces.items) await core.deleteNamespace({ name: ns.metadata!.name! }).catch(() => undefined);
  }
  await deleteDashboardIdentities(admin);
}

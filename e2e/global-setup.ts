import fs from 'node:fs';
import path from 'node:path';
import { adminConfig } from './support/kube';
import { createDashboardKubeconfig } from './support/dashboard-identities';
import { startDashboard } from './support/server';

export const STATE_DIR = path.resolve(import.meta.dirname, '..', '.e2e');

/**
 * Gives the dashboard read-only identities in the cluster under test, then starts the built dashboard with a
 * kubeconfig that holds only those. Tests read E2E_BASE_URL; the teardown stops the server and removes what the
 * run created.
 */
export default async function globalSetup() {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const runId = `run-${Date.now().toString(36)}`;
  process.env.E2E_RUN_ID = runId;
  const kubeconfig = path.join(STATE_DIR, 'dashboard.kubeconfig');
  await createDashboardKubeconfig(adminConfig(), runId, kubeconfig);
  const server = await startDashboard(kubeconfig, path.join(STATE_DIR, 'dashboard.log'));
  process.env.E2E_BASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}

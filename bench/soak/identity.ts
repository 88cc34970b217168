import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createDashboardKubeconfig } from '../../e2e/support/dashboard-identities.ts';

export type Identity = 'viewer' | 'admin';

export interface DashboardIdentity {
  file: string;
  config: KubeConfig;
  context: string;
  dispose(): void;
}

/**
 * The kubeconfig the dashboard runs with: the read-only ServiceAccount the e2e suite gives it (get, list and watch
 * only, as a user's dashboard would run), or the cluster's admin.
 */
export async function dashboardIdentity(admin: KubeConfig, adminFile: string, identity: Identity): Promise<DashboardIdentity> {
  if (identity === 'admin') return { file: adminFile, config: admin, context: admin.getCurrentContext(), dispose: () => {} };
  const file = path.join(os.tmpdir(), `kube-netmap-bench-${process.pid}.kubeconfig`);
  await createDashboardKubeconfig(admin, `bench-${Date.now().toString(36)}`, file);
  const config = new KubeConfig();
  config.loadFromFile(file);
  return { file, config, context: config.getCurrentContext(), dispose: () => fs.rmSync(file, { force: true }) };
}

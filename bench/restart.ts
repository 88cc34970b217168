// The dashboard's recovery from an API server restart: the time from the API server's /readyz answering again to
// every kind synced in /api/snapshot and the page (Debian's Chromium) connected, over three restarts with outages
// of 5, 15 and 30 s. Prints the worst with its target and PASS or MISS; a benchmark, not a test (exits 0 whatever
// the figure). Needs the local control plane (started if needed, stopped at the end only if this run started it):
// it never stops the API server of a cluster it did not start.
//
// Run it with tsx, which resolves the @/ paths of the tsconfig:  node --import tsx bench/restart.ts
import { KubeConfig } from '@kubernetes/client-node';
import { startDashboard } from '../e2e/support/server.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';
import { measureRestarts } from './soak/api-restart.ts';
import { dashboardIdentity } from './soak/identity.ts';
import { KubeWriter } from './soak/kube-writer.ts';

const ROUNDS = 3;

async function main() {
  if (process.env.BENCH_KUBECONFIG || process.env.E2E_KUBECONFIG) {
    console.log('API server restart: skipped (needs the local control plane; BENCH_KUBECONFIG / E2E_KUBECONFIG point elsewhere)');
    return;
  }
  const { file, startedHere } = clusterKubeconfig();
  buildIfStale();
  const config = new KubeConfig();
  config.loadFromFile(file);
  const writer = await KubeWriter.create(config);
  // As the e2e suite runs it: a read-only ServiceAccount, as a user's dashboard would.
  const identity = await dashboardIdentity(config, file, 'viewer');
  const dashboard = await startDashboard(identity.file);
  try {
    const lines = await measureRestarts(dashboard.url, identity.context, writer, ROUNDS, (line) => console.error(`[bench:restart] ${line}`));
    console.log(lines.join('\n'));
  } finally {
    await dashboard.stop();
    identity.dispose();
    await writer.close();
    if (startedHere) stopCluster();
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

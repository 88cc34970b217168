import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * The cluster a benchmark runs on: BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, else the local control plane,
 * started if it is not running. `startedHere` says whether the caller should stop it (stopCluster) at the end.
 */
export function clusterKubeconfig(): { file: string; startedHere: boolean } {
  const given = process.env.BENCH_KUBECONFIG ?? process.env.E2E_KUBECONFIG;
  if (given) return { file: given, startedHere: false };
  let running = true;
  try {
    execFileSync('bash', ['scripts/cluster/status.sh'], { cwd: repoRoot, stdio: 'ignore' });
  } catch {
    running = false;
  }
  const out = execFileSync('bash', ['scripts/cluster/up.sh'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { file: out.trim().split('\n').at(-1)!.replace(/^KUBECONFIG=/, ''), startedHere: !running };
}

export function stopCluster(): void {
  execFileSync('bash', ['scripts/cluster/down.sh'], { cwd: repoRoot, stdio: 'ignore' });
}

/** next build, unless .next was built from exactly the current sources. */
export function buildIfStale(): void {
  execFileSync('bash', ['scripts/build-if-stale.sh'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

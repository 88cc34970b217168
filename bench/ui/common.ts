// What every step of the UI benchmark shares: the run's sizes, targets and labels, polling and logging, and the
// Kubernetes clients.

import { parseArgs } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, NetworkingV1Api, type V1Pod } from '@kubernetes/client-node';

/** `--pods N` (2,000 by default), rounded to whole namespaces of 40 pods. */
function askedPods(): number {
  const { values } = parseArgs({ options: { pods: { type: 'string', default: '2000' } }, strict: true });
  const pods = Number(values.pods);
  if (!/^\d+$/.test(values.pods) || pods < 40 || pods > 100_000) throw new Error(`--pods must be a whole number from 40 to 100000, got "${values.pods}"`);
  return pods;
}

export const PODS_PER_NAMESPACE = 40;
export const NAMESPACES = Math.round(askedPods() / PODS_PER_NAMESPACE);
export const TOTAL_PODS = NAMESPACES * PODS_PER_NAMESPACE;
/** Replicas of each namespace's Deployments: four of more than 3 pods (folded on the map), eleven that stay unfolded. */
export const REPLICAS = [5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1];
export const BARE_PODS = PODS_PER_NAMESPACE - REPLICAS.reduce((a, b) => a + b, 0);
/**
 * Fake nodes of the bench's own. kwok gives each node's pods addresses from the node's /24 and runs past its end
 * when it has more than 253 pods (into the next node's range: duplicate pod IPs). The 3 nodes of the local cluster
 * would carry about 670 pods each at 2,000 pods; nodes of the bench's own carry about 125.
 */
export const BENCH_NODES = Math.ceil(TOTAL_PODS / 125);
export const HIGHLIGHT_CLICKS = 10;
export const WATCH_EVENTS = 20;
export const PAN_MS = 3000;
export const VIEW_REST_MS = 500;
export const IN_FLIGHT = 10;
export const IMAGE = 'registry.k8s.io/pause:3.10';
export const BENCH_LABEL = 'kube-netmap.dev/bench';
export const RUN_LABEL = 'kube-netmap.dev/bench-run';

export const TARGETS = { firstMapMs: 3000, highlightMs: 200, panFps: 30, watchMs: 500 };

export const runId = Date.now().toString(36);
export const prefix = `bench-ui-${runId}`;
export const namespaceNames = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${String(i).padStart(String(NAMESPACES - 1).length, '0')}`);
export const benchLabels = { [BENCH_LABEL]: 'ui', [RUN_LABEL]: runId };

/** High-resolution wall clock (ms since the epoch), comparable with the page's performance.timeOrigin + now(). */
export const wallNow = () => performance.timeOrigin + performance.now();
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
export const log = (line: string) => console.log(line);
export const progress = (line: string) => console.error(`[bench:ui ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);
export const started = performance.now();

/** Runs fn over the items with at most `limit` calls in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Polls until check returns a value (not undefined), or throws what describe says after timeoutMs. */
export async function until<T>(what: string, timeoutMs: number, intervalMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs / 1000} s${lastError ? ` (last error: ${errorText(lastError)})` : ''}`);
    await sleep(intervalMs);
  }
}

export const isReady = (pod: V1Pod) => !pod.metadata?.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
export const statusCode = (error: unknown) => (error as { code?: number }).code;

export interface Kube {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  net: NetworkingV1Api;
}

export function kubeClients(file: string): Kube {
  const config = new KubeConfig();
  config.loadFromFile(file);
  return { config, core: config.makeApiClient(CoreV1Api), apps: config.makeApiClient(AppsV1Api), net: config.makeApiClient(NetworkingV1Api) };
}

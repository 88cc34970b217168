// What every step of the UI benchmark shares: the run's sizes, targets and labels, polling and logging, and the
// Kubernetes clients.

import { parseArgs } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { nodesFor } from './placement.ts';

const { values: args } = parseArgs({ options: { pods: { type: 'string', default: '2000' }, 'cpu-profile': { type: 'string' } }, strict: true });

/** `--pods N` (2,000 by default), rounded to whole namespaces of 40 pods. */
function askedPods(): number {
  const pods = Number(args.pods);
  if (!/^\d+$/.test(args.pods) || pods < 40 || pods > 100_000) throw new Error(`--pods must be a whole number from 40 to 100000, got "${args.pods}"`);
  return pods;
}

/**
 * `--cpu-profile FILE`: the page's CPU profile (Chrome DevTools' .cpuprofile) of the first map's last page load is
 * written there, to see where the first map's time goes.
 */
export const CPU_PROFILE_FILE = args['cpu-profile'];

export const PODS_PER_NAMESPACE = 40;
export const NAMESPACES = Math.round(askedPods() / PODS_PER_NAMESPACE);
export const TOTAL_PODS = NAMESPACES * PODS_PER_NAMESPACE;
/** Replicas of each namespace's Deployments: four of more than 3 pods (folded on the map), eleven that stay unfolded. */
export const REPLICAS = [5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1];
export const BARE_PODS = PODS_PER_NAMESPACE - REPLICAS.reduce((a, b) => a + b, 0);
/** Fake nodes of the bench's own, at most PODS_PER_NODE pods on each (see placement.ts). */
export const BENCH_NODES = nodesFor(TOTAL_PODS);
export const HIGHLIGHT_CLICKS = 10;
export const WATCH_EVENTS = 20;
export const PAN_MS = 3000;
export const VIEW_REST_MS = 500;
/** Writes in flight while the bench sets up or cleans up: enough to keep the API server busy on 2 cores. */
export const WRITES_IN_FLIGHT = 48;
export const IMAGE = 'registry.k8s.io/pause:3.10';
export const BENCH_LABEL = 'kube-netmap.dev/bench';
export const RUN_LABEL = 'kube-netmap.dev/bench-run';

/**
 * The whole run's bound: the setup creates about 120 pods a second and the cleanup deletes them at several hundred;
 * the measurements take a few minutes at any size.
 */
export const RUN_LIMIT_MINUTES = 15 + Math.ceil(TOTAL_PODS / 3000);

export const TARGETS = {
  /** The first complete map up to 2,000 pods (the first target), then up to 10,000. */
  firstMapMs: 3000,
  firstMapAt10kMs: 4000,
  /** Above 10,000 pods: the first map the page draws once laid out (namespace summaries, perhaps). */
  firstUsefulMapMs: 6000,
  highlightMs: 200,
  panFps: 30,
  watchMs: 500,
  /** The browser's JavaScript heaps, the page's and its workers', at the end of the run (the target is at 50,000 pods). */
  heapBytes: 1e9,
};

export const runId = Date.now().toString(36);
export const prefix = `bench-ui-${runId}`;
export const namespaceNames = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${String(i).padStart(String(NAMESPACES - 1).length, '0')}`);
export const benchLabels = { [BENCH_LABEL]: 'ui', [RUN_LABEL]: runId };

/** High-resolution wall clock (ms since the epoch), comparable with the page's performance.timeOrigin + now(). */
export const wallNow = () => performance.timeOrigin + performance.now();
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));
export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
export const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
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


export interface Kube {
  config: KubeConfig;
  core: CoreV1Api;
}

export function kubeClients(file: string): Kube {
  const config = new KubeConfig();
  config.loadFromFile(file);
  return { config, core: config.makeApiClient(CoreV1Api) };
}

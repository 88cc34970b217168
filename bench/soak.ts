// The dashboard under churn: for N minutes, R changes a second to the local control plane (pods created, deleted
// and relabelled; Services and NetworkPolicies edited) while C clients follow /api/events as the page does. It
// prints each figure with its target and PASS or MISS: the dashboard's RSS drift, the event lag p95 from a write's
// response to its arrival at the clients, the gaps and resets the clients saw, and whether, at the end, the
// server's model equals a fresh list from the API and every client's model equals the server's. Then it restarts
// the API server and times the dashboard's recovery (see soak/api-restart.ts).
//
// A benchmark, not a test: it exits 0 whatever the figures, 1 only when it could not run. Its setup is idempotent
// (an interrupted run is simply started again) and timed apart from what it measures. Traffic goes to 127.0.0.1
// only. Uses BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, otherwise the local control plane (started if needed,
// and stopped at the end only if this run started it).
//
// The dashboard runs as the e2e suite's read-only ServiceAccount (--as viewer), or as the cluster's admin.
//
// At scale (--pods N, say 50000 with --clients 5): a still population of N pods (soak/population.ts, resumable)
// lies under the churn, and the dashboard's first full sync and its RSS with the clients connected are measured
// too. Creating 50,000 pods takes a while the first time; later runs reuse them (--cleanup deletes them).
//
//   npm run bench:soak -- [--minutes 10] [--rate 50] [--clients 20] [--restarts 3] [--as viewer|admin] [--pods 0] [--cleanup]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import type { SnapshotResponse } from '@/lib/api/types';
import type { ClusterModel } from '@/lib/model/types';
import { startDashboard } from '../e2e/support/server.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';
import { ms, percentile } from './stats.ts';
import { measureRestarts } from './soak/api-restart.ts';
import { Churn } from './soak/churn.ts';
import { Population } from './soak/population.ts';
import { firstViewBytes } from './soak/first-view-bytes.ts';
import { modelDifferences } from './soak/compare.ts';
import { freshModel } from './soak/fresh-model.ts';
import { dashboardIdentity, type DashboardIdentity, type Identity } from './soak/identity.ts';
import { KubeWriter } from './soak/kube-writer.ts';
import { changeKeys, LagTracker } from './soak/lag.ts';
import { cpuSeconds, mb, treeRssBytes } from './soak/process-stats.ts';
import { referenceWatch } from './soak/reference-watch.ts';
import { SseClient } from './soak/sse-client.ts';

// firstSyncMs and rssBytes are issue 13's targets at 50,000 pods and 5 clients (tabs).
const TARGETS = { rssDriftBytes: 50 * 2 ** 20, lagP95Ms: 200, gapsAndResets: 0, differences: 0, firstSyncMs: 15_000, rssBytes: 600 * 2 ** 20 };
/** Writes in flight at most; a change due while this many are pending is skipped (and counted), never queued. */
const MAX_IN_FLIGHT = 64;
/** A write not seen by a client within this long counts as missing for that client. */
const ARRIVAL_TIMEOUT_MS = 15_000;
const RSS_SAMPLE_MS = 5000;
const PROGRESS_MS = 30_000;
const CHECK_ATTEMPTS = 10;
const SHOWN_DIFFERENCES = 10;

const started = performance.now();
const progress = (line: string) => console.error(`[bench:soak ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);
const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
/** Math.max without spreading the values into the call (a long run has hundreds of thousands of them). */
const largest = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);

function options() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '50' },
      clients: { type: 'string', default: '20' },
      restarts: { type: 'string', default: '3' },
      as: { type: 'string', default: 'viewer' },
      pods: { type: 'string', default: '0' },
      cleanup: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const number = (name: 'minutes' | 'rate' | 'clients' | 'restarts' | 'pods', min: number, max: number) => {
    const value = Number(values[name]);
    if (!/^\d+(\.\d+)?$/.test(values[name]) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got "${values[name]}"`);
    return value;
  };
  if (values.as !== 'viewer' && values.as !== 'admin') throw new Error(`--as must be viewer or admin, got "${values.as}"`);
  return {
    as: values.as as Identity,
    minutes: number('minutes', 0.1, 120),
    rate: number('rate', 1, 500),
    clients: Math.round(number('clients', 1, 200)),
    restarts: Math.round(number('restarts', 0, 10)),
    pods: Math.round(number('pods', 0, 100_000)),
    cleanup: values.cleanup,
  };
}

async function timed<T>(what: string, setupTimes: string[], fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  progress(`${what}…`);
  const result = await fn();
  setupTimes.push(`${what}: ${seconds(performance.now() - start)}`);
  return result;
}

async function snapshotOf(url: string): Promise<SnapshotResponse> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`/api/snapshot: HTTP ${response.status}`);
  return (await response.json()) as SnapshotResponse;
}

/**
 * The two end checks, each retried a few times because the cluster never stops changing entirely (kwok's node
 * heartbeats): the server's model against a fresh list, then every client's model against the server's snapshot
 * once the client has applied exactly the changes up to it.
 */
async function checkModels(config: KubeConfig, snapshotUrl: string, clients: SseClient[], when: string): Promise<string[]> {
  let serverDiffs: string[] = [];
  for (let attempt = 1; attempt <= CHECK_ATTEMPTS; attempt++) {
    const fresh = await freshModel(config);
    const snapshot = await snapshotOf(snapshotUrl);
    serverDiffs = modelDifferences(fresh, snapshot.model, { expected: 'the API', actual: 'the server' });
    if (serverDiffs.length === 0) break;
    await sleep(1000);
  }
  let clientDiffs: string[] = [];
  let compared = 0;
  for (let attempt = 1; attempt <= CHECK_ATTEMPTS; attempt++) {
    const snapshot = await snapshotOf(snapshotUrl);
    const deadline = performance.now() + 3000;
    while (clients.some((c) => c.seq < snapshot.seq) && performance.now() < deadline) await sleep(20);
    const level = clients.filter((c) => c.epoch === snapshot.epoch && c.seq === snapshot.seq);
    // A client past the snapshot saw a newer change; take a newer snapshot rather than compare different moments.
    if (level.length < clients.length && clients.some((c) => c.seq > snapshot.seq) && attempt < CHECK_ATTEMPTS) continue;
    compared = level.length;
    clientDiffs = [];
    for (const [i, client] of clients.entries()) {
      if (!level.includes(client)) clientDiffs.push(`client ${i}: at ${client.epoch}:${client.seq}, the server at ${snapshot.epoch}:${snapshot.seq}`);
      else clientDiffs.push(...modelDifferences(snapshot.model, client.model!, { expected: 'the server', actual: `client ${i}` }));
    }
    if (clientDiffs.length === 0) break;
    await sleep(1000);
  }
  const show = (diffs: string[]) => diffs.slice(0, SHOWN_DIFFERENCES).map((d) => `    ${d}`);
  return [
    `${when}: the server's model vs a fresh list from the API, object by object: ${serverDiffs.length} differences — target ${TARGETS.differences}: ${verdict(serverDiffs.length === 0)}`,
    ...show(serverDiffs),
    `${when}: every client's model vs the server's (${compared} of ${clients.length} clients at the server's seq): ${clientDiffs.length} differences — target ${TARGETS.differences}: ${verdict(clientDiffs.length === 0)}`,
    ...show(clientDiffs),
  ];
}

function clientFigures(clients: SseClient[]): string[] {
  const sum = (key: 'gaps' | 'resets' | 'reconnects' | 'errors') => clients.reduce((total, c) => total + c.counts[key], 0);
  const gapsAndResets = sum('gaps') + sum('resets');
  const errors = clients.flatMap((c) => c.counts.firstErrors).slice(0, 3);
  return [
    `gaps and resets seen by the ${clients.length} clients: ${sum('gaps')} gaps, ${sum('resets')} resets — target ${TARGETS.gapsAndResets}: ${verdict(gapsAndResets === 0)}`,
    `  (streams that ended and were resumed: ${sum('reconnects')}; failed requests: ${sum('errors')}${errors.length ? `: ${errors.join('; ')}` : ''})`,
  ];
}

/** The pid of the local control plane's API server, for its CPU figure; undefined on another cluster. */
function apiServerProcess(): number | undefined {
  const cache = process.env.KUBE_NETMAP_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kube-netmap');
  const file = path.join(process.env.KUBE_NETMAP_CLUSTER_DIR ?? path.join(cache, 'cluster'), 'pids', 'kube-apiserver');
  try {
    return Number(fs.readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const opts = options();
  const setupTimes: string[] = [];
  const { file, startedHere } = await timed('the cluster (scripts/cluster/up.sh)', setupTimes, () => clusterKubeconfig());
  const localCluster = !process.env.BENCH_KUBECONFIG && !process.env.E2E_KUBECONFIG;
  await timed('the production build (next build, unless current)', setupTimes, () => buildIfStale());
  const config = new KubeConfig();
  config.loadFromFile(file);
  const writer = await KubeWriter.create(config);
  const lags = new LagTracker(opts.clients, ARRIVAL_TIMEOUT_MS);
  const direct = new LagTracker(1, ARRIVAL_TIMEOUT_MS);
  // The setup's own writes are not measured: no client is there to see them yet.
  let measuring = false;
  const churn = new Churn(writer, (key, at) => {
    if (!measuring) return;
    lags.wrote(key, at);
    direct.wrote(key, at);
  });
  const population = new Population(writer, opts.pods);
  const clients: SseClient[] = [];
  const logFile = path.join(os.tmpdir(), `kube-netmap-soak-${process.pid}.log`);
  let dashboard: Awaited<ReturnType<typeof startDashboard>> | undefined;
  let identity: DashboardIdentity | undefined;
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    progress('interrupted: stopping the churn, then checking and cleaning up');
  });
  try {
    const notes = await timed(`the population (${opts.pods} pods)`, setupTimes, () => population.setup(progress));
    notes.push(...(await timed('the soak workload (namespaces, Services, NetworkPolicies, pods)', setupTimes, () => churn.setup())));
    identity = await timed(`the dashboard's identity (${opts.as})`, setupTimes, () => dashboardIdentity(config, file, opts.as));
    const { context } = identity;
    const snapshotPath = `/api/snapshot?context=${encodeURIComponent(context)}`;
    const client = (i: number, base: string) =>
      new SseClient(base, context, (change, at) => {
        for (const key of changeKeys(change)) lags.arrived(i, key, at);
      });
    // The first client opens as soon as the dashboard serves, as a tab open while it starts would: the first full
    // sync is when that tab's model holds every kind synced and the population's pods.
    const syncStart = performance.now();
    dashboard = await startDashboard(identity.file, logFile);
    const serving = performance.now();
    const base = dashboard.url;
    const pid = dashboard.process.pid!;
    clients.push(client(0, base));
    await clients[0]!.start();
    const deadline = serving + 60_000 + opts.pods * 2;
    const synced = (model: ClusterModel | undefined) =>
      model !== undefined && Object.values(model.sync).every((s) => s.status === 'synced') && model.resources.pods.length >= opts.pods;
    while (!synced(clients[0]!.model)) {
      if (performance.now() > deadline) throw new Error(`the dashboard did not sync within ${((deadline - serving) / 1000).toFixed(0)} s; see ${logFile}`);
      await sleep(20);
    }
    const firstSyncMs = performance.now() - serving;
    const firstSync = `first full sync (the dashboard serving, to a client's model with every kind synced${opts.pods ? ` and the ${opts.pods} pods` : ''}): ` +
      `${seconds(firstSyncMs)}, ${seconds(serving - syncStart)} more from the process's start — target < ${seconds(TARGETS.firstSyncMs)} at 50,000 pods: ${verdict(firstSyncMs < TARGETS.firstSyncMs)}`;
    const view = await firstViewBytes(base + snapshotPath);
    const decoded = Buffer.byteLength(JSON.stringify(await snapshotOf(base + snapshotPath)));
    const firstView = `bytes sent for the first view (the snapshot, ${view.encoding}): ${mb(view.wire)} of ${mb(decoded)} decoded — reported, no target`;
    await timed(`${opts.clients - 1} more SSE clients connected`, setupTimes, async () => {
      for (let i = 1; i < opts.clients; i++) clients.push(client(i, base));
      await Promise.race([
        Promise.all(clients.slice(1).map((c) => c.start())),
        sleep(30_000).then(() => Promise.reject(new Error('the SSE clients did not connect within 30 s'))),
      ]);
    });

    // The measured part.
    const reference = referenceWatch(identity.config, ['pods', 'services', 'networkpolicies'], (key, at) => direct.arrived(0, key, at));
    await sleep(1000);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const apiServerPid = localCluster ? apiServerProcess() : undefined;
    const cpuStart = { dashboard: cpuSeconds(pid), apiServer: apiServerPid ? cpuSeconds(apiServerPid) : 0, bench: process.cpuUsage() };
    measuring = true;
    const rssStart = treeRssBytes(pid);
    const rssWithClients = `server RSS with ${opts.clients} clients connected: ${mb(rssStart)} — target < ${mb(TARGETS.rssBytes)} at 50,000 pods and 5 clients: ${verdict(rssStart < TARGETS.rssBytes)}`;
    const seqAtStart = clients[0]!.seq;
    const rssSamples: { at: number; bytes: number }[] = [{ at: 0, bytes: rssStart }];
    const measureStart = performance.now();
    const sampler = setInterval(() => rssSamples.push({ at: performance.now() - measureStart, bytes: treeRssBytes(pid) }), RSS_SAMPLE_MS);
    const sweeper = setInterval(() => {
      lags.sweep(performance.now());
      direct.sweep(performance.now());
    }, 1000);
    const durationMs = opts.minutes * 60_000;
    const total = Math.round((durationMs / 1000) * opts.rate);
    const inFlight = new Set<Promise<void>>();
    let issued = 0;
    let skipped = 0;
    let lastProgress = measureStart;
    progress(`churn: ${total} changes at ${opts.rate}/s for ${opts.minutes} min, ${opts.clients} clients; RSS ${mb(rssStart)}`);
    for (let i = 0; i < total && !interrupted; i++) {
      const due = measureStart + (i * 1000) / opts.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() - measureStart > durationMs + 1000) break;
      if (inFlight.size >= MAX_IN_FLIGHT) {
        skipped += 1;
        continue;
      }
      const write = churn.change(i).finally(() => inFlight.delete(write));
      inFlight.add(write);
      issued += 1;
      if (performance.now() - lastProgress > PROGRESS_MS) {
        lastProgress = performance.now();
        progress(`${issued} changes, ${churn.podCount} pods, lag p95 so far ${ms(percentile(lags.lags, 95))}, RSS ${mb(treeRssBytes(pid))}`);
      }
    }
    const churnMs = performance.now() - measureStart;
    const cpu = {
      dashboard: cpuSeconds(pid) - cpuStart.dashboard,
      apiServer: apiServerPid ? cpuSeconds(apiServerPid) - cpuStart.apiServer : Number.NaN,
      bench: (process.cpuUsage(cpuStart.bench).user + process.cpuUsage(cpuStart.bench).system) / 1e6,
    };
    loopDelay.disable();
    await Promise.all(inFlight);
    const waitUntil = performance.now() + ARRIVAL_TIMEOUT_MS;
    while (lags.pendingWrites > 0 && performance.now() < waitUntil) {
      lags.sweep(performance.now());
      await sleep(100);
    }
    lags.sweep(performance.now(), true);
    direct.sweep(performance.now(), true);
    reference.stop();
    clearInterval(sweeper);
    clearInterval(sampler);
    const rssEnd = treeRssBytes(pid);
    progress('churn done; checking the models');
    const endChecks = await checkModels(identity.config, base + snapshotPath, clients, 'at the end');
    const drift = rssEnd - rssStart;
    const afterMinute = rssSamples.find((s) => s.at >= 60_000);
    const peak = largest(rssSamples.map((s) => s.bytes));
    const delivered = clients[0]!.seq - seqAtStart;

    const report = [
      '',
      `kube-netmap soak: ${opts.minutes} min of ${opts.rate} changes/s, ${opts.clients} SSE clients, ${opts.pods} population pods, the dashboard as ${opts.as}, on ${os.cpus().length} cores (load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`,
      `setup (not measured): ${setupTimes.join('; ')}`,
      ...notes.map((n) => `  ${n}`),
      firstSync,
      firstView,
      rssWithClients,
      `changes: ${issued} sent in ${seconds(churnMs)} (${(issued / (churnMs / 1000)).toFixed(1)}/s: ${Object.entries(churn.counts).map(([k, v]) => `${v} ${k}`).join(', ')}); ` +
        `${skipped} skipped with ${MAX_IN_FLIGHT} writes in flight; ${churn.failures} failed${churn.firstFailures.length ? ` (${churn.firstFailures.join('; ')})` : ''}`,
      `  (the clients' store sequence moved by ${delivered} changes in all, the cluster's own reactions included: scheduling, kwok's pod status, EndpointSlices)`,
      `server RSS (the dashboard's process tree, VmRSS): start ${mb(rssStart)}, end ${mb(rssEnd)}, drift ${mb(drift)} — target < ${mb(TARGETS.rssDriftBytes)}: ${verdict(drift < TARGETS.rssDriftBytes)}`,
      `  (after the first minute ${afterMinute ? mb(afterMinute.bytes) : 'n/a'}, peak ${mb(peak)}; sampled every ${RSS_SAMPLE_MS / 1000} s)`,
      `event lag, a write's response to the change's arrival at a client (${lags.lags.length} arrivals of ${lags.matchedWrites} writes): ` +
        `median ${ms(percentile(lags.lags, 50))}, p95 ${ms(percentile(lags.lags, 95))}, p99 ${ms(percentile(lags.lags, 99))}, max ${ms(largest(lags.lags))} — ` +
        `target p95 < ${TARGETS.lagP95Ms} ms: ${verdict(percentile(lags.lags, 95) < TARGETS.lagP95Ms)}`,
      `  (arrivals never seen within ${ARRIVAL_TIMEOUT_MS / 1000} s: ${lags.missing}. For reference, the same writes on a watch straight on the API server: ` +
        `median ${ms(percentile(direct.lags, 50))}, p95 ${ms(percentile(direct.lags, 95))}, p99 ${ms(percentile(direct.lags, 99))}, ${direct.missing} never seen)`,
      `  (CPU over the churn, in seconds of one core: dashboard ${cpu.dashboard.toFixed(1)}, API server ${cpu.apiServer.toFixed(1)}, this bench ${cpu.bench.toFixed(1)} ` +
        `(its event loop delay p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}), of ${seconds(churnMs)} on ${os.cpus().length} cores)`,
      ...clientFigures(clients),
      ...endChecks,
    ];
    console.log(report.join('\n'));

    if (opts.restarts > 0 && !interrupted) {
      if (!localCluster) console.log('API server restart: skipped (needs the local control plane: the bench never stops the API server of a cluster it did not start)');
      else {
        const restarts = await measureRestarts(base, context, writer, opts.restarts, progress);
        const after = await checkModels(identity.config, base + snapshotPath, clients, 'after the restarts');
        console.log([...restarts, ...after, ...clientFigures(clients).map((l) => `after the restarts: ${l.trimStart()}`)].join('\n'));
      }
    }
  } finally {
    for (const client of clients) await client.stop();
    await dashboard?.stop();
    identity?.dispose();
    if (opts.cleanup) {
      await churn.cleanup();
      await population.cleanup();
    }
    await writer.close();
    if (startedHere) stopCluster();
  }
}

main().catch((error) => {
  console.error(`bench:soak failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

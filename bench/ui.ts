// The map's UI performance on a generated cluster of 2,000 pods in 50 namespaces (`--pods N`: N/40 namespaces, up
// to 100,000 pods): the first complete map (above 10,000 pods the first useful map), the bytes of the first view,
// panning frame rate, the highlight after a click on a pod, the time from a watch event to its node on the map,
// and the browser's heap at the end. The setup (pods created already bound to the bench's own kwok nodes, see
// bench/ui/population.ts) is timed apart and printed.
// It prints each figure with its target and PASS or MISS; a benchmark, not a test: it exits 0 whatever the
// figures (and prints MISS (error: ...) for a step that failed).
//
// Uses BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, otherwise the local control plane (started if needed, and
// stopped at the end only if this run started it). Everything it creates carries the label kube-netmap.dev/bench=ui
// and is deleted at the end, on failure and on Ctrl-C too (with the cluster's state, when the run started it).
//
// Run it with Node's type stripping:  node bench/ui.ts [--pods 2000] [--cpu-profile first-map.cpuprofile]
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from '@playwright/test';
import { type DashboardServer, startDashboard } from '../e2e/support/server.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';
import { firstViewBytes } from './soak/first-view-bytes.ts';
import { ms, percentile } from './stats.ts';
import { ApiWriter } from './ui/api-writer.ts';
import {
  BARE_PODS,
  BENCH_LABEL,
  BENCH_NODES,
  CPU_PROFILE_FILE,
  NAMESPACES,
  REPLICAS,
  RUN_LABEL,
  RUN_LIMIT_MINUTES,
  TOTAL_PODS,
  WRITES_IN_FLIGHT,
  errorText,
  kubeClients,
  log,
  prefix,
  progress,
  runId,
  seconds,
  sleep,
  verdict,
} from './ui/common.ts';
import { PODS_PER_NODE } from './ui/placement.ts';
import { type CreatedPods, checkPopulation, createPopulation, deleteBench, refusedControllerCreates, removeGuard, waitForReady } from './ui/population.ts';
import { FIRST_MAP, mapFacts, measureFirstMap, webglInfo } from './ui/first-map.ts';
import { measureHeap } from './ui/memory.ts';
import { measurePanning } from './ui/panning.ts';
import { measureHighlight } from './ui/highlight.ts';
import { measureWatch, waitUntilSynced } from './ui/watch.ts';

// ---------------------------------------------------------------------------------------------------------------

/** How many page loads the first map's figure is the median of. */
const FIRST_MAP_LOADS = 3;

/** Every figure the run prints, by the name its line starts with: a figure never measured is printed as a MISS. */
const FIGURES = [FIRST_MAP.name, 'bytes sent for the first view', 'panning fps', 'highlight', 'watch event -> map', 'browser heap', 'the pods at the end of the run'];

const loadAverage = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return 'uptime failed';
  }
};

async function main(): Promise<void> {
  const { file, startedHere } = clusterKubeconfig();
  const kube = kubeClients(file);
  const context = kube.config.getCurrentContext();
  const writer = await ApiWriter.create(kube.config);
  let browser: Browser | undefined;
  let dashboard: DashboardServer | undefined;
  const printed = new Set<string>();
  const print = (line: string) => {
    const figure = FIGURES.find((name) => line.startsWith(name));
    if (figure) printed.add(figure);
    log(line);
  };
  const missRest = (why: string) => {
    for (const name of FIGURES) if (!printed.has(name)) print(`${name}: MISS (error: ${why})`);
  };
  // page.evaluate has no timeout of its own: every step has one. A step that fails prints MISS for its figures.
  const step = async (names: string[], run: () => Promise<string[]>, timeoutMs = 90_000) => {
    progress(`measuring: ${names[0]}`);
    let lines: string[];
    let timer: NodeJS.Timeout | undefined;
    try {
      lines = await Promise.race([
        run(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))),
      ]);
    } catch (error) {
      lines = names.map((name) => `${name}: MISS (error: ${errorText(error)})`);
    } finally {
      clearTimeout(timer);
    }
    for (const line of lines) print(line);
  };

  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      progress('cleaning up');
      await Promise.race([browser?.close().catch(() => undefined), sleep(10_000)]);
      await dashboard?.stop().catch(() => undefined);
      // A cluster this run started is stopped, and its state deleted with it: deleting 50,000 pods first would take
      // ten minutes for nothing.
      if (!startedHere) {
        const start = performance.now();
        await deleteBench(writer, `${RUN_LABEL}=${runId}`).catch((error: unknown) => progress(`cleanup failed: ${errorText(error)}`));
        progress(`cleaned up in ${seconds(performance.now() - start)}`);
      }
      await writer.close().catch(() => undefined);
      if (startedHere) {
        stopCluster();
        progress('stopped the cluster this run started, its state with it');
      }
    })());
  // The whole run is bounded: past it, what is not measured is a MISS, and the run cleans up and exits 0 still.
  setTimeout(() => {
    missRest(`the run took over ${RUN_LIMIT_MINUTES} minutes`);
    void cleanup().finally(() => process.exit(0));
  }, RUN_LIMIT_MINUTES * 60_000).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const loadBefore = loadAverage();
    buildIfStale();
    const leftovers = await kube.core.listNamespace({ labelSelector: `${BENCH_LABEL}=ui` });
    const leftoverNodes = await kube.core.listNode({ labelSelector: `${BENCH_LABEL}=ui` });
    if (leftovers.items.length + leftoverNodes.items.length > 0) {
      progress(`deleting ${leftovers.items.length} namespaces and ${leftoverNodes.items.length} nodes left by an earlier run`);
      await deleteBench(writer, `${BENCH_LABEL}=ui`);
    }

    let setupError: unknown;
    const setup: string[] = [];
    let created: CreatedPods | undefined;
    const setupStart = performance.now();
    try {
      progress(`creating ${BENCH_NODES} nodes, ${NAMESPACES} namespaces ${prefix}-NN, ${TOTAL_PODS} pods`);
      created = await createPopulation(writer);
      const createdIn = performance.now() - setupStart;
      progress('created; the dashboard starts while the pods become Ready');
      // Settled both ways, so that a dashboard started while the pods failed is still stopped.
      const [starting, waiting] = await Promise.allSettled([startDashboard(file).then((d) => (dashboard = d)), waitForReady(writer, 120_000 + TOTAL_PODS * 20)]);
      if (starting.status === 'rejected') throw starting.reason;
      if (waiting.status === 'rejected') throw waiting.reason;
      if (!dashboard) throw new Error('the dashboard did not start');
      const readyIn = performance.now() - setupStart;
      const check = await checkPopulation(writer, created, () => false);
      const refused = await refusedControllerCreates(writer);
      await removeGuard(writer, `${RUN_LABEL}=${runId}`);
      setup.push(
        `setup (not measured): ${seconds(readyIn)} to ${TOTAL_PODS} pods Ready (${seconds(createdIn)} to create them and everything else: ` +
          `${(TOTAL_PODS / (createdIn / 1000)).toFixed(0)} pods/s; ${BENCH_NODES} kwok nodes of at most ${PODS_PER_NODE} pods, ${WRITES_IN_FLIGHT} writes in flight)`,
        `  (the pods after the setup: ${check.line}; the ReplicaSet controller's attempts to add pods, refused by the bench's admission policy: ${refused})`,
      );
      if (!check.ok) throw new Error(`the population is not what the bench created: ${check.line}`);
      progress(`${TOTAL_PODS} bench pods Ready`);
      const syncStart = performance.now();
      await waitUntilSynced(`${dashboard.url}/api/snapshot?context=${encodeURIComponent(context)}`, 60_000 + TOTAL_PODS * 2);
      setup.push(`  (the dashboard synced ${seconds(performance.now() - syncStart)} after the pods were Ready; setup in all ${seconds(performance.now() - setupStart)})`);
      // The server's first answers (the page, its chunks) come from disk once; a user's first visit is not that cold.
      await fetch(`${dashboard.url}/?context=${encodeURIComponent(context)}`).then((r) => r.text());
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    } catch (error) {
      setupError = error;
    }

    log(
      `UI benchmark: ${TOTAL_PODS} pods in ${NAMESPACES} namespaces (${REPLICAS.length} Deployments of 1-5 replicas and ${BARE_PODS} bare pods each; ` +
        `2 Services and 4 NetworkPolicies each), viewport 1280x800, headless Chromium ${browser?.version() ?? '(not launched)'}`,
    );
    log(`load average before the run: ${loadBefore}`);
    for (const line of setup) log(line);
    if (setupError || !browser || !dashboard) {
      missRest(`setup failed: ${errorText(setupError)}`);
      return;
    }
    const pageErrors: string[] = [];
    const newPage = async () => {
      const opened = await (await browser!.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      opened.on('pageerror', (error) => pageErrors.push(errorText(error)));
      return opened;
    };
    let page = await newPage();
    const url = `${dashboard.url}/?context=${encodeURIComponent(context)}`;
    let mode: string | undefined;
    await step(
      [FIRST_MAP.name],
      async () => {
        // The first map is the figure most sensitive to the machine's load: it is the median of FIRST_MAP_LOADS page
        // loads, each in a fresh browser context (no cache, no saved places: a first visit). The last page stays
        // for the other steps.
        const loads: Awaited<ReturnType<typeof measureFirstMap>>[] = [];
        for (let i = 0; i < FIRST_MAP_LOADS; i++) {
          if (i > 0) {
            await page.context().close();
            page = await newPage();
          }
          const last = i === FIRST_MAP_LOADS - 1;
          loads.push(await measureFirstMap(page, url, last && CPU_PROFILE_FILE ? { cpuProfile: CPU_PROFILE_FILE } : {}));
        }
        mode = loads.at(-1)!.mode;
        const figures = loads.map((l) => l.figureMs);
        const median = percentile(figures, 50);
        const middle = loads.find((l) => l.figureMs === median)!;
        return [
          `${FIRST_MAP.name}: median ${ms(median)} of ${FIRST_MAP_LOADS} page loads in fresh browser contexts (${figures.map(ms).join(', ')}) — ` +
            `target < ${FIRST_MAP.targetMs / 1000} s: ${verdict(median < FIRST_MAP.targetMs)}`,
          ...middle.lines.map((line, i) => (i === 0 ? `  (the median load) ${line}` : line)),
        ];
      },
      (150_000 + TOTAL_PODS * 3) * FIRST_MAP_LOADS,
    );
    if (!printed.has('bytes sent for the first view')) {
      // No map, but the first view's bytes still: the snapshot as a browser asks for it, counted before decoding.
      await step(['bytes sent for the first view'], async () => {
        const view = await firstViewBytes(`${dashboard!.url}/api/snapshot?context=${encodeURIComponent(context)}`);
        return [`bytes sent for the first view (/api/snapshot fetched by the bench as the page would, ${view.encoding}): ${(view.wire / 1e6).toFixed(2)} MB — reported, no target`];
      });
    }
    if (mode !== undefined) {
      const shown = mode;
      // The namespace the highlight step opens in summary mode, where the watch step creates its pods.
      const opened: { namespace?: string } = {};
      await step(['map facts'], () => mapFacts(page));
      await step(['panning fps'], () => measurePanning(page, shown));
      await step(['highlight'], () => measureHighlight(page, shown, opened), 150_000);
      await step(['watch event -> map'], () => measureWatch(page, kube, shown, opened), 240_000);
    } else {
      for (const name of ['panning fps', 'highlight', 'watch event -> map']) print(`${name}: MISS (error: no map to measure)`);
    }
    await step(['browser heap'], () => measureHeap(browser!, page), 60_000);
    await step(['WebGL'], async () => [`the browser's WebGL2: ${await webglInfo(browser!)}`]);
    if (pageErrors.length > 0) log(`page errors: ${[...new Set(pageErrors)].join(' | ')}`);
    await step(['the pods at the end of the run'], async () => {
      const end = await checkPopulation(writer, created!, (name) => name.startsWith('watch-'));
      return [`the pods at the end of the run (the setup's and the watch step's): ${end.line} — target none of these: ${verdict(end.ok)}`];
    });
    log(`load average after the run: ${loadAverage()}`);
  } finally {
    await cleanup();
    progress('done');
  }
}

// A step that fails is a MISS and the run still exits 0; only a cluster or build that cannot be had exits 1.
main().catch((error: unknown) => {
  console.error(`bench failed: ${errorText(error)}`);
  process.exit(1);
});

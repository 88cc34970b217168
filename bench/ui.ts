// The map's UI performance on a generated cluster of 2,000 pods in 50 namespaces (`--pods N`: N/40 namespaces):
// the first complete map, the highlight after a click on a pod, panning frame rate, and the time from a watch event
// to its node on the map.
// It prints each figure with its target and PASS or MISS; a benchmark, not a test: it exits 0 whatever the
// figures (and prints MISS (error: ...) for a step that failed).
//
// Uses BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, otherwise the local control plane (started if needed, and
// stopped at the end only if this run started it). Everything it creates carries the label kube-netmap.dev/bench=ui
// and is deleted at the end, on failure and on Ctrl-C too.
//
// Run it with Node's type stripping:  node bench/ui.ts [--pods 2000]
import { type Browser, chromium } from '@playwright/test';
import { type DashboardServer, startDashboard } from '../e2e/support/server.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';
import { BARE_PODS, BENCH_LABEL, BENCH_NODES, NAMESPACES, REPLICAS, RUN_LABEL, TOTAL_PODS, errorText, kubeClients, log, prefix, progress, runId, sleep } from './ui/common.ts';
import { createCluster, createNodes, deleteBench, waitForPods } from './ui/generated-cluster.ts';
import { mapFacts, measureFirstMap, webglInfo } from './ui/first-map.ts';
import { measurePanning } from './ui/panning.ts';
import { measureHighlight } from './ui/highlight.ts';
import { measureWatch, waitUntilSynced } from './ui/watch.ts';

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { file, startedHere } = clusterKubeconfig();
  const kube = kubeClients(file);
  const context = kube.config.getCurrentContext();
  let browser: Browser | undefined;
  let dashboard: DashboardServer | undefined;
  // page.evaluate has no timeout of its own: every step has one.
  const step = async (name: string, run: () => Promise<string[]>, timeoutMs = 90_000) => {
    progress(`measuring: ${name}`);
    let lines: string[];
    let timer: NodeJS.Timeout | undefined;
    try {
      lines = await Promise.race([
        run(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))),
      ]);
    } catch (error) {
      lines = [`${name}: MISS (error: ${errorText(error)})`];
    } finally {
      clearTimeout(timer);
    }
    for (const line of lines) log(line);
  };

  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      progress('cleaning up');
      await Promise.race([browser?.close().catch(() => undefined), sleep(10_000)]);
      await dashboard?.stop().catch(() => undefined);
      await deleteBench(kube, `${RUN_LABEL}=${runId}`).catch((error: unknown) => progress(`cleanup failed: ${errorText(error)}`));
      if (startedHere) stopCluster();
    })());
  // The whole run is bounded too: at 2,000 pods setup takes about 3 minutes, the measurements about 1; pods are
  // created at about 10 a second.
  const runLimitMinutes = 12 + Math.ceil(TOTAL_PODS / 600);
  setTimeout(() => {
    console.error(`bench failed: the run took over ${runLimitMinutes} minutes`);
    void cleanup().finally(() => process.exit(1));
  }, runLimitMinutes * 60_000).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    buildIfStale();
    const leftovers = await kube.core.listNamespace({ labelSelector: `${BENCH_LABEL}=ui` });
    const leftoverNodes = await kube.core.listNode({ labelSelector: `${BENCH_LABEL}=ui` });
    if (leftovers.items.length + leftoverNodes.items.length > 0) {
      progress(`deleting ${leftovers.items.length} namespaces and ${leftoverNodes.items.length} nodes left by an earlier run`);
      await deleteBench(kube, `${BENCH_LABEL}=ui`);
    }

    let setupError: unknown;
    try {
      progress(`creating ${BENCH_NODES} nodes, ${NAMESPACES} namespaces ${prefix}-NN, ${TOTAL_PODS} pods`);
      await createNodes(kube);
      await createCluster(kube);
      progress('created; the dashboard starts while the pods come up');
      // Settled both ways, so that a dashboard started while the pods failed is still stopped.
      const [starting, waiting] = await Promise.allSettled([startDashboard(file).then((d) => (dashboard = d)), waitForPods(kube, 240_000 + TOTAL_PODS * 100)]);
      if (starting.status === 'rejected') throw starting.reason;
      if (waiting.status === 'rejected') throw waiting.reason;
      if (!dashboard) throw new Error('the dashboard did not start');
      progress(`${TOTAL_PODS} bench pods Ready`);
      await waitUntilSynced(`${dashboard.url}/api/snapshot?context=${encodeURIComponent(context)}`);
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

    log(`UI benchmark: ${TOTAL_PODS} pods in ${NAMESPACES} namespaces (${REPLICAS.length} Deployments of 1-5 replicas and ${BARE_PODS} bare pods each; 2 Services and 4 NetworkPolicies each), viewport 1280x800, headless Chromium`);
    if (setupError || !browser || !dashboard) {
      const why = `MISS (error: setup failed: ${errorText(setupError)})`;
      for (const name of ['first complete map', 'highlight', 'panning fps', 'watch event -> map']) log(`${name}: ${why}`);
      return;
    }
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(errorText(error)));
    const url = `${dashboard.url}/?context=${encodeURIComponent(context)}`;
    let mapUp = false;
    await step('first complete map', async () => {
      const lines = await measureFirstMap(page, url);
      mapUp = true;
      return lines;
    });
    if (mapUp) {
      await step('map facts', () => mapFacts(page));
      await step('panning fps', () => measurePanning(page));
      await step('highlight', () => measureHighlight(page), 150_000);
      await step('watch event -> map', () => measureWatch(page, kube), 240_000);
    } else {
      for (const name of ['panning fps', 'highlight', 'watch event -> map']) log(`${name}: MISS (error: no map to measure)`);
    }
    await step('WebGL', async () => [`the browser's WebGL2: ${await webglInfo(browser!)}`]);
    if (pageErrors.length > 0) log(`page errors: ${[...new Set(pageErrors)].join(' | ')}`);
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

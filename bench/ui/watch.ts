// From a watch event to its node on the map, and the dashboard's first sync.

import { type Page } from '@playwright/test';
import { ms, percentile } from '../stats.ts';
import { type Kube, NAMESPACES, TOTAL_PODS, TARGETS, WATCH_EVENTS, errorText, namespaceNames, sleep, until, verdict, wallNow } from './common.ts';
import { barePod } from './generated-cluster.ts';
import { type BenchWindow, pageClockOffset } from './first-map.ts';
import { openNamespace } from './summary.ts';

/**
 * Creates bare pods in random bench namespaces and times each from the create call to its node on the map. In
 * summary mode only an opened namespace draws its pods: the pods go to the one the highlight step opened (opened
 * here if it did not).
 */
export async function measureWatch(page: Page, kube: Kube, mode: string, opened: { namespace?: string }): Promise<string[]> {
  const pick = () => (mode === 'summary' ? opened.namespace! : namespaceNames[Math.floor(Math.random() * NAMESPACES)]!);
  // No selection: the selection's own cost (peers recomputed on every change) is the highlight figure's.
  // A tap on the background, as Cytoscape reports it: the app clears the selection.
  await page.evaluate(() => {
    window.__kubeNetmapMap!.emit('tap');
  });
  await page.waitForURL((u) => !u.searchParams.has('pod'), { timeout: 5000 }).catch(() => undefined);
  const notes: string[] = [];
  if (mode === 'summary') {
    opened.namespace ??= namespaceNames[Math.floor(Math.random() * NAMESPACES)]!;
    if (await page.evaluate((name) => window.__kubeNetmapMap!.$(`node[id ^= "pod:${name}/"]`).empty(), opened.namespace)) {
      await openNamespace(page, opened.namespace);
    }
    notes.push(`  (summary mode: the pods are created in ${opened.namespace}, opened on the map)`);
  }
  const offset = await pageClockOffset(page);
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < WATCH_EVENTS; i++) {
    const namespace = pick();
    const name = `watch-${i}`;
    const id = `pod:${namespace}/${name}`;
    try {
      await page.evaluate((nodeId) => {
        const w = window as BenchWindow;
        const seen = (w.__benchSeen ??= {});
        const give = performance.now() + 10_000;
        const tick = () => {
          if (w.__kubeNetmapMap?.getElementById(nodeId).nonempty()) seen[nodeId] = performance.timeOrigin + performance.now();
          else if (performance.now() > give) seen[nodeId] = -1;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, id);
      const sent = wallNow();
      await kube.core.createNamespacedPod({ namespace, body: barePod(namespace, name) });
      await page.waitForFunction((nodeId) => (window as BenchWindow).__benchSeen?.[nodeId] !== undefined, id, { polling: 20, timeout: 15_000 });
      const seenAt = await page.evaluate((nodeId) => (window as BenchWindow).__benchSeen![nodeId]!, id);
      if (seenAt < 0) throw new Error(`${id} not on the map within 10 s`);
      times.push(seenAt - offset - sent);
    } catch (error) {
      failures.push(errorText(error));
    }
    await sleep(150 + Math.random() * 150);
  }
  if (times.length === 0) throw new Error(failures[0] ?? 'no event measured');
  const p95 = percentile(times, 95);
  return [
    `watch event -> map (${times.length} of ${WATCH_EVENTS} bare pods created through the API; from just before the create call to the first frame with the pod's node): ` +
      `median ${ms(percentile(times, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...times))} — target < ${TARGETS.watchMs} ms: ${verdict(p95 < TARGETS.watchMs)}`,
    ...notes,
    ...failures.map((f) => `  event failed: ${f}`),
  ];
}

/** Waits until the dashboard's model of the context has synced every kind (the first page load then measures the UI, not the server's first list). */
export async function waitUntilSynced(snapshotUrl: string, timeoutMs: number): Promise<void> {
  // A big snapshot takes the server a while to write: asked for less often.
  await until('the dashboard synced', timeoutMs, TOTAL_PODS > 10_000 ? 3000 : 500, async () => {
    const snapshot = (await (await fetch(snapshotUrl)).json()) as { model: { sync: Record<string, { status: string }> } };
    return Object.values(snapshot.model.sync).every((s) => s.status === 'synced') ? true : undefined;
  });
}

import path from 'node:path';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { startDashboard } from './support/server';
import { STATE_DIR } from './global-setup';

// The dashboard's watches end routinely: the API server ends each after its timeoutSeconds, and a connection that
// sends nothing for the idle window is cut. Neither may show as a problem. Each case gets its own dashboard with a
// window of about a second, so the test lives through several windows in seconds.
const windows = [
  { name: 'the API server ends each watch (timeoutSeconds)', env: { KUBE_NETMAP_WATCH_TIMEOUT_SECONDS: '2', KUBE_NETMAP_WATCH_IDLE_MS: '60000' }, windowMs: 2_000 },
  { name: 'the idle timer cuts each quiet watch', env: { KUBE_NETMAP_WATCH_TIMEOUT_SECONDS: '300', KUBE_NETMAP_WATCH_IDLE_MS: '1500' }, windowMs: 1_500 },
];
const WINDOWS_TO_LIVE = 5;

for (const window of windows) {
  test(`an idle cluster stays synced and connected while ${window.name}`, async ({ page }, testInfo) => {
    testInfo.setTimeout(90_000);
    const kubeconfig = path.join(STATE_DIR, 'dashboard.kubeconfig');
    const server = await startDashboard(kubeconfig, testInfo.outputPath('dashboard.log'), window.env);
    try {
      const snapshotUrl = `${server.url}/api/snapshot?context=${encodeURIComponent(VIEWER_CONTEXT)}`;
      await expect
        .poll(async () => Object.values(((await (await fetch(snapshotUrl)).json()) as Snapshot).model.sync).every((s) => s.status === 'synced'), { timeout: 30_000 })
        .toBe(true);
      await page.goto(`${server.url}/?context=${encodeURIComponent(VIEWER_CONTEXT)}`);
      await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

      // The page: every change of the connection badge is recorded as it happens, not sampled.
      await page.evaluate(() => {
        const badge = document.querySelector('[data-testid="connection"]');
        const seen: string[] = [];
        (window as unknown as { badgeChanges: string[] }).badgeChanges = seen;
        new MutationObserver(() => seen.push(badge?.getAttribute('data-status') ?? 'gone')).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-status'],
        });
      });
      // The server: sampled every 250 ms.
      const samples: string[] = [];
      const until = Date.now() + WINDOWS_TO_LIVE * window.windowMs;
      while (Date.now() < until) {
        const snapshot = (await (await fetch(snapshotUrl)).json()) as Snapshot;
        const unsynced = Object.entries(snapshot.model.sync).filter(([, s]) => s.status !== 'synced');
        samples.push(unsynced.length ? unsynced.map(([k, s]) => `${k}: ${s.status} ${s.message ?? ''}`).join(', ') : 'ok');
        await page.waitForTimeout(250);
      }
      // At least two samples per window, even on a busy machine.
      expect(samples.length).toBeGreaterThanOrEqual(WINDOWS_TO_LIVE * 2);
      expect(samples.filter((s) => s !== 'ok')).toEqual([]);
      const badgeChanges = await page.evaluate(() => (window as unknown as { badgeChanges: string[] }).badgeChanges);
      expect(badgeChanges.filter((status) => status !== 'connected')).toEqual([]);
      await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    } finally {
      await server.stop();
    }
  });
}

interface Snapshot {
  model: { sync: Record<string, { status: string; message?: string }> };
}

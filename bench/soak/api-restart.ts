import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { stopComponent } from '../../e2e/support/local-cluster.ts';
import type { KubeWriter } from './kube-writer';

export const RESTART_TARGET_MS = 5000;
const POLL_MS = 50;
const componentScript = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'cluster', 'component.sh');

interface Sync {
  model: { sync: Record<string, { status: string; message?: string }> };
}

export interface RestartRound {
  outageMs: number;
  /** From /readyz answering again to every kind synced in /api/snapshot. */
  snapshotMs: number;
  /** From /readyz answering again to the page's connection badge saying "connected". */
  pageMs: number;
}

const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls check every POLL_MS until it returns true; returns when (performance.now()), or throws after timeoutMs. */
async function when(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return performance.now();
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(POLL_MS);
  }
}

/**
 * The dashboard's page in Debian's Chromium, reporting each move of its connection badge (data-status of
 * [data-testid=connection]) with this process's clock, through a function the page calls.
 */
export async function openPage(url: string): Promise<{ browser: Browser; page: Page; connectedSince: () => number | undefined }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let status = '';
  let connectedAt: number | undefined;
  await page.exposeFunction('__benchConnection', (next: string) => {
    if (next === status) return;
    status = next;
    connectedAt = next === 'connected' ? performance.now() : undefined;
  });
  // A string, not a function: under tsx a function's source refers to helpers (__name) the page does not have.
  await page.addInitScript({
    content: `new MutationObserver(() => {
      const status = document.querySelector('[data-testid="connection"]')?.getAttribute('data-status') ?? 'absent';
      void window.__benchConnection(status);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });`,
  });
  await page.goto(url);
  return { browser, page, connectedSince: () => connectedAt };
}

/**
 * Stops the local control plane's API server, waits for the dashboard to show it, leaves it down for outageMs,
 * starts it again, and times from its /readyz answering to the dashboard being whole again: every kind synced in
 * /api/snapshot, and the page's badge "connected".
 */
export async function restartRound(
  snapshotUrl: string,
  writer: KubeWriter,
  connectedSince: () => number | undefined,
  outageMs: number,
): Promise<RestartRound> {
  const allSynced = async () => Object.values(((await (await fetch(snapshotUrl)).json()) as Sync).model.sync).every((s) => s.status === 'synced');
  await when('the dashboard synced before the restart', 60_000, async () => (await allSynced()) && connectedSince() !== undefined);
  const stoppedAt = performance.now();
  stopComponent('kube-apiserver');
  await when('the page showing the API server gone', 60_000, async () => connectedSince() === undefined);
  await sleep(Math.max(0, outageMs - (performance.now() - stoppedAt)));

  const starting = spawn('bash', [componentScript, 'start', 'kube-apiserver'], { stdio: 'ignore' });
  const started = new Promise<void>((resolve, reject) =>
    starting.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`component.sh start kube-apiserver exited with ${code}`)))),
  );
  try {
    const readyAt = await when('the API server /readyz', 120_000, async () => {
      await writer.ready();
      return true;
    });
    const syncedAt = await when('every kind synced in /api/snapshot', 60_000, allSynced);
    await when('the page connected', 60_000, async () => connectedSince() !== undefined);
    const pageAt = connectedSince()!;
    return { outageMs: Math.round(readyAt - stoppedAt), snapshotMs: syncedAt - readyAt, pageMs: pageAt - readyAt };
  } finally {
    await started;
  }
}

/** Outages of growing length, so that the dashboard's retry backoff reaches its cap. */
const OUTAGES_MS = [5_000, 15_000, 30_000];

/**
 * Restarts the local control plane's API server `rounds` times with the dashboard at baseUrl open in Chromium, and
 * returns the figure (the worst round) with its target, and each round.
 */
export async function measureRestarts(baseUrl: string, context: string, writer: KubeWriter, rounds: number, progress: (line: string) => void): Promise<string[]> {
  const { browser, connectedSince } = await openPage(`${baseUrl}/?context=${encodeURIComponent(context)}`);
  const snapshotUrl = `${baseUrl}/api/snapshot?context=${encodeURIComponent(context)}`;
  const results: RestartRound[] = [];
  const failures: string[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const outage = OUTAGES_MS[i % OUTAGES_MS.length]!;
      progress(`API server restart ${i + 1} of ${rounds} (down about ${outage / 1000} s)`);
      try {
        results.push(await restartRound(snapshotUrl, writer, connectedSince, outage));
      } catch (error) {
        failures.push(`  restart ${i + 1}: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser.close();
  }
  const worst = results.reduce((w, r) => Math.max(w, r.snapshotMs, r.pageMs), 0);
  return [
    `API server restart, from /readyz answering again to every kind synced in /api/snapshot and the page (Chromium) connected, worst of ${results.length}: ` +
      `${results.length ? seconds(worst) : 'n/a'} — target ≤ ${seconds(RESTART_TARGET_MS)}: ${verdict(results.length === rounds && worst <= RESTART_TARGET_MS)}`,
    ...results.map((r, i) => `  restart ${i + 1}: down ${seconds(r.outageMs)}; /api/snapshot all synced after ${seconds(r.snapshotMs)}, page connected after ${seconds(r.pageMs)}`),
    ...failures,
  ];
}

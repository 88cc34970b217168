// The browser's memory at the end of the run: the JavaScript heaps of the page and of each of its Web Workers
// (the figure), and the resident memory of Chromium's processes beside it.
//
// Why the heaps: they are what the page's own code keeps (the model, the graph, Cytoscape's elements, the
// workers' copies), the part that grows with the cluster and that the page can change. Chromium's process memory
// adds what the page does not choose (the renderer's baseline, canvases, the software WebGL of --disable-gpu in
// the GPU process): it is printed beside the figure, not as it.

import fs from 'node:fs';
import { type Browser, type CDPSession, type Page } from '@playwright/test';
import { TARGETS, verdict } from './common.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface Heap {
  name: string;
  used: number;
  total: number;
}

/** Runtime.getHeapUsage in a target the bench's browser session is not attached to (a worker), through Target.sendMessageToTarget. */
async function heapOfTarget(session: CDPSession, targetId: string): Promise<{ usedSize: number; totalSize: number }> {
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  try {
    const answer = new Promise<{ usedSize: number; totalSize: number }>((resolve, reject) => {
      const onMessage = (event: { sessionId?: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number; totalSize: number }; error?: { message: string } };
        if (message.id !== 1) return;
        session.off('Target.receivedMessageFromTarget', onMessage);
        if (message.result) resolve(message.result);
        else reject(new Error(message.error?.message ?? 'no answer'));
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
    });
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }) });
    return await Promise.race([answer, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000))]);
  } finally {
    await session.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}

function residentBytes(pid: number): number | undefined {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Measured while the bench's page is the browser's only one (before the WebGL step opens another). */
export async function measureHeap(browser: Browser, page: Page): Promise<string[]> {
  const pageSession = await page.context().newCDPSession(page);
  const browserSession = await browser.newBrowserCDPSession();
  try {
    const own = await pageSession.send('Runtime.getHeapUsage');
    const heaps: Heap[] = [{ name: 'page', used: own.usedSize, total: own.totalSize }];
    const failures: string[] = [];
    const { targetInfos } = await browserSession.send('Target.getTargets');
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const name = target.url.split('/').at(-1)?.split('?')[0] || target.title || target.targetId.slice(0, 8);
      try {
        const heap = await heapOfTarget(browserSession, target.targetId);
        heaps.push({ name: `worker ${name}`, used: heap.usedSize, total: heap.totalSize });
      } catch (error) {
        failures.push(`worker ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const used = heaps.reduce((sum, h) => sum + h.used, 0);
    const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
    const processes = processInfo
      .map((p) => ({ type: p.type, rss: residentBytes(p.id) }))
      .filter((p): p is { type: string; rss: number } => p.rss !== undefined)
      .sort((a, b) => b.rss - a.rss);
    const renderers = processes.filter((p) => p.type === 'renderer');
    const gpu = processes.filter((p) => p.type === 'GPU');
    return [
      `browser heap at the end of the run (JavaScript heaps in use, CDP Runtime.getHeapUsage: the page and its ${heaps.length - 1} workers): ${mb(used)} — ` +
        `target < ${mb(TARGETS.heapBytes)} at 50,000 pods: ${verdict(used < TARGETS.heapBytes && failures.length === 0)}`,
      `  (${heaps.map((h) => `${h.name} ${mb(h.used)} of ${mb(h.total)} allocated`).join(', ')}${failures.length ? `; not measured: ${failures.join('; ')}` : ''})`,
      `  (Chromium's resident memory (VmRSS): the largest renderer, the page's and its workers', ${renderers[0] ? mb(renderers[0].rss) : '?'}; ` +
        `all ${renderers.length} renderers ${mb(renderers.reduce((s, p) => s + p.rss, 0))}; GPU process ${gpu[0] ? mb(gpu[0].rss) : '?'}; ` +
        `every process ${mb(processes.reduce((s, p) => s + p.rss, 0))})`,
    ];
  } finally {
    await pageSession.detach().catch(() => undefined);
    await browserSession.detach().catch(() => undefined);
  }
}

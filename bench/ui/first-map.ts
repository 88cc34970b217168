// The first map: when the page first draws a laid-out map (the first useful map) and when that map holds the
// whole generated cluster (the first complete map), in the page's clock; what it holds; and the browser's WebGL.

import { writeFileSync } from 'node:fs';
import { type Browser, type Page, type Response } from '@playwright/test';
import { ms } from '../stats.ts';
import { TARGETS, TOTAL_PODS, errorText, namespaceNames, prefix, progress, verdict, wallNow } from './common.ts';
import { mapModeOf } from './summary.ts';

/** When the first map was there, in the page's clock (performance.now(), origin = navigation start). */
export interface FirstMap {
  /** The container got data-laid-out (the first full layout ran): the frame in which the poller saw it. */
  laidOut: number;
  /** The container's data-map-mode then ('summary': namespaces drawn as summaries; absent: 'full'). */
  mode: string;
  /** The next frame's start: the frame that drew the first laid-out map is done (the first useful map). */
  usefulDrawn: number;
  /** The same, as the page's wall clock (performance.timeOrigin + usefulDrawn). */
  usefulWall: number;
  /** Laid out and complete (full: every bench pod in the Cytoscape instance; summary: every bench namespace). */
  complete?: number;
  /** The next frame's start after complete: the frame that drew the complete map is done. */
  drawn?: number;
  /** The same, as the page's wall clock (performance.timeOrigin + drawn). */
  drawnWall?: number;
  /** The mode when complete. */
  completeMode?: string;
  /** The first of 3 frames in a row at most 50 ms apart after drawn: the page animates again (at most 10 s later). */
  settled?: number;
}

/** What the bench keeps in the page, beside the app's own window.__kubeNetmapMap. */
export type BenchWindow = Window & {
  __benchFirstMap?: FirstMap;
  __benchDrawn?: number;
  __benchClick?: { up?: number; tap?: number; classSet?: number; seen?: number };
  __benchSeen?: Record<string, number>;
};

/**
 * Installed before the page's own scripts: once per frame, looks for the laid-out map, then counts what the map
 * draws (bench pods as pod nodes or inside folded workloads; in summary mode, the bench namespaces' nodes) until
 * the whole generated cluster is there, then follows the frames until they are smooth.
 */
export function firstMapWatcher({ idPart, want, namespaces }: { idPart: string; want: number; namespaces: string[] }) {
  const w = window as BenchWindow;
  const result: Partial<FirstMap> = {};
  let completeSeen = false;
  let last = 0;
  let smoothSince: number | undefined;
  let smooth = 0;
  const modeNow = (container: Element) => container.getAttribute('data-map-mode') ?? 'full';
  const tick = (frame: number) => {
    const cy = w.__kubeNetmapMap;
    const container = document.querySelector('[data-testid="network-map"]');
    if (result.laidOut === undefined) {
      if (cy && container?.getAttribute('data-laid-out') === 'true') {
        result.laidOut = performance.now();
        result.mode = modeNow(container);
      }
    } else if (result.usefulDrawn === undefined) {
      result.usefulDrawn = frame;
      result.usefulWall = performance.timeOrigin + frame;
      w.__benchFirstMap = result as FirstMap;
    }
    // Counting 50,000 nodes every frame weighs on the page measured: given up 2 minutes after the layout.
    if (result.laidOut !== undefined && performance.now() - result.laidOut > 120_000 && !completeSeen) return;
    if (result.laidOut !== undefined && !completeSeen && cy && container) {
      const mode = modeNow(container);
      let count = 0;
      if (mode === 'summary') {
        for (const namespace of namespaces) if (cy.getElementById(`ns:${namespace}`).nonempty()) count += 1;
      } else {
        cy.nodes().forEach((node) => {
          if (!node.id().includes(idPart)) return;
          const kind = node.data('kind') as string;
          if (kind === 'pod') count += 1;
          else if (kind === 'workload') count += Number(node.data('podCount') ?? 0);
        });
      }
      w.__benchDrawn = count;
      if (count >= (mode === 'summary' ? namespaces.length : want)) {
        completeSeen = true;
        result.complete = performance.now();
        result.completeMode = mode;
      }
    } else if (completeSeen && result.drawn === undefined) {
      result.drawn = frame;
      result.drawnWall = performance.timeOrigin + frame;
    } else if (result.drawn !== undefined) {
      if (frame - last <= 50) {
        smoothSince ??= last;
        smooth += 1;
      } else {
        smoothSince = undefined;
        smooth = 0;
      }
      if (smooth === 3) result.settled = smoothSince;
      if (smooth === 3 || frame - result.drawn > 10_000) return;
    }
    last = frame;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The offset of the page's clock from this process's (page minus here), from the round trip with the least delay. */
export async function pageClockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 10; i++) {
    const before = wallNow();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: there - (before + after) / 2 };
  }
  return best.offset;
}

export const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** The first map's figure at this size: the complete map up to 10,000 pods, the first useful map above. */
export const FIRST_MAP = TOTAL_PODS > 10_000
  ? { name: 'first useful map', targetMs: TARGETS.firstUsefulMapMs, above: 10_000 }
  : { name: 'first complete map', targetMs: TOTAL_PODS <= 2000 ? TARGETS.firstMapMs : TARGETS.firstMapAt10kMs, above: 0 };

/** What the page fetched from /api/ while it loaded, as transferred (compressed) and decoded. */
interface Fetched {
  path: string;
  wire: number;
  decoded: number;
  encoding: string;
}

/** measureFirstMap's options: `cpuProfile`, a file to write the page's CPU profile of this load to. */
export async function measureFirstMap(page: Page, url: string, { cpuProfile }: { cpuProfile?: string } = {}): Promise<{ lines: string[]; mode: string; figureMs: number }> {
  await page.addInitScript(firstMapWatcher, { idPart: prefix, want: TOTAL_PODS, namespaces: namespaceNames });
  const responses: Response[] = [];
  const onResponse = (response: Response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) responses.push(response);
  };
  page.on('response', onResponse);
  const offset = await pageClockOffset(page);
  const profiler = cpuProfile ? await startProfiler(page) : undefined;
  const gotoStart = wallNow();
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  const waitMs = 60_000 + TOTAL_PODS;
  try {
    await page.waitForFunction(() => (window as BenchWindow).__benchFirstMap !== undefined, null, { polling: 100, timeout: waitMs });
  } catch (error) {
    throw new Error(`no laid-out map within ${waitMs / 1000} s: ${errorText(error)}`);
  }
  // Up to 10,000 pods the figure is the complete map; above, only the first useful one, and the complete map is
  // reported if it comes within the same time.
  const complete = await page
    .waitForFunction(() => (window as BenchWindow).__benchFirstMap?.drawn !== undefined, null, { polling: 100, timeout: waitMs })
    .then(() => true)
    .catch(() => false);
  const drawnSoFar = await page.evaluate(() => (window as BenchWindow).__benchDrawn).catch(() => undefined);
  if (!complete && FIRST_MAP.above === 0) throw new Error(`not complete within ${waitMs / 1000} s (${drawnSoFar ?? 'no'} bench pods or namespaces drawn)`);
  // Until the frames are smooth again (or 10 s), so that the next measurement does not start in the middle of it.
  if (complete) {
    await page
      .waitForFunction(() => (window as BenchWindow).__benchFirstMap!.settled !== undefined, null, { polling: 100, timeout: 11_000 })
      .catch(() => undefined);
  }
  page.off('response', onResponse);
  if (profiler && cpuProfile) await profiler.stop(cpuProfile);
  const first = (await page.evaluate(() => (window as BenchWindow).__benchFirstMap))!;
  const nav = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const snapshot = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => new URL(r.name).pathname === '/api/snapshot');
    return entry
      ? {
          responseEnd: entry.responseEnd,
          domContentLoaded: entry.domContentLoadedEventEnd,
          snapshot: snapshot ? { start: snapshot.startTime, firstByte: snapshot.responseStart, end: snapshot.responseEnd } : undefined,
        }
      : undefined;
  });
  const mode = (await mapModeOf(page)) ?? 'full';
  // The event stream never finishes: only the answers that did.
  const fetched: Fetched[] = [];
  for (const response of responses) {
    const headers = await response.allHeaders();
    if (headers['content-type']?.startsWith('text/event-stream')) continue;
    await response.finished();
    const sizes = await response.request().sizes();
    const decoded = await response.body().then((b) => b.length, () => Number.NaN);
    fetched.push({ path: new URL(response.url()).pathname, wire: sizes.responseBodySize, decoded, encoding: headers['content-encoding'] ?? 'identity' });
  }
  const figure = FIRST_MAP.above === 0 ? first.drawn! : first.usefulDrawn;
  // The offset was taken on the blank page before; a new document's clock has the same base, only another origin.
  const wall = (FIRST_MAP.above === 0 ? first.drawnWall! : first.usefulWall) - offset - gotoStart;
  const snapshot = fetched.filter((f) => f.path.startsWith('/api/snapshot'));
  const sum = (list: Fetched[], key: 'wire' | 'decoded') => list.reduce((total, f) => total + f[key], 0);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  return {
    mode,
    figureMs: figure,
    lines: [
      `${FIRST_MAP.name} (map mode at the layout: ${first.mode}${first.completeMode && first.completeMode !== first.mode ? `, when complete: ${first.completeMode}` : ''}; ` +
        `${drawnSoFar ?? 0} bench ${first.completeMode === 'summary' ? 'namespaces' : 'pods'} on the map): drawn ${ms(figure)} after navigation start ` +
        `(the page's performance.now(); ${ms(wall)} of wall clock from the page.goto() call) — ` +
        `target < ${FIRST_MAP.targetMs / 1000} s: ${verdict(figure < FIRST_MAP.targetMs)}`,
      `  (HTML response end ${nav ? ms(nav.responseEnd) : '?'}, DOMContentLoaded ${nav ? ms(nav.domContentLoaded) : '?'}, ` +
        `/api/snapshot asked ${nav?.snapshot ? `${ms(nav.snapshot.start)}, first byte ${ms(nav.snapshot.firstByte)}, last byte ${ms(nav.snapshot.end)}` : '?'}, ` +
        `first layout done ${ms(first.laidOut)}, ` +
        `first useful map drawn ${ms(first.usefulDrawn)}, complete map (every bench ${first.completeMode === 'summary' ? 'namespace' : 'pod'}) ` +
        `${first.complete !== undefined ? `${ms(first.complete)}, drawn ${ms(first.drawn!)}` : `not within ${waitMs / 1000} s`}, ` +
        `frames smooth again ${first.settled !== undefined ? ms(first.settled) : 'not within 10 s'})`,
      snapshot.length > 0
        ? `bytes sent for the first view (${snapshot.map((f) => f.path).join(', ')}, as transferred, ${[...new Set(snapshot.map((f) => f.encoding))].join('/')}): ` +
          `${mb(sum(snapshot, 'wire'))} (${mb(sum(snapshot, 'decoded'))} decoded) — reported, no target`
        : 'bytes sent for the first view: MISS (error: the page fetched no /api/snapshot while it loaded)',
      `  (everything the page fetched from /api/ until then: ${fetched.length} responses, ${mb(sum(fetched, 'wire'))} transferred: ` +
        `${fetched.map((f) => `${f.path} ${mb(f.wire)}`).join(', ')})`,
    ],
  };
}

/** Chrome DevTools' sampling profiler on the page, from before the navigation; stop() writes a .cpuprofile. */
async function startProfiler(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.send('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await session.detach();
      progress(`the page's CPU profile of this load is in ${file} (open it in Chrome DevTools' Performance panel)`);
    },
  };
}

export async function mapFacts(page: Page): Promise<string[]> {
  const facts = await page.evaluate(() => {
    const cy = window.__kubeNetmapMap!;
    const container = document.querySelector('[data-testid="network-map"]');
    const canvases = [...(container?.querySelectorAll('canvas') ?? [])];
    // getContext with a canvas's own type returns its context; with another type, null (and creates nothing).
    const webglCanvas = canvases.some((c) => c.getContext('webgl2') !== null || c.getContext('webgl') !== null);
    return {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      renderer: container?.getAttribute('data-renderer') ?? 'unset',
      webglCanvas,
      pods: cy.nodes('[kind = "pod"]').length,
      workloads: cy.nodes('[kind = "workload"]').length,
      services: cy.nodes('[kind = "service"]').length,
    };
  });
  return [
    `elements on the map: ${facts.nodes + facts.edges} (${facts.nodes} nodes: ${facts.pods} pods, ${facts.workloads} folded workloads, ${facts.services} Services; ${facts.edges} edges)`,
    `renderer: data-renderer="${facts.renderer}" (${facts.renderer === 'webgl' ? 'WebGL' : 'canvas 2D'}); a WebGL canvas in the map: ${facts.webglCanvas ? 'yes' : 'no'}`,
  ];
}

/** What draws WebGL in this browser, asked on a page of its own (a second WebGL context beside the map's would weigh on it). */
export async function webglInfo(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'none (no WebGL2 context)';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
    });
  } finally {
    await context.close();
  }
}

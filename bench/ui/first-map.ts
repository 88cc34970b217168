// The first complete map: when it is there in the page's clock, and what it holds; and the browser's WebGL.

import { type Browser, type Page } from '@playwright/test';
import { ms } from '../stats.ts';
import { TARGETS, TOTAL_PODS, errorText, prefix, verdict, wallNow } from './common.ts';

/** When the first complete map was there, in the page's clock (performance.now(), origin = navigation start). */
export interface FirstMap {
  /** The container got data-laid-out (the first full layout ran). */
  laidOut: number;
  /** Laid out, and every bench pod in the Cytoscape instance: the frame in which the poller saw it. */
  complete: number;
  /** The next frame's start: the frame that drew the complete map is done. */
  drawn: number;
  /** The same, as the page's wall clock (performance.timeOrigin + drawn). */
  drawnWall: number;
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
 * Installed before the page's own scripts: once per frame, counts the bench pods the map draws (as pod nodes, or
 * inside folded workloads) until the first complete map is there, then follows the frames until they are smooth.
 */
export function firstMapWatcher({ idPart, want }: { idPart: string; want: number }) {
  const w = window as BenchWindow;
  let laidOut: number | undefined;
  let complete: number | undefined;
  let last = 0;
  let smoothSince: number | undefined;
  let smooth = 0;
  const tick = (frame: number) => {
    const result = w.__benchFirstMap;
    if (complete === undefined) {
      const cy = w.__kubeNetmapMap;
      if (laidOut === undefined && cy && document.querySelector('[data-testid="network-map"][data-laid-out="true"]')) laidOut = performance.now();
      if (cy && laidOut !== undefined) {
        let count = 0;
        cy.nodes().forEach((node) => {
          if (!node.id().includes(idPart)) return;
          const kind = node.data('kind') as string;
          if (kind === 'pod') count += 1;
          else if (kind === 'workload') count += Number(node.data('podCount') ?? 0);
        });
        w.__benchDrawn = count;
        if (count >= want) complete = performance.now();
      }
    } else if (!result) {
      w.__benchFirstMap = { laidOut: laidOut!, complete, drawn: frame, drawnWall: performance.timeOrigin + frame };
    } else {
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

export async function measureFirstMap(page: Page, url: string): Promise<string[]> {
  await page.addInitScript(firstMapWatcher, { idPart: prefix, want: TOTAL_PODS });
  const offset = await pageClockOffset(page);
  const gotoStart = wallNow();
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  try {
    await page.waitForFunction(() => (window as BenchWindow).__benchFirstMap !== undefined, null, { polling: 100, timeout: 60_000 });
  } catch (error) {
    const drawn = await page.evaluate(() => (window as BenchWindow).__benchDrawn).catch(() => undefined);
    throw new Error(`not complete within 60 s (${drawn ?? 'no'} bench pods drawn): ${errorText(error)}`);
  }
  // Until the frames are smooth again (or 10 s), so that the next measurement does not start in the middle of it.
  await page
    .waitForFunction(() => (window as BenchWindow).__benchFirstMap!.settled !== undefined, null, { polling: 100, timeout: 11_000 })
    .catch(() => undefined);
  const first = (await page.evaluate(() => (window as BenchWindow).__benchFirstMap))!;
  // The offset was taken on the blank page before; a new document's clock has the same base, only another origin.
  const wall = first.drawnWall - offset - gotoStart;
  const nav = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return entry ? { responseEnd: entry.responseEnd, domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd } : undefined;
  });
  const drawn = await page.evaluate(() => (window as BenchWindow).__benchDrawn);
  return [
    `first complete map (${drawn} bench pods on the map): drawn ${ms(first.drawn)} after navigation start (the page's performance.now(), whose origin is ` +
      `the navigation start; ${ms(wall)} of wall clock from the page.goto() call) — target < ${TARGETS.firstMapMs / 1000} s: ${verdict(first.drawn < TARGETS.firstMapMs)}`,
    `  (HTML response end ${nav ? ms(nav.responseEnd) : '?'}, DOMContentLoaded ${nav ? ms(nav.domContentLoaded) : '?'}, first layout done ${ms(first.laidOut)}, ` +
      `every bench pod in the map ${ms(first.complete)}, drawn = the start of the next frame ${ms(first.drawn)}, ` +
      `frames smooth again ${first.settled !== undefined ? ms(first.settled) : 'not within 10 s'})`,
  ];
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

// Panning frame rate, zoomed out and zoomed in.

import { type Page } from '@playwright/test';
import { ms } from '../stats.ts';
import { PAN_MS, TARGETS, VIEW_REST_MS, verdict } from './common.ts';
import { nextFrames } from './first-map.ts';

export async function measurePanning(page: Page, mode: string): Promise<string[]> {
  const overview = await panFps(page, 'fit');
  const close = await panFps(page, 1);
  const line = (what: string, r: PanResult) =>
    `${what}: ${r.fps.toFixed(1)} fps, longest frame ${ms(r.maxGap)}, ${r.drawn} of ${r.total} elements drawn — target >= ${TARGETS.panFps} fps: ${verdict(r.fps >= TARGETS.panFps)}`;
  return [
    line(`panning, whole map in view (map mode ${mode}; zoom ${overview.zoom.toFixed(2)}: group summaries; cy.panBy({x: 4, y: 2}) every frame for ${(PAN_MS / 1000).toFixed(0)} s)`, overview),
    line(`panning, zoomed in (zoom 1: the groups near the view drawn)`, close),
    `  (headless Chromium launched with --disable-gpu: no GPU, WebGL is software-rendered (see the WebGL line), on a machine shared with the ` +
      `control plane. Far out, a big map draws its namespaces as summaries; zoomed in, it hides the groups far from a settled view)`,
  ];
}

export interface PanResult {
  fps: number;
  maxGap: number;
  zoom: number;
  drawn: number;
  total: number;
}

/** Frame rate while panning through the API at the given zoom ('fit': the whole map in view). */
export async function panFps(page: Page, zoom: number | 'fit'): Promise<PanResult> {
  // Braces: Cytoscape's calls return the instance, which page.evaluate would try to serialise (for many seconds).
  await page.evaluate((level) => {
    const cy = window.__kubeNetmapMap!;
    cy.fit(undefined, 30);
    if (level !== 'fit') cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }, zoom);
  // As a person pans: after the zoom has come to rest (the map hides far groups once the view settles).
  await page.waitForTimeout(VIEW_REST_MS);
  await nextFrames(page);
  const result = await page.evaluate(
    (duration) =>
      new Promise<PanResult>((resolve) => {
        const cy = window.__kubeNetmapMap!;
        const drawn = cy.elements(':visible').length;
        let first: number | undefined;
        let last = 0;
        let frames = 0;
        let maxGap = 0;
        const step = (t: number) => {
          if (first === undefined) first = t;
          else {
            frames += 1;
            maxGap = Math.max(maxGap, t - last);
          }
          last = t;
          if (t - first >= duration) return resolve({ fps: frames / ((t - first) / 1000), maxGap, zoom: cy.zoom(), drawn, total: cy.elements().length });
          cy.panBy({ x: 4, y: 2 });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    PAN_MS,
  );
  return result;
}

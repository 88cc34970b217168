// The map's summary mode: on a big cluster the page may first draw each namespace as one summary node
// (`data-map-mode="summary"` on the map container; absent means every workload is drawn), and a tap on a
// summary node `ns:<name>` opens that namespace in place.

import { type Page } from '@playwright/test';
import { errorText } from './common.ts';

/** The container's data-map-mode, or undefined when the page does not set it (a full map). */
export const mapModeOf = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="network-map"]')?.getAttribute('data-map-mode') ?? undefined);

/**
 * Opens a namespace drawn as a summary, as a tap on it does, and returns the time from the tap to the first frame
 * with one of its pods or workloads on the map.
 */
export async function openNamespace(page: Page, namespace: string): Promise<number> {
  const elapsed = await page
    .evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const cy = window.__kubeNetmapMap!;
          const summary = cy.getElementById(`ns:${name}`);
          if (summary.empty()) return reject(new Error(`no node ns:${name} on the map`));
          const opened = () => cy.$(`node[id ^= "pod:${name}/"], node[id ^= "wl:${name}/"]`).nonempty();
          const start = performance.now();
          summary.emit('tap');
          const tick = (frame: number) => {
            if (opened()) resolve(frame - start);
            else if (performance.now() - start > 10_000) reject(new Error(`a tap on ns:${name} drew none of its pods within 10 s`));
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
      namespace,
    )
    .catch((error: unknown) => {
      throw new Error(`opening ${namespace}: ${errorText(error)}`);
    });
  return elapsed;
}

// The highlight after a click on a pod: from the click to the lit peers on the map.

import { type Page } from '@playwright/test';
import { ms, percentile } from '../stats.ts';
import { HIGHLIGHT_CLICKS, TARGETS, VIEW_REST_MS, errorText, namespaceNames, prefix, verdict } from './common.ts';
import { openNamespace } from './summary.ts';
import { type BenchWindow, nextFrames } from './first-map.ts';

/** Places a node at zoom 1 in the middle of the map and returns where it is drawn, in the page's viewport coordinates. */
export async function bringIntoView(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap!;
    // Panned to, as a person would: cy.center() needs a drawn node, and far groups are hidden until the view nears.
    const at = cy.getElementById(nodeId).position();
    cy.zoom(1);
    cy.pan({ x: cy.width() / 2 - at.x, y: cy.height() / 2 - at.y });
  }, id);
  await nextFrames(page);
  const at = await page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap!;
    const node = cy.getElementById(nodeId);
    if (node.empty()) return undefined;
    const r = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    const x = box.left + r.x;
    const y = box.top + r.y;
    const inside = x > box.left && x < box.right && y > box.top && y < box.bottom && x > 0 && y > 0 && x < window.innerWidth && y < window.innerHeight;
    return inside ? { x, y } : undefined;
  }, id);
  if (!at) throw new Error(`${id} is not inside the viewport after centring`);
  return at;
}

/**
 * Clicks random unfolded bench pods. In summary mode it first opens a random bench namespace (a tap on its summary
 * node) and clicks pods inside it; `opened` says which, so that the watch step can create its pods there.
 */
export async function measureHighlight(page: Page, mode: string, opened: { namespace?: string }): Promise<string[]> {
  await page.locator('[data-testid="network-map"]').scrollIntoViewIfNeeded();
  const lines: string[] = [];
  let idPart = prefix;
  if (mode === 'summary') {
    const namespace = namespaceNames[Math.floor(Math.random() * namespaceNames.length)]!;
    const openMs = await openNamespace(page, namespace);
    opened.namespace = namespace;
    idPart = `pod:${namespace}/`;
    lines.push(`  (summary mode: a tap on ns:${namespace} drew its pods ${ms(openMs)} later; the clicks are on pods inside it)`);
    await page.waitForTimeout(VIEW_REST_MS);
  }
  const candidates = await page.evaluate(
    (part) =>
      window
        .__kubeNetmapMap!.nodes('[kind = "pod"]')
        .map((n) => n.id())
        .filter((id) => id.includes(part)),
    idPart,
  );
  if (candidates.length < HIGHLIGHT_CLICKS) throw new Error(`only ${candidates.length} unfolded bench pods on the map${mode === 'summary' ? ` in ${opened.namespace}` : ''}`);
  const picks = [...candidates].sort(() => Math.random() - 0.5).slice(0, HIGHLIGHT_CLICKS);
  const times: number[] = [];
  const taps: number[] = [];
  const classSet: number[] = [];
  const failures: string[] = [];
  for (const id of picks) {
    try {
      const at = await bringIntoView(page, id);
      // All in place before the click. The click's time is the mouseup's own timestamp (Cytoscape's tap fires on
      // mouseup). The poller looks once per frame, after Cytoscape's own frame callback (requested earlier), so the
      // frame in which it sees the class is one Cytoscape has drawn with it. The node's tap and class events give
      // the breakdown: Cytoscape's dispatch, then the app's route change and effect, then the drawing.
      await page.evaluate((nodeId) => {
        const w = window as BenchWindow;
        const cy = w.__kubeNetmapMap!;
        const node = cy.getElementById(nodeId);
        const marks: { up?: number; tap?: number; classSet?: number; seen?: number } = {};
        w.__benchClick = marks;
        window.addEventListener('mouseup', (event) => (marks.up = event.timeStamp), { capture: true, once: true });
        node.one('tap', () => (marks.tap = performance.now()));
        const onClass = () => {
          if (!node.hasClass('selected')) return;
          marks.classSet = performance.now();
          node.removeListener('class', undefined, onClass);
        };
        node.on('class', onClass);
        const give = performance.now() + 5000;
        const tick = () => {
          if (node.hasClass('selected')) marks.seen = performance.now();
          else if (performance.now() > give) marks.seen = -1;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, id);
      await page.mouse.click(at.x, at.y);
      await page.waitForFunction(() => (window as BenchWindow).__benchClick?.seen !== undefined, null, { polling: 50, timeout: 10_000 });
      const marks = (await page.evaluate(() => (window as BenchWindow).__benchClick))!;
      if (marks.seen! < 0 || marks.up === undefined) throw new Error(`${id}: not selected within 5 s of the click`);
      const expected = `pod=${encodeURIComponent(id.slice(4))}`;
      if (!page.url().includes(expected)) throw new Error(`${id}: selected, but the URL has no ${expected}`);
      times.push(marks.seen! - marks.up);
      if (marks.tap !== undefined) taps.push(marks.tap - marks.up);
      if (marks.classSet !== undefined) classSet.push(marks.classSet - marks.up);
    } catch (error) {
      failures.push(errorText(error));
    }
  }
  if (times.length === 0) throw new Error(failures[0] ?? 'no click measured');
  const median = percentile(times, 50);
  const max = Math.max(...times);
  return [
    `highlight after a click on a pod (${times.length} of ${picks.length} random unfolded bench pods; from the mouseup to the first frame with the node's class 'selected'): ` +
      `median ${ms(median)}, max ${ms(max)} — target < ${TARGETS.highlightMs} ms: median ${verdict(median < TARGETS.highlightMs)}, max ${verdict(max < TARGETS.highlightMs)}`,
    `  (medians after the mouseup: Cytoscape's tap ${ms(percentile(taps, 50))}, the class set by the app ${ms(percentile(classSet, 50))}, ` +
      `seen in a drawn frame ${ms(median)}; the first click ${ms(times[0]!)})`,
    ...lines,
    ...failures.map((f) => `  click failed: ${f}`),
  ];
}

import { expect, test } from './fixtures';
import { mapLaidOut, nodePosition, zoom } from './support/map-page';

// The page's frame on the built-in demo at 1400×900: the map takes the window under one header line, the side
// panel's tabs stay on one line and answer the keyboard, the panel resizes and folds away, and the map's keys work.
test.use({ viewport: { width: 1400, height: 900 } });

const demo = (query = '') => `${process.env.E2E_BASE_URL}/?context=%40demo${query ? `&${query}` : ''}`;

test('the map fills the window below one header line, and the panel’s tabs sit on one line', async ({ page }) => {
  await page.goto(demo());
  await mapLaidOut(page);
  const header = (await page.locator('header').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(48);
  const map = (await page.getByTestId('network-map').boundingBox())!;
  expect(map.y).toBeLessThanOrEqual(header.y + header.height + 1);
  expect(map.y + map.height).toBeGreaterThanOrEqual(899);
  expect(map.width).toBeGreaterThan(900);
  const tabTops = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top));
  expect(new Set(tabTops).size).toBe(1);
});

test('keys: / goes to the search, Esc clears the selection, f fits the map; the arrow keys move between tabs', async ({ page }) => {
  await page.goto(demo('pod=shop%2Fapi-template'));
  await mapLaidOut(page);
  await expect(page.getByTestId('peer-panel')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/[?&]pod=/);
  await expect(page.getByTestId('peer-panel')).toHaveCount(0);

  await page.keyboard.press('/');
  await expect(page.getByTestId('map-search')).toBeFocused();
  // Typed into the search, f is text, not the shortcut.
  await page.keyboard.type('frontend');
  await expect(page.getByTestId('map-search')).toHaveValue('frontend');
  await page.getByTestId('map-search').blur();

  const fitted = await zoom(page);
  // (In braces: zoom() returns the instance, which the browser would serialise back at length.)
  await page.evaluate(() => {
    window.__kubeNetmapMap!.zoom(window.__kubeNetmapMap!.zoom() * 2);
  });
  expect(await zoom(page)).toBeGreaterThan(fitted * 1.5);
  await page.keyboard.press('f');
  await expect.poll(() => zoom(page)).toBeLessThan(fitted * 1.1);

  await page.getByRole('tab', { name: 'Selection' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Explain' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/[?&]panel=explain/);
  await expect(page.getByTestId('explain-panel')).toBeVisible();
});

test('the side panel resizes from its edge (and with the arrow keys), folds away, and keeps both across a reload', async ({ page }) => {
  await page.goto(demo());
  await mapLaidOut(page);
  const panel = page.getByTestId('side-panel');
  const before = (await panel.boundingBox())!.width;
  const edge = page.getByRole('separator', { name: 'Resize the side panel' });
  const grip = (await edge.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 - 100, grip.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 100));
  await edge.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 100 - 24));

  await page.getByRole('button', { name: 'Collapse the side panel' }).click();
  await expect(panel).toHaveAttribute('data-collapsed', 'true');
  const map = (await page.getByTestId('network-map').boundingBox())!;
  expect(map.width).toBeGreaterThan(1300);
  await page.reload();
  await mapLaidOut(page);
  await expect(panel).toHaveAttribute('data-collapsed', 'true');
  await page.getByRole('button', { name: 'Open the side panel' }).click();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 100 - 24));
});

test('a reload draws the same picture: the places are kept in the browser, and a fresh browser lays out the same', async ({ page, browser }) => {
  await page.goto(demo());
  await mapLaidOut(page);
  const places = () => page.evaluate(() => Object.fromEntries(window.__kubeNetmapMap!.nodes(':childless').map((n) => [n.id(), n.position()])));
  const first = await places();
  // Dragged somewhere, a node stays there across a reload.
  const at = (await nodePosition(page, 'pod:shop/cart-template'))!;
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 60, at.y + 40, { steps: 5 });
  await page.mouse.up();
  const { x, y } = (await places())['pod:shop/cart-template']!;
  expect({ x, y }).not.toEqual(first['pod:shop/cart-template']);
  // Saved (to the pixel) once the map rests.
  const saved = () =>
    page.evaluate(() => {
      const key = Object.keys(window.localStorage).find((k) => k.startsWith('kube-netmap.positions'));
      return key ? (JSON.parse(window.localStorage.getItem(key)!) as { at: Record<string, [number, number]> }).at['pod:shop/cart-template'] : undefined;
    });
  await expect.poll(saved).toEqual([Math.round(x), Math.round(y)]);
  await page.reload();
  await mapLaidOut(page);
  expect((await places())['pod:shop/cart-template']).toEqual({ x: Math.round(x), y: Math.round(y) });

  const fresh = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const other = await fresh.newPage();
  await other.goto(demo());
  await mapLaidOut(other);
  const otherPlaces = await other.evaluate(() => Object.fromEntries(window.__kubeNetmapMap!.nodes(':childless').map((n) => [n.id(), n.position()])));
  expect(otherPlaces).toEqual(first);
  await fresh.close();
});

import { expect, test } from './fixtures';
import { saveForDocs } from './support/docs-screenshots';
import { answerEdges, highlightedPeers, mapLaidOut } from './support/map-page';

// The page as a person sees it, compared with committed pictures (visual.spec.ts-snapshots/): the built-in demo at
// 1400×900, which needs no cluster and, with the map's layout seeded from its content, looks the same on every load.
// A failure leaves the expected, actual and diff images in test-results/ and the HTML report. After a change to the
// page that is meant, `npx playwright test e2e/visual.spec.ts --update-snapshots` (with the e2e lock) writes new
// ones; E2E_UPDATE_DOCS=1 writes the README's screenshots too. Every picture is taken once the map says its first
// layout is done and what it shows is drawn (never after a sleep).
test.use({ viewport: { width: 1400, height: 900 } });

/** Laid out, and the diagnosis (in its worker) answered: Service health and the Problems count are drawn. */
async function ready(page: import('@playwright/test').Page) {
  await mapLaidOut(page);
  await expect(page.getByTestId('diagnosis-state')).toHaveCount(0);
}

const demo = (query = '') => `${process.env.E2E_BASE_URL}/?context=%40demo${query ? `&${query}` : ''}`;
const EXPLAIN_DENIED = 'panel=explain&from=pod%2Fshop%2Fcheckout-template&to=svc%2Fshop%2Fpayments&port=80&proto=TCP';
const TRACE = `panel=trace&url=${encodeURIComponent('http://shop.example.com/api/cart')}`;

test('the demo map: the whole shop in view under one header line', async ({ page }) => {
  await page.goto(demo());
  await ready(page);
  await expect(page.getByTestId('demo-label')).toBeVisible();
  await expect(page).toHaveScreenshot('demo-map.png');
});

test('a pod selected: its peers lit, with their ports, and listed in the panel', async ({ page }) => {
  await page.goto(demo('pod=shop%2Fapi-template'));
  await ready(page);
  await expect(page.getByTestId('peer-row').first()).toBeVisible();
  await expect.poll(() => highlightedPeers(page)).not.toEqual([]);
  await expect(page).toHaveScreenshot('demo-pod-selected.png');
  await saveForDocs(page, 'map.png');
});

test('a denied flow explained: checkout to the payments Service and on to its pod, barred at the pod whose ingress denies it', async ({ page }) => {
  await page.goto(demo(EXPLAIN_DENIED));
  await ready(page);
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'denied');
  await expect.poll(() => answerEdges(page)).toEqual(['path:pod:shop/checkout-template->svc:shop/payments', 'path:svc:shop/payments->pod:shop/payments-template']);
  await expect(page).toHaveScreenshot('demo-explain-denied.png');
  await saveForDocs(page, 'explain.png');
});

test('a URL traced: the Ingress, the api Service and its pod, with the controller’s verdict on the path', async ({ page }) => {
  await page.goto(demo(TRACE));
  await ready(page);
  await expect(page.getByTestId('trace-status')).toHaveAttribute('data-status', 'matched');
  await expect.poll(() => answerEdges(page)).toEqual(['path:ing:shop/shop->svc:shop/api', 'path:svc:shop/api->pod:shop/api-template']);
  await expect(page).toHaveScreenshot('demo-trace.png');
});

test('the dark theme: the denied flow again', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('kube-netmap-theme', 'dark'));
  await page.goto(demo(EXPLAIN_DENIED));
  await ready(page);
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'denied');
  await expect.poll(() => answerEdges(page)).toHaveLength(2);
  await expect(page).toHaveScreenshot('demo-dark.png');
});

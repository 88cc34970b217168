import { expect, test } from './fixtures';

// The panels over the built-in demo (@demo), whose faults are known. Each test saves a screenshot of its view as
// an artifact (test-results/), to look at.
const demo = (query: string) => `${process.env.E2E_BASE_URL}/?context=%40demo&${query}`;

test('explain a denied flow: the trace names the policy that cuts payments off from checkout', async ({ page }, testInfo) => {
  await page.goto(demo('panel=explain&from=pod%2Fshop%2Fcheckout-template&to=svc%2Fshop%2Fpayments&port=80'));
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'denied');
  await expect(page.getByTestId('explain-near-miss').first()).toContainText(
    'policy shop/payments ingress rule 1 allows TCP port "http" from pods app=checkout-v2 in namespace shop',
  );
  await page.screenshot({ path: testInfo.outputPath('explain.png') });
});

test('trace a URL through the demo Ingress to the api pods, with the controller allowed to reach them', async ({ page }, testInfo) => {
  await page.goto(demo('panel=trace&url=http%3A%2F%2Fshop.example.com%2Fapi%2Fcart'));
  await expect(page.getByTestId('trace-status')).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('trace-endpoint')).toHaveAttribute('data-pod', 'shop/api-template');
  await expect(page.getByTestId('trace-controller')).toContainText(/allowed/i);
  await page.screenshot({ path: testInfo.outputPath('trace.png') });
});

test('the Problems view lists the three planted faults, and clicking one zooms the map to it', async ({ page }, testInfo) => {
  await page.goto(demo('panel=problems'));
  const errors = page.locator('[data-testid="problem"][data-severity="error"]');
  await expect(errors).toHaveCount(3);
  expect((await errors.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).sort()).toEqual([
    'service-all-clients-blocked:Service/shop/payments:80/TCP',
    'service-selector-matches-nothing:Service/shop/cart',
    'service-target-port-name-missing:Service/shop/checkout:80/TCP',
  ]);
  const zoom = () => page.evaluate(() => window.__kubeNetmapMap?.zoom() ?? 0);
  await expect.poll(zoom).toBeGreaterThan(0);
  const before = await zoom();
  await errors.first().getByRole('button').first().click();
  // The map brings the finding's Service (and its neighbours) into view: closer than the whole-map fit.
  await expect.poll(zoom).toBeGreaterThan(before);
  await page.screenshot({ path: testInfo.outputPath('problems.png') });
});

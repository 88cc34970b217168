import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { ReachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { applyObjects, deleteDemo, renamedDemo, type DemoNames } from './support/demo-on-cluster';
import { Cluster, runId } from './support/kube';
import { demoPodCount, waitForLiveDemo } from './support/live-demo';
import { answerEdges, highlightedPeers, leafPositions, mapLaidOut, nodeData, nodePosition, peerNodeIds, zoom } from './support/map-page';

// examples/demo applied to the live cluster (under names of this run, see renamedDemo), and the map and panels
// over it. The demo's faults are known: cart's selector typo, checkout's targetPort name, and the policy that cuts
// payments off from checkout. Each test saves a screenshot of its view as an artifact (test-results/).
test.describe.configure({ mode: 'serial' });

let admin: Cluster;
let names: DemoNames;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  admin = new Cluster();
  const demo = renamedDemo(Math.random().toString(36).slice(2, 7));
  names = demo.names;
  await applyObjects(admin.config, demo.objects, runId());
  await waitForLiveDemo(names, demoPodCount(demo.objects));
});

test.afterAll(async () => {
  if (names) await deleteDemo(admin.config, names);
});

const view = (query = '') => `${process.env.E2E_BASE_URL}/?context=${VIEWER_CONTEXT}${query ? `&${query}` : ''}`;
const podOf = async (app: string) => (await admin.readyPods(names.shop, app)).map((p) => p.metadata!.name!).sort()[0]!;

test('clicking a frontend pod lights up exactly the peers reachablePeers gives, and a copied URL reproduces the view', async ({ page }, testInfo) => {
  const frontend = await podOf('frontend');
  const id = `pod:${names.shop}/${frontend}`;
  await page.goto(view());
  await expect.poll(() => nodePosition(page, id)).toBeTruthy();
  const at = (await nodePosition(page, id))!;
  await page.mouse.click(at.x, at.y);
  await expect(page).toHaveURL(new RegExp(`[?&]pod=${names.shop}%2F${frontend}`));

  const fetchReach = async () =>
    (await (await page.request.get(`${process.env.E2E_BASE_URL}/api/reachability?context=${VIEWER_CONTEXT}&pod=${names.shop}/${frontend}`)).json()) as ReachablePeers;
  // Map and engine are read together: namespaces other tests leave behind may still be going away.
  const mapVersusEngine = async () => {
    const [shown, reach] = [await highlightedPeers(page), await fetchReach()];
    return { same: JSON.stringify(shown) === JSON.stringify(peerNodeIds(reach)), reach };
  };
  await expect.poll(async () => (await mapVersusEngine()).same).toBe(true);
  const { reach } = await mapVersusEngine();
  // The demo's policies: frontend calls api on 8080 (and its Service on 80), and only the ingress controller calls it.
  expect(reach.egress.filter((p) => p.peer.type === 'service').map((p) => p.peer.type === 'service' && p.peer.name)).toEqual(['api']);
  expect(new Set(reach.ingress.filter((p) => p.peer.type === 'pod').map((p) => p.peer.type === 'pod' && p.peer.namespace))).toEqual(new Set([names.ingress]));
  await expect(page.getByTestId('peer-row')).toHaveCount(reach.egress.length + reach.ingress.length);
  await expect(page.locator(`[data-testid="peer-row"][data-peer-id="svc:${names.shop}/api"]`)).toContainText('TCP 80');
  await page.screenshot({ path: testInfo.outputPath('map-highlight.png') });

  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect.poll(async () => JSON.stringify(await highlightedPeers(copy))).toBe(JSON.stringify(await highlightedPeers(page)));
  await copy.close();
});

test('explain a denied flow picked on the map: the trace names the policy that cuts payments off from checkout', async ({ page }, testInfo) => {
  const checkout = await podOf('checkout');
  await page.goto(view('panel=explain'));
  // From, then To, each by a click on the map.
  for (const id of [`pod:${names.shop}/${checkout}`, `svc:${names.shop}/payments`]) {
    await expect.poll(() => nodePosition(page, id)).toBeTruthy();
    const at = (await nodePosition(page, id))!;
    await page.mouse.click(at.x, at.y);
  }
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(`pod/${names.shop}/${checkout}`);
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(`svc/${names.shop}/payments`);
  await page.getByLabel('Port', { exact: true }).fill('80');
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'denied');
  await expect(page.getByTestId('explain-near-miss').first()).toContainText(
    `policy ${names.shop}/payments ingress rule 1 allows TCP port "http" from pods app=checkout-v2 in namespace ${names.shop}`,
  );
  // The question is in the URL, so a copied link asks it again.
  await expect(page).toHaveURL(new RegExp(`[?&]from=pod%2F${names.shop}%2F${checkout}`));
  // The map draws the flow: checkout to the Service, the Service to each payments pod.
  const payments = (await admin.readyPods(names.shop, 'payments')).map((p) => `path:svc:${names.shop}/payments->pod:${names.shop}/${p.metadata!.name}`);
  await expect.poll(() => answerEdges(page)).toEqual([`path:pod:${names.shop}/${checkout}->svc:${names.shop}/payments`, ...payments].sort());
  await page.screenshot({ path: testInfo.outputPath('explain.png') });
});

test('trace a URL through the demo Ingress to the api pods, with the controller allowed to reach them', async ({ page }, testInfo) => {
  await page.goto(view(`panel=trace&url=${encodeURIComponent(`http://${names.host}/api/cart`)}`));
  await expect(page.getByTestId('trace-status')).toHaveAttribute('data-status', 'matched');
  const endpoints = page.getByTestId('trace-endpoint');
  await expect(endpoints).toHaveCount(2);
  for (const pod of await endpoints.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pod')))) {
    expect(pod).toMatch(new RegExp(`^${names.shop}/api-`));
  }
  await expect(page.getByTestId('trace-controller')).toContainText(/allowed/i);
  // The map draws the route, once its first layout is done: the Ingress to the Service, the Service to each pod.
  await mapLaidOut(page);
  await expect.poll(async () => (await answerEdges(page)).length).toBe(3);
  expect(await answerEdges(page)).toContain(`path:ing:${names.shop}/shop->svc:${names.shop}/api`);
  await page.screenshot({ path: testInfo.outputPath('trace.png') });
});

test('the Problems view lists the planted faults and the missing TLS Secret, and clicking one zooms the map to it', async ({ page }, testInfo) => {
  await page.goto(view('panel=problems'));
  await page.getByTestId('problems-filter-namespace').selectOption(names.shop);
  await mapLaidOut(page);
  const errors = page.locator('[data-testid="problem"][data-severity="error"]');
  await expect(errors).toHaveCount(5);
  expect((await errors.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).sort()).toEqual([
    `gateway-backend-ref-not-permitted:HTTPRoute/${names.shop}/storefront:${names.ingress}/ingress-nginx-controller`,
    `ingress-tls-secret-missing:Ingress/${names.shop}/shop:shop-tls`,
    `service-all-clients-blocked:Service/${names.shop}/payments:80/TCP`,
    `service-selector-matches-nothing:Service/${names.shop}/cart`,
    `service-target-port-name-missing:Service/${names.shop}/checkout:80/TCP`,
  ]);
  const before = await zoom(page);
  // A Service's finding (an HTTPRoute's focuses its Gateway: see gateway-demo.spec.ts).
  await page.locator('[data-testid="problem"][data-id^="service-selector-matches-nothing:"]').getByRole('button').first().click();
  await expect.poll(() => zoom(page)).toBeGreaterThan(before);
  await page.screenshot({ path: testInfo.outputPath('problems.png') });
});

test('breaking the api Service selector turns its badge to error within 2 s, and restoring it turns it back to ok', async ({ page }, testInfo) => {
  const id = `svc:${names.shop}/api`;
  await page.goto(view(`svc=${names.shop}%2Fapi`));
  await expect.poll(() => nodeData(page, id, 'health')).toBe('ok');
  const patch = (app: string) =>
    admin.core.patchNamespacedService(
      { namespace: names.shop, name: 'api', body: { spec: { selector: { app } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  try {
    await patch('apii');
    await expect.poll(() => nodeData(page, id, 'health'), { timeout: 2_000 }).toBe('error');
    await expect(page.locator(`[data-testid="service-finding"][data-id="service-selector-matches-nothing:Service/${names.shop}/api"]`)).toContainText(
      'matches none of',
    );
    await page.screenshot({ path: testInfo.outputPath('service-broken.png') });
  } finally {
    await patch('api');
  }
  await expect.poll(() => nodeData(page, id, 'health'), { timeout: 2_000 }).toBe('ok');
});

test('scaling frontend adds and removes its pods on the map without moving the other nodes', async ({ page }) => {
  await page.goto(view());
  // The demo's nodes only: namespaces that earlier tests deleted may still be going away elsewhere on the map.
  const demoPositions = async () =>
    Object.fromEntries(Object.entries(await leafPositions(page)).filter(([id]) => id.includes(`${names.shop}/`) || id.includes(`${names.ingress}/`)));
  const isFrontendV1 = (id: string) => id.startsWith(`pod:${names.shop}/frontend-`) && !id.startsWith(`pod:${names.shop}/frontend-v2-`);
  const podsOnMap = async () => Object.keys(await demoPositions()).filter(isFrontendV1).length;
  await expect.poll(podsOnMap).toBe(2);
  const before = await demoPositions();

  await admin.scaleDeployment(names.shop, 'frontend', 3);
  await expect.poll(podsOnMap).toBe(3);
  const grown = await demoPositions();
  for (const [id, at] of Object.entries(before)) expect([id, grown[id]]).toEqual([id, at]);

  await admin.scaleDeployment(names.shop, 'frontend', 2);
  await expect.poll(podsOnMap).toBe(2);
  const shrunk = await demoPositions();
  for (const [id, at] of Object.entries(shrunk)) expect([id, at]).toEqual([id, grown[id]]);
});

test('a namespace filter and a search by label are kept in the URL, and the search lights what it finds', async ({ page }, testInfo) => {
  await page.goto(view(`ns=${names.shop}`));
  const drawnNamespaces = () => page.evaluate(() => window.__kubeNetmapMap?.nodes('[kind = "namespace"]').map((n) => n.id()) ?? []);
  await expect.poll(drawnNamespaces).toEqual([`ns:${names.shop}`]);

  await page.getByTestId('map-search').fill('app=payments');
  await expect(page).toHaveURL(/[?&]q=app%3Dpayments/);
  // The two payments pods and the payments Service (its own labels say app=payments too).
  await expect(page.getByTestId('map-search-outcome')).toHaveText('3 found');
  const lit = () => page.evaluate(() => window.__kubeNetmapMap?.nodes('.path').map((n) => n.id()).sort() ?? []);
  const payments = (await admin.readyPods(names.shop, 'payments')).map((p) => `pod:${names.shop}/${p.metadata!.name}`);
  await expect.poll(lit).toEqual([...payments, `svc:${names.shop}/payments`].sort());
  await page.screenshot({ path: testInfo.outputPath('search.png') });

  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect.poll(async () => JSON.stringify(await copy.evaluate(() => window.__kubeNetmapMap?.nodes('.path').map((n) => n.id()).sort() ?? []))).toBe(
    JSON.stringify(await lit()),
  );
  await copy.close();

  await page.getByTestId('map-search').fill('app=');
  await expect(page.getByTestId('map-search-outcome')).toHaveText('0 found');
});

import type { ReachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { applyObjects, deleteDemo, renamedDemo, type DemoNames } from './support/demo-on-cluster';
import { Cluster, runId } from './support/kube';
import { demoPodCount, waitForLiveDemo } from './support/live-demo';
import { highlightedPeers, mapLaidOut, nodeData, nodePosition, peerNodeIds } from './support/map-page';

// The map's summary mode (forced on with ?map=summary; a big cluster gets it by itself) and the diagnosis in a Web
// Worker, over examples/demo applied to the live cluster under names of this run.
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
const mapMode = (page: import('@playwright/test').Page) => page.getByTestId('network-map').getAttribute('data-map-mode');

test('summary mode: each namespace is one node with its counts; a tap opens it in place, the Close control folds it again', async ({ page }, testInfo) => {
  await page.goto(view('map=summary'));
  await mapLaidOut(page);
  expect(await mapMode(page)).toBe('summary');
  const shop = `ns:${names.shop}`;
  const pods = (await admin.core.listNamespacedPod({ namespace: names.shop })).items.length;
  expect(await nodeData(page, shop, 'collapsed')).toBe(true);
  expect(await nodeData(page, shop, 'podCount')).toBe(pods);
  expect(String(await nodeData(page, shop, 'label'))).toContain(`${pods} pods`);
  // Nothing of the namespace is drawn but its summary.
  expect(await page.evaluate((ns) => window.__kubeNetmapMap!.nodes(`[namespace = "${ns}"]`).length, names.shop)).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('summary-mode.png') });

  const at = (await nodePosition(page, shop))!;
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => nodeData(page, shop, 'collapsed')).toBeUndefined();
  await expect.poll(() => page.evaluate((ns) => window.__kubeNetmapMap!.nodes(`[kind = "pod"][namespace = "${ns}"]`).length, names.shop)).toBeGreaterThan(0);
  // Another namespace stays a summary; the map's mode is still summary.
  expect(await nodeData(page, `ns:${names.ingress}`, 'collapsed')).toBe(true);
  expect(await mapMode(page)).toBe('summary');
  await page.screenshot({ path: testInfo.outputPath('summary-opened.png') });

  await page.getByLabel('Close an opened group').selectOption(shop);
  await expect.poll(() => nodeData(page, shop, 'collapsed')).toBe(true);
  expect(await page.evaluate((ns) => window.__kubeNetmapMap!.nodes(`[namespace = "${ns}"]`).length, names.shop)).toBe(0);
});

test("summary mode: a selected pod's namespace is opened, and its peers elsewhere light their namespaces' summaries, as the engine says", async ({ page }) => {
  const frontend = (await admin.readyPods(names.shop, 'frontend')).map((p) => p.metadata!.name!).sort()[0]!;
  await page.goto(view(`map=summary&pod=${names.shop}%2F${frontend}`));
  await mapLaidOut(page);
  const id = `pod:${names.shop}/${frontend}`;
  await expect.poll(() => nodePosition(page, id)).toBeTruthy();
  expect(await mapMode(page)).toBe('summary');

  const fetchReach = async () =>
    (await (await page.request.get(`${process.env.E2E_BASE_URL}/api/reachability?context=${VIEWER_CONTEXT}&pod=${names.shop}/${frontend}`)).json()) as ReachablePeers;
  // The engine's peers as the summary map draws them: in the opened namespace as themselves, elsewhere as the
  // namespace's summary (address ranges are drawn as they are).
  const onSummaries = (reach: ReachablePeers) =>
    [...new Set(peerNodeIds(reach).map((peer) => (peer.startsWith('ip:') || peer.includes(`:${names.shop}/`) ? peer : `ns:${peer.slice(peer.indexOf(':') + 1).split('/')[0]}`)))].sort();
  const mapVersusEngine = async () => JSON.stringify(await highlightedPeers(page)) === JSON.stringify(onSummaries(await fetchReach()));
  await expect.poll(mapVersusEngine).toBe(true);
  // The demo's policies: only the ingress controller calls frontend, so the ingress namespace's summary lights.
  expect(await highlightedPeers(page)).toContain(`ns:${names.ingress}`);
  await expect(page.getByTestId('peer-row').first()).toBeVisible();
});

test('the diagnosis runs in a worker: the Problems count appears, with the planted faults, and nothing says "diagnosing" once it has', async ({ page }) => {
  await page.goto(view('panel=problems'));
  await mapLaidOut(page);
  const count = page.locator('#panel-tab-problems [data-testid="tab-count"]');
  await expect(count).toHaveAttribute('data-state', 'current', { timeout: 30_000 });
  expect(Number(await count.getAttribute('data-count'))).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('diagnosis-state')).toHaveCount(0);
  await page.getByTestId('problems-filter-namespace').selectOption(names.shop);
  await expect(page.locator('[data-testid="problem"][data-severity="error"]')).toHaveCount(5);
  // The health the worker's report gives the Services: cart's selector matches nothing.
  await expect.poll(() => nodeData(page, `svc:${names.shop}/cart`, 'health')).toBe('error');
});

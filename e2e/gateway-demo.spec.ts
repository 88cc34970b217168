import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { applyObjects, deleteDemo, renamedDemo, type DemoNames } from './support/demo-on-cluster';
import { Cluster, runId } from './support/kube';
import { demoPodCount, waitForLiveDemo } from './support/live-demo';
import { mapLaidOut, nodeData, nodePosition } from './support/map-page';

// The demo's Gateway applied to the live cluster (renamed per run, see renamedDemo): its HTTPRoute storefront splits
// "/" 90/10 between frontend and frontend-v2, and sends /legacy into the ingress namespace with no ReferenceGrant
// (RefNotPermitted). Traced in the page, drawn on the map, followed live, and answered alike by the CLI over the
// manifests and over the cluster. Each test saves a screenshot of its view as an artifact (test-results/).
test.describe.configure({ mode: 'serial' });

const GROUP = 'gateway.networking.k8s.io';
let admin: Cluster;
let names: DemoNames;
let manifests: { file: string; text: string }[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  admin = new Cluster();
  const demo = renamedDemo(Math.random().toString(36).slice(2, 7));
  names = demo.names;
  manifests = demo.manifests;
  await applyObjects(admin.config, demo.objects, runId());
  await waitForLiveDemo(names, demoPodCount(demo.objects));
});

test.afterAll(async () => {
  if (names) await deleteDemo(admin.config, names);
});

const view = (query = '') => `${process.env.E2E_BASE_URL}/?context=${VIEWER_CONTEXT}${query ? `&${query}` : ''}`;
const gatewayNode = () => `gw:${names.shop}/shop`;
const routeEdge = (service: string, namespace = names.shop) => `e:${gatewayNode()}->svc:${namespace}/${service}`;
const nextUrl = () => `http://next.${names.host}/`;
const refNotPermitted = () => `gateway-backend-ref-not-permitted:HTTPRoute/${names.shop}/storefront:${names.ingress}/ingress-nginx-controller`;

test('trace http://next.<host>/ in the page: the Gateway serves it, frontend 90% and frontend-v2 10%, and its path lights up', async ({ page }, testInfo) => {
  await page.goto(view(`panel=trace&url=${encodeURIComponent(nextUrl())}`));
  await expect(page.getByTestId('trace-status')).toHaveAttribute('data-status', 'matched');
  await expect(page.getByTestId('trace-served-by')).toHaveAttribute('data-served-by', 'gateway');
  await expect(page.getByTestId('trace-served-by')).toContainText(`Gateway ${names.shop}/shop takes it; no Ingress does`);
  const backends = page.getByTestId('trace-gateway-backend');
  await expect(backends).toHaveCount(2);
  expect(await backends.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-service'), r.getAttribute('data-share'), r.getAttribute('data-state')]))).toEqual([
    [`${names.shop}/frontend`, '90%', 'ok'],
    [`${names.shop}/frontend-v2`, '10%', 'ok'],
  ]);
  await mapLaidOut(page);
  const lit = () => page.evaluate(() => window.__kubeNetmapMap?.nodes('.answer').map((n) => n.id()) ?? []);
  await expect.poll(lit).toEqual(expect.arrayContaining([gatewayNode(), `svc:${names.shop}/frontend`, `svc:${names.shop}/frontend-v2`]));
  await page.screenshot({ path: testInfo.outputPath('gateway-trace.png') });
});

test('clicking the Gateway lists its listener and attached route, kept in the URL', async ({ page }, testInfo) => {
  await page.goto(view());
  await expect.poll(() => nodePosition(page, gatewayNode())).toBeTruthy();
  const at = (await nodePosition(page, gatewayNode()))!;
  await page.mouse.click(at.x, at.y);
  await expect(page).toHaveURL(new RegExp(`[?&]gw=${names.shop}%2Fshop`));
  const panel = page.getByTestId('gateway-panel');
  await expect(panel.getByTestId('gateway-listener')).toContainText(`HTTP 80 *.${names.host}`);
  await expect(panel.getByTestId('gateway-listener')).toContainText(`HTTPRoute ${names.shop}/storefront`);
  await expect(panel.locator(`[data-testid="gateway-backend"][data-service="${names.ingress}/ingress-nginx-controller"]`)).toHaveAttribute('data-state', 'RefNotPermitted');
  await page.screenshot({ path: testInfo.outputPath('gateway-panel.png') });
});

test('a backendRef weight changed through the API changes the map edge labels within 2 s', async ({ page }, testInfo) => {
  const custom = admin.config.makeApiClient(CustomObjectsApi);
  const setWeight = (weight: number) =>
    custom.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: 'v1',
        namespace: names.shop,
        plural: 'httproutes',
        name: 'storefront',
        body: [{ op: 'replace', path: '/spec/rules/2/backendRefs/0/weight', value: weight }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
  await page.goto(view());
  await mapLaidOut(page);
  const label = (service: string) => nodeData(page, routeEdge(service), 'label');
  await expect.poll(() => label('frontend')).toBe(`next.${names.host} / · 90%`);
  try {
    await setWeight(30);
    await expect.poll(() => label('frontend'), { timeout: 2_000 }).toBe(`next.${names.host} / · 75%`);
    await expect.poll(() => label('frontend-v2'), { timeout: 2_000 }).toBe(`next.${names.host} / · 25%`);
    await page.screenshot({ path: testInfo.outputPath('gateway-weight.png') });
  } finally {
    await setWeight(90);
  }
  await expect.poll(() => label('frontend'), { timeout: 2_000 }).toBe(`next.${names.host} / · 90%`);
});

test('a ReferenceGrant for the /legacy backend clears RefNotPermitted within 2 s, and deleting it brings the finding back within 2 s', async ({ page }, testInfo) => {
  const custom = admin.config.makeApiClient(CustomObjectsApi);
  const grant = { group: GROUP, version: 'v1', namespace: names.ingress, plural: 'referencegrants' };
  await page.goto(view('panel=problems'));
  await mapLaidOut(page);
  const finding = page.locator(`[data-testid="problem"][data-id="${refNotPermitted()}"]`);
  const edgeInvalid = () => nodeData(page, routeEdge('ingress-nginx-controller', names.ingress), 'invalid');
  await expect(finding).toHaveCount(1);
  await expect.poll(edgeInvalid).toBe(true);
  await custom.createNamespacedCustomObject({
    ...grant,
    body: {
      apiVersion: `${GROUP}/v1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'shop-routes' },
      spec: { from: [{ group: GROUP, kind: 'HTTPRoute', namespace: names.shop }], to: [{ group: '', kind: 'Service', name: 'ingress-nginx-controller' }] },
    },
  });
  try {
    await expect(finding).toHaveCount(0, { timeout: 2_000 });
    await expect.poll(edgeInvalid, { timeout: 2_000 }).toBe(false);
    await page.screenshot({ path: testInfo.outputPath('gateway-grant.png') });
  } finally {
    await custom.deleteNamespacedCustomObject({ ...grant, name: 'shop-routes' });
  }
  await expect(finding).toHaveCount(1, { timeout: 2_000 });
  // Clicking it focuses the Gateway the route belongs to.
  await finding.getByRole('button').first().click();
  await expect.poll(() => page.evaluate((id) => window.__kubeNetmapMap?.getElementById(id).hasClass('selected') ?? false, gatewayNode()), { timeout: 2_000 }).toBe(true);
});

test('kube-netmap route gives the same Gateway answer over the demo manifests and over the live cluster', async () => {
  const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kube-netmap.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-gw-'));
  try {
    for (const m of manifests) fs.writeFileSync(path.join(dir, m.file), m.text);
    const route = (...source: string[]) => {
      const result = spawnSync(process.execPath, [bin, 'route', nextUrl(), '--json', ...source], { encoding: 'utf8', timeout: 60_000 });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const answer = JSON.parse(result.stdout) as {
        servedBy: string;
        gateway: {
          matched: boolean;
          gateway: unknown;
          listener: unknown;
          route: unknown;
          rule: unknown;
          backends: { namespace: string; ref: { name: string; port: number }; share: number; state: string; ready: boolean }[];
        };
      };
      // What routing decides; pod names and IPs differ (manifests hold one template pod per workload).
      const { matched, gateway, listener, route: r, rule, backends } = answer.gateway;
      return { servedBy: answer.servedBy, matched, gateway, listener, route: r, rule, backends: backends.map((b) => [`${b.namespace}/${b.ref.name}:${b.ref.port}`, b.share, b.state, b.ready]) };
    };
    const fromManifests = route('--manifests', dir);
    expect(fromManifests).toMatchObject({
      servedBy: 'gateway',
      route: { kind: 'HTTPRoute', namespace: names.shop, name: 'storefront' },
      backends: [
        [`${names.shop}/frontend:80`, 0.9, 'ok', true],
        [`${names.shop}/frontend-v2:80`, 0.1, 'ok', true],
      ],
    });
    expect(route('--kubeconfig', process.env.E2E_KUBECONFIG!)).toStrictEqual(fromManifests);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dashboardUsers, VIEWER_CONTEXT } from './support/dashboard-identities';
import { isLocalCluster, readAuditLog } from './support/local-cluster';
import { mapLaidOut, nodePosition } from './support/map-page';

// The what-if runs in the browser, on a copy of the model: applying a draft that adds a deny policy shows what it
// would cut, in the panel and on the map, and writes nothing to the cluster. The API server's audit log proves the
// dashboard only got, listed and watched while the test ran, the page sent only GETs to the dashboard, and the
// namespace still has no NetworkPolicy.

/** A change edge of the map as drawn: its kind, its line and its label (undefined while it is not drawn). */
function changeEdge(page: Page, id: string) {
  return page.evaluate((edgeId) => {
    const edge = window.__kubeNetmapMap?.getElementById(edgeId);
    if (!edge || edge.empty()) return undefined;
    return { change: edge.data('change') as string, lineStyle: edge.style('line-style') as string, label: edge.data('label') as string };
  }, id);
}

test('a what-if that adds a deny policy shows the lost connections in the panel and on the map, and the dashboard only reads', async ({ cluster, namespace, page }, testInfo) => {
  const since = new Date();
  const base = process.env.E2E_BASE_URL!;
  await cluster.createDeployment(namespace, 'client', 1);
  await cluster.createDeployment(namespace, 'server', 1);
  const client = (await cluster.waitForReadyPods(namespace, 'client', 1))[0]!.metadata!.name!;
  const server = (await cluster.waitForReadyPods(namespace, 'server', 1))[0]!.metadata!.name!;
  const [clientNode, serverNode] = [`pod:${namespace}/${client}`, `pod:${namespace}/${server}`];

  const methods = new Set<string>();
  page.on('request', (request) => {
    if (request.url().startsWith(base)) methods.add(request.method());
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  await page.goto(`${base}/?context=${VIEWER_CONTEXT}&panel=whatif&ns=${namespace}`);
  await mapLaidOut(page);
  await expect.poll(() => nodePosition(page, clientNode)).toBeTruthy();
  await expect.poll(() => nodePosition(page, serverNode)).toBeTruthy();

  // Every pod of the namespace isolated for ingress, nothing allowed in.
  const deny = ['apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: deny-ingress', `  namespace: ${namespace}`, 'spec:', '  podSelector: {}', '  policyTypes: [Ingress]', ''];
  await page.getByTestId('whatif-editor').fill(deny.join('\n'));
  await page.getByTestId('whatif-apply').click();

  // The panel: client → server is lost, with the policies that allowed it (none isolated it); nothing is gained.
  const lost = page.locator(`[data-testid="whatif-pair"][data-kind="removed"][data-source="${namespace}/Deployment/client"][data-destination="${namespace}/Deployment/server"]`);
  await expect(lost).toBeVisible({ timeout: 30_000 });
  await expect(lost).toContainText('All connections → none');
  await expect(lost).toContainText('was by no policy');
  await expect(page.locator('[data-testid="whatif-summary"] [data-kind="removed"]')).toBeVisible();
  await expect(page.locator('[data-testid="whatif-pair"][data-kind="added"]')).toHaveCount(0);
  await expect(page.getByTestId('whatif-effects')).toContainText(`NetworkPolicy ${namespace}/deny-ingress: added`);

  // The map: the lost connection is a dashed edge labelled as removed, both ways between the two pods.
  for (const [from, to] of [[clientNode, serverNode], [serverNode, clientNode]]) {
    await expect.poll(() => changeEdge(page, `change:${from}->${to}`)).toEqual({ change: 'removed', lineStyle: 'dashed', label: '- removed: All connections' });
  }
  await expect(page.getByTestId('legend-change-removed')).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath('what-if.png') });

  // The draft is in the link: opened again, the same what-if.
  await expect(page).toHaveURL(/[?&]wi=[A-Za-z0-9_-]+/);
  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect(copy.getByTestId('whatif-editor')).toHaveValue(deny.join('\n'));
  await expect(copy.locator(`[data-testid="whatif-pair"][data-kind="removed"][data-source="${namespace}/Deployment/client"][data-destination="${namespace}/Deployment/server"]`)).toBeVisible({ timeout: 30_000 });
  await copy.close();

  // A click on the client pod keeps the what-if open and narrows it to the client's pairs.
  const at = (await nodePosition(page, clientNode))!;
  await page.mouse.click(at.x, at.y);
  await expect(page.getByTestId('whatif-pod')).toContainText(`Changes for pod ${namespace}/${client}`);
  const pairs = await page.getByTestId('whatif-pair').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-source'), r.getAttribute('data-destination')]));
  expect(pairs.length).toBeGreaterThan(0);
  for (const ends of pairs) expect(ends).toContain(`${namespace}/Deployment/client`);

  // Nothing was written: the namespace has no NetworkPolicy, and the page only ever asked the dashboard with GET.
  expect((await cluster.networking.listNamespacedNetworkPolicy({ namespace })).items).toEqual([]);
  expect([...methods].filter((m) => m !== 'GET' && m !== 'HEAD')).toEqual([]);
  expect(violations).toEqual([]);

  if (!isLocalCluster) return;
  // The audit log covers the test (the admin's own writes are in it) and holds no write of the dashboard's.
  const during = () => readAuditLog().filter((e) => e.stageTimestamp !== undefined && new Date(e.stageTimestamp) >= since);
  await expect.poll(() => during().some((e) => e.verb === 'create' && e.objectRef?.resource === 'deployments' && e.objectRef.namespace === namespace)).toBe(true);
  const dashboardVerbs = new Set(during().filter((e) => dashboardUsers.includes(e.user.username)).map((e) => e.verb));
  expect([...dashboardVerbs].filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);
});

import type { Page } from '@playwright/test';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, test } from './fixtures';

/** Positions of the map's leaf nodes (compound boxes resize around their children, so they are left out). */
async function leafPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const cy = window.__kubeNetmapMap;
    if (!cy) return {};
    return Object.fromEntries(cy.nodes(':childless').map((n) => [n.id(), { ...n.position() }]));
  });
}

const nodeData = (page: Page, id: string, key: string) =>
  page.evaluate(([nodeId, field]) => window.__kubeNetmapMap?.getElementById(nodeId!).data(field!) as unknown, [id, key]);

test('breaking a Service selector turns its badge to error within 2 s, and restoring it turns it back to ok', async ({ cluster, namespace, liveView, page }) => {
  await cluster.createDeployment(namespace, 'api', 1);
  await cluster.createService(namespace, 'api', 'api');
  await cluster.waitForReadyPods(namespace, 'api', 1);
  await liveView.open();
  const id = `svc:${namespace}/api`;
  await expect.poll(() => nodeData(page, id, 'health')).toBe('ok');

  const patch = (app: string) =>
    cluster.core.patchNamespacedService(
      { namespace, name: 'api', body: { spec: { selector: { app } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  await patch('apii');
  await expect.poll(() => nodeData(page, id, 'health'), { timeout: 2_000 }).toBe('error');
  await patch('api');
  await expect.poll(() => nodeData(page, id, 'health'), { timeout: 2_000 }).toBe('ok');
});

test('scaling a Deployment adds and removes its pods on the map without moving the other nodes', async ({ cluster, namespace, liveView, page }) => {
  await cluster.createDeployment(namespace, 'web', 1);
  await cluster.createDeployment(namespace, 'db', 1);
  await cluster.createService(namespace, 'web', 'web');
  await cluster.waitForReadyPods(namespace, 'web', 1);
  await cluster.waitForReadyPods(namespace, 'db', 1);
  await liveView.open();
  const podsOnMap = async (app: string) =>
    Object.keys(await leafPositions(page)).filter((id) => id.startsWith(`pod:${namespace}/${app}-`)).length;
  await expect.poll(() => podsOnMap('web')).toBe(1);
  await expect.poll(() => podsOnMap('db')).toBe(1);
  const before = await leafPositions(page);

  await cluster.scaleDeployment(namespace, 'web', 3);
  await expect.poll(() => podsOnMap('web')).toBe(3);
  const grown = await leafPositions(page);
  for (const [id, at] of Object.entries(before)) expect([id, grown[id]]).toEqual([id, at]);

  await cluster.scaleDeployment(namespace, 'web', 1);
  await expect.poll(() => podsOnMap('web')).toBe(1);
  const shrunk = await leafPositions(page);
  for (const [id, at] of Object.entries(shrunk)) expect([id, at]).toEqual([id, grown[id]]);
});

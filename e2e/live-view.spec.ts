import { expect, test } from './fixtures';
import { saveForDocs } from './support/docs-screenshots';

test('a Deployment and a Service applied through the API show up with pod IPs and endpoints', async ({ cluster, namespace, liveView }) => {
  await liveView.open();
  await expect(liveView.connection()).toHaveAttribute('data-status', 'connected');

  await cluster.createDeployment(namespace, 'web', 2);
  await cluster.createService(namespace, 'web', 'web');
  const pods = await cluster.waitForReadyPods(namespace, 'web', 2);
  const apiIPs = pods.map((p) => p.status!.podIP!).sort();
  expect(apiIPs.every((ip) => ip.length > 0)).toBe(true);

  await expect(liveView.podRows(namespace)).toHaveCount(2);
  await expect(liveView.podRows(namespace).and(liveView.page.locator('[data-ready="true"]'))).toHaveCount(2);
  await expect.poll(() => liveView.shownPodIPs(namespace)).toEqual(apiIPs);
  // The EndpointSlice controller, not the test, publishes the endpoints.
  await expect(liveView.serviceRow(namespace, 'web').getByTestId('endpoint-count')).toHaveAttribute('data-ready', '2');
  await expect(liveView.serviceRow(namespace, 'web')).toContainText('80→http/TCP');
  await saveForDocs(liveView.namespace(namespace), 'live-view.png');
});

test('scaling up and down, and deleting, are reflected live', async ({ cluster, namespace, liveView }) => {
  await cluster.createDeployment(namespace, 'api', 1);
  await cluster.createService(namespace, 'api', 'api');
  await liveView.open();
  await expect(liveView.podRows(namespace)).toHaveCount(1);

  await cluster.scaleDeployment(namespace, 'api', 4);
  await cluster.waitForReadyPods(namespace, 'api', 4);
  await expect(liveView.podRows(namespace)).toHaveCount(4);
  await expect(liveView.serviceRow(namespace, 'api').getByTestId('endpoint-count')).toHaveAttribute('data-ready', '4');

  await cluster.scaleDeployment(namespace, 'api', 1);
  await expect(liveView.podRows(namespace)).toHaveCount(1);
  await expect(liveView.serviceRow(namespace, 'api').getByTestId('endpoint-count')).toHaveAttribute('data-ready', '1');

  await cluster.apps.deleteNamespacedDeployment({ namespace, name: 'api' });
  await cluster.core.deleteNamespacedService({ namespace, name: 'api' });
  await expect(liveView.podRows(namespace)).toHaveCount(0);
  await expect(liveView.serviceRow(namespace, 'api')).toHaveCount(0);
});

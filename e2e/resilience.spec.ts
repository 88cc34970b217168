import { expect, test } from './fixtures';
import { isLocalCluster, startComponent, stopComponent } from './support/local-cluster';

test('the page shows a stopped API server, recovers when it returns, and shows what changed meanwhile', async ({ cluster, namespace, liveView }) => {
  test.skip(!isLocalCluster, 'Needs the local control plane: the suite never stops the API server of a cluster it did not start.');
  await cluster.createDeployment(namespace, 'shop', 1);
  await cluster.waitForReadyPods(namespace, 'shop', 1);
  await liveView.open();
  await expect(liveView.podRows(namespace)).toHaveCount(1);
  await expect(liveView.connection()).toHaveAttribute('data-status', 'connected');

  stopComponent('kube-apiserver');
  try {
    await expect(liveView.connection()).toHaveAttribute('data-status', 'disconnected');
    await expect(liveView.page.getByTestId('connection-message')).toContainText(/ECONNREFUSED|connect|socket|closed/i);
  } finally {
    startComponent('kube-apiserver');
  }
  // Changed right after the server is back, typically while the dashboard is still backing off.
  await cluster.scaleDeployment(namespace, 'shop', 3);
  await cluster.createService(namespace, 'late', 'shop');
  await cluster.waitForReadyPods(namespace, 'shop', 3);
  await cluster.waitForReadyEndpoints(namespace, 'late', 3);

  await expect(liveView.connection()).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect(liveView.podRows(namespace)).toHaveCount(3);
  await expect(liveView.serviceRow(namespace, 'late').getByTestId('endpoint-count')).toHaveAttribute('data-ready', '3');
});

import { expect, test } from './fixtures';
import { dashboardUsers, NO_NETPOL_CONTEXT } from './support/dashboard-identities';
import { isLocalCluster, readAuditLog } from './support/local-cluster';

test('a context that may not list NetworkPolicies shows them as forbidden, and everything else still works', async ({ cluster, namespace, liveView }) => {
  await liveView.open(NO_NETPOL_CONTEXT);
  await expect(liveView.syncState('networkpolicies')).toHaveAttribute('data-status', 'forbidden');
  await expect(liveView.syncState('networkpolicies')).toHaveAttribute('title', /403.*networkpolicies/);
  for (const kind of ['namespaces', 'nodes', 'pods', 'services', 'endpointslices', 'ingresses', 'ingressclasses']) {
    await expect(liveView.syncState(kind)).toHaveAttribute('data-status', 'synced');
  }
  await expect(liveView.connection()).toHaveAttribute('data-status', 'partial');

  await cluster.createDeployment(namespace, 'cart', 2);
  await cluster.createService(namespace, 'cart', 'cart');
  await cluster.waitForReadyPods(namespace, 'cart', 2);
  await expect(liveView.podRows(namespace)).toHaveCount(2);
  await expect(liveView.serviceRow(namespace, 'cart').getByTestId('endpoint-count')).toHaveAttribute('data-ready', '2');
});

test('the dashboard only ever gets, lists and watches', async ({ liveView }) => {
  test.skip(!isLocalCluster, "Reads the local API server's audit log.");
  await liveView.open();
  await expect(liveView.connection()).toHaveAttribute('data-status', 'connected');
  const requests = readAuditLog().filter((e) => dashboardUsers.includes(e.user.username));
  expect(requests.length).toBeGreaterThan(0);
  const verbs = [...new Set(requests.map((e) => e.verb))].sort();
  expect(verbs.filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);
  expect(requests.some((e) => e.requestURI.includes('/secrets'))).toBe(false);
});

import type { SnapshotResponse } from '@/lib/api/types';
import { expect, test } from './fixtures';
import { dashboardUsers, NO_NETPOL_CONTEXT, VIEWER_CONTEXT } from './support/dashboard-identities';
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

  // This identity may not list Secrets either: once a TLS Ingress needs one, Secrets are forbidden, not "absent".
  await cluster.createTlsIngress(namespace, 'site', 'site.example.com', 'site-tls', 'cart');
  await expect(liveView.syncState('secrets')).toHaveAttribute('data-status', 'forbidden');
  await expect(liveView.syncState('secrets')).toHaveAttribute('title', new RegExp(`may not list Secrets in namespace .*${namespace}`));
});

test('the dashboard only ever gets, lists and watches, and of Secrets it receives names only', async ({ cluster, namespace, liveView, page }) => {
  test.skip(!isLocalCluster, "Reads the local API server's audit log.");
  const planted = `planted-${Math.random().toString(36).slice(2)}`;
  await cluster.createSecret(namespace, 'site-tls', { 'tls.crt': planted, 'tls.key': planted }, 'kubernetes.io/tls');
  await cluster.createTlsIngress(namespace, 'site', 'site.example.com', 'site-tls', 'web');
  await liveView.open();
  await expect(liveView.connection()).toHaveAttribute('data-status', 'connected');
  await expect
    .poll(async () => {
      const response = await page.request.get(`${process.env.E2E_BASE_URL}/api/snapshot?context=${VIEWER_CONTEXT}`);
      return ((await response.json()) as SnapshotResponse).model.resources.secrets.map((s) => `${s.meta.namespace}/${s.meta.name}`);
    })
    .toContain(`${namespace}/site-tls`);

  const requests = readAuditLog().filter((e) => dashboardUsers.includes(e.user.username));
  expect(requests.length).toBeGreaterThan(0);
  const verbs = [...new Set(requests.map((e) => e.verb))].sort();
  expect(verbs.filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);

  const secretRequests = requests.filter((e) => e.objectRef?.resource === 'secrets');
  expect(secretRequests.some((e) => e.objectRef?.namespace === namespace && e.responseStatus?.code === 200)).toBe(true);
  expect([...new Set(secretRequests.map((e) => e.verb))]).toEqual(['list']);
  // Each answer was a Table without objects: names, types and key counts, never data or annotations.
  for (const e of secretRequests.filter((r) => r.responseStatus?.code === 200)) expect(e.responseObject?.kind).toBe('Table');
  const received = JSON.stringify(secretRequests.map((e) => e.responseObject));
  expect(received).toContain('site-tls');
  expect(received).not.toContain(planted);
  expect(received).not.toContain(Buffer.from(planted).toString('base64'));
});

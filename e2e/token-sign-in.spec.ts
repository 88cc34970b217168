import fs from 'node:fs';
import path from 'node:path';
import { NetworkingV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { dashboardRbacRules } from '@/lib/sources/live/rbac-rules';
import type { SnapshotResponse } from '@/lib/api/types';
import { expect, test } from './fixtures';
import { Cluster, adminConfig } from './support/kube';
import { offLoopbackAddress, request, startImageServer, type ImageServer } from './support/image-server';
import { isLocalCluster, readAuditLog } from './support/local-cluster';
import { STATE_DIR } from './global-setup';

// Token mode (KUBE_NETMAP_AUTH=token), as the chart runs it behind an Ingress: the image's server, whose kubeconfig
// names the API server and its CA and no credentials at all, reads the cluster as each request's bearer token.
// Three ServiceAccounts of this test sign in: a reader with the dashboard's read-only permissions, one without
// `list networkpolicies`, and one too many for the bound (KUBE_NETMAP_MAX_IDENTITIES=2).
test.describe.configure({ mode: 'serial' });

const accounts = {
  reader: dashboardRbacRules({ secretNames: false }),
  'no-networkpolicies': dashboardRbacRules({ secretNames: false, without: ['networkpolicies'] }),
  extra: dashboardRbacRules({ secretNames: false }),
};
type Account = keyof typeof accounts;

let cluster: Cluster;
let namespace: string;
let server: ImageServer;
const tokens = {} as Record<Account, string>;
const roleName = (account: Account) => `kube-netmap-e2e-token-${namespace}-${account}`;
const userOf = (account: Account) => `system:serviceaccount:${namespace}:${account}`;
const base = () => `http://127.0.0.1:${server.port}`;
const api = (pathname: string, headers: Record<string, string> = {}, address = '127.0.0.1') => request(server.port, address, `/api/${pathname}`, { headers });
const bearer = (account: Account) => ({ authorization: `Bearer ${tokens[account]}` });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = new Cluster();
  namespace = await cluster.createNamespace('token');
  const rbac = cluster.config.makeApiClient(RbacAuthorizationV1Api);
  for (const [account, rules] of Object.entries(accounts) as [Account, (typeof accounts)[Account]][]) {
    await cluster.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: account } } });
    await rbac.createClusterRole({ body: { metadata: { name: roleName(account) }, rules } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: roleName(account) },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName(account) },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
      },
    });
    const token = await cluster.core.createNamespacedServiceAccountToken({ name: account, namespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
    tokens[account] = token.status!.token!;
  }
  // Something to see, and a policy whose verdict needs NetworkPolicies: db admits web on 8080.
  await cluster.createDeployment(namespace, 'web', 1);
  await cluster.createDeployment(namespace, 'db', 1);
  await cluster.config.makeApiClient(NetworkingV1Api).createNamespacedNetworkPolicy({
    namespace,
    body: {
      metadata: { name: 'db' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [{ _from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
      },
    },
  });
  await cluster.waitForReadyPods(namespace, 'web', 1);
  await cluster.waitForReadyPods(namespace, 'db', 1);

  // The API server and its CA, and a user with no credentials: nothing is read as the kubeconfig's identity.
  const admin = adminConfig().getCurrentCluster()!;
  const kubeconfig = path.join(fs.mkdtempSync(path.join(STATE_DIR, 'token-sign-in-')), 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'e2e', cluster: { server: admin.server, 'certificate-authority-data': admin.caData } }],
      users: [{ name: 'nobody', user: {} }],
      contexts: [{ name: 'e2e-token', context: { cluster: 'e2e', user: 'nobody' } }],
      'current-context': 'e2e-token',
    }),
    { mode: 0o600 },
  );
  server = await startImageServer({ KUBECONFIG: kubeconfig, KUBE_NETMAP_AUTH: 'token', KUBE_NETMAP_MAX_IDENTITIES: '2' });
});

test.afterAll(async () => {
  await server?.stop();
  if (!cluster) return;
  const rbac = cluster.config.makeApiClient(RbacAuthorizationV1Api);
  for (const account of Object.keys(accounts) as Account[]) {
    await rbac.deleteClusterRoleBinding({ name: roleName(account) }).catch(() => undefined);
    await rbac.deleteClusterRole({ name: roleName(account) }).catch(() => undefined);
  }
  await cluster.deleteNamespace(namespace);
});

test('no token: 401 and no data on every API, from any address; the page asks to sign in', async ({ page }) => {
  const addresses = ['127.0.0.1', ...(offLoopbackAddress() ? [offLoopbackAddress()!] : [])];
  for (const address of addresses) {
    for (const pathname of ['contexts', 'snapshot', `explain?from=pod/${namespace}/x&to=pod/${namespace}/y&port=80`, 'events', 'snapshot?context=@demo']) {
      const response = await api(pathname, {}, address);
      expect(response.status, `${address} ${pathname}`).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="kube-netmap"');
      expect(response.body).not.toContain(namespace);
    }
  }
  await page.goto(base());
  await expect(page).toHaveURL(`${base()}/sign-in`);
  await expect(page.getByLabel('Bearer token')).toBeVisible();
});

test('a bad token is 401, not 500, in the header, in the cookie and in the form', async ({ page }, testInfo) => {
  for (const headers of [{ authorization: 'Bearer not-a-token-the-api-server-knows' }, { cookie: '__Host-kube-netmap-token=not-a-token-either' }] as Record<string, string>[]) {
    for (const pathname of ['contexts', 'snapshot']) {
      const response = await api(pathname, headers);
      expect(response.status, pathname).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ error: 'The API server does not accept this token (401 Unauthorized).' });
    }
  }
  await page.goto(`${base()}/sign-in`);
  await page.getByLabel('Bearer token').fill('not-a-token-the-api-server-knows');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-problem')).toContainText('The API server does not accept this token');
  await page.screenshot({ path: testInfo.outputPath('sign-in-rejected.png') });
  expect(await page.context().cookies()).toEqual([]);
});

test('a read-only ServiceAccount token signs in through the form and sees the map; the token stays out of scripts', async ({ page }, testInfo) => {
  await page.goto(`${base()}/sign-in`);
  await page.getByLabel('Bearer token').fill(tokens.reader);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${base()}/`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`signed in as ${userOf('reader')}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.locator(`[data-testid="namespace"][data-namespace="${namespace}"]`).getByTestId('pod-row')).toHaveCount(2);
  const [cookie, ...others] = await page.context().cookies();
  expect(others).toEqual([]);
  expect(cookie).toMatchObject({ name: '__Host-kube-netmap-token', value: tokens.reader, path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
  expect(await page.evaluate(() => document.cookie)).not.toContain(tokens.reader);
  expect(await page.content()).not.toContain(tokens.reader);
  await page.screenshot({ path: testInfo.outputPath('signed-in.png') });
  // Its verdicts are whole: it may list NetworkPolicies.
  const explain = await api(`explain?from=deploy/${namespace}/web&to=deploy/${namespace}/db&port=8080`, bearer('reader'));
  expect(JSON.parse(explain.body)).toMatchObject({ verdict: 'allowed' });
});

test('a token without list networkpolicies: that kind shows as forbidden and its verdicts as unknown', async () => {
  await expect
    .poll(async () => {
      const response = await api('snapshot', bearer('no-networkpolicies'));
      return response.status === 200 ? (JSON.parse(response.body) as SnapshotResponse).model.sync.networkpolicies.status : `HTTP ${response.status}`;
    })
    .toBe('forbidden');
  const explain = await api(`explain?from=deploy/${namespace}/web&to=deploy/${namespace}/db&port=8080`, bearer('no-networkpolicies'));
  expect(explain.status).toBe(200);
  expect(JSON.parse(explain.body)).toMatchObject({ verdict: 'unknown' });
});

test('one watch set per identity, whatever the tabs; the bound refuses one identity more with a message', async ({ browser }) => {
  // A second browser signs in as the reader too: the same identity, so the same watches.
  const other = await browser.newContext();
  const page = await other.newPage();
  await page.goto(`${base()}/sign-in`);
  await page.getByLabel('Bearer token').fill(tokens.reader);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await other.close();
  if (isLocalCluster) {
    const podLists = readAuditLog().filter((e) => e.user.username === userOf('reader') && e.verb === 'list' && e.objectRef?.resource === 'pods');
    expect(podLists).toHaveLength(1);
    // The token review is the one request that is not a get, list or watch, and it stores nothing.
    const writes = readAuditLog().filter((e) => e.user.username === userOf('reader') && !['get', 'list', 'watch'].includes(e.verb));
    expect([...new Set(writes.map((e) => `${e.verb} ${e.objectRef?.resource}`))]).toEqual(['create selfsubjectreviews']);
  }
  // The reader and the one without NetworkPolicies fill the bound of 2.
  const refused = await api('snapshot', bearer('extra'));
  expect(refused.status).toBe(503);
  expect(JSON.parse(refused.body).error).toContain('its limit (KUBE_NETMAP_MAX_IDENTITIES)');
});

test('sign-in from another origin is refused (login CSRF); signing out forgets the token', async ({ page }) => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = `token=${encodeURIComponent(tokens.reader)}`;
  const forged = await request(server.port, '127.0.0.1', '/auth/sign-in', {
    method: 'POST',
    headers: { ...form, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site', 'content-length': String(body.length) },
    body,
  });
  expect(forged.status).toBe(403);
  expect(forged.headers['set-cookie']).toBeUndefined();

  await page.goto(`${base()}/sign-in`);
  await page.getByLabel('Bearer token').fill(tokens.reader);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('sign-in-problem')).toContainText('Signed out');
  expect(await page.context().cookies()).toEqual([]);
  await page.goto(base());
  await expect(page).toHaveURL(`${base()}/sign-in`);
});

test("no token ever appears in the server's output", () => {
  for (const token of Object.values(tokens)) expect(server.output()).not.toContain(token);
});

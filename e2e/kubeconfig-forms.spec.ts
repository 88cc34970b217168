import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { ContextsResponse, SnapshotResponse } from '@/lib/api/types';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { startConnectProxy, type ConnectProxy } from './support/connect-proxy';
import { adminConfig } from './support/kube';
import { isLocalCluster, signClientCertificate } from './support/local-cluster';
import { startDashboard, type DashboardServer } from './support/server';
import { STATE_DIR } from './global-setup';

// Kubeconfigs as managed clusters and OIDC logins write them: a user whose credentials come from an exec plugin
// (client.authentication.k8s.io/v1 ExecCredential), and KUBECONFIG as a list of files merged as kubectl merges
// them. The plugin here prints the viewer ServiceAccount's token, so the map shows what that account may see; a
// second plugin fails as an expired login does, and the page names its command and what it printed. Client
// certificates, inline and in files, for a user bound to the viewer's read-only role (local control plane only:
// the test signs them with its CA); and a cluster reached through an HTTP CONNECT proxy (proxy-url).
test.describe.configure({ mode: 'serial' });

const EXEC_CONTEXT = 'e2e-exec';
const BROKEN_CONTEXT = 'e2e-exec-broken';
const BROKEN_MESSAGE = 'error: the login has expired; run corp-login';
const INSECURE_CONTEXT = 'e2e-insecure';
const TOKEN_FILE_CONTEXT = 'e2e-token-file';
const CERT_INLINE_CONTEXT = 'e2e-cert-inline';
const CERT_FILE_CONTEXT = 'e2e-cert-file';
const PROXY_CONTEXT = 'e2e-proxy';
const CERT_USER = 'kube-netmap-e2e-cert-viewer';

let server: DashboardServer | undefined;
let proxy: ConnectProxy | undefined;
let dir: string;

/** An executable script that prints `stdout` and `stderr` and exits with `code`, as a credential plugin. */
function plugin(name: string, { stdout = '', stderr = '', code = 0 }: { stdout?: string; stderr?: string; code?: number }): string {
  const file = path.join(dir, name);
  const script = ['#!/bin/sh', ...(stdout ? [`cat <<'JSON'\n${stdout}\nJSON`] : []), ...(stderr ? [`echo '${stderr}' >&2`] : []), `exit ${code}`].join('\n');
  fs.writeFileSync(file, `${script}\n`, { mode: 0o700 });
  return file;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(STATE_DIR, 'kubeconfig-forms-'));
  // The suite's dashboard kubeconfig: the e2e cluster and a token per read-only identity.
  const tokenFile = path.join(STATE_DIR, 'dashboard.kubeconfig');
  const base = parse(fs.readFileSync(tokenFile, 'utf8')) as { clusters: unknown[]; users: { name: string; user: { token: string } }[]; contexts: { name: string; context: { user: string } }[] };
  const viewerUser = base.contexts.find((c) => c.name === VIEWER_CONTEXT)!.context.user;
  const token = base.users.find((u) => u.name === viewerUser)!.user.token;
  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } });
  const exec = (command: string) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never' } });
  // A second file with only the exec contexts; the cluster entry is the same name, as in merged kubeconfigs.
  const execFile = path.join(dir, 'exec.kubeconfig');
  fs.writeFileSync(path.join(dir, 'viewer.token'), `${token}\n`, { mode: 0o600 });
  const server0 = (base.clusters[0] as { cluster: Record<string, unknown> }).cluster;
  proxy = await startConnectProxy();
  // A client certificate's user gets the viewer's read-only role (the viewer identity's ClusterRole).
  const certUsers: { name: string; user: Record<string, string> }[] = [];
  if (isLocalCluster) {
    const { cert, key } = signClientCertificate(CERT_USER);
    fs.writeFileSync(path.join(dir, 'viewer.crt'), cert, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'viewer.key'), key, { mode: 0o600 });
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    certUsers.push(
      { name: 'cert-inline', user: { 'client-certificate-data': b64(cert), 'client-key-data': b64(key) } },
      // Paths relative to the kubeconfig's folder, as kubectl reads them.
      { name: 'cert-file', user: { 'client-certificate': 'viewer.crt', 'client-key': 'viewer.key' } },
    );
    const rbac = adminConfig().makeApiClient(RbacAuthorizationV1Api);
    await rbac.deleteClusterRoleBinding({ name: CERT_USER }).catch(() => undefined);
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: CERT_USER },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kube-netmap-e2e-viewer' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: CERT_USER }],
      },
    });
  }
  fs.writeFileSync(
    execFile,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      // The same API server, its certificate not checked (insecure-skip-tls-verify): it works, and the page warns.
      clusters: [
        ...base.clusters,
        { name: 'e2e-insecure', cluster: { server: server0.server, 'insecure-skip-tls-verify': true } },
        // The same API server, through the CONNECT proxy.
        { name: 'e2e-proxied', cluster: { ...server0, 'proxy-url': proxy.url } },
      ],
      users: [
        { name: 'exec-viewer', user: exec(plugin('viewer-credential', { stdout: credential })) },
        { name: 'exec-broken', user: exec(plugin('corp-credential', { stderr: BROKEN_MESSAGE, code: 1 })) },
        // kubectl's tokenFile, relative to the kubeconfig's folder, with the final newline `echo` writes.
        { name: 'file-token', user: { tokenFile: 'viewer.token' } },
        ...certUsers,
      ],
      contexts: [
        { name: EXEC_CONTEXT, context: { cluster: 'e2e', user: 'exec-viewer' } },
        { name: BROKEN_CONTEXT, context: { cluster: 'e2e', user: 'exec-broken' } },
        { name: INSECURE_CONTEXT, context: { cluster: 'e2e-insecure', user: 'exec-viewer' } },
        { name: TOKEN_FILE_CONTEXT, context: { cluster: 'e2e', user: 'file-token' } },
        { name: PROXY_CONTEXT, context: { cluster: 'e2e-proxied', user: 'file-token' } },
        ...certUsers.map((u) => ({ name: u.name === 'cert-inline' ? CERT_INLINE_CONTEXT : CERT_FILE_CONTEXT, context: { cluster: 'e2e', user: u.name } })),
      ],
    }),
    { mode: 0o600 },
  );
  server = await startDashboard([tokenFile, execFile].join(path.delimiter), path.join(dir, 'dashboard.log'));
});

test.afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  if (isLocalCluster) await adminConfig().makeApiClient(RbacAuthorizationV1Api).deleteClusterRoleBinding({ name: CERT_USER }).catch(() => undefined);
});

const api = (p: string) => `${server!.url}/api/${p}`;

test('KUBECONFIG as a list of two files: the picker offers the contexts of both', async ({ page }) => {
  const contexts = (await (await fetch(api('contexts'))).json()) as ContextsResponse;
  expect(contexts.contexts.map((c) => c.name)).toEqual(expect.arrayContaining([VIEWER_CONTEXT, EXEC_CONTEXT, BROKEN_CONTEXT]));
  // The first file's current context stays current, as kubectl merges them.
  expect(contexts.currentContext).toBe(VIEWER_CONTEXT);
  await page.goto(server!.url);
  const options = page.getByRole('combobox').first().locator('option');
  await expect.poll(async () => (await options.allTextContents()).map((t) => t.trim())).toEqual(expect.arrayContaining([VIEWER_CONTEXT, EXEC_CONTEXT, BROKEN_CONTEXT]));
});

test('an exec credential plugin signs the dashboard in: the map shows what its ServiceAccount may see', async ({ page }) => {
  await expect
    .poll(async () => {
      const response = await fetch(api(`snapshot?context=${EXEC_CONTEXT}`));
      if (!response.ok) return `HTTP ${response.status}`;
      const { model } = (await response.json()) as SnapshotResponse;
      return model.sync.pods.status;
    })
    .toBe('synced');
  await page.goto(`${server!.url}/?context=${EXEC_CONTEXT}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
});

test('a credential plugin that fails names its command and what it printed, not a generic connection error', async ({ page }, testInfo) => {
  await page.goto(`${server!.url}/?context=${BROKEN_CONTEXT}`);
  const message = page.getByTestId('connection-message');
  await expect(message).toContainText('corp-credential', { timeout: 30_000 });
  await expect(message).toContainText(BROKEN_MESSAGE);
  // The banner says why the cluster cannot be reached, in full.
  await expect(page.getByTestId('unreachable-reason')).toContainText(`the credential plugin "${path.join(dir, 'corp-credential')}" failed: ${BROKEN_MESSAGE}`);
  await page.screenshot({ path: testInfo.outputPath('exec-plugin-failed.png') });
});

test('a context whose cluster skips TLS verification connects, and the header warns that the server is not checked', async ({ page }) => {
  await page.goto(`${server!.url}/?context=${INSECURE_CONTEXT}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('tls-not-verified')).toBeVisible();
  await page.goto(`${server!.url}/?context=${EXEC_CONTEXT}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('tls-not-verified')).toHaveCount(0);
});

test("kubectl's tokenFile signs the dashboard in (the file's final newline trimmed, as kubectl does)", async ({ page }) => {
  await page.goto(`${server!.url}/?context=${TOKEN_FILE_CONTEXT}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
});

for (const context of [CERT_INLINE_CONTEXT, CERT_FILE_CONTEXT]) {
  test(`a client certificate (${context === CERT_INLINE_CONTEXT ? 'inline data' : 'files relative to the kubeconfig'}) signs the dashboard in`, async ({ page }) => {
    test.skip(!isLocalCluster, "the test signs the certificate with the local control plane's CA");
    await expect
      .poll(async () => {
        const response = await fetch(api(`snapshot?context=${context}`));
        if (!response.ok) return `HTTP ${response.status}`;
        const { model } = (await response.json()) as SnapshotResponse;
        return `${model.sync.pods.status} ${model.sync.networkpolicies.status}`;
      })
      .toBe('synced synced');
    await page.goto(`${server!.url}/?context=${context}`);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  });
}

test('proxy-url: the dashboard reaches the API server through the HTTP CONNECT proxy, lists and watches included', async ({ page }) => {
  const apiServer = new URL((parse(fs.readFileSync(path.join(STATE_DIR, 'dashboard.kubeconfig'), 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0]!.cluster.server);
  await page.goto(`${server!.url}/?context=${PROXY_CONTEXT}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect.poll(async () => ((await (await fetch(api(`snapshot?context=${PROXY_CONTEXT}`))).json()) as SnapshotResponse).model.sync.pods.status).toBe('synced');
  expect(proxy!.tunnels.length).toBeGreaterThan(0);
  expect(new Set(proxy!.tunnels)).toEqual(new Set([apiServer.host]));
});

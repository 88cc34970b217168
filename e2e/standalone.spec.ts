import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { SnapshotResponse } from '@/lib/api/types';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { imageAppDir, imageRuntime, offLoopbackAddress, request, startImageServer, type ImageServer } from './support/image-server';
import { STATE_DIR } from './global-setup';

// The container image cannot be built here (no container runtime), so this runs what it would run: the final
// stage's ENTRYPOINT, with its ENV and nothing else of this machine's environment, in the folder its COPY takes
// (.next/standalone, as `npm run build` and the e2e script's build leave it). No kubeconfig and no service
// account: the page shows the built-in demo. The server binds 0.0.0.0 as in a pod.
test.describe.configure({ mode: 'serial' });

const repoRoot = path.resolve(import.meta.dirname, '..');
/** Where the chart mounts emptyDirs; the rest of the root filesystem is read-only in the pod. */
const writable = [path.join(imageAppDir, '.next', 'cache')];

let server: ImageServer;
let before: Map<string, string>;
const get = (pathname: string, headers: Record<string, string> = {}, address = '127.0.0.1') => request(server.port, address, pathname, { headers });

test.beforeAll(async () => {
  before = snapshotFiles(imageAppDir);
  server = await startImageServer();
});

test.afterAll(async () => {
  await server?.stop();
});

test('the image runs server.ts, the guarded server, as a numeric non-root user, bound as a pod binds', () => {
  expect(imageRuntime.entrypoint.at(-1)).toBe('server.ts');
  expect(imageRuntime.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  expect(imageRuntime.env.HOST).toBe('0.0.0.0');
  expect(imageRuntime.env.NODE_ENV).toBe('production');
  expect(server.output()).toContain(`kube-netmap on http://0.0.0.0:${server.port}`);
});

test('the page opens the built-in demo through it, with the security headers', async ({ page }) => {
  const response = await page.goto(`http://127.0.0.1:${server.port}/`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
  await expect(page.getByTestId('demo-label')).toContainText('DEMO');
  await expect(page.locator('[data-testid="namespace"][data-namespace="shop"]').getByTestId('pod-row')).toHaveCount(8);
  const explain = await get('/api/explain?context=@demo&from=pod/shop/checkout-template&to=svc/shop/payments&port=80');
  expect(explain.status).toBe(200);
  expect(JSON.parse(explain.body)).toMatchObject({ verdict: 'denied' });
});

test('the request guard runs in front of Next.js: a foreign Host and a write are refused', async () => {
  const rebound = await get('/api/snapshot?context=@demo', { host: 'attacker.example' });
  expect(rebound.status).toBe(403);
  expect(rebound.body).not.toContain('shop');
  const write = await request(server.port, '127.0.0.1', '/api/snapshot?context=@demo', { method: 'POST' });
  expect(write.status).toBe(405);
});

test('a client off loopback gets 403 and no data, even naming localhost: in a pod, only kubectl port-forward is answered', async () => {
  const address = offLoopbackAddress();
  test.skip(!address, 'this machine has no address but loopback');
  for (const pathname of ['/', '/api/snapshot?context=@demo', '/api/contexts']) {
    const response = await get(pathname, { host: `localhost:${server.port}` }, address);
    expect(response.status, pathname).toBe(403);
    expect(response.body).toContain('port-forward');
    expect(response.body).not.toContain('shop');
  }
});

test('with a kubeconfig it reads the cluster: the image holds the client library and everything it loads', async ({ page }) => {
  // As in a pod, where the kubeconfig is the in-cluster one: here the suite's read-only viewer.
  const live = await startImageServer({ KUBECONFIG: path.join(STATE_DIR, 'dashboard.kubeconfig') });
  try {
    await expect
      .poll(async () => {
        const response = await request(live.port, '127.0.0.1', `/api/snapshot?context=${VIEWER_CONTEXT}`);
        return response.status === 200 ? (JSON.parse(response.body) as SnapshotResponse).model.sync.pods.status : `HTTP ${response.status}: ${response.body}`;
      })
      .toBe('synced');
    await page.goto(`http://127.0.0.1:${live.port}/?context=${VIEWER_CONTEXT}`);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    expect(live.output()).not.toMatch(/Error|⨯/);
  } finally {
    await live.stop();
  }
});

test('no dev dependency is in the image', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = Object.entries(lock.packages).filter(([key, entry]) => key && entry.dev).map(([key]) => key);
  expect(devOnly.length).toBeGreaterThan(0);
  expect(devOnly.filter((key) => fs.existsSync(path.join(imageAppDir, key)))).toEqual([]);
  // The client-node library the server reads the cluster with is there, and Next.js's unguarded server.js is not.
  expect(fs.existsSync(path.join(imageAppDir, 'node_modules', '@kubernetes', 'client-node', 'package.json'))).toBe(true);
  expect(fs.existsSync(path.join(imageAppDir, 'server.js'))).toBe(false);
});

test('the server wrote nothing to its folder but where the chart mounts emptyDirs (read-only root filesystem)', () => {
  const after = snapshotFiles(imageAppDir);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
  expect(changed.filter((file) => !writable.some((dir) => file.startsWith(dir + path.sep)))).toEqual([]);
});

/** Every file under dir with its size and modification time. */
function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(file);
    files.set(file, `${stat.size} ${stat.mtimeMs}`);
  }
  return files;
}

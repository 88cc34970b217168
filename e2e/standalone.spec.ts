import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readImageRuntime, type ImageRuntime } from './support/dockerfile';
import { freePort } from './support/server';

// The container image cannot be built here (no container runtime), so this runs what it would run: the final
// stage's ENTRYPOINT, with its ENV and nothing else of this machine's environment, in the folder its COPY takes
// (.next/standalone, as `npm run build` and the e2e script's build leave it). No kubeconfig and no service
// account: the page shows the built-in demo. The server binds 0.0.0.0 as in a pod.
test.describe.configure({ mode: 'serial' });

const repoRoot = path.resolve(import.meta.dirname, '..');
const runtime: ImageRuntime = readImageRuntime(path.join(repoRoot, 'Dockerfile'));
/** The image's /app: what the final stage copies from the build stage's /src. */
const appDir = (() => {
  const copied = runtime.copiedFromBuild.find(([, destination]) => destination === './' || destination === runtime.workdir);
  if (!copied) throw new Error('The Dockerfile copies nothing from the build stage into its WORKDIR');
  return path.join(repoRoot, path.relative('/src', copied[0]));
})();
/** Where the chart mounts emptyDirs; the rest of the root filesystem is read-only in the pod. */
const writable = [path.join(appDir, '.next', 'cache')];

let server: ChildProcess;
let port: number;
let before: Map<string, string>;
let output = '';

test.beforeAll(async () => {
  port = await freePort();
  before = snapshotFiles(appDir);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-image-home-'));
  const [command, ...args] = runtime.entrypoint;
  expect(command, 'the image runs node').toBe('node');
  server = spawn(process.execPath, args, {
    cwd: appDir,
    // The image's environment, and a HOME without a kubeconfig; PATH only so that node can be found.
    env: { ...runtime.env, NODE_ENV: 'production', PORT: String(port), HOME: home, PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => (output += chunk));
  server.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!(await get('127.0.0.1', '/api/contexts').then((r) => r.status === 200, () => false))) {
    if (server.exitCode !== null) throw new Error(`The image's server exited with ${server.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The image's server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

test('the image runs server.ts, the guarded server, as a numeric non-root user, bound as a pod binds', () => {
  expect(runtime.entrypoint.at(-1)).toBe('server.ts');
  expect(runtime.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  expect(runtime.env.HOST).toBe('0.0.0.0');
  // The server's environment above says production too (Next.js's types insist on it); here the image's own.
  expect(runtime.env.NODE_ENV).toBe('production');
  expect(output).toContain(`kube-netmap on http://0.0.0.0:${port}`);
});

test('the page opens the built-in demo through it, with the security headers', async ({ page }) => {
  const response = await page.goto(`http://127.0.0.1:${port}/`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
  await expect(page.getByTestId('demo-label')).toContainText('DEMO');
  await expect(page.locator('[data-testid="namespace"][data-namespace="shop"]').getByTestId('pod-row')).toHaveCount(8);
  const explain = await get('127.0.0.1', '/api/explain?context=@demo&from=pod/shop/checkout-template&to=svc/shop/payments&port=80');
  expect(explain.status).toBe(200);
  expect(JSON.parse(explain.body)).toMatchObject({ verdict: 'denied' });
});

test("the request guard runs in front of Next.js: a foreign Host and a write are refused", async () => {
  const rebound = await get('127.0.0.1', '/api/snapshot?context=@demo', { host: 'attacker.example' });
  expect(rebound.status).toBe(403);
  expect(rebound.body).not.toContain('shop');
  const write = await get('127.0.0.1', '/api/snapshot?context=@demo', {}, 'POST');
  expect(write.status).toBe(405);
});

test('a client off loopback gets 403 and no data, even naming localhost: in a pod, only kubectl port-forward is answered', async () => {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  test.skip(!address, 'this machine has no address but loopback');
  for (const pathname of ['/', '/api/snapshot?context=@demo', '/api/contexts']) {
    const response = await get(address!, pathname, { host: `localhost:${port}` });
    expect(response.status, pathname).toBe(403);
    expect(response.body).toContain('port-forward');
    expect(response.body).not.toContain('shop');
  }
});

test('no dev dependency is in the image', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const devOnly = Object.entries(lock.packages).filter(([key, entry]) => key && entry.dev).map(([key]) => key);
  expect(devOnly.length).toBeGreaterThan(0);
  expect(devOnly.filter((key) => fs.existsSync(path.join(appDir, key)))).toEqual([]);
  // The client-node library the server reads the cluster with is there.
  expect(fs.existsSync(path.join(appDir, 'node_modules', '@kubernetes', 'client-node', 'package.json'))).toBe(true);
});

test('the server wrote nothing to its folder but where the chart mounts emptyDirs (read-only root filesystem)', () => {
  const after = snapshotFiles(appDir);
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

/** One request with the headers as given (fetch would set its own Host). */
function get(address: string, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: address, port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { readImageRuntime, type ImageRuntime } from './dockerfile';
import { freePort } from './server';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The Dockerfile's final stage, as the image would run it. */
export const imageRuntime: ImageRuntime = readImageRuntime(path.join(repoRoot, 'Dockerfile'));

/** The image's /app: what the final stage copies from the build stage's /src (.next/standalone). */
export const imageAppDir = (() => {
  const copied = imageRuntime.copiedFromBuild.find(([, destination]) => destination === './' || destination === imageRuntime.workdir);
  if (!copied) throw new Error('The Dockerfile copies nothing from the build stage into its WORKDIR');
  return path.join(repoRoot, path.relative('/src', copied[0]));
})();

export interface ImageServer {
  port: number;
  process: ChildProcess;
  /** What it printed so far, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs what the container image would run, since no container runtime is here: the final stage's ENTRYPOINT, in
 * its WORKDIR (the standalone folder), with its ENV and none of this machine's environment but PATH, a HOME without
 * a kubeconfig, and `env` (a pod's settings). It binds 0.0.0.0, as in a pod.
 */
export async function startImageServer(env: Record<string, string> = {}): Promise<ImageServer> {
  const port = await freePort();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-image-home-'));
  const [command, ...args] = imageRuntime.entrypoint;
  if (command !== 'node') throw new Error(`The image's entrypoint runs ${command}, not node`);
  // Next.js's types insist on NODE_ENV; the image's own ENV sets it too (e2e/standalone.spec.ts checks it).
  const child = spawn(process.execPath, args, {
    cwd: imageAppDir,
    env: { ...imageRuntime.env, NODE_ENV: 'production', PORT: String(port), HOME: home, PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  // Up once it answers at all (in token mode /api/contexts is 401 without a token).
  while (!(await request(port, '127.0.0.1', '/').then(() => true, () => false))) {
    if (child.exitCode !== null) throw new Error(`The image's server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`The image's server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** This machine's first address that is not loopback, to ask the server as another pod would. */
export function offLoopbackAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly the headers given (fetch would set its own Host and Origin). */
export function request(
  port: number,
  address: string,
  pathname: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: address, port, path: pathname, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

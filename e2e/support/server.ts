import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface DashboardServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built dashboard (server.ts, as `npm start` does) on 127.0.0.1 with the given kubeconfig (and extra environment) and waits
 * until it answers.
 */
export async function startDashboard(kubeconfig: string, logFile?: string, env: Record<string, string> = {}): Promise<DashboardServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'server.ts', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, ...env, KUBECONFIG: kubeconfig, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
  if (logFile) {
    const { createWriteStream } = await import('node:fs');
    const log = createWriteStream(logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The dashboard exited with code ${child.exitCode}${logFile ? `; see ${logFile}` : ''}`);
    try {
      const response = await fetch(`${url}/api/contexts`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('The dashboard did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

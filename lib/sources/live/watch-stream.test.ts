import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type WatchEvent } from './transport';
import { openWatchStream, WatchIdleTimeout } from './watch-stream';
import { watchWindowFromEnv } from './watch-window';

/** A stand-in API server on 127.0.0.1 whose watch answer each test scripts. */
async function fakeApiServer(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void) {
  const requests: URL[] = [];
  const server = http.createServer((request, response) => {
    requests.push(new URL(request.url ?? '/', 'http://127.0.0.1'));
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  servers.push(server);
  return { config, requests };
}
const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

function watchUntilDone(config: KubeConfig, idleMs: number) {
  const events: WatchEvent[] = [];
  let opened: Promise<unknown> = Promise.resolve();
  const done = new Promise<unknown>((resolve) => {
    opened = openWatchStream(config, '/api/v1/pods', '42', { timeoutSeconds: 300, idleMs }, (e) => events.push(e), resolve);
  });
  return { events, opened, done };
}

describe('openWatchStream', () => {
  it('asks for bookmarks and a server-side timeout, resumes from the resourceVersion, and reads events split across chunks', async () => {
    const { config, requests } = await fakeApiServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"43"}}}\n{"type":"BOOK');
      setTimeout(() => response.end('MARK","object":{"metadata":{"resourceVersion":"44"}}}\n'), 20);
    });
    const watch = watchUntilDone(config, 5_000);
    await watch.opened;
    expect(await watch.done).toBeUndefined();
    expect(watch.events.map((e) => [e.type, e.object.metadata?.resourceVersion])).toEqual([
      ['ADDED', '43'],
      ['BOOKMARK', '44'],
    ]);
    const query = Object.fromEntries(requests[0]!.searchParams);
    expect(query).toMatchObject({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion: '42' });
    // Jittered up to 10% above the window, so a context's watches do not all renew at once.
    expect(Number(query.timeoutSeconds)).toBeGreaterThanOrEqual(300);
    expect(Number(query.timeoutSeconds)).toBeLessThanOrEqual(330);
  });

  it('cuts a connection that sends nothing within the idle window, and says so with WatchIdleTimeout', async () => {
    const { config } = await fakeApiServer((_request, response) => {
      response.writeHead(200);
      response.write('\n'); // accepted, then silent
    });
    const started = Date.now();
    const watch = watchUntilDone(config, 150);
    await watch.opened;
    expect(await watch.done).toBeInstanceOf(WatchIdleTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects a refused watch with the status and the server message', async () => {
    const { config } = await fakeApiServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', code: 403, message: 'pods is forbidden: User "viewer" cannot watch' }));
    });
    const watch = watchUntilDone(config, 5_000);
    await expect(watch.opened).rejects.toEqual(new ApiError(403, 'pods is forbidden: User "viewer" cannot watch'));
  });
});

describe('watchWindowFromEnv', () => {
  it.each([
    { name: 'defaults when unset', env: {}, want: { timeoutSeconds: 300, idleMs: 150_000 } },
    { name: 'both set', env: { KUBE_NETMAP_WATCH_TIMEOUT_SECONDS: '3', KUBE_NETMAP_WATCH_IDLE_MS: '1500' }, want: { timeoutSeconds: 3, idleMs: 1500 } },
  ])('$name', ({ env, want }) => expect(watchWindowFromEnv(env)).toEqual(want));

  it.each(['0', '-1', '1.5', '0x10', ' 3'])('refuses %j as a window', (value) => {
    expect(() => watchWindowFromEnv({ KUBE_NETMAP_WATCH_IDLE_MS: value })).toThrow(/KUBE_NETMAP_WATCH_IDLE_MS must be a positive integer/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChanges, emptyModel, type ModelChange } from '@/lib/model';
import type { RawObject } from '@/lib/model/normalize/raw';
import { ResourceWatcher } from './resource-watcher';
import { ApiError, type KubeTransport, type ListPage, type WatchEvent } from './transport';
import { DEFAULT_WATCH_WINDOW, WatchIdleTimeout } from './watch-stream';

const ns = (name: string, resourceVersion: string): RawObject => ({
  metadata: { name, uid: `uid-${name}`, resourceVersion },
});

type WatchCall = {
  resourceVersion: string;
  emit: (event: WatchEvent) => void;
  end: (error?: unknown) => void;
};

/**
 * A scripted API server: each list answers from `lists` in order (a value or an error), each watch either
 * rejects with the next entry of `watchRefusals` or is handed to the test to drive.
 */
class FakeTransport implements KubeTransport {
  listCalls: { continueToken?: string }[] = [];
  watchCalls: WatchCall[] = [];
  constructor(
    private readonly lists: (ListPage | Error)[],
    private readonly watchRefusals: (Error | undefined)[] = [],
  ) {}

  async list(_path: string, options: { continueToken?: string }) {
    this.listCalls.push({ ...(options.continueToken ? { continueToken: options.continueToken } : {}) });
    const next = this.lists.shift();
    // Past the script the server never answers, which parks the watcher instead of letting it spin.
    if (!next) return new Promise<ListPage>(() => {});
    if (next instanceof Error) throw next;
    return next;
  }

  async get(): Promise<unknown> {
    throw new Error('discovery is not part of these tests');
  }

  async watch(_path: string, resourceVersion: string, onEvent: (e: WatchEvent) => void, onDone: (e?: unknown) => void) {
    const refusal = this.watchRefusals.shift();
    if (refusal) throw refusal;
    if (this.watchCalls.length > 20) return new Promise<never>(() => {});
    this.watchCalls.push({ resourceVersion, emit: onEvent, end: onDone });
    return { stop: () => {} };
  }
}

async function settle(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!condition()) throw new Error('condition not reached');
}

function harness(transport: FakeTransport) {
  const changes: ModelChange[] = [];
  const sleeps: number[] = [];
  const watcher = new ResourceWatcher('namespaces', '/api/v1/namespaces', transport, (c) => changes.push(c), {
    sleep: (ms) => {
      sleeps.push(ms);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    minHealthyWatchMs: 0,
  });
  const model = () => applyChanges(emptyModel(), changes);
  const names = () => model().resources.namespaces.map((n) => n.meta.name).sort();
  const syncStates = () => changes.filter((c) => c.op === 'sync').map((c) => (c.op === 'sync' ? c.state.status : ''));
  return { watcher, changes, sleeps, model, names, syncStates };
}

describe('ResourceWatcher', () => {
  it('lists every page, replaces the kind, reports synced, then watches from the list resourceVersion', async () => {
    const transport = new FakeTransport([
      { items: [ns('a', '5')], resourceVersion: '10', continueToken: 'page2' },
      { items: [ns('b', '7')], resourceVersion: '10' },
    ]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    expect(transport.listCalls).toEqual([{}, { continueToken: 'page2' }]);
    expect(h.names()).toEqual(['a', 'b']);
    expect(h.syncStates()).toEqual(['syncing', 'synced']);
    expect(transport.watchCalls[0]!.resourceVersion).toBe('10');
    h.watcher.stop();
  });

  it('applies ADDED, MODIFIED and DELETED events and ignores BOOKMARK objects', async () => {
    const transport = new FakeTransport([{ items: [ns('a', '5')], resourceVersion: '10' }]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    const w = transport.watchCalls[0]!;
    w.emit({ type: 'ADDED', object: ns('b', '11') });
    w.emit({ type: 'MODIFIED', object: { metadata: { name: 'a', uid: 'uid-a', resourceVersion: '12', labels: { x: 'y' } } } });
    w.emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '13' } } });
    w.emit({ type: 'DELETED', object: ns('b', '14') });
    expect(h.names()).toEqual(['a']);
    expect(h.model().resources.namespaces[0]!.meta.labels).toMatchObject({ x: 'y' });
    h.watcher.stop();
  });

  it('resumes a watch that ended cleanly from the last resourceVersion seen, without relisting', async () => {
    const transport = new FakeTransport([{ items: [], resourceVersion: '10' }]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.emit({ type: 'ADDED', object: ns('a', '15') });
    transport.watchCalls[0]!.emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } });
    transport.watchCalls[0]!.end();
    await settle(() => transport.watchCalls.length === 2);
    expect(transport.watchCalls[1]!.resourceVersion).toBe('20');
    expect(transport.listCalls).toHaveLength(1);
    h.watcher.stop();
  });

  it('relists on a 410 Gone ERROR event and replaces state: objects deleted meanwhile disappear', async () => {
    const transport = new FakeTransport([
      { items: [ns('a', '5'), ns('b', '6')], resourceVersion: '10' },
      { items: [ns('a', '30')], resourceVersion: '31' },
    ]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.emit({ type: 'ERROR', object: { code: 410, message: 'too old resource version' } });
    transport.watchCalls[0]!.end();
    await settle(() => transport.watchCalls.length === 2);
    expect(transport.listCalls).toHaveLength(2);
    expect(h.names()).toEqual(['a']);
    expect(transport.watchCalls[1]!.resourceVersion).toBe('31');
    h.watcher.stop();
  });

  it('relists when the watch request itself is refused with 410', async () => {
    const transport = new FakeTransport(
      [
        { items: [], resourceVersion: '10' },
        { items: [ns('c', '40')], resourceVersion: '41' },
      ],
      [new ApiError(410, 'Gone')],
    );
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    expect(transport.watchCalls[0]!.resourceVersion).toBe('41');
    expect(h.names()).toEqual(['c']);
    h.watcher.stop();
  });

  it('reports forbidden (RBAC 403) with the server message, and never claims synced', async () => {
    const transport = new FakeTransport([new ApiError(403, 'namespaces is forbidden: User "viewer" cannot list')]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => h.syncStates().length === 2);
    h.watcher.stop();
    expect(h.syncStates()).toEqual(['syncing', 'forbidden']);
    const forbidden = h.changes.find((c) => c.op === 'sync' && c.state.status === 'forbidden');
    expect(forbidden).toMatchObject({ state: { message: '403: namespaces is forbidden: User "viewer" cannot list' } });
    expect(h.sleeps[0]).toBe(30_000);
  });

  it('retries a 403 on a kind it could read at the backoff pace (a restarted API server before its RBAC caches load), never showing forbidden', async () => {
    const notYet = new ApiError(403, 'namespaces is forbidden: User "viewer" cannot watch');
    const transport = new FakeTransport(
      [{ items: [ns('a', '5')], resourceVersion: '10' }, notYet, { items: [ns('a', '5'), ns('b', '20')], resourceVersion: '21' }],
      [undefined, notYet],
    );
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.end(); // the API server restarts: the stream closes
    await settle(() => transport.watchCalls.length === 2);
    expect(h.syncStates()).toEqual(['syncing', 'synced', 'error', 'synced']);
    expect(h.changes.find((c) => c.op === 'sync' && c.state.status === 'error')).toMatchObject({
      state: { message: expect.stringContaining('403: namespaces is forbidden') },
    });
    // The backoff of any failure, not the 30 s of a kind that is forbidden.
    expect(h.sleeps).toEqual([250, 500]);
    expect(transport.watchCalls[1]!.resourceVersion).toBe('21');
    expect(h.names()).toEqual(['a', 'b']);
    h.watcher.stop();
  });

  it('calls a kind it could read forbidden once its 403s have lasted forbiddenRetryMs (RBAC really revoked)', async () => {
    const revoked = new ApiError(403, 'namespaces is forbidden: User "viewer" cannot list');
    const transport = new FakeTransport([{ items: [ns('a', '5')], resourceVersion: '10' }, ...Array<Error>(40).fill(revoked)], [undefined, revoked]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.end();
    await settle(() => h.syncStates().includes('forbidden'));
    h.watcher.stop();
    expect(h.syncStates()).toEqual(['syncing', 'synced', 'error', 'forbidden']);
    const forbiddenAt = h.sleeps.indexOf(30_000);
    // Retried at the restart pace (at least every second) while it may still be an API server loading its RBAC.
    expect(h.sleeps.slice(0, 5)).toEqual([250, 500, 1000, 1000, 1000]);
    expect(h.sleeps.slice(0, forbiddenAt).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000);
    expect(h.sleeps.slice(0, forbiddenAt - 1).reduce((a, b) => a + b, 0)).toBeLessThan(30_000);
  });

  it('reports an error while the server is unreachable, backs off, and is synced again once the watch resumes', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:16443' } });
    const transport = new FakeTransport([{ items: [ns('a', '5')], resourceVersion: '10' }], [undefined, refused, refused]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.end(); // the server went away: the stream closes
    await settle(() => transport.watchCalls.length === 2);
    expect(h.syncStates()).toEqual(['syncing', 'synced', 'error', 'synced']);
    const error = h.changes.find((c) => c.op === 'sync' && c.state.status === 'error');
    expect(error).toMatchObject({ state: { message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:16443' } });
    // Two failures: exponential backoff from the initial delay.
    expect(h.sleeps).toEqual([250, 500]);
    expect(transport.watchCalls[1]!.resourceVersion).toBe('10');
    expect(h.names()).toEqual(['a']);
    h.watcher.stop();
  });

  it.each([
    { name: 'cut for idleness (no bookmark within the window)', error: new WatchIdleTimeout(150_000) },
    { name: 'reset by the network', error: Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } }) },
    { name: 'ended by the server (timeoutSeconds)', error: undefined },
  ])('an accepted watch $name resumes from its last resourceVersion and the sync state does not move', async ({ error }) => {
    const transport = new FakeTransport([{ items: [ns('a', '5')], resourceVersion: '10' }]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '12' } } });
    transport.watchCalls[0]!.end(error);
    await settle(() => transport.watchCalls.length === 2);
    expect(transport.watchCalls[1]!.resourceVersion).toBe('12');
    expect(h.syncStates()).toEqual(['syncing', 'synced']);
    expect(transport.listCalls).toHaveLength(1);
    h.watcher.stop();
  });

  it.each([
    {
      rule: 'refused connections (nothing listens: a restarting API server) are retried at least every second',
      error: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:16443' } }),
      want: [250, 500, 1000, 1000, 1000],
    },
    { rule: 'other failures back off exponentially up to 4 s', error: new ApiError(500, 'etcdserver: request timed out'), want: [250, 500, 1000, 2000, 4000] },
  ])('$rule', async ({ error, want }) => {
    const transport = new FakeTransport([{ items: [], resourceVersion: '10' }], [undefined, error, error, error, error, error]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    transport.watchCalls[0]!.end();
    await settle(() => transport.watchCalls.length === 2);
    h.watcher.stop();
    expect(h.sleeps).toEqual(want);
  });

  it('stops cleanly: no list or watch after stop()', async () => {
    const transport = new FakeTransport([{ items: [], resourceVersion: '1' }]);
    const h = harness(transport);
    h.watcher.start();
    await settle(() => transport.watchCalls.length === 1);
    h.watcher.stop();
    transport.watchCalls[0]!.end();
    await new Promise((r) => setTimeout(r, 5));
    expect(transport.watchCalls).toHaveLength(1);
    expect(transport.listCalls).toHaveLength(1);
  });
});

describe('ResourceWatcher on an idle cluster, at the real default watch window (fake clock)', () => {
  afterEach(() => vi.useRealTimers());

  it('stays synced through ten idle windows: each watch is cut at the window and resumed from where it was', async () => {
    vi.useFakeTimers();
    const transport = new FakeTransport([{ items: [ns('a', '5')], resourceVersion: '10' }]);
    const changes: ModelChange[] = [];
    // The production watcher options (backoff, sleep), only the transport is scripted.
    const watcher = new ResourceWatcher('namespaces', '/api/v1/namespaces', transport, (c) => changes.push(c));
    const cutWhenIdle = (index: number) =>
      setTimeout(() => transport.watchCalls[index]!.end(new WatchIdleTimeout(DEFAULT_WATCH_WINDOW.idleMs)), DEFAULT_WATCH_WINDOW.idleMs);
    watcher.start();
    for (let window = 0; window < 10; window++) {
      await vi.waitFor(() => expect(transport.watchCalls).toHaveLength(window + 1));
      cutWhenIdle(window);
      await vi.advanceTimersByTimeAsync(DEFAULT_WATCH_WINDOW.idleMs);
    }
    await vi.waitFor(() => expect(transport.watchCalls).toHaveLength(11));
    watcher.stop();
    expect(changes.filter((c) => c.op === 'sync').map((c) => (c.op === 'sync' ? c.state.status : ''))).toEqual(['syncing', 'synced']);
    expect(new Set(transport.watchCalls.map((w) => w.resourceVersion))).toEqual(new Set(['10']));
    expect(transport.listCalls).toHaveLength(1);
  });
});

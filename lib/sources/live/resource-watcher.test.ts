import { describe, expect, it } from 'vitest';
import { applyChanges, emptyModel, type ModelChange } from '@/lib/model';
import type { RawObject } from '@/lib/model/normalize/raw';
import { ResourceWatcher } from './resource-watcher';
import { ApiError, type KubeTransport, type ListPage, type WatchEvent } from './transport';

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
  const watcher = new ResourceWatcher('namespaces', transport, (c) => changes.push(c), {
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
  it.each([
    { rule: 'an optional kind the API server does not serve (404) is known empty: synced, notServed', kind: 'caliconetworkpolicies' as const, want: { status: 'synced', notServed: true } },
    { rule: 'a 404 on a kind every API server serves is an error', kind: 'namespaces' as const, want: { status: 'error' } },
  ])('$rule', async ({ kind, want }) => {
    const transport = new FakeTransport([new ApiError(404, 'the server could not find the requested resource')]);
    const changes: ModelChange[] = [];
    const watcher = new ResourceWatcher(kind, transport, (c) => changes.push(c), { sleep: () => new Promise(() => {}) });
    watcher.start();
    await settle(() => changes.some((c) => c.op === 'sync' && c.state.status !== 'syncing'));
    expect(applyChanges(emptyModel(), changes).sync[kind]).toMatchObject(want);
    watcher.stop();
  });

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

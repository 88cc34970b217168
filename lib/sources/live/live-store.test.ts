import { describe, expect, it } from 'vitest';
import type { Namespace } from '@/lib/model';
import { LiveStore, type StoreEvent } from './live-store';

const namespace = (name: string): Namespace => ({
  meta: { uid: `uid-${name}`, name, labels: {}, resourceVersion: '1' },
  phase: 'Active',
});
const tick = () => new Promise((r) => setImmediate(r));

describe('LiveStore', () => {
  it('applies the changes of one tick as one batch, numbered from 1 without gaps', async () => {
    const store = new LiveStore();
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    store.apply({ op: 'upsert', kind: 'namespaces', object: namespace('a') });
    store.apply({ op: 'upsert', kind: 'namespaces', object: namespace('b') });
    expect(store.snapshot().seq).toBe(0);
    await tick();
    store.apply({ op: 'delete', kind: 'namespaces', uid: 'uid-a' });
    await tick();
    expect(events.map((e) => (e.type === 'changes' ? e.batch.changes.map((c) => c.seq) : []))).toEqual([[1, 2], [3]]);
    expect(store.snapshot().seq).toBe(3);
    expect(store.snapshot().model.resources.namespaces.map((n) => n.meta.name)).toEqual(['b']);
  });

  it('gives the changes after a sequence number, and nothing for an unknown epoch or a future number', async () => {
    const store = new LiveStore();
    for (const name of ['a', 'b', 'c']) store.apply({ op: 'upsert', kind: 'namespaces', object: namespace(name) });
    await tick();
    expect(store.changesSince(store.epoch, 1)?.map((c) => c.seq)).toEqual([2, 3]);
    expect(store.changesSince(store.epoch, 3)).toEqual([]);
    expect(store.changesSince(store.epoch, 0)?.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(store.changesSince('another-process', 1)).toBeUndefined();
    expect(store.changesSince(store.epoch, 4)).toBeUndefined();
  });

  it('forgets history beyond its limit, so a client that far behind must refetch', async () => {
    const store = new LiveStore();
    for (let i = 0; i < 10_005; i++) store.apply({ op: 'sync', kind: 'pods', state: { status: 'synced' } });
    await tick();
    expect(store.changesSince(store.epoch, 4)).toBeUndefined();
    expect(store.changesSince(store.epoch, 5)?.length).toBe(10_000);
  });

  it('tells subscribers when it closes, and then forgets them', async () => {
    const store = new LiveStore();
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    store.close('The context was reloaded.');
    store.apply({ op: 'upsert', kind: 'namespaces', object: namespace('a') });
    await tick();
    expect(events).toEqual([{ type: 'closed', reason: 'The context was reloaded.' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Namespace } from '@/lib/model';
import { LiveStore } from '@/lib/sources/live/live-store';
import { changeStream, parseLastEventId } from './change-stream';

const namespace = (name: string): Namespace => ({
  meta: { uid: `uid-${name}`, name, labels: {}, resourceVersion: '1' },
  phase: 'Active',
});
const tick = () => new Promise((r) => setImmediate(r));

/** Reads SSE messages from the stream as {event, id, data}. */
async function readMessages(stream: ReadableStream<Uint8Array>, count: number) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: { event?: string; id?: string; data?: unknown }[] = [];
  let buffer = '';
  while (messages.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(block)?.[1];
      const data = field('data');
      messages.push({ event: field('event'), id: field('id'), data: data ? JSON.parse(data) : undefined });
    }
  }
  reader.releaseLock();
  return messages;
}

async function storeWith(names: string[]) {
  const store = new LiveStore();
  for (const name of names) store.apply({ op: 'upsert', kind: 'namespaces', object: namespace(name) });
  await tick();
  return store;
}

describe('changeStream', () => {
  it('opens with hello, replays what the client missed, then streams live changes with ids epoch:seq', async () => {
    const store = await storeWith(['a', 'b']);
    const abort = new AbortController();
    const stream = changeStream(store, { epoch: store.epoch, seq: 1 }, abort.signal);
    store.apply({ op: 'upsert', kind: 'namespaces', object: namespace('c') });
    const messages = await readMessages(stream, 3);
    abort.abort();
    expect(messages.map((m) => m.event)).toEqual(['hello', 'changes', 'changes']);
    expect(messages[0]!.data).toEqual({ epoch: store.epoch, seq: 2 });
    expect(messages[1]!.id).toBe(`${store.epoch}:2`);
    expect((messages[1]!.data as { changes: { seq: number }[] }).changes.map((c) => c.seq)).toEqual([2]);
    expect(messages[2]!.id).toBe(`${store.epoch}:3`);
  });

  it('sends reset and ends when the client is further behind than the history, or from another epoch', async () => {
    const store = await storeWith(['a']);
    const messages = await readMessages(changeStream(store, { epoch: 'old-process', seq: 7 }, new AbortController().signal), 3);
    expect(messages.map((m) => m.event)).toEqual(['hello', 'reset']);
  });

  it('sends reset when the store closes because its context was reloaded', async () => {
    const store = await storeWith([]);
    const stream = changeStream(store, undefined, new AbortController().signal);
    store.close('The context now points at another cluster or identity; reconnecting.');
    const messages = await readMessages(stream, 3);
    expect(messages.map((m) => m.event)).toEqual(['hello', 'reset']);
    expect(messages[1]!.data).toEqual({ reason: 'The context now points at another cluster or identity; reconnecting.' });
  });
});

describe('parseLastEventId', () => {
  it.each([
    ['abc-123:42', { epoch: 'abc-123', seq: 42 }],
    ['no-seq', undefined],
    ['a:-1', undefined],
    [null, undefined],
  ])('%s', (header, expected) => {
    expect(parseLastEventId(header)).toEqual(expected);
  });
});

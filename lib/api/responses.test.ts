import { describe, expect, it } from 'vitest';
import { demoModel } from '@/lib/sources/demo';
import { json, jsonStream } from './responses';

const bigText = 'é€😀"\\\n'.repeat(40_000);

describe('jsonStream: the same JSON as json(), in pieces', () => {
  const cases: { name: string; body: () => Promise<unknown> | unknown }[] = [
    { name: 'the demo snapshot, as /api/snapshot sends it', body: async () => ({ context: '@demo', demo: true, epoch: 'demo', seq: 0, model: await demoModel() }) },
    {
      name: 'what JSON.stringify leaves out or converts: undefined fields, functions, NaN, toJSON, nested empties',
      body: () => ({ a: undefined, f: () => 1, n: Number.NaN, i: -Infinity, d: new Date(0), e: [[], {}, [undefined]], nil: null, t: true, z: -0 }),
    },
    { name: 'a string longer than a piece, with escapes and characters of two and four UTF-8 bytes, not cut apart', body: () => ({ before: 1, text: bigText, after: [bigText, 2] }) },
    { name: 'many small values: pieces end between values', body: () => Array.from({ length: 50_000 }, (_, i) => ({ i, name: `pod-${i}-ä` })) },
  ];
  it.each(cases)('$name', async ({ body }) => {
    const value = await body();
    const streamed = jsonStream(value);
    expect(await streamed.text()).toBe(await json(value).text());
    expect(streamed.headers.get('content-type')).toBe('application/json');
    expect(streamed.headers.get('cache-control')).toBe('no-store');
  });

  it('produces pieces only as they are read: a client that stops reading stops the writing', async () => {
    const reader = jsonStream(Array.from({ length: 100_000 }, (_, i) => ({ i }))).body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(first.value!.byteLength).toBeLessThan(80 * 1024);
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

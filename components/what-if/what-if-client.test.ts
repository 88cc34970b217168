import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { model, namespace, networkPolicy } from '@/lib/analysis/testing/builders';
import type { WhatIfOutcome } from '@/lib/what-if/what-if';
import { WhatIfRunner } from './what-if-client';
import type { WhatIfRequest, WhatIfResponse } from './what-if-protocol';

/** A Web Worker that records what it is sent, and answers when the test says so. */
class FakeWorker {
  static made: FakeWorker[] = [];
  posted: WhatIfRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WhatIfResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(request: WhatIfRequest) {
    this.posted.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  answer(response: WhatIfResponse) {
    this.onmessage?.({ data: response } as MessageEvent<WhatIfResponse>);
  }
}

const BASE = model({ namespaces: [namespace('shop')] });
const NEWER = model({ namespaces: [namespace('shop')], networkpolicies: [networkPolicy('shop/deny')] });
const draft = (yaml: string) => ({ yaml, deleted: [] });
const OUTCOME = { ok: false, error: { line: 1, reason: 'r', message: 'draft:1: r' } } satisfies WhatIfOutcome;
/** What each request carried: its id, whether a base came with it, and the draft's text ("-" to only prepare). */
const sent = (w: FakeWorker) => w.posted.map((r) => `${r.id} ${r.base ? 'base' : 'no base'} ${r.draft?.yaml ?? '-'}`);

describe('WhatIfRunner: drafts in one long-lived worker', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    delete (globalThis as { Worker?: unknown }).Worker;
  });

  it('sends the base with the first draft only, and again once it changes', async () => {
    const runner = new WhatIfRunner();
    const first = runner.run(BASE, draft('a'));
    const worker = FakeWorker.made[0]!;
    worker.answer({ id: 1, outcome: OUTCOME, ms: 5 });
    expect(await first).toEqual({ outcome: OUTCOME, ms: 5 });
    const second = runner.run(BASE, draft('b'));
    worker.answer({ id: 2, outcome: OUTCOME, ms: 1 });
    await second;
    void runner.run(NEWER, draft('c'));
    expect(sent(worker)).toEqual(['1 base a', '2 no base b', '3 base c']);
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('a new draft while one runs ends that run (its promise gives nothing) and starts a fresh worker with the base', async () => {
    const runner = new WhatIfRunner();
    const first = runner.run(BASE, draft('a'));
    const second = runner.run(BASE, draft('b'));
    expect(await first).toBeUndefined();
    const [old, fresh] = FakeWorker.made;
    expect(old!.terminated).toBe(true);
    expect(sent(fresh!)).toEqual(['2 base b']);
    // A late answer of the ended run is not taken for the new one.
    fresh!.answer({ id: 1, outcome: OUTCOME, ms: 9 });
    fresh!.answer({ id: 2, outcome: OUTCOME, ms: 3 });
    expect(await second).toEqual({ outcome: OUTCOME, ms: 3 });
  });

  it("prepares once: the base's connectivity is computed ahead, and a draft after it waits for it", () => {
    const runner = new WhatIfRunner();
    runner.prepare(BASE);
    runner.prepare(NEWER);
    void runner.run(BASE, draft('a'));
    expect(sent(FakeWorker.made[0]!)).toEqual(['1 base -', '2 no base a']);
  });

  it("a fault of the worker's is an error, not an answer", async () => {
    const runner = new WhatIfRunner();
    const run = runner.run(BASE, draft('a'));
    FakeWorker.made[0]!.answer({ id: 1, failure: 'boom' });
    await expect(run).rejects.toThrow('the what-if failed: boom');
  });

  it('a worker whose script cannot load: the run happens on this thread, and so do the next ones', async () => {
    const runner = new WhatIfRunner();
    const run = runner.run(BASE, draft('kind: [x'));
    FakeWorker.made[0]!.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
    const outcome = (await run)?.outcome;
    expect(outcome?.ok === false && outcome.error.message).toMatch(/^draft:1: invalid YAML/);
    expect((await runner.run(BASE, draft('')))?.outcome.ok).toBe(true);
    expect(FakeWorker.made).toHaveLength(1);
  });
});

describe('WhatIfRunner without Web Workers', () => {
  it('runs on this thread', async () => {
    const outcome = (await new WhatIfRunner().run(BASE, draft('')))?.outcome;
    expect(outcome?.ok && outcome.view.summary).toBe('no difference');
  });
});

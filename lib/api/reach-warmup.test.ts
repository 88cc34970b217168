import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { namespace } from '@/lib/analysis/testing/builders';
import { LiveStore } from '@/lib/sources/live/live-store';
import { BACKOFF, QUIET_MS, ReachWarmup } from './reach-warmup';

// When the server prepares a live model for reachability: after QUIET_MS without a change, once per model, and
// after a warm-up of T ms no sooner than BACKOFF × T later. The clock the warm-up reads is the fake timers' clock,
// and the warm-up's own duration is simulated by moving that clock inside `prepare`.

describe('ReachWarmup', () => {
  let store: LiveStore;
  let prepared: ClusterModel[];
  let takes: number;
  let warmup: ReachWarmup;
  const change = (name: string) => {
    store.apply({ op: 'upsert', kind: 'namespaces', object: namespace(name) });
    vi.advanceTimersByTime(0); // the store publishes on the next tick
  };

  beforeEach(() => {
    vi.useFakeTimers();
    store = new LiveStore();
    prepared = [];
    takes = 0;
    warmup = new ReachWarmup(
      store,
      (model) => {
        prepared.push(model);
        vi.setSystemTime(Date.now() + takes);
      },
      () => Date.now(),
    );
  });
  afterEach(() => {
    warmup.stop();
    vi.useRealTimers();
  });

  it('prepares the model once it has been quiet for QUIET_MS, and the same model only once', () => {
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(prepared).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(prepared).toEqual([store.snapshot().model]);
    change('a');
    vi.advanceTimersByTime(QUIET_MS);
    expect(prepared).toEqual([prepared[0], store.snapshot().model]);
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(prepared).toHaveLength(2);
  });

  it('a change during the quiet period postpones the warm-up (a model that keeps changing is never prepared)', () => {
    for (const name of ['a', 'b', 'c', 'd']) {
      vi.advanceTimersByTime(QUIET_MS - 100);
      change(name);
    }
    expect(prepared).toHaveLength(0);
    vi.advanceTimersByTime(QUIET_MS);
    expect(prepared).toEqual([store.snapshot().model]);
  });

  it(`after a warm-up of T ms the next waits BACKOFF × T (${BACKOFF}×), so warming keeps to a share of the server's time`, () => {
    takes = 2000;
    vi.advanceTimersByTime(QUIET_MS);
    expect(prepared).toHaveLength(1);
    change('a');
    vi.advanceTimersByTime(BACKOFF * takes - 1);
    expect(prepared).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(prepared).toHaveLength(2);
  });

  it('stops when the store closes', () => {
    store.close('reloaded');
    vi.advanceTimersByTime(10 * QUIET_MS);
    expect(prepared).toHaveLength(0);
  });
});

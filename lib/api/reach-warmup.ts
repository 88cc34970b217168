// The server prepares each live context's model for reachablePeers (prepareReach: the equivalence classes and the
// reach index, lib/analysis/reach/reach-index.ts) once the model has been quiet for a moment, so that a click on a
// pod after a change does not pay for them: at 50,000 pods they take seconds, a prepared click milliseconds.
//
// The work is synchronous and blocks the event loop while it runs (as a click that builds the index would), so it
// waits for a quiet model, runs at most once per model, and after a run of T ms waits at least BACKOFF × T before
// the next: under steady churn the warm-up keeps to a fifth of the server's time at most, and under churn with no
// quiet moment it never runs and a click builds what it needs, as without it.

import type { ClusterModel } from '@/lib/model';
import { prepareReach } from '@/lib/analysis/reach/reach-index';
import type { LiveStore } from '@/lib/sources/live/live-store';

/** How long the model must stay unchanged before it is prepared. */
export const QUIET_MS = 500;
/** After a warm-up of T ms, the next starts no sooner than BACKOFF × T ms later. */
export const BACKOFF = 4;

export class ReachWarmup {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private notBefore = 0;
  private warmed: ClusterModel | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: LiveStore,
    private readonly prepare: (model: ClusterModel) => void = prepareReach,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.unsubscribe = store.subscribe((event) => (event.type === 'closed' ? this.stop() : this.schedule()));
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), Math.max(QUIET_MS, this.notBefore - this.now()));
    // A pending warm-up never keeps the process alive.
    this.timer.unref?.();
  }

  private run(): void {
    const { model } = this.store.snapshot();
    if (model === this.warmed) return;
    const start = this.now();
    try {
      this.prepare(model);
    } catch (error) {
      // A click would meet the same error and answer it; the warm-up only reports it.
      console.error('kube-netmap: preparing the model for reachability failed:', error);
    }
    this.warmed = model;
    const end = this.now();
    this.notBefore = end + BACKOFF * (end - start);
  }
}

// On globalThis, like the live clusters (lib/sources/live/registry.ts): one warm-up per store across dev hot reloads.
const warmupsKey = Symbol.for('kube-netmap.reach-warmups');
const globalWarmups = globalThis as typeof globalThis & { [warmupsKey]?: WeakMap<LiveStore, ReachWarmup> };
const warmups: WeakMap<LiveStore, ReachWarmup> = (globalWarmups[warmupsKey] ??= new WeakMap());

/** Starts preparing the store's models for reachability, once per store; it stops when the store closes. */
export function warmReach(store: LiveStore): void {
  if (!warmups.has(store)) warmups.set(store, new ReachWarmup(store));
}

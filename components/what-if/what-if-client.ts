import type { ClusterModel } from '@/lib/model';
import type { WhatIfDraft } from '@/lib/what-if/read-draft';
import type { WhatIfOutcome } from '@/lib/what-if/what-if';
import type { WhatIfRequest, WhatIfResponse } from './what-if-protocol';

export interface WhatIfRun {
  outcome: WhatIfOutcome;
  /** How long the worker took (the base's connectivity included when it was new). */
  ms: number;
}

/**
 * Runs what-ifs in one long-lived Web Worker, which keeps the base model (sent again only when it changes) and its
 * connectivity between drafts. A new run while one is in progress stops that one (the worker is ended and started
 * afresh): its promise resolves to undefined. Where no worker can be started, or its script cannot load, the run
 * happens on this thread (its code then loads on demand: the page does not carry it otherwise).
 */
export class WhatIfRunner {
  private worker: Worker | undefined;
  private sent: ClusterModel | undefined;
  private pending: { id: number; resolve: (run: WhatIfRun | undefined) => void; reject: (error: Error) => void; base: ClusterModel; draft: WhatIfDraft } | undefined;
  private nextId = 1;
  private workerFailed = false;

  run(base: ClusterModel, draft: WhatIfDraft): Promise<WhatIfRun | undefined> {
    this.stop();
    if (typeof Worker === 'undefined' || this.workerFailed) return onThisThread(base, draft);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject, base, draft };
      const request: WhatIfRequest = { id, draft, ...(this.sent !== base ? { base } : {}) };
      this.sent = base;
      worker.postMessage(request);
    });
  }

  /**
   * Has the worker compute the base's connectivity before any draft comes (once: later bases come with the drafts).
   * A draft sent meanwhile waits for it rather than starting over.
   */
  prepare(base: ClusterModel): void {
    if (typeof Worker === 'undefined' || this.workerFailed || this.sent || this.pending) return;
    const worker = (this.worker ??= this.start());
    this.sent = base;
    worker.postMessage({ id: this.nextId++, base } satisfies WhatIfRequest);
  }

  /** Ends the worker; a run in progress resolves to undefined. */
  dispose(): void {
    this.stop();
    this.end();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./what-if.worker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<WhatIfResponse>) => {
      const pending = this.pending;
      if (!pending || pending.id !== event.data.id) return;
      this.pending = undefined;
      if ('failure' in event.data) pending.reject(new Error(`the what-if failed: ${event.data.failure}`));
      else pending.resolve({ outcome: event.data.outcome, ms: event.data.ms });
    };
    worker.onerror = (event) => {
      // A worker whose script cannot load (blocked, say) must not leave the what-if without an answer.
      event.preventDefault();
      this.workerFailed = true;
      const pending = this.pending;
      this.pending = undefined;
      this.end();
      if (pending) onThisThread(pending.base, pending.draft).then(pending.resolve, pending.reject);
    };
    return worker;
  }

  /** Stops the run in progress, if any: the worker is busy with it, so it is ended. */
  private stop(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.end();
    pending.resolve(undefined);
  }

  private end(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.sent = undefined;
  }
}

async function onThisThread(base: ClusterModel, draft: WhatIfDraft): Promise<WhatIfRun> {
  await import('./zod-jitless');
  const { runWhatIf } = await import('@/lib/what-if/what-if');
  const start = performance.now();
  const outcome = runWhatIf(base, draft);
  return { outcome, ms: Math.round(performance.now() - start) };
}

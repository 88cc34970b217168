import type { ClusterModel } from '@/lib/model';
import type { MatrixAnswers, MatrixEngine, MatrixQuery } from './matrix-engine';
import type { MatrixRequest, MatrixResponse } from './matrix-protocol';

export interface MatrixRun<T> {
  answer: T;
  /** How long the engine took (the model's connectivity included when it was new). */
  ms: number;
}

type Answer<Q extends MatrixQuery> = MatrixAnswers[Q['type']];

interface Pending {
  resolve: (run: MatrixRun<never>) => void;
  reject: (error: Error) => void;
  model: ClusterModel;
  query: MatrixQuery;
}

/**
 * Asks the matrix's questions of one long-lived Web Worker, which keeps the model (sent again only when it changes)
 * and its connectivity. Questions are answered in order; the caller drops answers for a model it no longer shows.
 * Where no worker can be started, or its script cannot load, they are answered on this thread (its code then loads
 * on demand: the page does not carry it otherwise).
 */
export class MatrixRunner {
  private worker: Worker | undefined;
  private sent: ClusterModel | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private workerFailed = false;
  private local: Promise<MatrixEngine> | undefined;
  private localModel: ClusterModel | undefined;

  ask<Q extends MatrixQuery>(model: ClusterModel, query: Q): Promise<MatrixRun<Answer<Q>>> {
    if (typeof Worker === 'undefined' || this.workerFailed) return this.onThisThread(model, query);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, model, query });
      const request: MatrixRequest = { id, query, ...(this.sent !== model ? { model } : {}) };
      this.sent = model;
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.sent = undefined;
    this.pending.clear();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./matrix.worker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<MatrixResponse>) => {
      const pending = this.pending.get(event.data.id);
      if (!pending) return;
      this.pending.delete(event.data.id);
      if ('failure' in event.data) pending.reject(new Error(event.data.failure));
      else pending.resolve({ answer: event.data.answer as never, ms: event.data.ms });
    };
    worker.onerror = (event) => {
      // A worker whose script cannot load (blocked, say) must not leave the matrix without an answer.
      event.preventDefault();
      this.workerFailed = true;
      const waiting = [...this.pending.values()];
      this.dispose();
      for (const p of waiting) this.onThisThread(p.model, p.query).then(p.resolve as (run: MatrixRun<unknown>) => void, p.reject);
    };
    return worker;
  }

  private async onThisThread<Q extends MatrixQuery>(model: ClusterModel, query: Q): Promise<MatrixRun<Answer<Q>>> {
    this.local ??= import('./matrix-engine').then((m) => new m.MatrixEngine());
    const engine = await this.local;
    if (this.localModel !== model) engine.setModel((this.localModel = model));
    const start = performance.now();
    const answer = engine.answer(query) as Answer<Q>;
    return { answer, ms: Math.round(performance.now() - start) };
  }
}

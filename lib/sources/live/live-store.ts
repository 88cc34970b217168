import { randomUUID } from 'node:crypto';
import { applyChanges, emptyModel, type ClusterModel, type ModelChange, type SequencedChange } from '@/lib/model';

export interface Snapshot {
  /** Identifies this store's numbering; it restarts with the server process. */
  epoch: string;
  seq: number;
  model: ClusterModel;
}

export type ChangeBatch = { epoch: string; changes: SequencedChange[] };
/** What subscribers hear: numbered changes, or that this store is gone and they must fetch a new snapshot. */
export type StoreEvent = { type: 'changes'; batch: ChangeBatch } | { type: 'closed'; reason: string };

const HISTORY_LIMIT = 10_000;

/**
 * The model of one context, changed only through applyChanges. Changes that arrive in the same tick are applied
 * and published as one batch, numbered without gaps. Recent batches are kept so that a client that reconnects can
 * catch up from its last number instead of refetching everything.
 */
export class LiveStore {
  readonly epoch = randomUUID();
  private model: ClusterModel = emptyModel();
  private seq = 0;
  private pending: ModelChange[] = [];
  private history: SequencedChange[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  apply(change: ModelChange): void {
    this.pending.push(change);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  snapshot(): Snapshot {
    return { epoch: this.epoch, seq: this.seq, model: this.model };
  }

  /** The changes after `seq`, or undefined when they are no longer kept (or the numbering is not ours). */
  changesSince(epoch: string, seq: number): SequencedChange[] | undefined {
    if (epoch !== this.epoch || seq > this.seq) return undefined;
    if (seq === this.seq) return [];
    const oldest = this.history[0]?.seq;
    if (oldest === undefined || seq < oldest - 1) return undefined;
    return this.history.slice(seq - oldest + 1);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.model = applyChanges(this.model, batch);
    const changes = batch.map((change) => ({ ...change, seq: ++this.seq }) as SequencedChange);
    for (const change of changes) this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of this.listeners) listener({ type: 'changes', batch: { epoch: this.epoch, changes } });
  }

  close(reason: string): void {
    for (const listener of [...this.listeners]) listener({ type: 'closed', reason });
    this.listeners.clear();
  }
}

import { applyChanges, type SequencedChange } from '@/lib/model/changes';
import type { ClusterModel } from '@/lib/model/types';
import type { ChangesEvent, SnapshotResponse } from '@/lib/api/types';
import { sseMessages } from '../sse-messages.ts';

export interface ClientCounts {
  /** A change numbered past the one expected: changes were lost between server and client. */
  gaps: number;
  /** The server said the changes since our point are gone (or its numbering restarted): a full refetch. */
  resets: number;
  /** The stream ended without being asked to, and was resumed from the last change applied. */
  reconnects: number;
  /** Requests that failed (snapshot or stream); the first few messages are kept. */
  errors: number;
  firstErrors: string[];
}

const RETRY_MS = 1000;

/**
 * One client of the dashboard, following the protocol the page follows (lib/client/use-live-model.ts): a
 * snapshot from /api/snapshot, then /api/events from its epoch and seq; changes applied with the same pure
 * applyChanges; a gap in the numbering or a reset refetches the snapshot; a stream that ends resumes from the last
 * change applied. Every change is reported with the time it arrived, for the lag figures.
 */
export class SseClient {
  epoch = '';
  seq = 0;
  readonly counts: ClientCounts = { gaps: 0, resets: 0, reconnects: 0, errors: 0, firstErrors: [] };
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private snapshotModel: ClusterModel | undefined;
  /**
   * Changes received and not yet applied. They are applied when the model is read: applying each batch as it comes
   * copies every object of its kind, and at 50,000 pods several clients doing that kept the bench's own event loop
   * so busy that it measured itself rather than the dashboard.
   */
  private pending: SequencedChange[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly context: string,
    private readonly onChange: (change: SequencedChange, at: number) => void,
  ) {}

  /** Resolves once the first snapshot is applied and the stream is open. */
  async start(): Promise<void> {
    await this.fetchSnapshot();
    let resolveOpened = () => {};
    const opened = new Promise<void>((resolve) => (resolveOpened = resolve));
    this.running = this.loop(resolveOpened);
    await opened;
  }

  /** The snapshot with every change received since applied, as the page's model would be. */
  get model(): ClusterModel | undefined {
    if (this.pending.length > 0 && this.snapshotModel) {
      this.snapshotModel = applyChanges(this.snapshotModel, this.pending);
      this.pending = [];
    }
    return this.snapshotModel;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private get stopped() {
    return this.abort.signal.aborted;
  }

  private async fetchSnapshot(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/snapshot?context=${encodeURIComponent(this.context)}`, { signal: this.abort.signal });
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const snapshot = (await response.json()) as SnapshotResponse;
    this.snapshotModel = snapshot.model;
    this.pending = [];
    this.epoch = snapshot.epoch;
    this.seq = snapshot.seq;
  }

  private async loop(opened: () => void): Promise<void> {
    let needSnapshot = false;
    while (!this.stopped) {
      try {
        if (needSnapshot) await this.fetchSnapshot();
        needSnapshot = false;
        const outcome = await this.follow(opened);
        if (outcome === 'refetch') needSnapshot = true;
        else if (!this.stopped) this.counts.reconnects += 1;
      } catch (error) {
        if (this.stopped) return;
        this.counts.errors += 1;
        if (this.counts.firstErrors.length < 3) this.counts.firstErrors.push(error instanceof Error ? error.message : String(error));
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  /** Reads one stream until it ends ('ended') or the client must start over from a snapshot ('refetch'). */
  private async follow(opened: () => void): Promise<'ended' | 'refetch'> {
    const url = `${this.baseUrl}/api/events?context=${encodeURIComponent(this.context)}&epoch=${this.epoch}&since=${this.seq}`;
    const response = await fetch(url, { signal: this.abort.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    opened();
    for await (const { message, at } of sseMessages(response.body)) {
      // Leaving the loop cancels the stream.
      if (this.handle(message, at) === 'refetch') return 'refetch';
    }
    return 'ended';
  }

  private handle(message: string, at: number): 'refetch' | undefined {
    const event = /^event: (.*)$/m.exec(message)?.[1];
    const data = /^data: (.*)$/m.exec(message)?.[1];
    if (event === 'reset') {
      this.counts.resets += 1;
      return 'refetch';
    }
    if (event !== 'changes' || !data) return undefined;
    const batch = JSON.parse(data) as ChangesEvent;
    if (batch.epoch !== this.epoch) {
      this.counts.resets += 1;
      return 'refetch';
    }
    const fresh = batch.changes.filter((c) => c.seq > this.seq);
    if (fresh.length === 0) return undefined;
    if (fresh[0]!.seq !== this.seq + 1) {
      this.counts.gaps += 1;
      return 'refetch';
    }
    this.pending.push(...fresh);
    this.seq = fresh.at(-1)!.seq;
    for (const change of fresh) this.onChange(change, at);
    return undefined;
  }
}

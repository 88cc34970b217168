import { normalize, type ModelChange, type ResourceTypes, type SyncState, type WatchedKind } from '@/lib/model';
import { describeError, statusCodeOf, type KubeTransport, type WatchEvent } from './transport';

export interface WatcherOptions {
  pageSize: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /**
   * The backoff cap while the API server looks like it is restarting: it refuses connections, or answers 403 for a
   * kind it served before (its RBAC caches not loaded yet). A try then costs next to nothing, and trying often is
   * what makes the dashboard current as soon as the server is back.
   */
  restartMaxBackoffMs: number;
  /** RBAC can change at any time, so a forbidden kind is retried, but slowly. */
  forbiddenRetryMs: number;
  /** A watch that ends sooner than this is followed by a backoff, so a flapping server cannot make us spin. */
  minHealthyWatchMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_WATCHER_OPTIONS: WatcherOptions = {
  pageSize: 500,
  initialBackoffMs: 250,
  maxBackoffMs: 4000,
  restartMaxBackoffMs: 1000,
  forbiddenRetryMs: 30_000,
  minHealthyWatchMs: 1000,
  sleep: abortableSleep,
};

type WatchOutcome = { resourceVersion: string; expired: boolean; durationMs: number };

/**
 * Keeps one kind of the model in step with the API server: list, then watch from the list's resourceVersion.
 * A dropped watch resumes from the last resourceVersion seen; 410 Gone (history compacted) forces a fresh list that
 * replaces the kind wholesale. Every move of the sync state is reported, so the model always says whether the
 * data of this kind can be trusted.
 */
export class ResourceWatcher<K extends WatchedKind> {
  private readonly abort = new AbortController();
  private watch: { stop(): void } | undefined;
  private state: SyncState | undefined;
  /** Once synced, a 403 is doubted for a while before it is believed (see run). */
  private wasSynced = false;
  private doubtedForbiddenMs = 0;
  private readonly options: WatcherOptions;

  constructor(
    private readonly kind: K,
    /** The kind's cluster-wide collection path, at the version the server serves. */
    private readonly path: string,
    private readonly transport: KubeTransport,
    private readonly emit: (change: ModelChange) => void,
    options: Partial<WatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_WATCHER_OPTIONS, ...options };
  }

  start(): void {
    this.setState({ status: 'syncing' });
    void this.run();
  }

  stop(): void {
    this.abort.abort();
    this.watch?.stop();
  }

  private get stopped() {
    return this.abort.signal.aborted;
  }

  /**
   * An accepted watch that ends, however it ends (the server's timeoutSeconds, an idle connection cut, a closed
   * stream), is routine: the loop resumes from the last resourceVersion and the sync state does not move. Only a
   * list or a watch request that fails changes it, so an idle cluster never looks broken, and a server that went
   * away shows as an error as soon as the resume is refused.
   */
  private async run(): Promise<void> {
    let resourceVersion = '';
    let quickEnds = 0;
    while (!this.stopped) {
      try {
        if (!resourceVersion) resourceVersion = await this.relist();
        const outcome = await this.watchOnce(resourceVersion);
        resourceVersion = outcome.expired ? '' : outcome.resourceVersion;
        // A server that accepts watches and ends them at once must not make us spin: back off, silently.
        quickEnds = outcome.durationMs < this.options.minHealthyWatchMs && !outcome.expired ? quickEnds + 1 : 0;
        if (quickEnds) await this.options.sleep(this.backoff(quickEnds), this.abort.signal);
      } catch (error) {
        if (this.stopped) return;
        const status = statusCodeOf(error);
        if (status === 410) {
          resourceVersion = '';
          continue;
        }
        if (status === 403 && (!this.wasSynced || this.doubtedForbiddenMs >= this.options.forbiddenRetryMs)) {
          resourceVersion = '';
          this.setState({ status: 'forbidden', message: describeError(error) });
          await this.options.sleep(this.options.forbiddenRetryMs, this.abort.signal);
          continue;
        }
        quickEnds += 1;
        const restarting = isConnectionRefused(error) || status === 403;
        const delay = restarting ? Math.min(this.backoff(quickEnds), this.options.restartMaxBackoffMs) : this.backoff(quickEnds);
        if (status === 403) {
          // A kind we could read until now: an API server that has just (re)started refuses the requests RBAC
          // allows until its RBAC caches are loaded (kubernetes/kubernetes#121635). Waiting forbiddenRetryMs would
          // leave the kind unknown for that long after a restart: retry at the usual pace instead, and only call
          // it forbidden once the refusals have lasted forbiddenRetryMs.
          resourceVersion = '';
          this.doubtedForbiddenMs += delay;
          this.setState({ status: 'error', message: `${describeError(error)} (retrying: an API server that has just started refuses requests until it has loaded its RBAC rules)` });
        } else {
          this.setState({ status: 'error', message: describeError(error) });
        }
        await this.options.sleep(delay, this.abort.signal);
      }
    }
  }

  private backoff(failures: number): number {
    return Math.min(this.options.initialBackoffMs * 2 ** (failures - 1), this.options.maxBackoffMs);
  }

  /** Lists every page and replaces the kind with the result. Returns the resourceVersion to watch from. */
  private async relist(): Promise<string> {
    const objects: ResourceTypes[K][] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.transport.list(this.path, { limit: this.options.pageSize, continueToken });
      for (const item of page.items) objects.push(normalize(this.kind, item));
      continueToken = page.continueToken;
      resourceVersion = page.resourceVersion;
    } while (continueToken && !this.stopped);
    if (this.stopped) return resourceVersion;
    this.emit({ op: 'replace', kind: this.kind, objects } as ModelChange);
    this.setState({ status: 'synced' });
    return resourceVersion;
  }

  private async watchOnce(fromResourceVersion: string): Promise<WatchOutcome> {
    const startedAt = Date.now();
    let resourceVersion = fromResourceVersion;
    let expired = false;
    // Resolves when an accepted watch ends (its error, if any, is routine); rejects when the request is refused.
    const ended = new Promise<void>((resolve, reject) => {
      const onEvent = (event: WatchEvent) => {
        const result = this.applyEvent(event);
        if (result === 'expired') expired = true;
        else if (result) resourceVersion = result;
      };
      this.transport
        .watch(this.path, resourceVersion, onEvent, () => resolve())
        .then((handle) => {
          this.watch = handle;
          if (this.stopped) handle.stop();
          // The server accepted the watch and will replay what we missed from resourceVersion on: the data is
          // current again even if the last attempt failed.
          else this.setState({ status: 'synced' });
        }, reject);
    });
    try {
      await ended;
    } finally {
      this.watch = undefined;
    }
    return { resourceVersion, expired, durationMs: Date.now() - startedAt };
  }

  /** Returns the resourceVersion the event moves us to, 'expired' for 410 Gone, or undefined. */
  private applyEvent(event: WatchEvent): string | 'expired' | undefined {
    const object = event.object;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.emit({ op: 'upsert', kind: this.kind, object: normalize(this.kind, object) } as ModelChange);
        break;
      case 'DELETED':
        this.emit({ op: 'delete', kind: this.kind, uid: normalize(this.kind, object).meta.uid });
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        return object.code === 410 ? 'expired' : undefined;
    }
    return object.metadata?.resourceVersion || undefined;
  }

  private setState(state: SyncState): void {
    if (state.status === 'synced') {
      this.wasSynced = true;
      this.doubtedForbiddenMs = 0;
    }
    // Retries repeat the same failure while the server is down; publish a move, not every retry.
    if (this.state && JSON.stringify(this.state) === JSON.stringify(state)) return;
    this.state = state;
    this.emit({ op: 'sync', kind: this.kind, state });
  }
}

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

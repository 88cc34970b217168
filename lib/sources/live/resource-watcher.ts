import { normalize, type ModelChange, type ResourceTypes, type SyncState, type WatchedKind } from '@/lib/model';
import { API_PATHS, OPTIONAL_KINDS } from './api-paths';
import { describeError, statusCodeOf, type KubeTransport, type WatchEvent } from './transport';

export interface WatcherOptions {
  pageSize: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** RBAC can change at any time, so a forbidden kind is retried, but slowly. */
  forbiddenRetryMs: number;
  /** A watch that ends cleanly sooner than this counts as a failure, so a flapping server cannot make us spin. */
  minHealthyWatchMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_WATCHER_OPTIONS: WatcherOptions = {
  pageSize: 500,
  initialBackoffMs: 250,
  maxBackoffMs: 4000,
  forbiddenRetryMs: 30_000,
  minHealthyWatchMs: 1000,
  sleep: abortableSleep,
};

type WatchOutcome = { resourceVersion: string; expired: boolean; error?: unknown; durationMs: number };

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
  private readonly options: WatcherOptions;

  constructor(
    private readonly kind: K,
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

  private async run(): Promise<void> {
    let resourceVersion = '';
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!resourceVersion) resourceVersion = await this.relist();
        const outcome = await this.watchOnce(resourceVersion);
        resourceVersion = outcome.expired ? '' : outcome.resourceVersion;
        if (outcome.error !== undefined) throw outcome.error;
        if (outcome.durationMs < this.options.minHealthyWatchMs && !outcome.expired) {
          failures += 1;
          await this.options.sleep(this.backoff(failures), this.abort.signal);
        } else {
          failures = 0;
        }
      } catch (error) {
        if (this.stopped) return;
        const status = statusCodeOf(error);
        if (status === 410) {
          resourceVersion = '';
          continue;
        }
        if (status === 404 && OPTIONAL_KINDS.has(this.kind)) {
          // The CRD is not installed: none can exist. Asked again slowly, as it may be installed later.
          resourceVersion = '';
          this.emit({ op: 'replace', kind: this.kind, objects: [] } as ModelChange);
          this.setState({ status: 'synced', notServed: true });
          await this.options.sleep(this.options.forbiddenRetryMs, this.abort.signal);
          continue;
        }
        if (status === 403) {
          resourceVersion = '';
          this.setState({ status: 'forbidden', message: describeError(error) });
          await this.options.sleep(this.options.forbiddenRetryMs, this.abort.signal);
          continue;
        }
        failures += 1;
        this.setState({ status: 'error', message: describeError(error) });
        await this.options.sleep(this.backoff(failures), this.abort.signal);
      }
    }
  }

  private backoff(failures: number): number {
    return Math.min(this.options.initialBackoffMs * 2 ** (failures - 1), this.options.maxBackoffMs);
  }

  /** Lists every page and replaces the kind with the result. Returns the resourceVersion to watch from. */
  private async relist(): Promise<string> {
    const path = API_PATHS[this.kind];
    const objects: ResourceTypes[K][] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.transport.list(path, { limit: this.options.pageSize, continueToken });
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
    const ended = new Promise<unknown>((resolve) => {
      const onEvent = (event: WatchEvent) => {
        const result = this.applyEvent(event);
        if (result === 'expired') expired = true;
        else if (result) resourceVersion = result;
      };
      this.transport
        .watch(API_PATHS[this.kind], resourceVersion, onEvent, (error) => resolve(error))
        .then((handle) => {
          this.watch = handle;
          if (this.stopped) handle.stop();
          // The server accepted the watch and will replay what we missed from resourceVersion on: the data is
          // current again even if the last attempt failed.
          else this.setState({ status: 'synced' });
        }, resolve);
    });
    const error = await ended;
    this.watch = undefined;
    return { resourceVersion, expired, durationMs: Date.now() - startedAt, ...(error ? { error } : {}) };
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
    // Retries repeat the same failure while the server is down; publish a move, not every retry.
    if (this.state && JSON.stringify(this.state) === JSON.stringify(state)) return;
    this.state = state;
    this.emit({ op: 'sync', kind: this.kind, state });
  }
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

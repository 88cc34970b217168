import type { ClusterModel, ModelChange, SecretName, SyncState } from '@/lib/model';
import type { StoreEvent } from './live-store';
import { listSecretNames, tlsSecretNamespaces } from './secret-names';
import type { SecretNameLister } from './transport';

export const SECRET_POLL_MS = 15_000;

interface ModelFeed {
  snapshot(): { model: ClusterModel };
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

/**
 * Keeps the model's Secret names current for the namespaces whose Ingresses name TLS Secrets. Secrets are polled,
 * not watched: a watch would need `watch secrets` and send every change of every Secret, while the only question
 * is whether a few names exist. A poll runs at once when Ingresses change, and every `intervalMs` otherwise.
 */
export class SecretNamePoller {
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private published: { names: string; state: string } | undefined;

  constructor(
    private readonly lister: SecretNameLister,
    private readonly feed: ModelFeed,
    private readonly emit: (change: ModelChange) => void,
    private readonly intervalMs = SECRET_POLL_MS,
  ) {}

  start(): void {
    this.publish([], { status: 'syncing' });
    this.unsubscribe = this.feed.subscribe((event) => {
      if (event.type === 'changes' && event.batch.changes.some((c) => 'kind' in c && c.kind === 'ingresses')) void this.poll();
    });
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref?.();
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** Resolves when this poll, and any that was asked for while one ran, are done. */
  poll(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pollOnce();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async pollOnce(): Promise<void> {
    const { model } = this.feed.snapshot();
    const ingresses = model.sync.ingresses;
    if (ingresses.status !== 'synced') {
      // Which Secrets to look for comes from the Ingresses: until they are known, so is nothing about Secrets.
      const state: SyncState =
        ingresses.status === 'syncing' ? ingresses : { ...ingresses, message: `needs the Ingresses, which name the Secrets: ${ingresses.message}` };
      this.publish([], state);
      return;
    }
    const result = await listSecretNames(this.lister, tlsSecretNamespaces(model.resources.ingresses));
    if (!this.stopped) this.publish(result.objects, result.state);
  }

  /** Emits only what moved: most polls find the same names, and each change reaches every open browser. */
  private publish(objects: SecretName[], state: SyncState): void {
    const names = objects.map((o) => o.meta.uid).join('\n');
    const stateKey = JSON.stringify(state);
    if (this.published?.names !== names) this.emit({ op: 'replace', kind: 'secrets', objects });
    if (this.published?.state !== stateKey) this.emit({ op: 'sync', kind: 'secrets', state });
    this.published = { names, state: stateKey };
  }
}

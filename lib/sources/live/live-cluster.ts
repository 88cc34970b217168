import { WATCHED_KINDS } from '@/lib/model';
import { LiveStore } from './live-store';
import { ResourceWatcher, type WatcherOptions } from './resource-watcher';
import { SecretNamePoller } from './secret-name-poller';
import type { KubeTransport, SecretNameLister } from './transport';

/** One context's list+watch set: a watcher per kind and the Secret-name poller, all feeding one store. */
export class LiveCluster {
  readonly store = new LiveStore();
  private readonly watchers: ResourceWatcher<(typeof WATCHED_KINDS)[number]>[];
  private readonly secretNames: SecretNamePoller;

  constructor(
    readonly context: string,
    transport: KubeTransport,
    secretNameLister: SecretNameLister,
    options: Partial<WatcherOptions> = {},
  ) {
    const apply = (c: Parameters<LiveStore['apply']>[0]) => this.store.apply(c);
    this.watchers = WATCHED_KINDS.map((kind) => new ResourceWatcher(kind, transport, apply, options));
    this.secretNames = new SecretNamePoller(secretNameLister, this.store, apply);
    for (const watcher of this.watchers) watcher.start();
    this.secretNames.start();
  }

  stop(reason = 'The context was reloaded.'): void {
    for (const watcher of this.watchers) watcher.stop();
    this.secretNames.stop();
    this.store.close(reason);
  }
}

import { RESOURCE_KINDS } from '@/lib/model';
import { LiveStore } from './live-store';
import { ResourceWatcher, type WatcherOptions } from './resource-watcher';
import type { KubeTransport } from './transport';

/** One context's list+watch set: a watcher per kind, all feeding one store. */
export class LiveCluster {
  readonly store = new LiveStore();
  private readonly watchers: ResourceWatcher<(typeof RESOURCE_KINDS)[number]>[];

  constructor(
    readonly context: string,
    transport: KubeTransport,
    options: Partial<WatcherOptions> = {},
  ) {
    this.watchers = RESOURCE_KINDS.map((kind) => new ResourceWatcher(kind, transport, (c) => this.store.apply(c), options));
    for (const watcher of this.watchers) watcher.start();
  }

  stop(reason = 'The context was reloaded.'): void {
    for (const watcher of this.watchers) watcher.stop();
    this.store.close(reason);
  }
}

import type { ModelChange, WatchedKind } from '@/lib/model';
import { optionalKinds, requiredKinds } from './api-resources';
import { discoverServed, servedPath } from './discovery';
import { LiveStore } from './live-store';
import { abortableSleep, ResourceWatcher, type WatcherOptions } from './resource-watcher';
import { SecretNamePoller } from './secret-name-poller';
import { describeError, statusCodeOf, type KubeTransport, type SecretNameLister } from './transport';

export interface LiveClusterOptions extends Partial<WatcherOptions> {
  /** How often to ask discovery again, so a CRD installed (or removed) later is picked up. */
  rediscoverMs?: number;
}

const DEFAULT_REDISCOVER_MS = 30_000;

/**
 * One context's list+watch set, all feeding one store: a watcher per kind every API server serves, a watcher per
 * optional kind (CRDs) at the version discovery finds, and the Secret-name poller.
 */
export class LiveCluster {
  readonly store = new LiveStore();
  private readonly watchers = new Map<WatchedKind, { path: string; watcher: ResourceWatcher<WatchedKind> }>();
  private readonly secretNames: SecretNamePoller;
  private readonly abort = new AbortController();
  /** Optional kinds that discovery found not served, already recorded as such. */
  private readonly notServed = new Set<WatchedKind>();
  /** The served API groups last published (joined), so that an unchanged discovery publishes nothing. */
  private publishedGroups: string | undefined;

  constructor(
    readonly context: string,
    private readonly transport: KubeTransport,
    secretNameLister: SecretNameLister,
    private readonly options: LiveClusterOptions = {},
  ) {
    for (const [kind, path] of requiredKinds()) this.startWatcher(kind, path);
    this.secretNames = new SecretNamePoller(secretNameLister, this.store, this.apply);
    this.secretNames.start();
    if (optionalKinds().length > 0) void this.discoverLoop();
  }

  stop(reason = 'The context was reloaded.'): void {
    this.abort.abort();
    for (const { watcher } of this.watchers.values()) watcher.stop();
    this.secretNames.stop();
    this.store.close(reason);
  }

  private readonly apply = (change: ModelChange) => this.store.apply(change);

  private startWatcher(kind: WatchedKind, path: string): void {
    const watcher = new ResourceWatcher(kind, path, this.transport, this.apply, this.options);
    this.watchers.set(kind, { path, watcher });
    watcher.start();
  }

  private async discoverLoop(): Promise<void> {
    const kinds = optionalKinds();
    const groups = [...new Set(kinds.map(([, r]) => r.group))];
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const served = await discoverServed((path, accept) => this.transport.get(path, accept), groups);
        if (this.abort.signal.aborted) return;
        failures = 0;
        this.publishGroups(served.groups);
        for (const [kind, resource] of kinds) this.follow(kind, servedPath(resource, served.resources));
      } catch (error) {
        if (this.abort.signal.aborted) return;
        failures += 1;
        // A kind already decided (watched, or known absent) keeps its state, and the served groups stay as last found:
        // a discovery that fails (the API server restarting) says nothing new about them. Only the kinds never
        // decided cannot be known until it answers.
        const state = statusCodeOf(error) === 403 ? ('forbidden' as const) : ('error' as const);
        for (const [kind] of kinds) {
          if (!this.watchers.has(kind) && !this.notServed.has(kind)) {
            this.apply({ op: 'sync', kind, state: { status: state, message: `API discovery failed: ${describeError(error)}` } });
          }
        }
      }
      // After a failure, ask again soon (1, 2, 4... s), so that undecided kinds do not wait a whole period.
      const period = this.options.rediscoverMs ?? DEFAULT_REDISCOVER_MS;
      await abortableSleep(failures ? Math.min(1000 * 2 ** (failures - 1), period) : period, this.abort.signal);
    }
  }

  /** Records the served API groups in the model (a new model version, which clients hear of) when they changed. */
  private publishGroups(groups: string[]): void {
    const key = groups.join(',');
    if (key === this.publishedGroups) return;
    this.publishedGroups = key;
    this.apply({ op: 'served-groups', groups });
  }

  /** Watches an optional kind at the path discovery found, or records that the server does not serve it. */
  private follow(kind: WatchedKind, path: string | undefined): void {
    const current = this.watchers.get(kind);
    if (current ? current.path === path : path === undefined && this.notServed.has(kind)) return;
    current?.watcher.stop();
    this.watchers.delete(kind);
    this.notServed.delete(kind);
    if (path) return this.startWatcher(kind, path);
    this.notServed.add(kind);
    // Not served: no such object can exist, which is as certain as an empty list.
    this.apply({ op: 'replace', kind, objects: [] } as ModelChange);
    this.apply({ op: 'sync', kind, state: { status: 'synced', notServed: true } });
  }
}

import type { KubeConfig } from '@kubernetes/client-node';
import type { Identity } from './token-review';

/** What the registry needs of a watch set: LiveCluster, or a stand-in in tests. */
export interface WatchSet {
  stop(reason?: string): void;
}

export type Acquired<C> =
  | { ok: true; cluster: C; identity: Identity; /** Keeps the watch set from going idle until signal aborts (an open event stream). */ hold(signal: AbortSignal): void }
  | { ok: false; status: 503; message: string };

interface Entry<C> {
  identity: Identity;
  cluster: C;
  config: KubeConfig;
  token: string;
  lastUsed: number;
  streams: number;
}

/**
 * In token mode, one watch set per identity (not per tab, nor per token: a person's tabs and renewed tokens share
 * one), reading the cluster with that identity's latest token. A watch set no request and no open event stream has
 * used for `idleMs` is stopped; at most `maxIdentities` run at once, and one more is refused with a message saying
 * so, rather than letting the dashboard's memory and the API server's watches grow with every visitor.
 */
export class IdentityWatchSets<C extends WatchSet> {
  private readonly entries = new Map<string, Entry<C>>();

  constructor(
    private readonly limits: { idleMs: number; maxIdentities: number },
    /** A kubeconfig that reads as the token. */
    private readonly configFor: (token: string) => KubeConfig,
    /** Puts a newer token of the identity into its kubeconfig. */
    private readonly replaceToken: (config: KubeConfig, token: string) => void,
    private readonly start: (config: KubeConfig) => C,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  acquire(key: string, identity: Identity, token: string): Acquired<C> {
    this.sweep();
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.limits.maxIdentities) {
        const minutes = Math.round(this.limits.idleMs / 60_000);
        return {
          ok: false,
          status: 503,
          message: `kube-netmap already reads the cluster for ${this.limits.maxIdentities} signed-in identities, its limit (KUBE_NETMAP_MAX_IDENTITIES). An identity's watches stop after ${minutes} minutes without use; try again then.`,
        };
      }
      const config = this.configFor(token);
      entry = { identity, cluster: this.start(config), config, token, lastUsed: this.now(), streams: 0 };
      this.entries.set(key, entry);
    }
    if (entry.token !== token) {
      this.replaceToken(entry.config, token);
      entry.token = token;
    }
    entry.lastUsed = this.now();
    const held = entry;
    return {
      ok: true,
      cluster: entry.cluster,
      identity: entry.identity,
      hold: (signal) => {
        if (signal.aborted) return;
        held.streams += 1;
        signal.addEventListener('abort', () => {
          held.streams -= 1;
          held.lastUsed = this.now();
        });
      },
    };
  }

  /** Stops the watch sets that went idle. */
  sweep(): void {
    for (const [key, entry] of this.entries) {
      if (entry.streams === 0 && this.now() - entry.lastUsed >= this.limits.idleMs) {
        this.entries.delete(key);
        entry.cluster.stop('Nobody signed in as this identity used the dashboard for a while; its watches stopped.');
      }
    }
  }
}

import { kubeSecretNameLister, kubeTransport } from './kube-transport';
import { configForContext, loadKubeconfig } from './kubeconfig';
import { LiveCluster } from './live-cluster';
import { watchWindowFromEnv } from './watch-window';
import type { KubeConfig } from '@kubernetes/client-node';

// On globalThis so that every route handler and every dev hot reload shares the same watchers: one list+watch set
// per context for the whole server process, however many tabs are open.
const registryKey = Symbol.for('kube-netmap.live-clusters');
type Entry = { cluster: LiveCluster; fingerprint: string };
type Registry = Map<string, Entry>;
const globalRegistry = globalThis as typeof globalThis & { [registryKey]?: Registry };
const clusters: Registry = (globalRegistry[registryKey] ??= new Map());

/** What identifies a context's connection: its server, CA and credentials. */
function fingerprint(config: KubeConfig): string {
  return JSON.stringify([config.getCurrentCluster(), config.getCurrentUser()]);
}

/**
 * The shared live cluster of a kubeconfig context, started on first use; undefined for an unknown context. The
 * kubeconfig is read again on each call, so a context that now points elsewhere (a kind cluster recreated under
 * the same name, rotated credentials) gets fresh watchers instead of failing forever with the old ones.
 */
export function liveCluster(context: string): LiveCluster | undefined {
  const config = configForContext(loadKubeconfig(), context);
  const existing = clusters.get(context);
  if (!config) {
    if (existing) retire(context, existing, 'The context is no longer in the kubeconfig.');
    return undefined;
  }
  const print = fingerprint(config);
  if (existing?.fingerprint === print) return existing.cluster;
  if (existing) retire(context, existing, 'The context now points at another cluster or identity; reconnecting.');
  const cluster = new LiveCluster(context, kubeTransport(config, watchWindowFromEnv(process.env)), kubeSecretNameLister(config));
  clusters.set(context, { cluster, fingerprint: print });
  return cluster;
}

function retire(context: string, entry: Entry, reason: string) {
  clusters.delete(context);
  entry.cluster.stop(reason);
}

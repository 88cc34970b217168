import { kubeTransport } from './kube-transport';
import { configForContext, loadKubeconfig } from './kubeconfig';
import { LiveCluster } from './live-cluster';

// On globalThis so that every route handler and every dev hot reload shares the same watchers: one list+watch set
// per context for the whole server process, however many tabs are open.
const registryKey = Symbol.for('kube-netmap.live-clusters');
type Registry = Map<string, LiveCluster>;
const globalRegistry = globalThis as typeof globalThis & { [registryKey]?: Registry };
const clusters: Registry = (globalRegistry[registryKey] ??= new Map());

/** The shared live cluster of a kubeconfig context, started on first use; undefined for an unknown context. */
export function liveCluster(context: string): LiveCluster | undefined {
  const existing = clusters.get(context);
  if (existing) return existing;
  const config = configForContext(loadKubeconfig(), context);
  if (!config) return undefined;
  const cluster = new LiveCluster(context, kubeTransport(config));
  clusters.set(context, cluster);
  return cluster;
}

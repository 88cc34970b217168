import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';
import { liveCluster } from '@/lib/sources/live/registry';
import type { LiveCluster } from '@/lib/sources/live/live-cluster';
import { jsonError } from './responses';

/** The live cluster a request names (or the kubeconfig's current context), or the error response to send. */
export function resolveLiveCluster(context: string | undefined): LiveCluster | Response {
  const loaded = loadKubeconfig();
  const name = context ?? loaded.currentContext;
  if (!name) return jsonError(404, loaded.error ?? (loaded.origin.kind === 'none' ? loaded.origin.reason : 'The kubeconfig has no context.'));
  const cluster = liveCluster(name);
  if (!cluster) {
    const known = loaded.contexts.map((c) => c.name).join(', ') || 'none';
    return jsonError(404, `Unknown context "${name}". Contexts in the kubeconfig: ${known}.`);
  }
  return cluster;
}

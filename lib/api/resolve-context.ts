import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import { demoModel } from '@/lib/sources/demo';
import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';
import type { LiveCluster } from '@/lib/sources/live/live-cluster';
import { liveCluster } from '@/lib/sources/live/registry';
import { warmReach } from './reach-warmup';
import { jsonError } from './responses';
import { DEMO_CONTEXT } from './types';

export type ModelSource = { kind: 'live'; cluster: LiveCluster } | { kind: 'demo'; model: ClusterModel };

/**
 * What a request's context names: the built-in demo, or a kubeconfig context (the current one when none is
 * given) with its shared live cluster. Otherwise the error response to send.
 */
export async function resolveModelSource(context: string | undefined): Promise<ModelSource | Response> {
  if (context === DEMO_CONTEXT) return { kind: 'demo', model: await demoModel() };
  const loaded = loadKubeconfig();
  const name = context ?? loaded.currentContext;
  if (!name) {
    const reason = loaded.error ?? (loaded.origin.kind === 'none' ? loaded.origin.reason : 'The kubeconfig has no context.');
    return jsonError(404, `${reason} Use context=${DEMO_CONTEXT} for the built-in demo.`);
  }
  const cluster = liveCluster(name);
  if (!cluster) {
    const known = [...loaded.contexts.map((c) => c.name), DEMO_CONTEXT].join(', ');
    return jsonError(404, `Unknown context "${name}". Known contexts: ${known}.`);
  }
  // The context's models get prepared for reachability as they settle, off the request path.
  warmReach(cluster.store);
  return { kind: 'live', cluster };
}

/** The demo is built from manifests; a context's model from its cluster. */
export const originOf = (source: ModelSource): ModelOrigin => (source.kind === 'demo' ? 'manifests' : 'live');

/** The current model of a source, for the analysis endpoints. */
export function currentModel(source: ModelSource): ClusterModel {
  return source.kind === 'demo' ? source.model : source.cluster.store.snapshot().model;
}

import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import { demoModel } from '@/lib/sources/demo';
import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';
import type { LiveCluster } from '@/lib/sources/live/live-cluster';
import { liveCluster } from '@/lib/sources/live/registry';
import { signedInCluster } from '@/lib/sources/live/signed-in';
import { authSettingsFromEnv, requestToken } from './auth-mode';
import { jsonError } from './responses';
import { DEMO_CONTEXT } from './types';

export type ModelSource =
  | { kind: 'live'; cluster: LiveCluster; /** Token mode: keeps the identity's watch set in use while signal is live. */ hold?: (signal: AbortSignal) => void }
  | { kind: 'demo'; model: ClusterModel };

/**
 * What a request's context names: the built-in demo, or a kubeconfig context (the current one when none is
 * given) with its shared live cluster; in token mode, the one context, read as the request's token. Otherwise the
 * error response to send.
 */
export async function resolveModelSource(context: string | undefined, request: Request): Promise<ModelSource | Response> {
  const auth = authSettingsFromEnv(process.env);
  // In token mode nothing is served without a token the API server accepts, the demo included (server.ts refuses
  // requests with no token at all before they get here).
  const signedIn = auth.mode === 'token' ? await signedInContext(request, auth) : undefined;
  if (signedIn instanceof Response) return signedIn;
  if (context === DEMO_CONTEXT) return { kind: 'demo', model: await demoModel() };
  const loaded = loadKubeconfig();
  const name = context ?? loaded.currentContext;
  if (!name) {
    const reason = loaded.error ?? (loaded.origin.kind === 'none' ? loaded.origin.reason : 'The kubeconfig has no context.');
    return jsonError(404, `${reason} Use context=${DEMO_CONTEXT} for the built-in demo.`);
  }
  if (signedIn) {
    if (name !== loaded.currentContext) return jsonError(404, `Unknown context "${name}". Signed in, the one context is ${loaded.currentContext}.`);
    return { kind: 'live', cluster: signedIn.cluster, hold: signedIn.hold };
  }
  const cluster = liveCluster(name);
  if (!cluster) {
    const known = [...loaded.contexts.map((c) => c.name), DEMO_CONTEXT].join(', ');
    return jsonError(404, `Unknown context "${name}". Known contexts: ${known}.`);
  }
  return { kind: 'live', cluster };
}

/** Token mode: the watch set of the identity whose token the request carries, or the error response. */
export async function signedInContext(request: Request, auth = authSettingsFromEnv(process.env)) {
  const token = requestToken(request.headers);
  if (token === undefined) return jsonError(401, 'Sign in with a Kubernetes bearer token first.');
  const acquired = await signedInCluster(auth, token);
  return acquired.ok ? acquired : jsonError(acquired.status, acquired.message);
}

/** The demo is built from manifests; a context's model from its cluster. */
export const originOf = (source: ModelSource): ModelOrigin => (source.kind === 'demo' ? 'manifests' : 'live');

/** The current model of a source, for the analysis endpoints. */
export function currentModel(source: ModelSource): ClusterModel {
  return source.kind === 'demo' ? source.model : source.cluster.store.snapshot().model;
}

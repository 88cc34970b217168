import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';
import type { ContextsResponse } from './types';

/**
 * The kubeconfig's contexts as /api/contexts answers them, and as the page is rendered with so that it does not
 * wait for that answer. Signed in (token mode), only the current context, read as the user.
 */
export function contextsResponse(signedInAs?: string): ContextsResponse {
  const { origin, contexts, currentContext, error } = loadKubeconfig();
  return {
    origin: origin.kind,
    ...(origin.kind === 'none' ? { reason: origin.reason } : {}),
    ...(error ? { error } : {}),
    ...(currentContext ? { currentContext } : {}),
    contexts: signedInAs !== undefined ? contexts.filter((c) => c.name === currentContext) : contexts,
    ...(signedInAs !== undefined ? { signedInAs } : {}),
  };
}

import { json } from '@/lib/api/responses';
import type { ContextsResponse } from '@/lib/api/types';
import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const { origin, contexts, currentContext, error } = loadKubeconfig();
  const body: ContextsResponse = {
    origin: origin.kind,
    ...(origin.kind === 'none' ? { reason: origin.reason } : {}),
    ...(error ? { error } : {}),
    ...(currentContext ? { currentContext } : {}),
    contexts,
  };
  return json(body);
}

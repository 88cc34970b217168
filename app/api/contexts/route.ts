import { json } from '@/lib/api/responses';
import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  const { origin, contexts, currentContext, error } = loadKubeconfig();
  return json({
    origin: origin.kind,
    ...(origin.kind === 'none' ? { reason: origin.reason } : {}),
    ...(error ? { error } : {}),
    ...(currentContext ? { currentContext } : {}),
    contexts,
  });
}

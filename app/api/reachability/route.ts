import { reachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { analysisRoute } from '@/lib/api/analysis-route';
import { reachabilityParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(reachabilityParams, (model, { pod }) => {
  const [namespace, name] = pod.split('/') as [string, string];
  return reachablePeers(model, { namespace, name });
});

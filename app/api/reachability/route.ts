import { parseReachTarget, reachOf } from '@/lib/analysis/flow/reach-target';
import { analysisRoute } from '@/lib/api/analysis-route';
import { reachabilityParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

/** `pod=NS/NAME` answers for the pod; a workload (`deploy/NS/NAME`, `NS/Kind/NAME`) for each of its pods. */
export const GET = analysisRoute(reachabilityParams, (model, { pod }) => reachOf(model, parseReachTarget(pod)));

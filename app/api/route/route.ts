import { traceRequest } from '@/lib/analysis/routing/trace-request';
import { analysisRoute } from '@/lib/api/analysis-route';
import { routeParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

export const GET = analysisRoute(routeParams, (model, { host, path, ingressClass }) =>
  traceRequest(model, { host, path, ...(ingressClass ? { ingressClass } : {}) }),
);

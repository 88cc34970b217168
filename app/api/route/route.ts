import { traceGatewayRequest } from '@/lib/analysis/gateway/trace-gateway';
import { traceRequest } from '@/lib/analysis/routing/trace-request';
import { parseTraceTarget } from '@/lib/analysis/routing/trace-target';
import { analysisRoute } from '@/lib/api/analysis-route';
import { routeParams } from '@/lib/api/params';

export const dynamic = 'force-dynamic';

// A target the engine cannot read (a bad URL, a gRPC URL without a method) throws TraceTargetError: a 400.
export const GET = analysisRoute(routeParams, (model, { host, path, ingressClass, url, method, headers, gateway, gatewayPods, gatewayPodsNamespace }) => {
  const target = parseTraceTarget(url ?? `http://${host}${path}`, {
    ...(ingressClass ? { ingressClass } : {}),
    ...(method ? { method } : {}),
    ...(headers ? { headers: headers.split('\n').filter((l) => l.trim()) } : {}),
  });
  const [namespace, name] = gateway?.split('/') ?? [];
  const only = namespace && name ? { gateway: { namespace, name } } : {};
  const labels = gatewayPods ? Object.fromEntries(gatewayPods.split(',').map((pair) => pair.split('=').map((s) => s.trim()) as [string, string])) : undefined;
  const pods = labels ? { labels, ...(gatewayPodsNamespace ? { namespace: gatewayPodsNamespace } : {}) } : undefined;
  return target.kind === 'http'
    ? traceRequest(model, { ...target.input, ...only, ...(pods ? { gatewayPods: pods } : {}) })
    : traceGatewayRequest(model, target.request, { ...only, ...(pods ? { dataPlane: pods } : {}) });
});

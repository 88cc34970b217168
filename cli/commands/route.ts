import type { GatewayTrace } from '@/lib/analysis/gateway/trace-gateway';
import { traceGatewayRequest } from '@/lib/analysis/gateway/trace-gateway';
import { traceRequest, type RequestTrace } from '@/lib/analysis/routing/trace-request';
import { parseTraceTarget, TraceTargetError, type TraceTarget } from '@/lib/analysis/routing/trace-target';
import { UsageError } from '../errors';
import { defineCommand } from './command';

interface RouteRequest {
  target: TraceTarget;
  gateway?: { namespace: string; name: string };
  gatewayPods?: { labels: Record<string, string>; namespace?: string };
}

function parseGatewayRef(text: string): { namespace: string; name: string } {
  const m = /^([a-z0-9][-a-z0-9]*)\/([a-z0-9][-a-z0-9.]*)$/.exec(text.trim());
  if (!m) throw new UsageError(`--gateway must be NAMESPACE/NAME, not "${text}"`);
  return { namespace: m[1]!, name: m[2]! };
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--gateway-pods must be labels like key=value[,key=value], not "${text}"`);
    labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return labels;
}

function formatGateway(g: GatewayTrace, indent: string): string[] {
  if (g.unknown) return [`${indent}UNKNOWN: ${g.unknown}`];
  const head = g.redirect ? `REDIRECTED ${g.redirect.statusCode} ${g.redirect.location}` : g.matched ? 'ROUTED' : 'NOT ROUTED';
  return [
    `${indent}${head}`,
    ...g.steps.map((s) => `${indent}  ${s.kind}: ${s.text}`),
    ...g.backends.flatMap((b) =>
      (b.resolution?.backends ?? []).map(
        (e) => `${indent}  endpoint of ${b.namespace}/${b.ref.name}: ${e.address || '(no IP)'}${e.pod ? ` pod ${e.pod.meta.namespace}/${e.pod.meta.name}` : ''} port ${e.targetPort ?? '?'} ${e.ready ? 'ready' : 'not ready'}${e.problem ? `: ${e.problem}` : ''}`,
      ),
    ),
    // A note that is not the data plane's own (which a policy step already says) is the backend's alone.
    ...g.backends.filter((b) => b.flowNote && b.flowNote !== g.dataPlane?.text).map((b) => `${indent}  policies to ${b.namespace}/${b.ref.name}: not checked: ${b.flowNote}`),
    ...g.backends.flatMap((b) => (b.flow ? b.flow.trace.map((t) => `${indent}    ${t}`) : [])),
    ...g.reasons.map((r) => `${indent}  reason: ${r}`),
  ];
}

function formatIngress(result: RequestTrace): string[] {
  const backends = result.resolution?.backends ?? [];
  return [
    result.unknown ? `UNKNOWN: ${result.unknown}` : result.matched ? 'ROUTED' : 'NOT ROUTED',
    ...result.steps.map((s) => `  ${s.kind}: ${s.text}`),
    ...backends.map(
      (b) => `  endpoint ${b.address || '(no IP)'}${b.pod ? ` pod ${b.pod.meta.namespace}/${b.pod.meta.name}` : ''} port ${b.targetPort ?? '?'} ${b.ready ? 'ready' : 'not ready'}${b.problem ? `: ${b.problem}` : ''}`,
    ),
    ...result.reasons.map((r) => `  reason: ${r}`),
    ...(result.controllerFlow
      ? [
          `  policies, from the ingress controller pod ${result.controllerFlow.from}: ${result.controllerFlow.verdict.toUpperCase()}: ${result.controllerFlow.summary}`,
          ...result.controllerFlow.trace.map((t) => `    ${t}`),
        ]
      : []),
    ...(result.controllerNote ? [`  policies: not checked: ${result.controllerNote}`] : []),
  ];
}

export const route = defineCommand({
  summary: 'Where a request goes, through Ingress and the Gateway API: class or Gateway, listener, route rule, Service port, targetPort, endpoints and pods.',
  usage: [
    'http://shop.example.com/api/cart [--ingress-class nginx] [--method POST] [--header "x-canary: yes"]...',
    '--host shop.example.com --path /api/cart',
    'grpc://api.example.com:50051/shop.Cart/Add | tls://db.example.com:443 | tcp://HOST:PORT | udp://HOST:PORT',
    '... [--gateway NAMESPACE/NAME] [--gateway-pods key=value[,key=value] [--gateway-pods-namespace NS]]',
  ],
  options: {
    host: { type: 'string' },
    path: { type: 'string' },
    'ingress-class': { type: 'string' },
    method: { type: 'string' },
    header: { type: 'string', multiple: true },
    gateway: { type: 'string' },
    'gateway-pods': { type: 'string' },
    'gateway-pods-namespace': { type: 'string' },
  },
  parse: (values, positionals): RouteRequest => {
    if (positionals.length > 1) throw new UsageError('give one URL');
    const extras = {
      ...(typeof values['ingress-class'] === 'string' ? { ingressClass: values['ingress-class'] } : {}),
      ...(typeof values.method === 'string' ? { method: values.method } : {}),
      ...(Array.isArray(values.header) ? { headers: values.header as string[] } : {}),
    };
    let text = positionals[0];
    if (!text) {
      if (typeof values.host !== 'string') throw new UsageError('give a URL, or --host (and --path)');
      const path = typeof values.path === 'string' ? values.path : '/';
      if (!path.startsWith('/')) throw new UsageError('--path must start with /');
      text = `http://${values.host}${path}`;
    }
    let target: TraceTarget;
    try {
      target = parseTraceTarget(text, extras);
    } catch (error) {
      if (error instanceof TraceTargetError) throw new UsageError(error.message);
      throw error;
    }
    const pods = typeof values['gateway-pods'] === 'string' ? parseLabels(values['gateway-pods']) : undefined;
    if (!pods && typeof values['gateway-pods-namespace'] === 'string') throw new UsageError('--gateway-pods-namespace needs --gateway-pods');
    return {
      target,
      ...(typeof values.gateway === 'string' ? { gateway: parseGatewayRef(values.gateway) } : {}),
      ...(pods ? { gatewayPods: { labels: pods, ...(typeof values['gateway-pods-namespace'] === 'string' ? { namespace: values['gateway-pods-namespace'] } : {}) } } : {}),
    };
  },
  run: (model, { target, gateway, gatewayPods }: RouteRequest): RequestTrace | GatewayTrace =>
    target.kind === 'http'
      ? traceRequest(model, { ...target.input, ...(gateway ? { gateway } : {}), ...(gatewayPods ? { gatewayPods } : {}) })
      : traceGatewayRequest(model, target.request, { ...(gateway ? { gateway } : {}), ...(gatewayPods ? { dataPlane: gatewayPods } : {}) }),
  format: (result: RequestTrace | GatewayTrace) => {
    if (!('servedBy' in result)) return ['Gateway API:', ...formatGateway(result, '  ')].join('\n');
    // The Ingress answer comes first, as it always has; the Gateway API's and the verdict on both follow.
    return [...formatIngress(result), 'Gateway API:', ...formatGateway(result.gateway, '  '), `served by: ${result.servedBy}: ${result.servedByText}`].join('\n');
  },
});

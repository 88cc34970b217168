import { formatFlowTrace } from '@/lib/analysis/flow/trace';
import type { GatewayTrace } from '@/lib/analysis/gateway/trace-gateway';
import { traceGatewayRequest } from '@/lib/analysis/gateway/trace-gateway';
import { traceRequest, type RequestTrace } from '@/lib/analysis/routing/trace-request';
import { TraceTargetError } from '@/lib/analysis/errors';
import { parseTraceTarget, type TraceTarget } from '@/lib/analysis/routing/trace-target';
import { dns1123LabelProblems, dns1123SubdomainProblems } from '@/lib/validation/names';
import { requestHostProblems, requestPathProblems } from '@/lib/validation/requests';
import { gatewayRefProblems, headerLinesProblems, labelPairsProblems, traceUrlProblems } from '@/lib/validation/trace-target';
import { checkArgument } from '../args';
import { UsageError } from '../errors';
import { defineCommand } from './command';

interface RouteRequest {
  target: TraceTarget;
  gateway?: { namespace: string; name: string };
  gatewayPods?: { labels: Record<string, string>; namespace?: string };
}

function parseGatewayRef(text: string): { namespace: string; name: string } {
  const [namespace, name] = checkArgument('--gateway', text, gatewayRefProblems).split('/');
  return { namespace: namespace!, name: name! };
}

function parseLabels(text: string): Record<string, string> {
  checkArgument('--gateway-pods', text, labelPairsProblems);
  return Object.fromEntries(text.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
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
    ...g.backends.flatMap((b) => (b.flow ? formatFlowTrace(b.flow.trace).map((t) => `${indent}    ${t}`) : [])),
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
          ...formatFlowTrace(result.controllerFlow.trace).map((t) => `    ${t}`),
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
    const headers = Array.isArray(values.header) ? (values.header as string[]) : undefined;
    if (headers) checkArgument('--header', headers.join('\n'), headerLinesProblems);
    const extras = {
      ...(typeof values['ingress-class'] === 'string' ? { ingressClass: checkArgument('--ingress-class', values['ingress-class'], dns1123SubdomainProblems) } : {}),
      ...(typeof values.method === 'string' ? { method: values.method } : {}),
      ...(headers ? { headers } : {}),
    };
    let text = positionals[0];
    if (!text) {
      if (typeof values.host !== 'string') throw new UsageError('give a URL, or --host (and --path)');
      checkArgument('--host', values.host, requestHostProblems);
      const path = typeof values.path === 'string' ? checkArgument('--path', values.path, requestPathProblems) : '/';
      text = `http://${values.host}${path}`;
    }
    checkArgument('the URL', text, traceUrlProblems);
    let target: TraceTarget;
    try {
      target = parseTraceTarget(text, extras);
    } catch (error) {
      if (error instanceof TraceTargetError) throw new UsageError(error.message);
      throw error;
    }
    const pods = typeof values['gateway-pods'] === 'string' ? parseLabels(values['gateway-pods']) : undefined;
    if (!pods && typeof values['gateway-pods-namespace'] === 'string') throw new UsageError('--gateway-pods-namespace needs --gateway-pods');
    if (typeof values['gateway-pods-namespace'] === 'string') checkArgument('--gateway-pods-namespace', values['gateway-pods-namespace'], dns1123LabelProblems);
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

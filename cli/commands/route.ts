import { formatFlowTrace } from '@/lib/analysis/flow/trace';
import { traceRequest, type RequestTrace } from '@/lib/analysis/routing/trace-request';
import { UsageError } from '../errors';
import { defineCommand } from './command';

export const route = defineCommand({
  summary: 'Where a request goes: IngressClass, Ingress rule, Service port, targetPort, endpoints and pods.',
  usage: ['http://shop.example.com/api/cart [--ingress-class nginx]', '--host shop.example.com --path /api/cart'],
  options: { host: { type: 'string' }, path: { type: 'string' }, 'ingress-class': { type: 'string' } },
  parse: (values, positionals) => {
    const ingressClass = typeof values['ingress-class'] === 'string' ? { ingressClass: values['ingress-class'] } : {};
    if (positionals.length > 1) throw new UsageError('give one URL');
    if (positionals[0]) {
      let url: URL;
      try {
        url = new URL(positionals[0].includes('://') ? positionals[0] : `http://${positionals[0]}`);
      } catch {
        throw new UsageError(`"${positionals[0]}" is not a URL`);
      }
      return { host: url.host, path: url.pathname || '/', ...ingressClass };
    }
    if (typeof values.host !== 'string') throw new UsageError('give a URL, or --host (and --path)');
    const path = typeof values.path === 'string' ? values.path : '/';
    if (!path.startsWith('/')) throw new UsageError('--path must start with /');
    return { host: values.host, path, ...ingressClass };
  },
  run: (model, request) => traceRequest(model, request),
  format: (result: RequestTrace) => {
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
    ].join('\n');
  },
});

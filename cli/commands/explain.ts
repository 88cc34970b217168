import { explainFlow, type FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import { formatFlowTrace } from '@/lib/analysis/flow/trace';
import { parsePort, parseProtocol, requireOption } from '../args';
import { defineCommand } from './command';

const TARGET_HINT = 'pod/NS/NAME, svc/NS/NAME, a DNS name or an IP';

export const explain = defineCommand({
  summary: 'Can FROM reach TO on a port, and why: the verdict of the egress and the ingress side.',
  usage: ['--from pod/shop/web --to svc/shop/api --port 80 [--protocol TCP]'],
  options: { from: { type: 'string' }, to: { type: 'string' }, port: { type: 'string' }, protocol: { type: 'string' } },
  parse: (values) => ({
    from: requireOption(values, 'from', TARGET_HINT),
    to: requireOption(values, 'to', TARGET_HINT),
    port: parsePort(values.port),
    protocol: parseProtocol(values.protocol),
  }),
  run: (model, request) => explainFlow(model, request),
  format: (result: FlowExplanation) =>
    [
      `${result.verdict.toUpperCase()}: ${result.from} → ${result.to} ${result.protocol} ${result.port}`,
      result.summary,
      ...result.unknownReasons.map((r) => `unknown: ${r}`),
      '',
      ...formatFlowTrace(result.trace),
    ].join('\n'),
});

import { explainFlow, type FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import { TARGET_FORMS } from '@/lib/analysis/flow/targets';
import { formatFlowTrace } from '@/lib/analysis/flow/trace';
import { flowTargetProblems } from '@/lib/validation/requests';
import { checkArgument, parsePort, parseProtocol, requireOption } from '../args';
import { enforcementLine, networkPluginOf } from '../enforcement-line';
import type { EnforcementResult } from '@/lib/analysis/enforcement';
import { defineCommand } from './command';

const TARGET_HINT = TARGET_FORMS;

export const explain = defineCommand({
  summary: 'Can FROM reach TO on a port, and why: the verdict of the egress and the ingress side.',
  usage: [
    '--from pod/shop/web --to svc/shop/api --port 80 [--protocol TCP]',
    '--from deploy/shop/web --to sts/shop/db --port 5432   (a workload: each of its pods, one path each)',
  ],
  options: { from: { type: 'string' }, to: { type: 'string' }, port: { type: 'string' }, protocol: { type: 'string' } },
  parse: (values) => ({
    from: checkArgument('--from', requireOption(values, 'from', TARGET_HINT), flowTargetProblems),
    to: checkArgument('--to', requireOption(values, 'to', TARGET_HINT), flowTargetProblems),
    port: parsePort(values.port),
    protocol: parseProtocol(values.protocol),
  }),
  run: (model, request) => ({ ...explainFlow(model, request), networkPlugin: networkPluginOf(model) }),
  format: (result: FlowExplanation & { networkPlugin: EnforcementResult | undefined }) =>
    [
      `${result.verdict.toUpperCase()}: ${result.from} → ${result.to} ${result.protocol} ${result.port}`,
      result.summary,
      ...result.unknownReasons.map((r) => `unknown: ${r}`),
      ...enforcementLine(result.networkPlugin),
      '',
      ...formatFlowTrace(result.trace),
    ].join('\n'),
});

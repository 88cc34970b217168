import { diagnose, filterReport, formatFindings, type DiagnoseReport, type Severity } from '@/lib/analysis/diagnose';
import { dns1123LabelProblems } from '@/lib/validation/names';
import { checkArgument } from '../args';
import { UsageError } from '../errors';
import { defineCommand } from './command';

const FAIL_LEVELS: Record<string, Severity[]> = { error: ['error'], warning: ['error', 'warning'] };

export const diagnoseCommand = defineCommand({
  summary: 'Find what is broken: Services that select nothing, missing targetPorts, Ingress backends, and more.',
  usage: ['[--fail-on warning|error] [--namespace NS]'],
  options: { 'fail-on': { type: 'string' }, namespace: { type: 'string', short: 'n' } },
  parse: (values) => {
    const failOn = values['fail-on'];
    if (failOn !== undefined && (typeof failOn !== 'string' || !FAIL_LEVELS[failOn])) {
      throw new UsageError(`--fail-on must be warning or error, not "${String(failOn)}"`);
    }
    const namespace = typeof values.namespace === 'string' ? checkArgument('--namespace', values.namespace, dns1123LabelProblems) : undefined;
    return { failOn: failOn as string | undefined, namespace };
  },
  run: (model, { failOn, namespace }, source) => {
    const report = filterReport(diagnose(model, { source }), { namespace });
    return { ...report, failed: !!failOn && report.findings.some((f) => FAIL_LEVELS[failOn]!.includes(f.severity)) };
  },
  format: (report: DiagnoseReport & { failed: boolean }) => formatFindings(report),
  exitCode: (result) => (result.failed ? 1 : 0),
});

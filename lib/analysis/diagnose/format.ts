// Human text of a report: one block per finding, then the skipped checks and a summary line.

import type { DiagnoseReport, Finding, Severity } from './types';

const LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

const objectText = (o: Finding['objects'][number]) => `${o.kind} ${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`;

function block(f: Finding): string {
  const [subject] = f.objects;
  return [
    `${LABEL[f.severity]} ${f.check}${subject ? `: ${objectText(subject)}` : ''}`,
    `  ${f.message}`,
    `  Fix: ${f.hint}`,
    `  id: ${f.id}`,
  ].join('\n');
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function formatFindings(report: DiagnoseReport): string {
  const { findings, skipped } = report;
  const blocks = findings.map(block);
  if (skipped.length > 0) {
    blocks.push(['Skipped checks:', ...skipped.map((s) => `  ${s.check}: ${s.reason}`)].join('\n'));
  }
  const by = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const summary =
    findings.length === 0
      ? `No findings${skipped.length > 0 ? ` (${count(skipped.length, 'check')} skipped)` : ''}.`
      : `${count(by('error'), 'error')}, ${count(by('warning'), 'warning')}, ${by('info')} info` +
        `${skipped.length > 0 ? `; ${count(skipped.length, 'check')} skipped` : ''}.`;
  blocks.push(summary);
  return `${blocks.join('\n\n')}\n`;
}

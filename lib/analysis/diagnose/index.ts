// Diagnosis of a cluster model: a list of concrete findings (what is wrong, how to fix it), each from one check of
// the registry. Pure: reads the model only. A check whose data is not synced is skipped with the reason, never
// reported as healthy or turned into a false finding.

import type { ClusterModel } from '@/lib/model';
import { indexModel } from '@/lib/analysis/model-index';
import { unsyncedProblems } from '@/lib/analysis/sync-state';
import { CHECKS } from './registry';
import type { Check, CheckContext, DiagnoseOptions, DiagnoseReport, Finding, Severity, SkippedCheck } from './types';
import { byCodeUnits } from '@/lib/model/names';

export type { Check, CheckContext, CheckSkip, DiagnoseOptions, DiagnoseReport, Finding, FindingObject, Severity, SkippedCheck } from './types';
export { CHECKS } from './registry';
export { findingId } from './helpers';
export { formatFindings } from './format';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || byCodeUnits(a.id, b.id);
}

function runCheck(check: Check, context: CheckContext): Finding[] | SkippedCheck {
  const unsynced = unsyncedProblems(context.model, check.needs);
  if (unsynced) return { check: check.check, reason: unsynced };
  try {
    const result = check.run(context);
    return Array.isArray(result) ? result : { check: check.check, reason: result.skip };
  } catch (e) {
    // One faulty check must not hide the others' findings; its failure is reported, not swallowed.
    return { check: check.check, reason: `the check failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Runs every check (options.checks, else the registry) on the model. Findings are sorted by severity, then id. */
export function diagnose(model: ClusterModel, options: DiagnoseOptions = {}): DiagnoseReport {
  const context: CheckContext = { model, index: indexModel(model), options };
  const findings: Finding[] = [];
  const skipped: SkippedCheck[] = [];
  for (const check of options.checks ?? CHECKS) {
    const result = runCheck(check, context);
    if (Array.isArray(result)) for (const finding of result) findings.push(finding);
    else skipped.push(result);
  }
  findings.sort(compareFindings);
  return { findings, skipped };
}
export { concernsNamespace, filterReport } from './filter';

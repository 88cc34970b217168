// Diagnosis of a cluster model: a list of concrete findings (what is wrong, how to fix it), each from one check of
// the registry. Pure: reads the model only. A check whose data is not synced is skipped with the reason, never
// reported as healthy or turned into a false finding.

import type { ClusterModel, ResourceKind, SyncState } from '@/lib/model';
import { indexModel } from '@/lib/analysis/model-index';
import { byCodeUnits } from './helpers';
import { CHECKS } from './registry';
import type { Check, CheckContext, DiagnoseOptions, DiagnoseReport, Finding, Severity, SkippedCheck } from './types';

export type { Check, CheckContext, CheckSkip, DiagnoseOptions, DiagnoseReport, Finding, FindingObject, Severity, SkippedCheck } from './types';
export { CHECKS } from './registry';
export { findingId } from './helpers';
export { formatFindings } from './format';

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

function describeState(kind: ResourceKind, state: SyncState): string | undefined {
  switch (state.status) {
    case 'synced':
      return undefined;
    case 'syncing':
      return `${kind} are still loading`;
    case 'forbidden':
      return `${kind} cannot be read (forbidden: ${state.message})`;
    case 'error':
      return `${kind} could not be loaded (${state.message})`;
  }
}

/** Why a check that reads these kinds cannot run, or undefined when all of them are synced. */
export function unsyncedNeeds(model: ClusterModel, needs: readonly ResourceKind[]): string | undefined {
  const problems = needs.map((k) => describeState(k, model.sync[k])).filter((p): p is string => p !== undefined);
  return problems.length === 0 ? undefined : problems.join('; ');
}

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || byCodeUnits(a.id, b.id);
}

function runCheck(check: Check, context: CheckContext): Finding[] | SkippedCheck {
  const unsynced = unsyncedNeeds(context.model, check.needs);
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
    if (Array.isArray(result)) findings.push(...result);
    else skipped.push(result);
  }
  findings.sort(compareFindings);
  return { findings, skipped };
}
export { concernsNamespace, filterReport } from './filter';

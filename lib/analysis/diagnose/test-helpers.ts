// Helpers for the diagnose tests: run one check, and compare findings with what a case expects.

import { expect } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { diagnose } from './index';
import type { Check, DiagnoseOptions, DiagnoseReport, Finding, Severity } from './types';

/** What a case expects of one finding: the exact id, severity and objects, and parts of the message and hint. */
export interface ExpectedFinding {
  id: string;
  severity: Severity;
  /** "Kind/namespace/name", or "Kind/name" for a cluster-scoped object, in order. */
  objects: string[];
  message?: string[];
  hint?: string[];
}

export const objectText = (o: Finding['objects'][number]) => `${o.kind}/${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`;

/** Runs the given checks only. */
export function runChecks(checks: Check | Check[], model: ClusterModel, options: Omit<DiagnoseOptions, 'checks'> = {}): DiagnoseReport {
  return diagnose(model, { ...options, checks: Array.isArray(checks) ? checks : [checks] });
}

export function expectFindings(report: DiagnoseReport, expected: ExpectedFinding[]): void {
  expect(report.findings.map((f) => ({ id: f.id, severity: f.severity, objects: f.objects.map(objectText) }))).toStrictEqual(
    expected.map((e) => ({ id: e.id, severity: e.severity, objects: e.objects })),
  );
  expected.forEach((e, i) => {
    const f = report.findings[i];
    for (const part of e.message ?? []) expect(f?.message).toContain(part);
    for (const part of e.hint ?? []) expect(f?.hint).toContain(part);
    expect(f?.check).toBe(e.id.slice(0, e.id.indexOf(':')));
  });
}

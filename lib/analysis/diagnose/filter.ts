import type { DiagnoseReport, Finding, Severity } from './types';

/** Does the finding concern this namespace: an object in it, or the Namespace itself? */
export function concernsNamespace(finding: Finding, namespace: string): boolean {
  return finding.objects.some((o) => o.namespace === namespace || (o.kind === 'Namespace' && o.name === namespace));
}

/** The report limited to one namespace and/or one severity; skipped checks stay, they concern every namespace. */
export function filterReport(report: DiagnoseReport, filter: { namespace?: string | undefined; severity?: Severity | undefined }): DiagnoseReport {
  return {
    ...report,
    findings: report.findings.filter(
      (f) => (!filter.severity || f.severity === filter.severity) && (!filter.namespace || concernsNamespace(f, filter.namespace)),
    ),
  };
}

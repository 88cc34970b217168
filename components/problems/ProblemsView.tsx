'use client';

import { useId, useMemo, useState } from 'react';
import type { DiagnoseReport, Finding, Severity } from '@/lib/analysis/diagnose/types';
import type { GatewaySummary } from '@/lib/analysis/gateway';
import { filterFindings, findingNodeId, namespaceOptions, objectLabel, SEVERITIES, severityCounts } from '@/lib/graph/problems-focus';
import { SEVERITY_ICON, SeverityBadge } from './severity';

const ALL_SEVERITIES: ReadonlySet<Severity> = new Set(SEVERITIES);

/**
 * Every finding of the diagnosis, filterable by namespace and severity, and the checks that did not run (so that
 * nothing passes silently). Clicking a finding focuses its object on the map.
 */
export function ProblemsView({
  report,
  namespaces,
  gateways,
  onFocus,
}: {
  report: DiagnoseReport;
  namespaces: string[];
  /** The Gateways' summaries, which relate a route (or class, grant) to the map node it focuses. */
  gateways: readonly GatewaySummary[];
  onFocus: (nodeId: string) => void;
}) {
  const [namespace, setNamespace] = useState('');
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(ALL_SEVERITIES);
  const headingId = useId();

  const options = useMemo(() => namespaceOptions(namespace ? [...namespaces, namespace] : namespaces, report.findings), [namespaces, namespace, report.findings]);
  const inNamespace = useMemo(() => filterFindings(report.findings, { namespace, severities: ALL_SEVERITIES }), [report.findings, namespace]);
  const counts = useMemo(() => severityCounts(inNamespace), [inNamespace]);
  const shown = useMemo(() => inNamespace.filter((f) => severities.has(f.severity)), [inNamespace, severities]);

  const toggle = (severity: Severity, on: boolean) =>
    setSeverities((current) => {
      const next = new Set(current);
      if (on) next.add(severity);
      else next.delete(severity);
      return next;
    });

  return (
    <section aria-labelledby={headingId} data-testid="problems-view" className="flex h-full flex-col gap-2 overflow-auto p-3 text-sm">
      <h2 id={headingId} className="font-semibold">
        Problems{' '}
        <span className="font-normal text-slate-500" data-testid="problems-count">
          ({shown.length === report.findings.length ? shown.length : `${shown.length} of ${report.findings.length}`})
        </span>
      </h2>

      <div className="flex flex-col gap-1 text-xs">
        <label className="flex items-center gap-1">
          Namespace
          <select
            data-testid="problems-filter-namespace"
            value={namespace}
            onChange={(e) => setNamespace(e.target.value)}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
          >
            <option value="">all</option>
            {options.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <legend className="sr-only">Severity</legend>
          {SEVERITIES.map((severity) => (
            <label key={severity} className="flex items-center gap-1">
              <input
                type="checkbox"
                data-testid="problems-filter-severity"
                value={severity}
                checked={severities.has(severity)}
                onChange={(e) => toggle(severity, e.target.checked)}
              />
              <span aria-hidden="true">{SEVERITY_ICON[severity]}</span>
              {severity} ({counts[severity]})
            </label>
          ))}
        </fieldset>
      </div>

      {report.findings.length === 0 ? (
        <p role="status" className="text-slate-500">
          No problems found by the checks that ran.
        </p>
      ) : shown.length === 0 ? (
        <p role="status" className="text-slate-500">
          No finding matches the filters.
        </p>
      ) : (
        <ul className="space-y-1">
          {shown.map((finding) => (
            <ProblemItem key={finding.id} finding={finding} gateways={gateways} onFocus={onFocus} />
          ))}
        </ul>
      )}

      <NotChecked skipped={report.skipped} />
    </section>
  );
}

function ProblemItem({ finding, gateways, onFocus }: { finding: Finding; gateways: readonly GatewaySummary[]; onFocus: (nodeId: string) => void }) {
  const nodeId = findingNodeId(finding, gateways);
  const summary = (
    <>
      <span className="flex flex-wrap items-center gap-1">
        <SeverityBadge severity={finding.severity} />
        <span className="font-mono text-xs break-all text-slate-500">{finding.check}</span>
      </span>
      <span className="mt-0.5 block text-xs">{finding.message}</span>
    </>
  );
  return (
    <li data-testid="problem" data-id={finding.id} data-severity={finding.severity} className="rounded border border-slate-200 dark:border-slate-800">
      {nodeId ? (
        <button
          type="button"
          onClick={() => onFocus(nodeId)}
          title="Show on the map"
          data-node-id={nodeId}
          className="block w-full rounded-t p-1.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
        >
          {summary}
        </button>
      ) : (
        <div className="p-1.5">{summary}</div>
      )}
      <div className="space-y-1 px-1.5 pb-1.5">
        {finding.objects.length > 0 && (
          <ul aria-label="Objects" className="flex flex-wrap gap-1">
            {finding.objects.map((o) => (
              <li key={objectLabel(o)} className="rounded bg-slate-100 px-1 font-mono text-xs break-all dark:bg-slate-800">
                {objectLabel(o)}
              </li>
            ))}
          </ul>
        )}
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">How to fix</summary>
          <p data-testid="problem-hint" className="mt-1">
            {finding.hint}
          </p>
        </details>
      </div>
    </li>
  );
}

function NotChecked({ skipped }: { skipped: DiagnoseReport['skipped'] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="problems-skipped" className="mt-1 border-t border-slate-200 pt-2 dark:border-slate-800">
      <h3 id={headingId} className="text-xs font-semibold">
        Not checked ({skipped.length})
      </h3>
      {skipped.length === 0 ? (
        <p className="text-xs text-slate-500">Every check ran.</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {skipped.map((s) => (
            <li key={s.check} data-testid="problem-skipped" data-check={s.check} className="rounded border border-dashed border-slate-300 p-1.5 text-xs dark:border-slate-700">
              <span className="font-mono break-all">{s.check}</span>
              <span className="block text-slate-500">{s.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

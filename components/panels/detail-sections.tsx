import type { ReactNode } from 'react';
import type { Finding } from '@/lib/analysis/diagnose/types';
import { SeverityBadge } from '@/components/problems/severity';

/** A titled part of an object's side panel (a Service's ports, a Gateway's listeners). */
export function Section({ title, testId, children }: { title: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <section data-testid={testId} className="space-y-1">
      <h3 className="text-xs font-semibold text-slate-600 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

/** The findings that name an object, each with its fix; `testId` marks each row for the object's kind. */
export function FindingsSection({ findings, testId, none }: { findings: Finding[] | undefined; testId: string; none: string }) {
  // Undefined: the diagnosis has not answered yet (it runs in a worker); no finding is not the same as none found.
  if (!findings) {
    return (
      <Section title="Findings">
        <p className="text-xs text-slate-500">Diagnosing…</p>
      </Section>
    );
  }
  return (
    <Section title={`Findings (${findings.length})`}>
      {findings.length === 0 ? (
        <p className="text-xs text-slate-500">{none}</p>
      ) : (
        <ul className="space-y-1">
          {findings.map((f) => (
            <li key={f.id} data-testid={testId} data-id={f.id} data-severity={f.severity} className="space-y-1 rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800">
              <span className="flex flex-wrap items-center gap-1">
                <SeverityBadge severity={f.severity} />
                <span className="font-mono break-all text-slate-500">{f.check}</span>
              </span>
              <p>{f.message}</p>
              <p className="text-slate-600 dark:text-slate-400">
                <span className="font-semibold">Fix: </span>
                {f.hint}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

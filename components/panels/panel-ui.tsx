import type { ReactNode } from 'react';
import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import type { FlowVerdict } from '@/lib/analysis/flow/explain-flow';
import type { RouteStatus } from './panel-helpers';

// The pieces the query panels share, styled as PeerPanel is: text-sm, rounded borders, the slate palette.

export const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';
export const INPUT = `w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950 ${FOCUS}`;
export const LABEL = 'flex flex-col gap-0.5 text-xs font-medium';
export const BUTTON = `rounded border px-3 py-1 text-xs ${FOCUS}`;
export const PRIMARY = `${BUTTON} border-blue-600 bg-blue-600 font-semibold text-white hover:bg-blue-700 disabled:opacity-60`;
export const SECONDARY = `${BUTTON} border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`;

export type Tone = 'good' | 'bad' | 'unknown' | 'mixed';

const TONES: Record<Tone, string> = {
  good: 'border-green-700 text-green-800 dark:border-green-500 dark:text-green-300',
  bad: 'border-red-700 text-red-800 dark:border-red-500 dark:text-red-300',
  unknown: 'border-amber-600 text-amber-800 dark:border-amber-500 dark:text-amber-300',
  mixed: 'border-violet-700 text-violet-800 dark:border-violet-500 dark:text-violet-300',
};

/** A status carried by an icon and a word, the colour only repeating them. */
export function Badge({ icon, word, tone, ...data }: { icon: string; word: string; tone: Tone } & Record<`data-${string}`, string>) {
  return (
    <span {...data} className={`inline-flex items-center gap-1 rounded-full border-2 px-2 py-0.5 text-xs font-semibold uppercase ${TONES[tone]}`}>
      <span aria-hidden="true">{icon}</span>
      {word}
    </span>
  );
}

export const VERDICTS: Record<FlowVerdict, { icon: string; word: string; tone: Tone }> = {
  allowed: { icon: '✓', word: 'allowed', tone: 'good' },
  denied: { icon: '✕', word: 'denied', tone: 'bad' },
  unknown: { icon: '?', word: 'unknown', tone: 'unknown' },
  partial: { icon: '◐', word: 'partial', tone: 'mixed' },
};

export const ROUTE_STATUS: Record<RouteStatus, { icon: string; word: string; tone: Tone }> = {
  matched: { icon: '✓', word: 'routed', tone: 'good' },
  unmatched: { icon: '✕', word: 'not routed', tone: 'bad' },
  unknown: { icon: '?', word: 'unknown', tone: 'unknown' },
};

/**
 * How a verdict looks. A denial the network plugin does not enforce (the engine's EnforcementNote) keeps the
 * policies' word but is amber with a warning sign, not the red of a denial that holds: the traffic flows.
 */
export function verdictLook(verdict: FlowVerdict, enforcement?: EnforcementNote): { icon: string; word: string; tone: Tone } {
  return enforcement ? { icon: '⚠', word: `${VERDICTS[verdict].word}, not enforced`, tone: 'unknown' } : VERDICTS[verdict];
}

export function VerdictBadge({ verdict, enforcement, ...data }: { verdict: FlowVerdict; enforcement?: EnforcementNote } & Record<`data-${string}`, string>) {
  return <Badge {...verdictLook(verdict, enforcement)} {...data} data-verdict={verdict} {...(enforcement ? { 'data-enforcement': enforcement.status } : {})} />;
}

/** The engine's note on a denial the network plugin does not enforce: "denied by policy, but not enforced by flannel: traffic flows". */
export function EnforcementNoteText({ note, testId }: { note: EnforcementNote | undefined; testId: string }) {
  if (!note) return null;
  return (
    <p role="status" data-testid={testId} className="rounded border border-dashed border-amber-600 px-2 py-1 text-xs break-words text-amber-800 dark:text-amber-300">
      <span aria-hidden="true">⚠</span> {note.text}
    </p>
  );
}

/** The API's message for a rejected query (fetchJson turns a 400 {error} into an Error carrying it). */
export function ErrorMessage({ error }: { error: Error | string }) {
  return (
    <p role="alert" className="rounded border border-red-600 p-2 text-xs break-words text-red-800 dark:text-red-300">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="text-xs text-slate-500">
      {children}
    </p>
  );
}

/** Reasons the answer may not hold (data not synced): boxed in amber, as PeerPanel shows unknowns. */
export function UnknownBox({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div role="status" className="rounded border border-amber-500 p-2 text-xs">
      <p className="font-semibold">{title}</p>
      <ul className="list-disc pl-4">
        {items.map((item, i) => (
          <li key={i} className="break-words">
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SectionTitle({ children }: { children: ReactNode }) {
  return <h3 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">{children}</h3>;
}

/** Lines of an engine trace, collapsed by default. */
export function TraceDetails({ title, lines, testId }: { title: string; lines: string[]; testId?: string }) {
  if (lines.length === 0) return null;
  return (
    <details data-testid={testId} className="rounded border border-slate-200 dark:border-slate-800">
      <summary className={`cursor-pointer px-2 py-1 text-xs font-medium ${FOCUS}`}>
        {title} ({lines.length} lines)
      </summary>
      <pre className="overflow-x-auto border-t border-slate-200 p-2 font-mono text-[11px] leading-snug whitespace-pre-wrap dark:border-slate-800">
        {lines.join('\n')}
      </pre>
    </details>
  );
}

/** A trace's steps as the engine gives them: each with its kind and its text. */
export function StepList({ steps, testId }: { steps: readonly { kind: string; text: string }[]; testId: string }) {
  return (
    <ol className="list-decimal pl-5 text-xs">
      {steps.map((step, i) => (
        <li key={i} data-testid={testId} data-kind={step.kind} className="break-words">
          <span className="mr-1 rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">{step.kind}</span>
          {step.text}
        </li>
      ))}
    </ol>
  );
}

import type { Diagnosis } from './use-diagnosis';

/** What the Problems tab's count stands for: the current model's findings, an older model's, or none yet. */
export type DiagnosisState = 'current' | 'updating' | 'diagnosing' | 'failed';

export function diagnosisState(diagnosis: Diagnosis): DiagnosisState {
  if (diagnosis.failure) return 'failed';
  if (diagnosis.current) return 'current';
  return diagnosis.report ? 'updating' : 'diagnosing';
}

const TEXT: Record<Exclude<DiagnosisState, 'current'>, { text: string; title: string }> = {
  diagnosing: { text: 'diagnosing…', title: 'The diagnosis runs in the background: Service health and the Problems count appear when it answers.' },
  updating: { text: 'diagnosing…', title: 'The cluster changed: the Problems count and Service health shown are of the model before the change until the diagnosis answers.' },
  failed: { text: 'diagnosis failed', title: 'The diagnosis of the current model failed: the Problems tab says why.' },
};

/** A word in the header while the diagnosis is not the current model's: nothing is shown as current that is not. */
export function DiagnosisStatus({ diagnosis }: { diagnosis: Diagnosis }) {
  const state = diagnosisState(diagnosis);
  if (state === 'current') return null;
  const { text, title } = TEXT[state];
  return (
    <span role="status" data-testid="diagnosis-state" data-state={state} title={title} className={`shrink-0 whitespace-nowrap ${state === 'failed' ? 'text-red-700 dark:text-red-400' : 'text-slate-500'}`}>
      {text}
    </span>
  );
}

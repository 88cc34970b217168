import type { Severity } from '@/lib/analysis/diagnose/types';
import type { Health } from '@/lib/graph/elements';

// Severity and health are shown as an icon and a word, never by colour alone; the colour only repeats them.

export const SEVERITY_ICON: Record<Severity, string> = { error: '✕', warning: '⚠', info: 'ℹ' };

const SEVERITY_CLASS: Record<Severity, string> = {
  error: 'border-red-600 text-red-800 dark:border-red-500 dark:text-red-300',
  warning: 'border-amber-500 text-amber-800 dark:text-amber-300',
  info: 'border-slate-400 text-slate-700 dark:border-slate-500 dark:text-slate-300',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded border px-1 text-xs font-semibold ${SEVERITY_CLASS[severity]}`}>
      <span aria-hidden="true">{SEVERITY_ICON[severity]}</span>
      {severity}
    </span>
  );
}

const HEALTH_ICON: Record<Health, string> = { ok: '✓', warning: '⚠', error: '✕' };

const HEALTH_CLASS: Record<Health, string> = {
  ok: 'border-green-600 text-green-800 dark:border-green-500 dark:text-green-300',
  warning: SEVERITY_CLASS.warning,
  error: SEVERITY_CLASS.error,
};

export function HealthBadge({ health }: { health: Health }) {
  return (
    <span data-testid="service-health" data-health={health} className={`inline-flex shrink-0 items-center gap-1 rounded border px-1 text-xs font-semibold ${HEALTH_CLASS[health]}`}>
      <span aria-hidden="true">{HEALTH_ICON[health]}</span>
      {health}
    </span>
  );
}

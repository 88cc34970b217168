import { useMemo } from 'react';
import { detectEnforcement } from '@/lib/analysis/enforcement';
import type { ClusterModel } from '@/lib/model';

const STYLE = {
  enforced: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  'not-enforced': 'border-red-600 border-double border-4 text-red-800 dark:text-red-300',
  unknown: 'border-amber-600 border-dashed text-amber-800 dark:text-amber-300',
} as const;

/** Which network plugin runs and whether it enforces NetworkPolicy, as the engine decides it from the model. */
export function EnforcementBadge({ model }: { model: ClusterModel }) {
  const result = useMemo(() => detectEnforcement(model), [model]);
  const plugins = result.plugins.map((p) => p.name).join(' + ');
  const text =
    result.enforcement === 'enforced'
      ? `policies enforced${plugins ? ` by ${plugins}` : ''}`
      : result.enforcement === 'not-enforced'
        ? `policies NOT enforced${plugins ? ` by ${plugins}` : ''}`
        : 'policy enforcement unknown';
  return (
    <span
      data-testid="enforcement"
      data-enforcement={result.enforcement}
      data-plugins={plugins}
      title={result.enforcement === 'not-enforced' ? `Traffic the policies deny flows all the same. ${result.reason}` : result.reason}
      className={`max-w-[15rem] shrink-0 truncate whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${STYLE[result.enforcement]}`}
    >
      {text}
    </span>
  );
}

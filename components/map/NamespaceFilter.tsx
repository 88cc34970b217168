'use client';

/**
 * Which namespaces the map draws. Unset means all; the choice lives in the URL (`ns=a,b`) like the rest of the view.
 * At least one stays chosen: an empty map answers no question.
 */
export function NamespaceFilter({
  namespaces,
  selected,
  onChange,
}: {
  namespaces: readonly string[];
  selected: ReadonlySet<string> | undefined;
  onChange: (next: string[] | undefined) => void;
}) {
  const shown = selected ? namespaces.filter((n) => selected.has(n)).length : namespaces.length;
  const toggle = (namespace: string, on: boolean) => {
    const next = new Set(selected ?? namespaces);
    if (on) next.add(namespace);
    else next.delete(namespace);
    if (next.size === 0) return;
    onChange(next.size === namespaces.length ? undefined : [...next].sort());
  };
  return (
    <details className="relative shrink-0 text-xs" data-testid="namespace-filter">
      <summary className="cursor-pointer whitespace-nowrap rounded border border-slate-300 px-1 py-0.5 dark:border-slate-700">
        Namespaces: {selected ? `${shown} of ${namespaces.length}` : 'all'}
      </summary>
      <div className="absolute left-0 top-7 z-30 w-64 rounded border border-slate-300 bg-white p-2 shadow dark:border-slate-700 dark:bg-slate-900">
        <button type="button" className="mb-1 underline" onClick={() => onChange(undefined)}>
          All namespaces
        </button>
        <ul className="max-h-64 overflow-auto">
          {namespaces.map((namespace) => (
            <li key={namespace}>
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  data-testid="namespace-filter-option"
                  value={namespace}
                  checked={!selected || selected.has(namespace)}
                  onChange={(e) => toggle(namespace, e.target.checked)}
                />
                <span className="min-w-0 flex-1 truncate">{namespace}</span>
                <button type="button" className="text-slate-500 underline" aria-label={`Only ${namespace}`} onClick={() => onChange([namespace])}>
                  only
                </button>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

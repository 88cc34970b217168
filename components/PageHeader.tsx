import type { ReactNode } from 'react';

/**
 * The page's one header line: what names the view (title, context, connection) at the start, the map's controls in
 * the middle, the theme at the end. Only a window too narrow for it (under about 1200px) wraps it onto a second line.
 */
export function PageHeader({ start, middle, end }: { start: ReactNode; middle?: ReactNode; end?: ReactNode }) {
  return (
    <header className="flex min-h-11 shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-1 text-sm dark:border-slate-800 dark:bg-slate-900">
      {start}
      {middle}
      {end && <div className="ml-auto flex shrink-0 items-center gap-2">{end}</div>}
    </header>
  );
}

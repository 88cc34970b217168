'use client';

import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FOCUS, INPUT } from '../panels/panel-ui';

export interface GridHead {
  key: string;
  label: string;
  /** The full name, when `label` is short. */
  title?: string;
}

export interface GridCell {
  content: ReactNode;
  /** What a screen reader says for the cell: the row, the column, the verdict and its counts. */
  label: string;
  className: string;
  /** A cell with nothing behind it (no pod pair) is shown, not activated. */
  disabled?: boolean;
  data?: Record<`data-${string}`, string>;
}

/** The most rows, and columns, drawn at once: a cluster of hundreds of namespaces is narrowed with the filter. */
const MAX_SHOWN = 40;

/** The indexes of the heads whose name holds the filter's text, the first MAX_SHOWN of them. */
function shownHeads(heads: GridHead[], filter: string): number[] {
  const text = filter.trim().toLowerCase();
  const matching = heads.flatMap((h, i) => (text === '' || (h.title ?? h.label).toLowerCase().includes(text) ? [i] : []));
  return matching.slice(0, MAX_SHOWN);
}

/**
 * A matrix of buttons, rows by columns, with one tab stop: the arrow keys (and Home, End) move between cells, Enter
 * or Space opens one. Rows are sources, columns destinations. Past MAX_SHOWN rows or columns, a filter narrows both.
 */
export function MatrixGrid({
  label,
  corner,
  rows,
  columns,
  cell,
  selected,
  onOpen,
  testId,
}: {
  label: string;
  corner: string;
  rows: GridHead[];
  columns: GridHead[];
  cell: (row: number, column: number) => GridCell;
  selected?: readonly [number, number];
  onOpen: (row: number, column: number) => void;
  testId: string;
}) {
  const [filter, setFilter] = useState('');
  const large = rows.length > MAX_SHOWN || columns.length > MAX_SHOWN;
  const shownRows = shownHeads(rows, filter);
  const shownColumns = shownHeads(columns, filter);
  // Focus and keys work in the shown cells' positions; `cell`, `selected` and `onOpen` in the heads' own indexes.
  const [focus, setFocus] = useState<readonly [number, number]>([0, 0]);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [fr, fc] = [Math.min(focus[0], shownRows.length - 1), Math.min(focus[1], shownColumns.length - 1)];

  const move = (event: KeyboardEvent, row: number, column: number) => {
    const next: Record<string, readonly [number, number]> = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      Home: [row, 0],
      End: [row, shownColumns.length - 1],
    };
    const to = next[event.key];
    if (!to) return;
    event.preventDefault();
    const [r, c] = [Math.max(0, Math.min(shownRows.length - 1, to[0])), Math.max(0, Math.min(shownColumns.length - 1, to[1]))];
    setFocus([r, c]);
    buttons.current.get(`${r}:${c}`)?.focus();
  };

  return (
    <div className="flex flex-col gap-1" data-testid={testId}>
      {large && (
        <label className="flex flex-col gap-0.5 text-xs">
          <span>
            Showing {shownRows.length} of {rows.length} rows and {shownColumns.length} of {columns.length} columns; narrow them by name:
          </span>
          <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name contains…" className={INPUT} data-testid={`${testId}-filter`} />
        </label>
      )}
      <div className="max-h-[45vh] overflow-auto">
        <table role="grid" aria-label={label} className="border-separate border-spacing-0.5 text-xs">
          <thead>
            <tr>
              <th scope="col" className="sticky top-0 left-0 z-20 bg-white p-1 text-left align-bottom text-[10px] font-normal text-slate-500 dark:bg-slate-900">
                {corner}
              </th>
              {shownColumns.map((ci) => columns[ci]!).map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  title={column.title ?? column.label}
                  className="sticky top-0 z-10 bg-white p-0.5 align-bottom font-medium dark:bg-slate-900"
                >
                  <span className="mx-auto block max-h-32 truncate [writing-mode:vertical-rl] rotate-180">{column.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownRows.map((ri, r) => ({ row: rows[ri]!, ri, r })).map(({ row, ri, r }) => (
              <tr key={row.key}>
                <th scope="row" title={row.title ?? row.label} className="sticky left-0 z-10 max-w-32 truncate bg-white pr-1 text-right font-medium dark:bg-slate-900">
                  {row.label}
                </th>
                {shownColumns.map((ci, c) => {
                  const column = columns[ci]!;
                  const content = cell(ri, ci);
                  const isSelected = selected?.[0] === ri && selected[1] === ci;
                  return (
                    <td key={column.key} className="p-0">
                      <button
                        type="button"
                        ref={(el) => {
                          if (el) buttons.current.set(`${r}:${c}`, el);
                          else buttons.current.delete(`${r}:${c}`);
                        }}
                        tabIndex={r === fr && c === fc ? 0 : -1}
                        aria-label={content.label}
                        aria-pressed={isSelected}
                        aria-disabled={content.disabled || undefined}
                        title={content.label}
                        onFocus={() => setFocus([r, c])}
                        onKeyDown={(e) => move(e, r, c)}
                        onClick={() => !content.disabled && onOpen(ri, ci)}
                        {...content.data}
                        className={`flex h-11 min-w-14 flex-col items-center justify-center rounded border-2 px-1 leading-tight ${content.className} ${
                          isSelected ? 'ring-2 ring-blue-600 ring-offset-1 dark:ring-blue-400 dark:ring-offset-slate-900' : ''
                        } ${content.disabled ? 'cursor-default' : 'cursor-pointer hover:brightness-95'} ${FOCUS}`}
                      >
                        {content.content}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

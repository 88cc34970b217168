'use client';

import { useRef, type KeyboardEvent, type Ref } from 'react';
import { FOCUS } from '../panels/panel-ui';

/** One line of the editor, in pixels: the gutter's numbers and the text's lines must stay level. */
const EDITOR_LINE_PX = 16;

/**
 * A plain text area for YAML with line numbers beside it (no editor library: the page adds no dependency for this).
 * Lines do not wrap, so line N of the gutter is line N of the text, as the loader's errors count them; the line of
 * an error is marked in the gutter (the message names it too, and describes the text area). Ctrl+Enter (⌘+Enter)
 * applies the draft.
 */
export function DraftEditor({
  id,
  value,
  onChange,
  errorLine,
  onApply,
  ref,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errorLine?: number;
  onApply: () => void;
  ref?: Ref<HTMLTextAreaElement>;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const count = value.split('\n').length;
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onApply();
    }
  };
  return (
    <div className="flex h-56 overflow-hidden rounded border border-slate-300 bg-white font-mono text-xs dark:border-slate-700 dark:bg-slate-950">
      <div ref={gutter} aria-hidden="true" className="shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 pt-1 pb-6 text-right text-slate-400 select-none dark:border-slate-800 dark:bg-slate-900">
        {numbers.map((n) => (
          <div
            key={n}
            style={{ height: EDITOR_LINE_PX, lineHeight: `${EDITOR_LINE_PX}px` }}
            className={`px-1.5 ${n === errorLine ? 'bg-red-100 font-bold text-red-700 dark:bg-red-950 dark:text-red-300' : ''}`}
          >
            {n === errorLine ? `▶${n}` : n}
          </div>
        ))}
      </div>
      <textarea
        ref={ref}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={onKeyDown}
        wrap="off"
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        aria-label="Draft YAML"
        aria-invalid={errorLine !== undefined}
        aria-describedby={errorLine !== undefined ? `${id}-error` : undefined}
        data-testid="whatif-editor"
        placeholder={'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n…'}
        style={{ lineHeight: `${EDITOR_LINE_PX}px` }}
        className={`min-w-0 flex-1 resize-none bg-transparent px-2 py-1 whitespace-pre ${FOCUS}`}
      />
    </div>
  );
}

/** Selects line `line` (1-based) of the text area and scrolls it into view. */
export function goToLine(textarea: HTMLTextAreaElement, line: number): void {
  const lines = textarea.value.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  const start = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[index]?.length ?? 0));
  textarea.scrollTop = Math.max(0, index * EDITOR_LINE_PX - textarea.clientHeight / 3);
}

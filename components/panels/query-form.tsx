'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useEffectEvent, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { fetchJson } from '@/lib/client/fetch-json';
import { INPUT, LABEL, PRIMARY, SECONDARY } from './panel-ui';

/**
 * The frame every question panel shares (Explain, Trace, DNS): a section named by its heading, and the form that
 * asks the question. What the engine answers goes in `children`, below the form.
 */
export function QueryPanel({
  id,
  title,
  testId,
  onSubmit,
  form,
  children,
}: {
  id: string;
  title: string;
  testId: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  form: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={testId} className="flex flex-col gap-2 p-3 text-sm">
      <h2 id={`${id}-title`} className="font-semibold">
        {title}
      </h2>
      <form onSubmit={onSubmit} aria-label={title} className="flex flex-col gap-2">
        {form}
      </form>
      {children}
    </section>
  );
}

/** The form's buttons: ask (disabled while the answer is on its way), and Clear once something was asked. */
export function FormButtons({ label, busy, onClear }: { label: string; busy: boolean; onClear?: (() => void) | undefined }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={PRIMARY} disabled={busy}>
        {label}
      </button>
      {onClear && (
        <button type="button" onClick={onClear} className={SECONDARY}>
          Clear
        </button>
      )}
    </div>
  );
}

/** A labelled text input of a question form; required, and never autocompleted or spell-checked by the browser. */
export function TextField({
  label,
  value,
  onChange,
  labelClassName = '',
  ...input
}: { label: string; value: string; onChange: (value: string) => void; labelClassName?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>) {
  return (
    <label className={`${LABEL}${labelClassName ? ` ${labelClassName}` : ''}`}>
      {label}
      <input value={value} onChange={(e) => onChange(e.target.value)} required autoComplete="off" spellCheck={false} {...input} className={INPUT} />
    </label>
  );
}

/**
 * Asks the engine's API (`path`, GET) with `params` once they are set, and hands each new answer to `onResult`.
 * A rejected question (400) is rejected again, so it is not retried; a failed refetch keeps the old data, which is
 * then not shown as if it were the answer.
 */
export function useEngineAnswer<A>(path: string, params: Record<string, string> | undefined, onResult?: (result: A | undefined) => void) {
  const query = useQuery({
    queryKey: [path, params],
    queryFn: () => fetchJson<A>(`${path}?${new URLSearchParams(params)}`),
    enabled: params !== undefined,
    retry: false,
  });
  const result = params && !query.error ? query.data : undefined;
  const reportResult = useEffectEvent((r: A | undefined) => onResult?.(r));
  useEffect(() => reportResult(result), [result]);
  return { query, result };
}

/** A labelled choice among fixed options of a question form, each shown as its value. */
export function SelectField({
  label,
  name,
  value,
  options,
  onChange,
  labelClassName = '',
}: {
  label: string;
  name: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  labelClassName?: string;
}) {
  return (
    <label className={`${LABEL}${labelClassName ? ` ${labelClassName}` : ''}`}>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)} className={INPUT}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

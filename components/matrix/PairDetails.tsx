'use client';

import { useId, useMemo, useState } from 'react';
import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import { formatPolicyWithKind } from '@/lib/analysis/policy/types';
import type { ClusterModel } from '@/lib/model';
import { PathItem } from '../panels/ExplainPanel';
import { EnforcementNoteText, ErrorMessage, INPUT, LABEL, Loading, UnknownBox, VerdictBadge } from '../panels/panel-ui';
import type { MatrixRunner } from './matrix-client';
import { VERDICT_LOOK } from './matrix-look';
import { endName, type PairView } from './matrix-view';
import { useMatrixAnswer } from './use-matrix-answer';

/** The most pod pairs an explanation lists (a workload of many pods has many): the Explain panel asks pod by pod. */
const MAX_PATHS = 4;

/**
 * One pair of the matrix: its connections as connectivity lists them, the policies behind them, why a verdict is
 * unknown; and, for a port, explain's answer with the rule of each side (egress at the source, ingress at the
 * destination), as the Explain panel shows it.
 */
export function PairDetails({ pair, enforcement, runner, model }: { pair: PairView; enforcement?: EnforcementNote; runner: MatrixRunner | undefined; model: ClusterModel }) {
  const id = useId();
  const look = VERDICT_LOOK[pair.verdict];
  const [choice, setChoice] = useState(0);
  const port = pair.ports[choice];
  const { source, destination } = pair;
  const query = useMemo(
    () => (port && source.type === 'workload' && destination.type === 'workload' ? ({ type: 'explain', from: source, to: destination, ...port } as const) : undefined),
    [port, source, destination],
  );
  const explained = useMatrixAnswer(runner, model, query);
  const result = explained.run?.answer;

  return (
    <div data-testid="matrix-pair" data-verdict={pair.verdict} className="flex flex-col gap-2 rounded border border-slate-200 p-2 text-xs dark:border-slate-800">
      <p className="font-mono break-all">
        {endName(pair.source)} → {endName(pair.destination)}
      </p>
      <p>
        <span className={`inline-flex items-center gap-1 rounded-full border-2 px-2 py-0.5 font-semibold uppercase ${look.className}`}>
          <span aria-hidden="true">{look.icon}</span>
          {look.word}
        </span>{' '}
        {look.meaning}
      </p>
      {enforcement && pair.verdict !== 'all' && <EnforcementNoteText note={enforcement} testId="matrix-pair-enforcement" />}
      <UnknownBox title="Unknown because" items={pair.reasons} />
      {pair.entries.length === 0 ? (
        <p data-testid="matrix-pair-none">
          {pair.destination.type === 'outside' || pair.source.type === 'outside'
            ? 'Nothing is allowed with any address outside the cluster.'
            : `Nothing between them is allowed${pair.ports.length > 0 ? '; below, explain says which side denies it, port by port' : ''}.`}
        </p>
      ) : (
        <ul className="flex flex-col gap-1">
          {pair.entries.map((entry, i) => (
            <li key={i} data-testid="matrix-pair-entry" className="break-words">
              {entry.ranges && <span className="font-mono">{entry.ranges}: </span>}
              <span className="font-semibold">{entry.connections}</span>
              {entry.partial && <span className="text-slate-500"> (not every pod pair)</span>}
              {entry.unknown && (
                <span className="block text-amber-800 dark:text-amber-300">
                  unknown: {entry.unknown.connections} ({entry.unknown.reasons.join('; ')})
                </span>
              )}
              <span className="block text-slate-600 dark:text-slate-400" data-testid="matrix-pair-policies">
                {entry.policies.length > 0 ? (
                  <>
                    Allowed by <span className="font-mono">{entry.policies.map(formatPolicyWithKind).join(', ')}</span>
                  </>
                ) : (
                  'No policy isolates either end.'
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pair.ports.length > 0 && (
        <section aria-labelledby={`${id}-why`} className="flex flex-col gap-1">
          <h4 id={`${id}-why`} className="font-semibold">
            Rule by rule, on each side
          </h4>
          <label className={LABEL}>
            Port
            <select value={choice} onChange={(e) => setChoice(Number(e.target.value))} className={INPUT} data-testid="matrix-explain-port">
              {pair.ports.map((p, i) => (
                <option key={`${p.protocol}/${p.port}`} value={i}>
                  {p.protocol} {p.port}
                </option>
              ))}
            </select>
          </label>
          {explained.failure && <ErrorMessage error={explained.failure} />}
          {!result && !explained.failure && <Loading>Explaining…</Loading>}
          {result && (
            <div data-testid="matrix-explain" className="flex flex-col gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <VerdictBadge verdict={result.verdict} enforcement={result.enforcement} data-testid="matrix-explain-verdict" />
                <span className="font-mono">
                  {result.protocol} {result.port}
                </span>
              </div>
              <p className="break-words">{result.summary}</p>
              <UnknownBox title="Unknown because" items={result.unknownReasons} />
              <ol className="flex flex-col gap-2">
                {result.paths.slice(0, MAX_PATHS).map((path, i) => (
                  <PathItem key={i} path={path} />
                ))}
              </ol>
              {result.paths.length > MAX_PATHS && (
                <p className="text-slate-500">
                  and {result.paths.length - MAX_PATHS} more pod pairs; the Explain panel asks about one pod at a time.
                </p>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

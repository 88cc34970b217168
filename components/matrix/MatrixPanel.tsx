'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { PAIR_VERDICTS, type MatrixGroup, type NamespaceCell } from '@/lib/analysis/reach/connectivity-matrix';
import type { ClusterModel } from '@/lib/model';
import { EnforcementNoteText, ErrorMessage, Loading, SECONDARY, UnknownBox } from '../panels/panel-ui';
import { MatrixGrid, type GridCell } from './MatrixGrid';
import { MatrixRunner } from './matrix-client';
import type { MatrixQuery } from './matrix-engine';
import { VERDICT_LOOK } from './matrix-look';
import { endText, formatMatrixCell, groupText, formatMatrixPair, readMatrixCell, readMatrixPair, type MatrixCellRef, type MatrixPairRef } from './matrix-url';
import { endLabel, endName, groupLabel, type PairView, type WorkloadMatrixView } from './matrix-view';
import { PairDetails } from './PairDetails';
import { useMatrixAnswer } from './use-matrix-answer';

const NAMESPACES = { type: 'namespaces' } as const satisfies MatrixQuery;

/**
 * Who can talk to whom, namespace by namespace (and the addresses outside the cluster): each cell counts the
 * workload pairs of its row (the source) and column (the destination) by the engine's verdict. A cell opens the
 * workload pairs behind it; a pair, its connections, the policies behind them and, port by port, explain's rules on
 * each side. The engine runs in a Web Worker on the page's model, so a large cluster does not freeze the page.
 */
export function MatrixPanel({
  model,
  link,
  onLink,
}: {
  model: ClusterModel;
  /** The cell and pair the link opens (see matrix-url.ts). */
  link?: { cell?: string | undefined; pair?: string | undefined };
  /** Told each cell and pair opened, for the link. */
  onLink?: (cell: string | undefined, pair: string | undefined) => void;
}) {
  const id = useId();
  // The worker starts with the first question and ends with the panel (a disposed runner starts a new one if asked).
  const [runner] = useState(() => new MatrixRunner());
  useEffect(() => () => runner.dispose(), [runner]);
  const namespaces = useMatrixAnswer(runner, model, NAMESPACES);
  const matrix = namespaces.run?.answer;

  const [drill, setDrill] = useState<MatrixCellRef | undefined>(() => readMatrixCell(link?.cell));
  const drillQuery = useMemo(() => (drill ? ({ type: 'workloads', source: drill.source, destination: drill.destination } as const) : undefined), [drill]);
  const workloads = useMatrixAnswer(runner, model, drillQuery);
  const [pairRef, setPairRef] = useState<MatrixPairRef | undefined>(() => (drill ? readMatrixPair(link?.pair) : undefined));
  const view = workloads.run?.answer;
  // Cells and pairs are kept by name, so they stay open as the model changes; found again in the current answer.
  const cellAt = drill && matrix ? positionOf(matrix.groups.map(groupText), groupText(drill.source), groupText(drill.destination)) : undefined;
  const pairAt = pairRef && view ? positionOf(view.rows.map(endText), pairRef.source, pairRef.destination, view.columns.map(endText)) : undefined;
  const pair = pairAt && view ? view.cells[pairAt[0]]?.[pairAt[1]] : undefined;

  // What a click opens is brought into view (below the matrix, in a panel that scrolls); the focus stays in the grid.
  const drillRef = useRef<HTMLElement>(null);
  const shownPair = pair ? formatMatrixPair({ source: endText(pair.source), destination: endText(pair.destination) }) : undefined;
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, and an effect may return only its clean-up.
    drillRef.current?.scrollIntoView({ block: 'nearest' });
  }, [drill, view, shownPair]);

  const open = (cell: MatrixCellRef | undefined) => {
    setDrill(cell);
    setPairRef(undefined);
    onLink?.(cell && formatMatrixCell(cell), undefined);
  };
  const openPair = (ref: MatrixPairRef) => {
    setPairRef(ref);
    onLink?.(drill && formatMatrixCell(drill), formatMatrixPair(ref));
  };

  return (
    <section aria-labelledby={`${id}-title`} data-testid="matrix-panel" className="flex flex-col gap-2 p-3 text-sm">
      <h2 id={`${id}-title`} className="font-semibold">
        Connectivity matrix
      </h2>
      <p className="text-xs text-slate-500">
        Rows are sources, columns destinations. Each cell counts the pairs of workloads by what the policies allow between them; open one for its pairs and
        the rules behind them.
      </p>
      <Legend />
      {namespaces.failure && <ErrorMessage error={namespaces.failure} />}
      {!matrix && !namespaces.failure && <Loading>Computing who can talk to whom…</Loading>}
      {matrix && (
        <>
          {matrix.unknown && <UnknownBox title="Every verdict is unknown" items={[matrix.unknown]} />}
          <EnforcementNoteText note={matrix.enforcement} testId="matrix-enforcement" />
          <MatrixGrid
            label="Namespaces by namespace: workload pairs by verdict"
            corner="from ↓ to →"
            rows={matrix.groups.map((g) => ({ key: groupKey(g), label: groupLabel(g), ...(g.type === 'outside' ? { title: 'outside the cluster' } : {}) }))}
            columns={matrix.groups.map((g) => ({ key: groupKey(g), label: groupLabel(g), ...(g.type === 'outside' ? { title: 'outside the cluster' } : {}) }))}
            cell={(r, c) => namespaceCell(matrix.cells[r]![c]!)}
            {...(cellAt ? { selected: cellAt } : {})}
            onOpen={(r, c) => open({ source: matrix.groups[r]!, destination: matrix.groups[c]! })}
            testId="matrix-namespaces"
          />
          <p className="text-[11px] text-slate-500" data-testid="matrix-stats">
            {matrix.stats.pods} pods in {matrix.stats.workloads} workloads ({matrix.stats.classes} classes of pods the policies cannot tell apart) · computed in{' '}
            {namespaces.run?.ms} ms{namespaces.running ? ' · updating…' : ''}
          </p>
        </>
      )}
      {drill && (
        <section ref={drillRef} aria-label="Workload pairs" data-testid="matrix-drilldown" className="flex flex-col gap-2 border-t border-slate-200 pt-2 dark:border-slate-800">
          <div className="flex items-center justify-between gap-2">
            <h3 className="font-semibold break-all">
              {groupLabel(drill.source)} → {groupLabel(drill.destination)}
            </h3>
            <button type="button" className={SECONDARY} onClick={() => open(undefined)}>
              Close
            </button>
          </div>
          {workloads.failure && <ErrorMessage error={workloads.failure} />}
          {!view && !workloads.failure && <Loading>Listing the workload pairs…</Loading>}
          {view && (
            <MatrixGrid
              key={`${groupKey(view.source)}>${groupKey(view.destination)}`}
              label={`Workloads of ${groupLabel(view.source)} by workloads of ${groupLabel(view.destination)}`}
              corner="from ↓ to →"
              rows={view.rows.map((end) => ({ key: endName(end), label: endLabel(end), title: endName(end) }))}
              columns={view.columns.map((end) => ({ key: endName(end), label: endLabel(end), title: endName(end) }))}
              cell={(r, c) => pairCell(view, r, c)}
              {...(pairAt ? { selected: pairAt } : {})}
              onOpen={(r, c) => openPair({ source: endText(view.rows[r]!), destination: endText(view.columns[c]!) })}
              testId="matrix-workloads"
            />
          )}
          {view && pair && <PairDetails key={shownPair} pair={pair} enforcement={view.enforcement} runner={runner} model={model} />}
          {view && !pair && <p className="text-xs text-slate-500">Open a pair for its connections and the rules behind them.</p>}
        </section>
      )}
    </section>
  );
}

const groupKey = (g: MatrixGroup) => (g.type === 'outside' ? '(outside)' : g.namespace);

/** Where the row and column of those names are, if both are there. */
function positionOf(rows: string[], row: string, column: string, columns: string[] = rows): readonly [number, number] | undefined {
  const r = rows.indexOf(row);
  const c = columns.indexOf(column);
  return r >= 0 && c >= 0 ? [r, c] : undefined;
}

function namespaceCell(cell: NamespaceCell): GridCell {
  const look = VERDICT_LOOK[cell.verdict];
  const open = cell.counts.all + cell.counts.some;
  const counts = PAIR_VERDICTS.map((v) => `${cell.counts[v]} ${v === 'all' ? 'all connections' : v}`).join(', ');
  const label =
    cell.verdict === 'empty'
      ? `${groupLabel(cell.source)} to ${groupLabel(cell.destination)}: ${look.meaning}`
      : `${groupLabel(cell.source)} to ${groupLabel(cell.destination)}: ${look.word}. Of ${cell.pairs} pair${cell.pairs === 1 ? '' : 's'}: ${counts}.` +
        `${cell.notEnforced ? ' Not enforced: what the policies deny flows.' : ''}${cell.reasons.length > 0 ? ` Unknown because ${cell.reasons.join('; ')}` : ''}`;
  return {
    label,
    className: look.className,
    disabled: cell.verdict === 'empty',
    data: {
      'data-source': groupKey(cell.source),
      'data-destination': groupKey(cell.destination),
      'data-verdict': cell.verdict,
      'data-open': String(open),
      'data-pairs': String(cell.pairs),
      'data-unknown': String(cell.counts.unknown),
      ...(cell.notEnforced ? { 'data-not-enforced': 'true' } : {}),
    },
    content:
      cell.verdict === 'empty' ? (
        <span aria-hidden="true">{look.icon}</span>
      ) : (
        <>
          <span className="font-semibold whitespace-nowrap">
            <span aria-hidden="true">{look.icon}</span> {look.word}
            {cell.notEnforced && <span aria-hidden="true"> ⚠</span>}
          </span>
          <span className="text-[10px] whitespace-nowrap">
            {cell.counts.unknown > 0 ? `${cell.counts.unknown}? · ` : ''}
            {open} of {cell.pairs}
          </span>
        </>
      ),
  };
}

function pairCell(view: WorkloadMatrixView, r: number, c: number): GridCell {
  const pair: PairView | undefined = view.cells[r]?.[c];
  const rowName = endName(view.rows[r]!);
  const columnName = endName(view.columns[c]!);
  if (!pair) {
    const look = VERDICT_LOOK.empty;
    return { label: `${rowName} to ${columnName}: ${look.meaning}`, className: look.className, disabled: true, content: <span aria-hidden="true">{look.icon}</span> };
  }
  const look = VERDICT_LOOK[pair.verdict];
  const notEnforced = view.enforcement !== undefined && pair.verdict !== 'all';
  const connections = pair.entries.map((e) => (e.ranges ? `${e.ranges}: ${e.connections}` : e.connections)).join('; ');
  const short = pair.verdict === 'some' && pair.entries.length === 1 && !pair.entries[0]!.ranges ? pair.entries[0]!.connections : look.word;
  return {
    label: `${rowName} to ${columnName}: ${look.word}${connections ? ` (${connections})` : ''}${notEnforced ? '; not enforced: what the policies deny flows' : ''}`,
    className: look.className,
    data: { 'data-source': rowName, 'data-destination': columnName, 'data-verdict': pair.verdict },
    content: (
      <>
        <span aria-hidden="true">
          {look.icon}
          {notEnforced ? ' ⚠' : ''}
        </span>
        <span className="max-w-20 truncate text-[10px]">{short}</span>
      </>
    ),
  };
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-slate-600 dark:text-slate-400" aria-label="What the cells say">
      {(['all', 'some', 'none', 'unknown'] as const).map((v) => (
        <li key={v} title={VERDICT_LOOK[v].meaning}>
          <span aria-hidden="true">{VERDICT_LOOK[v].icon}</span> {VERDICT_LOOK[v].word}: {VERDICT_LOOK[v].meaning}
        </li>
      ))}
      <li>⚠ the plugin does not enforce the policies · “3 of 8”: pairs with something allowed, of all pairs</li>
    </ul>
  );
}

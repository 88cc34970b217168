'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatEndpointRef } from '@/lib/analysis/flow/endpoint-ref';
import type { FlowExplanation, FlowPath } from '@/lib/analysis/flow/explain-flow';
import { formatFlowTrace } from '@/lib/analysis/flow/trace';
import { formatPolicyWithKind, formatRule, sideVerdict, type SideVerdict } from '@/lib/analysis/policy/types';
import type { ClusterModel } from '@/lib/model';
import { flowTargetOptions, suggestions } from './panel-helpers';

/** A pod or Service clicked on the map while the panel is open; n tells one click from the next. */
export interface MapPick {
  target: string;
  n: number;
}
import { EnforcementNoteText, ErrorMessage, INPUT, LABEL, Loading, TraceDetails, UnknownBox, VERDICTS, VerdictBadge, verdictLook } from './panel-ui';
import { FormButtons, QueryPanel, SelectField, TextField, useEngineAnswer } from './query-form';

export interface ExplainQuery {
  from: string;
  to: string;
  port: string;
  protocol: string;
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const protocolOf = (value: string | undefined) => PROTOCOLS.find((p) => p === value?.trim().toUpperCase()) ?? 'TCP';

/** A query worth asking straight away: one restored from a link holds all of from, to and port. */
function complete(q: Partial<ExplainQuery> | undefined): ExplainQuery | undefined {
  if (!q?.from?.trim() || !q.to?.trim() || !q.port?.trim()) return undefined;
  return { from: q.from.trim(), to: q.to.trim(), port: q.port.trim(), protocol: protocolOf(q.protocol) };
}

/** "Can A reach B on this port, and why": the engine's explanation (GET /api/explain), as it gives it. */
export function ExplainPanel({
  context,
  model,
  initial,
  mapPick,
  onChange,
  onResult,
}: {
  context: string;
  model: ClusterModel;
  initial?: { from?: string; to?: string; port?: string; protocol?: string };
  mapPick?: MapPick;
  onChange?: (q: ExplainQuery | undefined) => void;
  onResult?: (r: FlowExplanation | undefined) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(initial?.from ?? '');
  const [to, setTo] = useState(initial?.to ?? '');
  const [port, setPort] = useState(initial?.port ?? '');
  const [protocol, setProtocol] = useState<string>(protocolOf(initial?.protocol));
  const [submitted, setSubmitted] = useState<ExplainQuery | undefined>(() => complete(initial));
  // Which field a click on the map fills: From first, then To; a field's map button arms it again.
  const [armed, setArmed] = useState<'from' | 'to' | undefined>(() => (!initial?.from ? 'from' : !initial?.to ? 'to' : undefined));
  const [appliedPick, setAppliedPick] = useState(mapPick?.n);
  if (mapPick && mapPick.n !== appliedPick) {
    setAppliedPick(mapPick.n);
    if (armed === 'from') {
      setFrom(mapPick.target);
      setArmed(to ? undefined : 'to');
    } else {
      setTo(mapPick.target);
      setArmed(undefined);
    }
  }

  const options = useMemo(() => flowTargetOptions(model), [model]);
  const fromOptions = useMemo(() => suggestions(options, from), [options, from]);
  const toOptions = useMemo(() => suggestions(options, to), [options, to]);

  const { query, result } = useEngineAnswer<FlowExplanation>('/api/explain', submitted && { context, ...submitted }, onResult);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: ExplainQuery = { from: from.trim(), to: to.trim(), port: port.trim(), protocol };
    const same = submitted && Object.entries(next).every(([k, v]) => submitted[k as keyof ExplainQuery] === v);
    // Asking the same again asks the current model again: it may have changed since.
    if (same) void query.refetch();
    else setSubmitted(next);
    onChange?.(next);
  };
  const onClear = () => {
    setSubmitted(undefined);
    onChange?.(undefined);
  };

  return (
    <QueryPanel
      id={id}
      title="Explain a connection"
      testId="explain-panel"
      onSubmit={onSubmit}
      form={
        <>
          <TargetField id={`${id}-from`} label="From" value={from} onChange={setFrom} options={fromOptions} armed={armed === 'from'} onArm={() => setArmed('from')} />
          <TargetField id={`${id}-to`} label="To" value={to} onChange={setTo} options={toOptions} armed={armed === 'to'} onArm={() => setArmed('to')} />
          <p className="text-xs text-slate-500" data-testid="explain-pick-hint">
            {armed ? `Click a pod or a Service on the map to fill ${armed === 'from' ? 'From' : 'To'}.` : 'Or type: pod/NS/NAME, svc/NS/NAME, a DNS name or an IP.'}
          </p>
          <div className="flex gap-2">
            <TextField label="Port" labelClassName="flex-1" name="port" value={port} onChange={setPort} inputMode="numeric" placeholder="80" />
            <SelectField label="Protocol" labelClassName="flex-1" name="protocol" value={protocol} options={PROTOCOLS} onChange={setProtocol} />
          </div>
          <FormButtons label="Explain" busy={query.isFetching} onClear={submitted ? onClear : undefined} />
        </>
      }
    >
      {submitted && query.isFetching && <Loading>Explaining…</Loading>}
      {submitted && query.error && <ErrorMessage error={query.error} />}
      {result && <Explanation result={result} />}
    </QueryPanel>
  );
}

function Explanation({ result }: { result: FlowExplanation }) {
  return (
    <div data-testid="explain-result" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <VerdictBadge verdict={result.verdict} enforcement={result.enforcement} data-testid="explain-verdict" />
        <span className="font-mono text-xs break-all">
          {result.from} → {result.to} {result.protocol} {result.port}
        </span>
      </div>
      <p data-testid="explain-summary" className="break-words">
        {result.summary}
      </p>
      <UnknownBox title="Unknown because" items={result.unknownReasons} />
      {result.service && (
        <div className="text-xs">
          <p>
            Through Service{' '}
            <span className="font-mono">
              {result.service.namespace}/{result.service.name}
            </span>{' '}
            port {result.service.port}: {result.paths.length} endpoint{result.paths.length === 1 ? '' : 's'}
          </p>
          {result.service.notes.length > 0 && (
            <ul className="list-disc pl-4 text-slate-500">
              {result.service.notes.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result.paths.length > 0 && (
        <ol className="flex flex-col gap-2">
          {result.paths.map((path, i) => (
            <PathItem key={i} path={path} />
          ))}
        </ol>
      )}
      <TraceDetails title="Full trace" lines={formatFlowTrace(result.trace)} testId="explain-trace" />
    </div>
  );
}

export function PathItem({ path }: { path: FlowPath }) {
  const verdict = verdictLook(path.verdict, path.enforcement);
  return (
    <li
      data-testid="explain-path"
      data-verdict={path.verdict}
      data-ready={String(path.ready)}
      {...(path.enforcement ? { 'data-enforcement': path.enforcement.status } : {})}
      className="rounded border border-slate-200 p-1.5 dark:border-slate-800"
    >
      <p className="font-mono text-xs break-all">
        <span className="font-sans font-semibold" title={verdict.word}>
          <span aria-hidden="true">{verdict.icon}</span> {verdict.word}
        </span>{' '}
        {formatEndpointRef(path.source)} → {formatEndpointRef(path.destination)} {path.protocol} {path.port}
        {!path.ready && <span className="font-sans text-amber-700 dark:text-amber-400"> (endpoint not ready)</span>}
      </p>
      {path.problem && <p className="mt-1 text-xs text-red-800 dark:text-red-300">{path.problem}</p>}
      <EnforcementNoteText note={path.enforcement} testId="explain-path-enforcement" />
      <div className="mt-1 flex flex-col gap-1">
        <Side side={path.egress} title={`Egress from ${formatEndpointRef(path.source)}`} preposition="to" testId="explain-egress" />
        <Side side={path.ingress} title={`Ingress to ${formatEndpointRef(path.destination)}`} preposition="from" testId="explain-ingress" />
      </div>
    </li>
  );
}

const SIDE_WORDS = { allowed: 'allows', denied: 'blocks', unknown: 'unknown' } as const;

/** One side of a path: what isolates it, and the rule that allows the flow or the rules that came closest. */
function Side({ side, title, preposition, testId }: { side: SideVerdict; title: string; preposition: 'to' | 'from'; testId: string }) {
  const isolated = side.governed && side.isolated;
  const nearMisses = side.allowed ? [] : side.nearMisses;
  const verdict = sideVerdict(side);
  // When neither an allowing rule nor a near miss says why, the engine's steps of this side after the isolation do;
  // otherwise its tier and unknown steps (not the first step again when it is shown as the side's headline).
  const headline = isolated ? undefined : side.trace[0];
  const explain =
    isolated && side.allowedBy.length === 0 && nearMisses.length === 0
      ? side.trace.filter((step) => step.kind !== 'isolated')
      : side.trace.filter((step) => step !== headline && (step.kind === 'tier' || step.kind === 'unknown'));
  return (
    <div data-testid={testId} data-allowed={String(side.allowed)} data-verdict={verdict} className="rounded border-l-2 border-slate-300 pl-2 text-xs dark:border-slate-700">
      <h3 className="font-semibold break-words">
        <span aria-hidden="true">{VERDICTS[verdict].icon}</span> {title}: {SIDE_WORDS[verdict]}
      </h3>
      {isolated ? (
        <p data-testid="explain-isolation">
          Isolated by <span className="font-mono">{side.isolatingPolicies.map(formatPolicyWithKind).join(', ')}</span>
        </p>
      ) : (
        headline && <p className="text-slate-500">{headline.text}</p>
      )}
      {side.allowedBy.length > 0 && (
        <ul className="mt-0.5 flex flex-col gap-0.5">
          {side.allowedBy.map((rule, i) => (
            <li key={i} data-testid="explain-allowed-by" className="break-words">
              Allowed by{' '}
              <span className="font-mono">{formatRule(rule)}</span>
              : {rule.portText} {preposition} {rule.peerText}
              {rule.notes.length > 0 && <span className="block text-slate-500">{rule.notes.join('; ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {side.deniedBy.length > 0 && (
        <ul className="mt-0.5 flex flex-col gap-0.5">
          {side.deniedBy.map((rule, i) => (
            <li key={i} data-testid="explain-denied-by" className="break-words">
              Denied by <span className="font-mono">{formatRule(rule)}</span>: {rule.portText} {preposition} {rule.peerText}
            </li>
          ))}
        </ul>
      )}
      {nearMisses.length > 0 && (
        <div className="mt-0.5">
          <p className="font-medium">Near misses (closest first)</p>
          <ul className="flex list-disc flex-col gap-0.5 pl-4">
            {nearMisses.map((miss, i) => (
              <li key={i} data-testid="explain-near-miss" className="break-words">
                {miss.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {explain.length > 0 && (
        <ul className="mt-0.5 list-disc pl-4 text-slate-500">
          {explain.map((step, i) => (
            <li key={i} className="break-words">
              {step.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A flow end: free text with the model's pods and Services offered as completions. */
function TargetField({
  id,
  label,
  value,
  onChange,
  options,
  armed,
  onArm,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: string[];
  armed: boolean;
  onArm: () => void;
}) {
  return (
    <>
      {/* The button stays outside the label: a label names its first control, which must be the input. */}
      <div className="flex items-end gap-1">
        <label className={`${LABEL} min-w-0 flex-1`}>
          {label}
          <input
            name={label.toLowerCase()}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            list={`${id}-options`}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="pod/NS/NAME, svc/NS/NAME, DNS name or IP"
            className={INPUT}
          />
        </label>
        <button
          type="button"
          onClick={onArm}
          aria-pressed={armed}
          aria-label={`Pick ${label} on the map`}
          data-testid={`explain-pick-${label.toLowerCase()}`}
          className={`rounded border px-1.5 py-1 text-xs ${armed ? 'border-blue-600 font-semibold text-blue-700 dark:text-blue-300' : 'border-slate-300 text-slate-500 dark:border-slate-700'}`}
        >
          ◎ map
        </button>
      </div>
      <datalist id={`${id}-options`}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}

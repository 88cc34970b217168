'use client';

import { useId, useMemo, useState, type FormEvent } from 'react';
import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import { qualifiedName } from '@/lib/model/names';
import { GatewayTraceResult } from './GatewayTraceResult';
import { routeStatus, splitRequestUrl, traceStatus } from './panel-helpers';
import { Badge, ErrorMessage, Loading, ROUTE_STATUS, SectionTitle, StepList, UnknownBox, VerdictBadge } from './panel-ui';
import { FormButtons, QueryPanel, TextField, useEngineAnswer } from './query-form';

/**
 * Where an HTTP request to a URL goes, through Ingress and through the Gateway API, and which of them serves it
 * (GET /api/route): the one that does comes first; the other folds away unless neither takes it.
 */
export function TracePanel({
  context,
  initial,
  onChange,
  onResult,
}: {
  context: string;
  initial?: string;
  onChange?: (url: string | undefined) => void;
  onResult?: (r: RequestTrace | undefined) => void;
}) {
  const id = useId();
  const [url, setUrl] = useState(initial ?? '');
  const [submitted, setSubmitted] = useState<string | undefined>(() => (initial?.trim() ? initial.trim() : undefined));
  const target = useMemo(() => (submitted === undefined ? undefined : splitRequestUrl(submitted)), [submitted]);
  const request = target && !('error' in target) ? target : undefined;

  const { query, result } = useEngineAnswer<RequestTrace>('/api/route', request && { context, url: request.url }, onResult);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = url.trim();
    // Tracing the same URL again asks the current model again.
    if (next === submitted && request) void query.refetch();
    else setSubmitted(next);
    onChange?.(next || undefined);
  };
  const onClear = () => {
    setSubmitted(undefined);
    onChange?.(undefined);
  };

  return (
    <QueryPanel
      id={id}
      title="Trace an HTTP request"
      testId="trace-panel"
      onSubmit={onSubmit}
      form={
        <>
          <TextField label="URL" name="url" value={url} onChange={setUrl} inputMode="url" placeholder="shop.example.com/api" aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            Matched against the Ingress rules and the Gateway API&apos;s routes; http:// is assumed.
          </p>
          <FormButtons label="Trace" busy={query.isFetching} onClear={submitted !== undefined ? onClear : undefined} />
        </>
      }
    >
      {target && 'error' in target && <ErrorMessage error={target.error} />}
      {request && query.isFetching && <Loading>Tracing…</Loading>}
      {request && query.error && <ErrorMessage error={query.error} />}
      {request && result && <Trace request={request} result={result} />}
    </QueryPanel>
  );
}

function Trace({ request, result }: { request: { host: string; path: string }; result: RequestTrace }) {
  const status = traceStatus(result);
  const ingress = <IngressTrace result={result} />;
  const gateway = <GatewayTraceResult trace={result.gateway} />;
  // The API that serves the request first; the other folded, unless neither does (then both say why not).
  const gatewayFirst = result.servedBy === 'gateway';
  const fold = result.servedBy === 'ingress' || result.servedBy === 'gateway';
  const [first, second, secondName] = gatewayFirst ? [gateway, ingress, 'Ingress'] : [ingress, gateway, 'Gateway API'];
  const secondStatus = routeStatus(gatewayFirst ? result : result.gateway);
  return (
    <div data-testid="trace-result" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Badge {...ROUTE_STATUS[status]} data-testid="trace-status" data-status={status} />
        <span className="font-mono text-xs break-all">
          {request.host}
          {request.path}
        </span>
      </div>
      <p data-testid="trace-served-by" data-served-by={result.servedBy} className="rounded bg-slate-100 px-2 py-1 text-xs break-words dark:bg-slate-800">
        <span className="font-semibold">Served by {SERVED_BY[result.servedBy]}: </span>
        {result.servedByText}
      </p>
      {first}
      {fold ? (
        <details className="rounded border border-slate-200 p-1.5 dark:border-slate-800">
          <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">
            {secondName}: {ROUTE_STATUS[secondStatus].word}
          </summary>
          <div className="mt-1">{second}</div>
        </details>
      ) : (
        second
      )}
    </div>
  );
}

const SERVED_BY: Record<RequestTrace['servedBy'], string> = {
  ingress: 'an Ingress',
  gateway: 'a Gateway',
  both: 'both',
  neither: 'neither',
  unknown: 'unknown',
};

/** The Ingress's answer: Ingress, rule, Service, endpoints, reasons and the controller's policies. */
function IngressTrace({ result }: { result: RequestTrace }) {
  const status = routeStatus(result);
  const backends = result.resolution?.backends ?? [];
  return (
    <div data-testid="trace-ingress" data-status={status} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <SectionTitle>Ingress</SectionTitle>
        <Badge {...ROUTE_STATUS[status]} />
      </div>
      {result.unknown && <UnknownBox title="Unknown because" items={[result.unknown]} />}
      {(result.ingress || result.service) && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
          {result.ingress && (
            <>
              <dt className="text-slate-500">Ingress</dt>
              <dd className="font-mono break-all">
                {qualifiedName(result.ingress)}
                {result.ingressClass && ` (class ${result.ingressClass.meta.name})`}
              </dd>
            </>
          )}
          {result.rule && (
            <>
              <dt className="text-slate-500">Rule</dt>
              <dd className="font-mono break-all">
                {result.rule.isDefaultBackend
                  ? 'defaultBackend'
                  : `${result.rule.host ?? '*'} ${result.rule.path ?? '/'}${result.rule.pathType ? ` (${result.rule.pathType})` : ''}`}
              </dd>
            </>
          )}
          {result.service && (
            <>
              <dt className="text-slate-500">Service</dt>
              <dd className="font-mono break-all">
                {qualifiedName(result.service)}
                {result.resolution && ` port ${result.resolution.servicePort.port}/${result.resolution.servicePort.protocol}`}
              </dd>
            </>
          )}
        </dl>
      )}
      {result.steps.length > 0 && (
        <div>
          <SectionTitle>Steps</SectionTitle>
          <StepList steps={result.steps} testId="trace-step" />
        </div>
      )}
      {result.resolution && (
        <div>
          <SectionTitle>Endpoints ({backends.length})</SectionTitle>
          {backends.length === 0 ? (
            <p className="text-xs text-slate-500">No endpoints.</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {backends.map((backend, i) => {
                const pod = backend.pod ? qualifiedName(backend.pod) : undefined;
                return (
                  <li
                    key={i}
                    data-testid="trace-endpoint"
                    data-pod={pod}
                    data-ready={String(backend.ready)}
                    className="rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800"
                  >
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-mono">{backend.address || '(no IP)'}</span>
                      {pod && <span className="font-mono break-all">pod {pod}</span>}
                    </div>
                    <div className="flex flex-wrap gap-x-2">
                      <span>{backend.targetPort !== undefined ? `port ${backend.targetPort}` : 'port unresolved'}</span>
                      <span className={backend.ready ? '' : 'font-semibold text-amber-700 dark:text-amber-400'}>
                        <span aria-hidden="true">{backend.ready ? '✓' : '✕'}</span> {backend.ready ? 'ready' : 'not ready'}
                      </span>
                      {backend.terminating && <span>terminating</span>}
                    </div>
                    {backend.problem && <p className="text-red-800 dark:text-red-300">{backend.problem}</p>}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      {result.reasons.length > 0 && (
        <div>
          <SectionTitle>Reasons</SectionTitle>
          <ul data-testid="trace-reasons" className="list-disc pl-5 text-xs">
            {result.reasons.map((reason, i) => (
              <li key={i} className="break-words">
                {reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.controllerFlow ? (
        <div data-testid="trace-controller" className="flex flex-col gap-1">
          <SectionTitle>Ingress controller → backend</SectionTitle>
          <div className="flex flex-wrap items-center gap-2">
            <VerdictBadge verdict={result.controllerFlow.verdict} enforcement={result.controllerFlow.enforcement} data-testid="trace-controller-verdict" />
            <span className="font-mono text-xs break-all">
              {result.controllerFlow.from} → {result.controllerFlow.to} {result.controllerFlow.protocol} {result.controllerFlow.port}
            </span>
          </div>
          <p className="text-xs break-words">{result.controllerFlow.summary}</p>
        </div>
      ) : (
        result.controllerNote && (
          <div data-testid="trace-controller" className="text-xs">
            <SectionTitle>Ingress controller → backend</SectionTitle>
            <p className="break-words text-slate-500">{result.controllerNote}</p>
          </div>
        )
      )}
    </div>
  );
}

'use client';

import { percent, type GatewayBackend, type GatewayTrace } from '@/lib/analysis/gateway';
import { routeStatus } from './panel-helpers';
import { Badge, ROUTE_STATUS, SectionTitle, StepList, UnknownBox, VerdictBadge } from './panel-ui';

/** The Gateway API's answer to a traced request: Gateway, listener, route and rule, its steps, and each backend's share. */
export function GatewayTraceResult({ trace }: { trace: GatewayTrace }) {
  const status = routeStatus(trace);
  return (
    <div data-testid="trace-gateway" data-status={status} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <SectionTitle>Gateway API</SectionTitle>
        <Badge {...ROUTE_STATUS[status]} />
      </div>
      {trace.unknown && <UnknownBox title="Unknown because" items={[trace.unknown]} />}
      {trace.gateway && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
          <dt className="text-slate-500">Gateway</dt>
          <dd className="font-mono break-all">
            {trace.gateway.namespace}/{trace.gateway.name}
            {trace.gatewayClass && ` (class ${trace.gatewayClass.name})`}
          </dd>
          {trace.listener && (
            <>
              <dt className="text-slate-500">Listener</dt>
              <dd className="font-mono break-all">
                {trace.listener.name} {trace.listener.protocol} {trace.listener.port}
                {trace.listener.hostname && ` ${trace.listener.hostname}`}
              </dd>
            </>
          )}
          {trace.route && (
            <>
              <dt className="text-slate-500">Route</dt>
              <dd className="font-mono break-all">
                {trace.route.kind} {trace.route.namespace}/{trace.route.name}
              </dd>
            </>
          )}
          {trace.rule && (
            <>
              <dt className="text-slate-500">Rule</dt>
              <dd className="font-mono break-all">
                {trace.rule.name ?? `#${trace.rule.index + 1}`}: {trace.rule.match}
                {trace.rule.regex && ' (regular expression: implementation-specific)'}
              </dd>
            </>
          )}
          {trace.redirect && (
            <>
              <dt className="text-slate-500">Redirect</dt>
              <dd className="font-mono break-all">
                {trace.redirect.statusCode} {trace.redirect.location}
              </dd>
            </>
          )}
        </dl>
      )}
      {trace.backends.length > 0 && (
        <div>
          <SectionTitle>Backends ({trace.backends.length})</SectionTitle>
          <ul className="flex flex-col gap-1">
            {trace.backends.map((backend, i) => (
              <Backend key={i} backend={backend} dataPlaneNote={trace.dataPlane?.text} />
            ))}
          </ul>
        </div>
      )}
      {trace.dataPlane && trace.dataPlane.pods.length === 0 && trace.backends.some((b) => b.flowNote === trace.dataPlane?.text) && (
        <p data-testid="trace-gateway-data-plane" className="text-xs break-words text-slate-500">
          Policies not checked: {trace.dataPlane.text}
        </p>
      )}
      {trace.steps.length > 0 && (
        <details open={!trace.matched}>
          <summary className="cursor-pointer text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Steps ({trace.steps.length})</summary>
          <StepList steps={trace.steps} testId="trace-gateway-step" />
        </details>
      )}
      {trace.reasons.length > 0 && (
        <ul data-testid="trace-gateway-reasons" className="list-disc pl-5 text-xs">
          {trace.reasons.map((reason, i) => (
            <li key={i} className="break-words">
              {reason}
            </li>
          ))}
        </ul>
      )}
      {trace.alsoTakenBy.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Also taken by: {trace.alsoTakenBy.map((g) => `${g.namespace}/${g.name}`).join(', ')} (DNS decides which serves it)
        </p>
      )}
    </div>
  );
}

const BACKEND_OK = { icon: '✓', word: 'ok', tone: 'good' } as const;

/** One backendRef: its share, its state, what becomes of its share, and the policies from the Gateway's pods (a note shared by every backend is shown once, below them). */
function Backend({ backend, dataPlaneNote }: { backend: GatewayBackend; dataPlaneNote: string | undefined }) {
  const service = `${backend.namespace}/${backend.ref.name}`;
  const ok = backend.state === 'ok';
  return (
    <li
      data-testid="trace-gateway-backend"
      data-service={service}
      data-share={percent(backend.share)}
      data-state={backend.state}
      className="rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-x-2">
        <span className="font-mono break-all">
          {backend.ref.kind === 'Service' ? '' : `${backend.ref.kind} `}
          {service}
          {backend.ref.port !== undefined && `:${backend.ref.port}`}
        </span>
        <span className="font-semibold">{percent(backend.share)}</span>
        {ok ? <Badge {...BACKEND_OK} /> : <Badge icon={backend.state === 'no-traffic' ? '○' : '✕'} word={backend.state} tone={backend.state === 'no-traffic' ? 'unknown' : 'bad'} />}
      </div>
      <p className="break-words text-slate-600 dark:text-slate-400">{backend.text}</p>
      {backend.flow ? (
        <p className="mt-0.5 flex flex-wrap items-center gap-1">
          <VerdictBadge verdict={backend.flow.verdict} enforcement={backend.flow.enforcement} />
          <span className="break-words">from the Gateway&apos;s pods: {backend.flow.summary}</span>
        </p>
      ) : (
        backend.flowNote &&
        backend.flowNote !== dataPlaneNote && <p className="mt-0.5 break-words text-slate-500">Policies not checked: {backend.flowNote}</p>
      )}
    </li>
  );
}

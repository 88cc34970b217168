'use client';

import { useMemo } from 'react';
import { percent, type GatewaySummary, type RuleSummary } from '@/lib/analysis/gateway';
import type { Finding } from '@/lib/analysis/diagnose/types';
import { gatewaySummaries, INVALID_BACKEND_STATES } from '@/lib/graph/gateway-edges';
import { findingsAbout } from '@/lib/graph/problems-focus';
import type { ClusterModel, Condition } from '@/lib/model';
import { FindingsSection, Section } from '@/components/panels/detail-sections';

/** One Gateway as the engine sees it: class and status, listeners with their routes, each route's rules and backends, routes that do not attach and why, and the findings. */
export function GatewayPanel({
  model,
  gateway,
  findings,
  onClose,
}: {
  model: ClusterModel;
  gateway: { namespace: string; name: string };
  /** Undefined until the diagnosis (in a worker) answers. */
  findings: Finding[] | undefined;
  onClose: () => void;
}) {
  const { namespace, name } = gateway;
  const summary = useMemo(() => gatewaySummaries(model).find((g) => g.namespace === namespace && g.name === name), [model, namespace, name]);
  const own = useMemo(() => {
    if (!summary || !findings) return findings && [];
    // The Gateway's findings and its routes' (attached or not), each once.
    const objects = [{ kind: 'Gateway', namespace, name }, ...summary.routes, ...summary.detached];
    const seen = new Set<string>();
    return objects.flatMap((o) => findingsAbout(findings, o)).filter((f) => !seen.has(f.id) && seen.add(f.id));
  }, [findings, summary, namespace, name]);
  const ref = `${namespace}/${name}`;

  return (
    <aside aria-label="Selected Gateway" data-testid="gateway-panel" data-gateway={ref} className="flex h-full flex-col gap-3 overflow-auto p-3 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">gateway {ref}</h2>
        <button type="button" onClick={onClose} className="shrink-0 rounded border px-2 text-xs" aria-label="Close the Gateway panel">
          ✕
        </button>
      </div>
      {!summary ? (
        <p role="status" className="rounded border border-amber-500 p-2 text-xs">
          Gateway {ref} is not in the cluster model (deleted, or not synced yet).
        </p>
      ) : (
        <>
          <Overview summary={summary} />
          <FindingsSection testId="gateway-finding" none="No finding names this Gateway or its routes." findings={own} />
          <Listeners summary={summary} />
          <Routes summary={summary} />
          <Detached summary={summary} />
        </>
      )}
    </aside>
  );
}

const conditionText = (c: Condition | undefined, none: string) => (c ? `${c.status}${c.reason ? ` (${c.reason})` : ''}` : none);

function Overview({ summary }: { summary: GatewaySummary }) {
  const rows: [string, string][] = [
    ['Class', `${summary.className}: accepted ${conditionText(summary.classAccepted, 'unknown (no status)')}`],
    ['Programmed', conditionText(summary.programmed, 'unknown (no status)')],
    ['Addresses', summary.addresses.length > 0 ? summary.addresses.join(', ') : 'none (yet)'],
  ];
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs" data-testid="gateway-overview">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="font-mono break-all">{value}</dd>
        </div>
      ))}
      <p className="col-span-2 text-slate-500">Routing is computed from spec; status is what a controller wrote, if any.</p>
    </dl>
  );
}

function Listeners({ summary }: { summary: GatewaySummary }) {
  return (
    <Section title={`Listeners (${summary.listeners.length})`} testId="gateway-listeners">
      <ul className="space-y-1">
        {summary.listeners.map((l) => (
          <li key={`${l.owner.kind}/${l.owner.namespace}/${l.owner.name}/${l.name}`} data-testid="gateway-listener" data-listener={l.name} className="rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800">
            <div className="font-mono break-all">
              {l.name}: {l.protocol} {l.port} {l.hostname ?? '(every hostname)'}
              {l.owner.kind === 'ListenerSet' && <span className="text-slate-500"> from ListenerSet {l.owner.namespace}/{l.owner.name}</span>}
            </div>
            {l.conflict && (
              <p className="text-red-800 dark:text-red-300">
                <span aria-hidden="true">✕ </span>
                {l.conflict}
              </p>
            )}
            <p>
              {l.routes.length === 0 ? 'No route attached.' : `Routes: ${l.routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')}`}
              {l.status && <span className="text-slate-500"> (status says {l.status.attachedRoutes} attached)</span>}
            </p>
          </li>
        ))}
      </ul>
      {summary.listenerSets.length > 0 && (
        <ul className="space-y-0.5 text-xs">
          {summary.listenerSets.map((s) => (
            <li key={`${s.namespace}/${s.name}`}>
              ListenerSet {s.namespace}/{s.name}: {s.admitted ? 'admitted' : 'not admitted'}, {s.why}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Rule({ rule }: { rule: RuleSummary }) {
  return (
    <li className="space-y-0.5">
      <div className="font-mono break-all">
        {rule.name ?? `rule ${rule.index + 1}`}: {rule.matches.length > 0 ? rule.matches.join(' | ') : 'every request'}
      </div>
      {rule.redirect && <div className="pl-3">→ {rule.redirect}</div>}
      <ul className="pl-3">
        {rule.backends.map((b, i) => {
          const invalid = INVALID_BACKEND_STATES.has(b.state);
          return (
            <li key={i} data-testid="gateway-backend" data-service={`${b.namespace}/${b.name}`} data-share={percent(b.share)} data-state={b.state} title={b.text}>
              <span className="font-mono break-all">
                → {b.kind === 'Service' ? '' : `${b.kind} `}
                {b.namespace}/{b.name}
                {b.port !== undefined && `:${b.port}`}
              </span>{' '}
              <span className="font-semibold">{percent(b.share)}</span>
              {b.state !== 'ok' && (
                <span className={invalid ? 'font-semibold text-red-800 dark:text-red-300' : 'text-slate-500'}>
                  {' '}
                  <span aria-hidden="true">{invalid ? '✕' : '○'}</span> {b.state}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

function Routes({ summary }: { summary: GatewaySummary }) {
  return (
    <Section title={`Attached routes (${summary.routes.length})`} testId="gateway-routes">
      {summary.routes.length === 0 ? (
        <p className="text-xs text-slate-500">No route attaches to this Gateway.</p>
      ) : (
        <ul className="space-y-1">
          {summary.routes.map((r) => (
            <li key={`${r.kind}/${r.namespace}/${r.name}`} data-testid="gateway-route" data-route={`${r.kind} ${r.namespace}/${r.name}`} className="space-y-0.5 rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800">
              <div className="font-semibold break-all">
                {r.kind} {r.namespace}/{r.name}
              </div>
              <div className="text-slate-600 dark:text-slate-400">hostnames: {r.hostnames === undefined ? 'every hostname' : r.hostnames.join(', ') || 'none'}</div>
              <ul className="space-y-0.5">
                {r.rules.map((rule) => (
                  <Rule key={rule.index} rule={rule} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Detached({ summary }: { summary: GatewaySummary }) {
  if (summary.detached.length === 0) return null;
  return (
    <Section title={`Routes that name it but do not attach (${summary.detached.length})`} testId="gateway-detached">
      <ul className="space-y-1">
        {summary.detached.map((r, i) => (
          <li key={i} data-testid="gateway-detached-route" data-route={`${r.kind} ${r.namespace}/${r.name}`} data-reason={r.reason} className="rounded border border-red-300 p-1.5 text-xs dark:border-red-900">
            <div className="font-semibold break-all">
              <span aria-hidden="true">✕ </span>
              {r.kind} {r.namespace}/{r.name}: {r.reason}
            </div>
            <p className="break-words text-slate-600 dark:text-slate-400">{r.message}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

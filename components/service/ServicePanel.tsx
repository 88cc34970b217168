'use client';

import { useMemo, type ReactNode } from 'react';
import type { Finding } from '@/lib/analysis/diagnose/types';
import type { DnsAnswer } from '@/lib/analysis/dns/resolve-dns';
import { findService } from '@/lib/analysis/services/service-backends';
import { findingsAbout, serviceHealthOf } from '@/lib/graph/problems-focus';
import { serviceDetails, type EndpointState, type PortRow, type ServiceDetails } from '@/lib/graph/service-details';
import type { ClusterModel, Service } from '@/lib/model';
import { FindingsSection, Section } from '@/components/panels/detail-sections';
import { HealthBadge } from '@/components/problems/severity';

const STATE_ICON: Record<EndpointState, string> = { ready: '✓', 'not ready': '✕', terminating: '◌' };

/** One Service as the engine sees it: addresses, ports with their backends, endpoints, DNS names and findings. */
export function ServicePanel({
  model,
  service,
  findings,
  onClose,
  onSelectPod,
}: {
  model: ClusterModel;
  service: { namespace: string; name: string };
  /** Undefined until the diagnosis (in a worker) answers. */
  findings: Finding[] | undefined;
  onClose: () => void;
  onSelectPod?: (podId: string) => void;
}) {
  const { namespace, name } = service;
  const svc = useMemo(() => findService(model, namespace, name), [model, namespace, name]);
  const details = useMemo(() => (svc ? serviceDetails(model, svc) : undefined), [model, svc]);
  const own = useMemo(() => (findings ? findingsAbout(findings, { kind: 'Service', namespace, name }) : undefined), [findings, namespace, name]);
  const health = useMemo(() => (findings ? serviceHealthOf(findings, { namespace, name }) : undefined), [findings, namespace, name]);
  const ref = `${namespace}/${name}`;

  return (
    <aside aria-label="Selected Service" data-testid="service-panel" data-service={ref} className="flex h-full flex-col gap-3 overflow-auto p-3 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">service {ref}</h2>
        <span className="flex shrink-0 items-center gap-1">
          {svc && health && <HealthBadge health={health} />}
          <button type="button" onClick={onClose} className="rounded border px-2 text-xs" aria-label="Close the Service panel">
            ✕
          </button>
        </span>
      </div>
      {!svc || !details ? (
        <p role="status" className="rounded border border-amber-500 p-2 text-xs">
          Service {ref} is not in the cluster model (deleted, or not synced yet).
        </p>
      ) : (
        <>
          <Overview svc={svc} />
          <FindingsSection testId="service-finding" none="No finding names this Service." findings={own} />
          <Ports ports={details.ports} onSelectPod={onSelectPod} />
          {details.endpoints && <Endpoints endpoints={details.endpoints} onSelectPod={onSelectPod} />}
          <Dns rows={details.dns} />
        </>
      )}
    </aside>
  );
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-slate-500">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function PodLabel({ podId, label, onSelectPod }: { podId: string | undefined; label: string; onSelectPod: ((podId: string) => void) | undefined }) {
  if (!podId || !onSelectPod) return <span className="font-mono break-all">{label}</span>;
  return (
    <button type="button" onClick={() => onSelectPod(podId)} title="Select this pod on the map" className="text-left font-mono break-all text-blue-700 underline dark:text-blue-400">
      {label}
    </button>
  );
}

function Overview({ svc }: { svc: Service }) {
  const headless = svc.clusterIP === 'None';
  const rows: [string, ReactNode][] = [['Type', svc.type]];
  if (svc.type === 'ExternalName') {
    rows.push(['External name', svc.externalName ?? '(none)']);
  } else {
    rows.push([
      svc.clusterIPs.length > 1 ? 'Cluster IPs' : 'Cluster IP',
      headless ? 'None (headless)' : svc.clusterIPs.length > 0 ? svc.clusterIPs.join(', ') : 'not allocated yet',
    ]);
  }
  if (svc.externalIPs.length > 0) rows.push(['External IPs', svc.externalIPs.join(', ')]);
  if (svc.type === 'LoadBalancer') {
    const addresses = svc.loadBalancerIngress.map((i) => i.ip ?? i.hostname).filter(Boolean);
    rows.push(['Load balancer', addresses.length > 0 ? addresses.join(', ') : 'no address (yet)']);
  }
  const selector = svc.selector ? Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`) : [];
  if (svc.type !== 'ExternalName') rows.push(['Selector', selector.length > 0 ? selector.join(', ') : 'none']);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 gap-y-0.5 text-xs" data-testid="service-overview">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="font-mono break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Ports({ ports, onSelectPod }: { ports: PortRow[]; onSelectPod: ((podId: string) => void) | undefined }) {
  return (
    <Section title={`Ports (${ports.length})`}>
      {ports.length === 0 ? (
        <p className="text-xs text-slate-500">The Service declares no ports.</p>
      ) : (
        <ul className="space-y-1">
          {ports.map((port) => (
            <li key={port.label} data-testid="service-port" data-port={port.label} className="space-y-1 rounded border border-slate-200 p-1.5 dark:border-slate-800">
              <div className="font-mono text-xs break-all">{port.label}</div>
              {port.error ? (
                <p className="text-xs text-slate-500">{port.error}</p>
              ) : port.backends.length === 0 ? null : (
                <ul className="space-y-0.5 text-xs" aria-label={`Backends of ${port.label}`}>
                  {port.backends.map((b, i) => (
                    <li key={`${b.address}:${b.podId ?? i}`} data-testid="service-port-backend" data-resolved={b.problem ? 'false' : 'true'}>
                      <PodLabel podId={b.podId} label={b.label} onSelectPod={onSelectPod} />
                      {b.problem ? (
                        <span className="block text-red-800 dark:text-red-300">
                          <span aria-hidden="true">✕ </span>
                          {b.problem}
                        </span>
                      ) : (
                        <span className="font-mono">
                          {' '}
                          → {b.targetPort}
                          {b.state !== 'ready' && <span className="text-slate-500"> ({b.state})</span>}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {port.verdict && <p className="text-xs text-slate-600 dark:text-slate-400">{port.verdict}</p>}
              {port.notes.length > 0 && (
                <details className="text-xs">
                  <summary className="cursor-pointer text-slate-500">How it was resolved</summary>
                  <Notes notes={port.notes} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Endpoints({ endpoints, onSelectPod }: { endpoints: NonNullable<ServiceDetails['endpoints']>; onSelectPod: ((podId: string) => void) | undefined }) {
  const ready = endpoints.rows.filter((r) => r.state === 'ready').length;
  const source = endpoints.source === 'endpointslices' ? 'from EndpointSlices' : 'from the pods the selector matches';
  return (
    <Section title={`Endpoints (${ready} of ${endpoints.rows.length} ready)`} testId="service-endpoints">
      <p className="text-xs text-slate-500" data-testid="service-endpoints-source" data-source={endpoints.source}>
        {source}
      </p>
      {endpoints.rows.length === 0 ? (
        <p className="text-xs">No endpoints.</p>
      ) : (
        <ul className="space-y-0.5 text-xs">
          {endpoints.rows.map((e, i) => (
            <li
              key={`${e.address}:${e.podId ?? i}`}
              data-testid="service-endpoint"
              data-ready={e.state === 'ready' ? 'true' : 'false'}
              data-state={e.state}
              className="flex flex-wrap items-baseline gap-x-2"
            >
              <span className="shrink-0">
                <span aria-hidden="true">{STATE_ICON[e.state]}</span> {e.state}
              </span>
              <PodLabel podId={e.podId} label={e.label} onSelectPod={onSelectPod} />
              {e.podId && e.address && <span className="font-mono text-slate-500">{e.address}</span>}
              {e.hostname && <span className="font-mono text-slate-500">hostname {e.hostname}</span>}
            </li>
          ))}
        </ul>
      )}
      <Notes notes={endpoints.notes} />
    </Section>
  );
}

function answerText(answer: DnsAnswer): string {
  if (answer.unknown) return `unknown: ${answer.unknown}`;
  if (answer.type === 'NXDOMAIN') return 'NXDOMAIN';
  return `${answer.type} ${answer.records.length > 0 ? answer.records.join(', ') : '(no records)'}`;
}

function Dns({ rows }: { rows: ServiceDetails['dns'] }) {
  return (
    <Section title="DNS names (from a pod in the Service's namespace)" testId="service-dns">
      <ul className="space-y-1 text-xs">
        {rows.map(({ query, answer }) => (
          <li key={query} data-testid="service-dns-name" data-type={answer.unknown ? 'unknown' : answer.type}>
            <details>
              <summary className="cursor-pointer">
                <span className="font-mono break-all">{query}</span>
                <span className="block pl-4 font-mono break-all text-slate-600 dark:text-slate-400">→ {answerText(answer)}</span>
              </summary>
              <div className="mt-0.5 pl-4">
                <Notes notes={answer.reasons} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </Section>
  );
}

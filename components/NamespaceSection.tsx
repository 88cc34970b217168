import { memo, useState, type ReactNode } from 'react';
import type { EndpointSummary } from '@/lib/analysis/endpoints';
import { serviceKey } from '@/lib/analysis/endpoints';
import type { Pod, Service } from '@/lib/model';

const byName = <T extends { meta: { name: string } }>(a: T, b: T) => a.meta.name.localeCompare(b.meta.name);

/**
 * Memoised: the page has one per namespace, and most renders (a click on the map) change none of them. A section is
 * a <details>: its rows are rendered only while it is open, so that a big cluster's list (50,000 pods) costs the page
 * a line per namespace until one is opened. `initiallyOpen` is decided once, by the caller.
 */
export const NamespaceSection = memo(function NamespaceSection({
  namespace,
  pods,
  services,
  endpoints,
  initiallyOpen,
}: {
  namespace: string;
  pods: Pod[];
  services: Service[];
  /** The endpoints of every Service, computed when first asked (by an open section). */
  endpoints: () => Map<string, EndpointSummary>;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details
      data-testid="namespace"
      data-namespace={namespace}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <summary className="cursor-pointer px-3 py-2">
        <h2 className="inline font-semibold">
          {namespace} <span className="text-sm font-normal text-slate-500">({pods.length} pods, {services.length} Services)</span>
        </h2>
      </summary>
      {open && <NamespaceRows pods={pods} services={services} endpoints={endpoints} />}
    </details>
  );
});

/** The tables of an open section. */
function NamespaceRows({ pods, services, endpoints: allEndpoints }: { pods: Pod[]; services: Service[]; endpoints: () => Map<string, EndpointSummary> }) {
  const endpoints = allEndpoints();
  return (
      <div className="grid gap-4 border-t border-slate-200 p-3 lg:grid-cols-2 dark:border-slate-800">
        <ListTable caption="Pods" columns={['Name', 'IP', 'Node', 'Ready']}>
          {[...pods].sort(byName).map((pod) => (
            <tr key={pod.meta.uid} data-testid="pod-row" data-name={pod.meta.name} data-ready={pod.ready} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 font-mono text-xs">{pod.meta.name}</td>
              <td className="font-mono text-xs" data-testid="pod-ip">
                {pod.podIPs.join(', ') || '—'}
                {pod.hostNetwork && <span className="ml-1 text-slate-500">(host network)</span>}
              </td>
              <td className="text-xs">{pod.nodeName ?? 'unscheduled'}</td>
              <td className="text-xs" title={pod.notReadyReason}>
                {pod.ready ? '✓ ready' : `✕ ${pod.notReadyReason ?? pod.phase}`}
              </td>
            </tr>
          ))}
        </ListTable>
        <ListTable caption="Services" columns={['Name', 'Type', 'Ports', 'Endpoints']}>
          {[...services].sort(byName).map((svc) => {
            const ep = endpoints.get(serviceKey(svc));
            return (
              <tr key={svc.meta.uid} data-testid="service-row" data-name={svc.meta.name} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 font-mono text-xs">{svc.meta.name}</td>
                <td className="text-xs">{svc.type}</td>
                <td className="font-mono text-xs">
                  {svc.ports.map((p) => `${p.port}→${p.targetPort}/${p.protocol}`).join(', ') || '—'}
                </td>
                <td className="text-xs" data-testid="endpoint-count" data-ready={ep?.ready ?? 0}>
                  {ep ? `${ep.ready} ready${ep.notReady > 0 ? `, ${ep.notReady} not ready` : ''}` : '— (DNS alias)'}
                  {ep?.source === 'selector' && <span className="text-slate-500"> (selected pods)</span>}
                </td>
              </tr>
            );
          })}
        </ListTable>
      </div>
  );
}

/** A captioned table of one kind of object: a header row, then the rows given as children. */
function ListTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="text-left font-medium">{caption}</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          {columns.map((column, i) => (
            <th key={column} className={i === 0 ? 'py-1' : undefined}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

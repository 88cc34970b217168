'use client';

import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { DEMO_CONTEXT } from '@/lib/api/types';
import { RESOURCE_KINDS, summarizeConnection, type Pod, type Service } from '@/lib/model';
import { endpointSummaries } from '@/lib/analysis/endpoints';
import { useLiveModel } from '@/lib/client/use-live-model';
import { ConnectionStatus } from './ConnectionStatus';
import { EnforcementBadge } from './EnforcementBadge';
import { MapView } from './map/MapView';
import { ThemeToggle } from './ThemeToggle';
import { NamespaceSection } from './NamespaceSection';

const NONE: never[] = [];

export function ClusterView({ context, contextPicker, notice }: { context: string; contextPicker: ReactNode; notice?: ReactNode }) {
  const { snapshot, error, isLoading, streamStatus } = useLiveModel(context);
  const model = snapshot?.model;
  const endpoints = useMemo(() => (model ? endpointSummaries(model) : new Map()), [model]);
  const { namespaces, emptyNamespaces } = useMemo(() => {
    if (!model) return { namespaces: [], emptyNamespaces: [] };
    const used = new Set<string>();
    // Objects can arrive before their namespace does, and a namespace may be unlistable (forbidden).
    for (const o of [...model.resources.pods, ...model.resources.services]) if (o.meta.namespace) used.add(o.meta.namespace);
    const empty = model.resources.namespaces.map((n) => n.meta.name).filter((n) => !used.has(n));
    return { namespaces: [...used].sort(), emptyNamespaces: empty.sort() };
  }, [model]);
  // Grouped once per model, so that each section gets the same arrays until its namespace changes and the memoised
  // sections skip the re-render a URL change (a click on the map) causes.
  const byNamespace = useMemo(() => {
    const groups = new Map<string, { pods: Pod[]; services: Service[] }>();
    const group = (ns: string) => groups.get(ns) ?? groups.set(ns, { pods: [], services: [] }).get(ns)!;
    for (const pod of model?.resources.pods ?? []) if (pod.meta.namespace) group(pod.meta.namespace).pods.push(pod);
    for (const svc of model?.resources.services ?? []) if (svc.meta.namespace) group(svc.meta.namespace).services.push(svc);
    return groups;
  }, [model]);

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-lg font-semibold tracking-tight">kube-netmap</h1>
        <span className="text-sm text-slate-500">context</span>
        {contextPicker}
        {snapshot?.demo ? (
          <span data-testid="demo-label" className="rounded-full border-2 border-violet-600 px-2 py-0.5 text-sm font-semibold text-violet-800 dark:text-violet-300">
            DEMO · built-in example shop, not a live cluster
          </span>
        ) : (
          model && <ConnectionStatus sync={model.sync} streamStatus={streamStatus} />
        )}
        {model && <EnforcementBadge model={model} />}
        <ThemeToggle />
      </header>
      <main className="flex-1 space-y-4 p-4">
        {notice}
        {model && !snapshot?.demo && RESOURCE_KINDS.every((k) => model.sync[k].status === 'error') && (
          <p role="status" data-testid="unreachable" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
            The cluster of context {context} cannot be reached yet; kube-netmap keeps retrying.{' '}
            <span className="block font-mono text-xs" data-testid="unreachable-reason">
              {summarizeConnection(model.sync).message}
            </span>
            <a className="font-medium underline" href={`?context=${encodeURIComponent(DEMO_CONTEXT)}`}>
              Show the built-in demo instead
            </a>
            .
          </p>
        )}
        {isLoading && <p className="text-slate-500">Loading the cluster model…</p>}
        {error && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {error.message}
          </p>
        )}
        {model && (
          <p className="text-sm text-slate-500" data-testid="totals">
            {model.resources.nodes.length} nodes · {namespaces.length + emptyNamespaces.length} namespaces ·{' '}
            {model.resources.pods.length} pods · {model.resources.services.length} Services
          </p>
        )}
        {emptyNamespaces.length > 0 && (
          <p className="text-sm text-slate-500" data-testid="empty-namespaces">
            Without pods or Services: {emptyNamespaces.join(', ')}
          </p>
        )}
        {model && <MapView model={model} context={context} source={snapshot?.demo ? 'manifests' : 'live'} />}
        {model &&
          namespaces.map((ns) => (
            <NamespaceSection
              key={ns}
              namespace={ns}
              pods={byNamespace.get(ns)?.pods ?? NONE}
              services={byNamespace.get(ns)?.services ?? NONE}
              endpoints={endpoints}
            />
          ))}
      </main>
    </div>
  );
}

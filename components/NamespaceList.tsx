'use client';

import { useMemo, useState } from 'react';
import { endpointSummaries } from '@/lib/analysis/endpoints';
import type { ClusterModel, Pod, Service } from '@/lib/model';
import { NamespaceSection } from './NamespaceSection';

const NONE: never[] = [];
/**
 * Up to this many pods the list shows every namespace's rows at once; above it each namespace starts closed and
 * renders its rows when opened: at 50,000 pods, rendering every row took seconds of the main thread and much memory.
 */
const LIST_OPEN_MAX_PODS = 2000;

/** The plain list below the map: the totals, then each namespace's pods and Services. */
export function NamespaceList({ model }: { model: ClusterModel }) {
  // Decided on the first model: sections do not close themselves because the cluster grew meanwhile.
  const [initiallyOpen] = useState(() => model.resources.pods.length <= LIST_OPEN_MAX_PODS);
  // Asked by open sections only: with every section closed (a big cluster), a change to the model computes nothing.
  const endpoints = useMemo(() => {
    let summaries: ReturnType<typeof endpointSummaries> | undefined;
    return () => (summaries ??= endpointSummaries(model));
  }, [model]);
  const { namespaces, emptyNamespaces } = useMemo(() => {
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
    for (const pod of model.resources.pods) if (pod.meta.namespace) group(pod.meta.namespace).pods.push(pod);
    for (const svc of model.resources.services) if (svc.meta.namespace) group(svc.meta.namespace).services.push(svc);
    return groups;
  }, [model]);

  return (
    <main aria-label="Pods and Services" className="space-y-4 p-4">
      <p className="text-sm text-slate-500" data-testid="totals">
        {model.resources.nodes.length} nodes · {namespaces.length + emptyNamespaces.length} namespaces · {model.resources.pods.length} pods ·{' '}
        {model.resources.services.length} Services
      </p>
      {emptyNamespaces.length > 0 && (
        <p className="text-sm text-slate-500" data-testid="empty-namespaces">
          Without pods or Services: {emptyNamespaces.join(', ')}
        </p>
      )}
      {namespaces.map((ns) => (
        <NamespaceSection
          key={ns}
          namespace={ns}
          pods={byNamespace.get(ns)?.pods ?? NONE}
          services={byNamespace.get(ns)?.services ?? NONE}
          endpoints={endpoints}
          initiallyOpen={initiallyOpen}
        />
      ))}
    </main>
  );
}

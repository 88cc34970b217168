'use client';

import dynamic from 'next/dynamic';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { diagnose } from '@/lib/analysis/diagnose';
import { FlowInputError } from '@/lib/analysis/flow/explain-flow';
import { buildGraph, serviceHealth, type GraphOptions } from '@/lib/graph/elements';
import { highlightPeers, type Direction } from '@/lib/graph/highlight';
import type { ClusterModel } from '@/lib/model';
import { PeerPanel } from './PeerPanel';

// Cytoscape draws on a canvas in the browser; it is never rendered on the server.
const NetworkMap = dynamic(() => import('./NetworkMap').then((m) => m.NetworkMap), {
  ssr: false,
  loading: () => <p className="p-4 text-slate-500">Loading the map…</p>,
});

const DIRECTIONS = new Set<Direction>(['egress', 'ingress', 'both']);

/** The map with its selection; the URL holds the state (pod, direction, grouping), so a copied link reproduces it. */
export function MapView({ model, source }: { model: ClusterModel; source: 'live' | 'manifests' }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const setParams = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [params, pathname, router],
  );

  const selected = params.get('pod') ?? undefined;
  const direction: Direction = DIRECTIONS.has(params.get('dir') as Direction) ? (params.get('dir') as Direction) : 'both';
  const groupBy = params.get('group') === 'node' ? 'node' : 'namespace';
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const health = useMemo(() => serviceHealth(diagnose(model, { source })), [model, source]);
  const options: GraphOptions = useMemo(() => ({ groupBy, foldAbove: 3, expanded, health }), [groupBy, expanded, health]);
  const graph = useMemo(() => buildGraph(model, options), [model, options]);
  const selection = useMemo(() => {
    const [namespace, name] = selected?.split('/') ?? [];
    if (!namespace || !name) return undefined;
    try {
      return highlightPeers(model, { namespace, name }, direction, options);
    } catch (error) {
      // The pod is gone (deleted, or a link from another cluster): nothing is selected.
      if (error instanceof FlowInputError) return undefined;
      throw error;
    }
  }, [model, selected, direction, options]);

  const onSelect = useCallback(
    (nodeId: string | undefined) => {
      if (nodeId?.startsWith('wl:')) {
        // A folded workload opens up into its pods; then one of them can be selected.
        setExpanded((current) => new Set([...current, nodeId]));
        return;
      }
      setParams({ pod: nodeId?.startsWith('pod:') ? nodeId.slice(4) : undefined });
    },
    [setParams],
  );

  return (
    <section aria-label="Network map" className="flex h-[70vh] min-h-[420px] overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
          <label>
            Group by{' '}
            <select
              aria-label="Group by"
              value={groupBy}
              onChange={(e) => setParams({ group: e.target.value === 'node' ? 'node' : undefined })}
              className="rounded border border-slate-300 bg-transparent px-1 dark:border-slate-700"
            >
              <option value="namespace">namespace</option>
              <option value="node">node</option>
            </select>
          </label>
          <span className="text-slate-500">
            {graph.nodes.length} nodes · click a pod to see what it can reach and what reaches it
          </span>
        </div>
        <div className="min-h-0 flex-1">
          <NetworkMap graph={graph} selection={selection} onSelect={onSelect} />
        </div>
      </div>
      {selection && selected && (
        <div className="w-80 shrink-0 border-l border-slate-200 dark:border-slate-800">
          <PeerPanel
            title={`pod ${selected}`}
            highlight={selection.highlight}
            direction={direction}
            onDirection={(d) => setParams({ dir: d === 'both' ? undefined : d })}
            onClose={() => setParams({ pod: undefined })}
          />
        </div>
      )}
    </section>
  );
}

'use client';

import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import { diagnose } from '@/lib/analysis/diagnose';
import { FlowInputError } from '@/lib/analysis/errors';
import type { FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import { buildGraph, DEFAULT_FOLD_ABOVE, serviceHealth, type GraphOptions } from '@/lib/graph/elements';
import { highlightPeers } from '@/lib/graph/highlight';
import { gatewaySummaries } from '@/lib/graph/gateway-edges';
import { flowPath, traceNodeIds, type MapPath } from '@/lib/graph/highlight-targets';
import { parseSearch, searchGraph } from '@/lib/graph/search';
import { whatIfHighlight } from '@/lib/graph/what-if';
import { useTheme } from '@/lib/client/theme';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import { DnsPanel } from '../panels/DnsPanel';
import { ExplainPanel, type MapPick } from '../panels/ExplainPanel';
import { TracePanel } from '../panels/TracePanel';
import { GatewayPanel } from '../gateway/GatewayPanel';
import { ProblemsView } from '../problems/ProblemsView';
import { ServicePanel } from '../service/ServicePanel';
import { useWhatIf } from '../what-if/use-what-if';
import { MapSearch } from './MapSearch';
import { NamespaceFilter } from './NamespaceFilter';
import { clickAction } from './map-click';
import { shownNamespaces, type Panel } from './map-url';
import { PeerPanel } from './PeerPanel';
import { positionsKey } from './saved-positions';
import { useMapUrl } from './use-map-url';

// Cytoscape draws on a canvas in the browser; it is never rendered on the server.
const NetworkMap = dynamic(() => import('./NetworkMap').then((m) => m.NetworkMap), {
  ssr: false,
  loading: () => <p className="p-4 text-slate-500">Loading the map…</p>,
});

// The what-if's panel reads and writes YAML: its code loads when the panel first opens, not with the page.
const WhatIfPanel = dynamic(() => import('../what-if/WhatIfPanel').then((m) => m.WhatIfPanel), {
  ssr: false,
  loading: () => <p className="p-3 text-xs text-slate-500">Loading the what-if…</p>,
});

const TABS: { id: Panel; label: string }[] = [
  { id: 'selection', label: 'Selection' },
  { id: 'explain', label: 'Explain a flow' },
  { id: 'trace', label: 'Trace a URL' },
  { id: 'dns', label: 'DNS' },
  { id: 'problems', label: 'Problems' },
  { id: 'whatif', label: 'What if' },
];

/**
 * The map and the panels beside it. The URL holds the state (selection, direction, grouping, namespaces, search,
 * open panel and its question, the what-if's draft), so a copied link reproduces the view.
 */
export function MapView({ model, context, source }: { model: ClusterModel; context: string; source: ModelOrigin }) {
  const [url, setParams] = useMapUrl();
  const dark = useTheme() === 'dark';
  const { pod: selectedPod, service: serviceRef, gateway: gatewayRef, direction, groupBy, panel: tab, search: searchText } = url;
  const namespaces = useMemo(() => shownNamespaces(url.namespaces), [url.namespaces]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [path, setPath] = useState<MapPath | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>(undefined);

  const report = useMemo(() => diagnose(model, { source }), [model, source]);
  const health = useMemo(() => serviceHealth(report), [report]);
  const options: GraphOptions = useMemo(
    () => ({ groupBy, foldAbove: DEFAULT_FOLD_ABOVE, expanded, health, ...(namespaces ? { namespaces } : {}) }),
    [groupBy, expanded, health, namespaces],
  );
  // While the what-if is open, the map draws its model (the draft applied) and what the draft changes.
  const whatIf = useWhatIf(model, tab === 'whatif', url.draftLink, setParams);
  const whatIfOutcome = tab === 'whatif' ? whatIf.outcome : undefined;
  const graphModel = whatIfOutcome?.head ?? model;
  const graph = useMemo(() => buildGraph(graphModel, options), [graphModel, options]);
  const search = useMemo(() => {
    if (!searchText.trim()) return undefined;
    const parsed = parseSearch(searchText);
    return 'error' in parsed ? parsed : { found: { ids: [...searchGraph(model, parsed.query, options)] } };
  }, [model, options, searchText]);
  const selectedRef = selectedPod?.ref;
  const selection = useMemo(() => {
    if (!selectedRef) return undefined;
    try {
      return highlightPeers(model, selectedRef, direction, options);
    } catch (error) {
      // The pod is gone (deleted, or a link from another cluster): nothing is selected.
      if (error instanceof FlowInputError) return undefined;
      throw error;
    }
  }, [model, selectedRef, direction, options]);
  const change = useMemo(
    () => (whatIfOutcome ? whatIfHighlight(whatIfOutcome.view, whatIfOutcome.head, options, selectedRef) : undefined),
    [whatIfOutcome, options, selectedRef],
  );
  const allNamespaces = useMemo(() => model.resources.namespaces.map((n) => n.meta.name).sort(), [model]);

  const [mapPick, setMapPick] = useState<MapPick | undefined>(undefined);
  const onSelect = useCallback(
    (nodeId: string | undefined) => {
      const action = clickAction(nodeId, tab);
      switch (action.kind) {
        case 'pick':
          setMapPick((last) => ({ target: action.target, n: (last?.n ?? 0) + 1 }));
          return;
        case 'expand':
          setExpanded((current) => new Set([...current, action.workloadId]));
          return;
        case 'select':
          setPath(undefined);
          setParams(action.changes);
      }
    },
    [setParams, tab],
  );
  const onFlowResult = useCallback((result: FlowExplanation | undefined) => setPath(result ? flowPath(result) : undefined), []);
  const onTraceResult = useCallback((result: RequestTrace | undefined) => setPath(result ? { ids: traceNodeIds(result) } : undefined), []);
  const onSearch = useCallback((text: string) => setParams({ q: text.trim() || undefined }), [setParams]);
  // A search lights what it finds, unless a pod is selected: then its peers are what the map shows.
  const searchFound = search && !('error' in search) ? search.found : undefined;

  return (
    <section aria-label="Network map" className="flex h-[72vh] min-h-[460px] overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 whitespace-nowrap border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
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
          <NamespaceFilter namespaces={allNamespaces} selected={namespaces} onChange={(next) => setParams({ ns: next?.join(',') })} />
          <MapSearch value={searchText} onChange={onSearch} outcome={search && ('error' in search ? search : { found: search.found.ids.length })} />
          <span className="text-slate-500" title="Click a pod to see what it can reach and what reaches it">
            {graph.nodes.length} nodes · click a pod
          </span>
        </div>
        <div className="min-h-0 flex-1">
          <NetworkMap
            // Each grouping has its own groups, and so its own picture.
            key={groupBy}
            positionsKey={positionsKey(context, groupBy)}
            graph={graph}
            selection={tab === 'selection' ? selection : undefined}
            path={tab === 'selection' ? (selection ? undefined : searchFound) : tab === 'whatif' ? undefined : path}
            change={change}
            focus={focus}
            onSelect={onSelect}
            dark={dark}
          />
        </div>
      </div>
      <div className="flex w-96 shrink-0 flex-col border-l border-slate-200 dark:border-slate-800">
        <div role="tablist" aria-label="Panels" className="flex flex-wrap gap-1 border-b border-slate-200 p-1 text-xs dark:border-slate-800">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              onClick={() => setParams({ panel: t.id === 'selection' ? undefined : t.id })}
              className={`rounded px-2 py-0.5 ${tab === t.id ? 'bg-slate-200 font-semibold dark:bg-slate-700' : ''}`}
            >
              {t.label}
              {t.id === 'problems' && report.findings.length > 0 ? ` (${report.findings.length})` : ''}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="min-h-0 flex-1 overflow-auto">
          {tab === 'selection' &&
            (selection && selectedPod ? (
              <PeerPanel
                title={`pod ${selectedPod.text}`}
                highlight={selection.highlight}
                direction={direction}
                onDirection={(d) => setParams({ dir: d === 'both' ? undefined : d })}
                onClose={() => setParams({ pod: undefined })}
              />
            ) : serviceRef ? (
              <ServicePanel
                model={model}
                service={serviceRef}
                findings={report.findings}
                onClose={() => setParams({ svc: undefined })}
                onSelectPod={(id) => onSelect(id)}
              />
            ) : gatewayRef ? (
              <GatewayPanel model={model} gateway={gatewayRef} findings={report.findings} onClose={() => setParams({ gw: undefined })} />
            ) : (
              <p className="p-3 text-sm text-slate-500">Click a pod, a Service or a Gateway on the map.</p>
            ))}
          {tab === 'explain' && (
            <ExplainPanel
              context={context}
              model={model}
              initial={url.explain}
              mapPick={mapPick}
              onChange={(q) => setParams({ from: q?.from, to: q?.to, port: q?.port, proto: q?.protocol })}
              onResult={onFlowResult}
            />
          )}
          {tab === 'trace' && <TracePanel context={context} initial={url.traceUrl} onChange={(url) => setParams({ url })} onResult={onTraceResult} />}
          {tab === 'dns' && <DnsPanel context={context} namespaces={allNamespaces} />}
          {tab === 'problems' && <ProblemsView report={report} namespaces={allNamespaces} gateways={gatewaySummaries(model)} onFocus={setFocus} />}
          {tab === 'whatif' && (
            <WhatIfPanel whatIf={whatIf} model={model} highlight={change} selectedPod={selectedPod?.text} onClearPod={() => setParams({ pod: undefined })} />
          )}
        </div>
      </div>
    </section>
  );
}

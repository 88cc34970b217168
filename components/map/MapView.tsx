'use client';

import type { Core } from 'cytoscape';
import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FlowInputError } from '@/lib/analysis/errors';
import type { FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import { buildGraph, DEFAULT_FOLD_ABOVE, gatewayId, namespaceId, serviceHealth, serviceId, type GraphOptions } from '@/lib/graph/elements';
import { groupOf, summarizeChange, summarizeGraph, summarizeHighlight, summarizePath } from '@/lib/graph/summary';
import { highlightPeers } from '@/lib/graph/highlight';
import { gatewaySummaries } from '@/lib/graph/gateway-edges';
import { flowPath, tracePath } from '@/lib/graph/highlight-targets';
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
import { DiagnosisStatus, diagnosisState } from './DiagnosisStatus';
import { useDiagnosis } from './use-diagnosis';
import { MapExport } from './MapExport';
import { PageHeader } from '../PageHeader';
import { mapKeyAction } from './map-keys';
import { MapSearch } from './MapSearch';
import { NamespaceFilter } from './NamespaceFilter';
import { clickAction } from './map-click';
import { shownNamespaces, type Panel } from './map-url';
import type { MapControls } from './NetworkMap';
import { PeerPanel } from './PeerPanel';
import { positionsKey } from './saved-positions';
import { SidePanel, type PanelTab } from './SidePanel';
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

// The matrix computes connectivity in a Web Worker: its code loads when the tab first opens.
const MatrixPanel = dynamic(() => import('../matrix/MatrixPanel').then((m) => m.MatrixPanel), {
  ssr: false,
  loading: () => <p className="p-3 text-xs text-slate-500">Loading the matrix…</p>,
});

// Short labels keep the tabs on one line beside the map, with room for more; the title gives the full name.
const TABS: PanelTab<Panel>[] = [
  { id: 'selection', label: 'Selection', title: 'The clicked pod, Service or Gateway' },
  { id: 'explain', label: 'Explain', title: 'Explain a flow: can A reach B on a port, and why' },
  { id: 'trace', label: 'Trace', title: 'Trace a URL through Ingress and Gateway API' },
  { id: 'dns', label: 'DNS', title: 'Resolve a DNS name as a pod would' },
  { id: 'problems', label: 'Problems', title: 'Every finding of the diagnosis' },
  { id: 'whatif', label: 'What if', title: 'What a change to the policies would do' },
  { id: 'matrix', label: 'Matrix', title: 'Connectivity between namespaces, and the workload pairs behind it' },
];

/**
 * Above this many nodes in the full graph the map starts in summary mode (each namespace one node until opened).
 * Measured (Chromium, production build, a generated 10,000-pod model of 11,000 nodes, this 2-core machine at load
 * 9): drawing the full map took 42 s to the first laid-out frame, most of it Cytoscape styling each element once
 * (on a compound graph it re-marks the element's parent, children and edges for each of its ~100 style properties),
 * while the summary map of the same model was laid out in 12 s, most of that waiting on the CPU, not the map. The
 * cost grows with the elements: 3,000 nodes (about 2,500 pods) is the most whose full map stays near the 3-4 s
 * first-map targets on an idle machine of this size.
 */
const SUMMARY_ABOVE_NODES = 3_000;
/** A search whose hits are in more groups than this lights their summaries instead of opening them. */
const SEARCH_OPENS_AT_MOST = 20;

/** The engine's last answer of the Explain or Trace panel, which the map draws. */
type Answer = { kind: 'flow'; result: FlowExplanation } | { kind: 'trace'; result: RequestTrace };

/**
 * The page below its header: the map, filling the window, and the side panel. The map's controls (grouping,
 * namespaces, search) sit in the header line, whose other parts (`header`) the caller gives. The URL holds the state
 * (selection, direction, grouping, namespaces, search, open panel and its question, the what-if's draft), so a
 * copied link reproduces the view.
 */
export function MapView({
  model,
  context,
  source,
  header,
  notices,
}: {
  model: ClusterModel;
  context: string;
  source: ModelOrigin;
  header: { start: ReactNode; end: ReactNode };
  /** Lines between the header and the map (the demo's notice, an unreachable cluster). */
  notices?: ReactNode;
}) {
  const [url, setParams] = useMapUrl();
  const dark = useTheme() === 'dark';
  const { pod: selectedPod, service: serviceRef, gateway: gatewayRef, direction, groupBy, panel: tab, search: searchText } = url;
  const namespaces = useMemo(() => shownNamespaces(url.namespaces), [url.namespaces]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const [cy, setCy] = useState<Core | undefined>(undefined);
  const searchInput = useRef<HTMLInputElement>(null);
  const mapControls = useRef<MapControls | null>(null);

  // The diagnosis runs in a worker: until it answers, Services have no health and the Problems tab says so.
  const [mapDrawn, setMapDrawn] = useState(false);
  const onFirstDraw = useCallback(() => setMapDrawn(true), []);
  const diagnosis = useDiagnosis(model, source, mapDrawn);
  const report = diagnosis.report;
  const health = useMemo(() => (report ? serviceHealth(report) : undefined), [report]);
  // What decides which node stands for which pod (folding, filtering): the highlight, the search and the answers are
  // computed with these, so that the diagnosis answering (new health) does not compute a click's highlight again.
  const shape: GraphOptions = useMemo(
    () => ({ groupBy, foldAbove: DEFAULT_FOLD_ABOVE, expanded, ...(namespaces ? { namespaces } : {}) }),
    [groupBy, expanded, namespaces],
  );
  const options: GraphOptions = useMemo(() => ({ ...shape, ...(health ? { health } : {}) }), [shape, health]);
  // While the what-if is open, the map draws its model (the draft applied) and what the draft changes.
  const whatIf = useWhatIf(model, tab === 'whatif', url.draftLink, setParams);
  const whatIfOutcome = tab === 'whatif' ? whatIf.outcome : undefined;
  const graphModel = whatIfOutcome?.head ?? model;
  const fullGraph = useMemo(() => buildGraph(graphModel, options), [graphModel, options]);
  const search = useMemo(() => {
    if (!searchText.trim()) return undefined;
    const parsed = parseSearch(searchText);
    return 'error' in parsed ? parsed : { found: { ids: [...searchGraph(model, parsed.query, shape)] } };
  }, [model, shape, searchText]);
  const selectedRef = selectedPod?.ref;
  const fullSelection = useMemo(() => {
    if (!selectedRef) return undefined;
    try {
      return highlightPeers(model, selectedRef, direction, shape);
    } catch (error) {
      // The pod is gone (deleted, or a link from another cluster): nothing is selected.
      if (error instanceof FlowInputError) return undefined;
      throw error;
    }
  }, [model, selectedRef, direction, shape]);
  const fullChange = useMemo(
    () => (whatIfOutcome ? whatIfHighlight(whatIfOutcome.view, whatIfOutcome.head, shape, selectedRef) : undefined),
    [whatIfOutcome, shape, selectedRef],
  );
  const allNamespaces = useMemo(() => model.resources.namespaces.map((n) => n.meta.name).sort(), [model]);
  // The answer drawn on the map, onto the graph as it is now (a workload folded or expanded since, say).
  const fullPath = useMemo(
    () => (answer?.kind === 'flow' ? flowPath(answer.result, model, shape) : answer?.kind === 'trace' ? tracePath(answer.result, model, shape) : undefined),
    [answer, model, shape],
  );
  // A search lights what it finds, unless a pod is selected: then its peers are what the map shows.
  const searchFound = search && !('error' in search) ? search.found : undefined;

  // Summaries: decided once for the view on its first graph (a map does not flip while a cluster grows by a pod),
  // or as the URL's `map` says.
  const [bigMap] = useState(() => fullGraph.nodes.length > SUMMARY_ABOVE_NODES);
  const summaries = url.mapMode === 'summary' || (url.mapMode === 'auto' && bigMap);
  const [openedGroups, setOpenedGroups] = useState<ReadonlySet<string>>(new Set());
  const groupOfNode = useMemo(() => groupOf(fullGraph), [fullGraph]);
  // Open: what the person opened, the namespaces the filter names, and the groups of the selection and search hits.
  const shownKey = useMemo(() => {
    if (!summaries) return undefined;
    const open = new Set(openedGroups);
    const add = (id: string | undefined) => {
      const group = id === undefined ? undefined : groupOfNode(id);
      if (group) open.add(group);
    };
    for (const ns of namespaces ?? []) open.add(namespaceId(ns));
    add(fullSelection?.highlight.selected);
    if (serviceRef) add(serviceId(serviceRef.namespace, serviceRef.name));
    if (gatewayRef) add(gatewayId(gatewayRef.namespace, gatewayRef.name));
    // A search's hits open their namespaces, unless they are spread over many (a search for every pod of a big
    // cluster would open it all): then the summaries holding them light up.
    const hitGroups = new Set((searchFound?.ids ?? []).map(groupOfNode));
    if (hitGroups.size <= SEARCH_OPENS_AT_MOST) for (const group of hitGroups) if (group) open.add(group);
    return [...open].sort().join('\n');
  }, [summaries, openedGroups, groupOfNode, namespaces, fullSelection, serviceRef, gatewayRef, searchFound]);
  // By content: a click that selects another pod of an open namespace summarises nothing again.
  const shownGroups = useMemo(() => (shownKey === undefined ? undefined : new Set(shownKey.split('\n').filter(Boolean))), [shownKey]);
  const summary = useMemo(() => (shownGroups ? summarizeGraph(fullGraph, shownGroups) : undefined), [fullGraph, shownGroups]);
  const graph = summary ?? fullGraph;
  const drawnAs = summary?.drawnAs;
  const selection = useMemo(
    () => (fullSelection && drawnAs ? { ...fullSelection, highlight: summarizeHighlight(fullSelection.highlight, drawnAs) } : fullSelection),
    [fullSelection, drawnAs],
  );
  const change = useMemo(() => (fullChange && drawnAs ? summarizeChange(fullChange, drawnAs) : fullChange), [fullChange, drawnAs]);
  const path = useMemo(() => (fullPath && drawnAs ? summarizePath(fullPath, drawnAs) : fullPath), [fullPath, drawnAs]);
  const shownFound = useMemo(() => (searchFound && drawnAs ? summarizePath(searchFound, drawnAs) : searchFound), [searchFound, drawnAs]);
  // The opened groups drawn open, with their names, for the map's "Close" control.
  const openedList = useMemo(() => {
    if (!summary) return [];
    const byId = new Map(fullGraph.nodes.map((n) => [n.id, n]));
    return [...openedGroups].filter((id) => !summary.summarised.has(id)).map((id) => ({ id, name: byId.get(id)?.name ?? byId.get(id)?.label ?? id }));
  }, [summary, fullGraph, openedGroups]);
  const onOpenGroup = useCallback((id: string) => setOpenedGroups((current) => new Set([...current, id])), []);
  const onCloseGroup = useCallback(
    (id: string | 'all') => setOpenedGroups((current) => (id === 'all' ? new Set() : new Set([...current].filter((g) => g !== id)))),
    [],
  );

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
          setAnswer(undefined);
          setParams(action.changes);
      }
    },
    [setParams, tab],
  );
  const onFlowResult = useCallback((result: FlowExplanation | undefined) => setAnswer(result ? { kind: 'flow', result } : undefined), []);
  const onTraceResult = useCallback((result: RequestTrace | undefined) => setAnswer(result ? { kind: 'trace', result } : undefined), []);
  const onSearch = useCallback((text: string) => setParams({ q: text.trim() || undefined }), [setParams]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = mapKeyAction(event, document.activeElement as HTMLElement | null);
      if (!action) return;
      event.preventDefault();
      if (action === 'focus-search') searchInput.current?.focus();
      else if (action === 'fit') mapControls.current?.fit();
      else setParams({ pod: undefined, svc: undefined, gw: undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setParams]);

  return (
    <>
      <PageHeader
        start={header.start}
        middle={
          <div className="flex min-w-0 items-center gap-2 text-xs" role="group" aria-label="Map view">
            <select
              aria-label="Group by"
              title="Group the map by namespace or by node"
              value={groupBy}
              onChange={(e) => setParams({ group: e.target.value === 'node' ? 'node' : undefined })}
              className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="namespace">by namespace</option>
              <option value="node">by node</option>
            </select>
            <NamespaceFilter namespaces={allNamespaces} selected={namespaces} onChange={(next) => setParams({ ns: next?.join(',') })} />
            <MapSearch value={searchText} onChange={onSearch} outcome={search && ('error' in search ? search : { found: search.found.ids.length })} inputRef={searchInput} />
            <MapExport cy={cy} context={context} dark={dark} />
            <DiagnosisStatus diagnosis={diagnosis} />
          </div>
        }
        end={header.end}
      />
      {notices}
      <section aria-label="Network map" className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1">
          <NetworkMap
            // Each grouping has its own groups, and so its own picture.
            key={groupBy}
            positionsKey={positionsKey(context, groupBy)}
            graph={graph}
            selection={tab === 'selection' ? selection : undefined}
            path={tab === 'selection' ? (selection ? undefined : shownFound) : tab === 'whatif' ? undefined : path}
            mode={summary ? 'summary' : 'full'}
            openedGroups={openedList}
            onOpenGroup={onOpenGroup}
            onCloseGroup={onCloseGroup}
            change={change}
            focus={focus && (drawnAs?.get(focus) ?? focus)}
            onSelect={onSelect}
            onCy={setCy}
            onFirstDraw={onFirstDraw}
            dark={dark}
            controlsRef={mapControls}
          />
        </div>
        <SidePanel
          tabs={TABS.map((t) => (t.id === 'problems' ? { ...t, count: report?.findings.length, countState: diagnosisState(diagnosis) } : t))}
          active={tab}
          onSelect={(id) => setParams({ panel: id === 'selection' ? undefined : id })}
        >
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
                findings={report?.findings}
                onClose={() => setParams({ svc: undefined })}
                onSelectPod={(id) => onSelect(id)}
              />
            ) : gatewayRef ? (
              <GatewayPanel model={model} gateway={gatewayRef} findings={report?.findings} onClose={() => setParams({ gw: undefined })} />
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
          {tab === 'problems' &&
            (report ? (
              <ProblemsView report={report} namespaces={allNamespaces} gateways={gatewaySummaries(model)} onFocus={setFocus} />
            ) : (
              <p className="p-3 text-sm text-slate-500" data-testid="problems-diagnosing">
                {diagnosis.failure ? `The diagnosis failed: ${diagnosis.failure}` : 'Diagnosing the cluster…'}
              </p>
            ))}
          {tab === 'matrix' && (
            <MatrixPanel model={model} link={{ cell: url.matrixCell, pair: url.matrixPair }} onLink={(cell, pair) => setParams({ mx: cell, mxp: pair })} />
          )}
          {tab === 'whatif' && (
            <WhatIfPanel whatIf={whatIf} model={model} highlight={change} selectedPod={selectedPod?.text} onClearPod={() => setParams({ pod: undefined })} />
          )}
        </SidePanel>
      </section>
    </>
  );
}

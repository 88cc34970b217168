'use client';

import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Graph, GraphEdgeData, GraphNodeData } from '@/lib/graph/elements';
import type { Highlight } from '@/lib/graph/highlight';
import type { MapPath } from '@/lib/graph/highlight-targets';
import type { WhatIfHighlight } from '@/lib/graph/what-if';
import { applyDiff, applyExtras, applyHighlight, applySummaryView, cullFarGroups, SUMMARY_BELOW_ZOOM, uncullNearGroups } from './cy-updates';
import { layoutOffThread } from './layout';
import { FCOSE_MAX_NODES, layoutRequest, type Positions } from './layout-positions';
import { layoutGrids } from './grid-layout';
import { makeRoom, placeContents } from './open-group';
import { MapLegend } from './MapLegend';
import { mapStyle } from './map-style';
import { savedFirstPositions, savePositions } from './saved-positions';

/** Above this many elements the map draws with WebGL (unless it is a summary map) and shows group summaries when zoomed far out, to stay interactive. */
const WEBGL_ABOVE = 1000;
/** How long the view must rest before far groups are hidden: a pan in progress changes no style. */
const SETTLE_MS = 150;
/** How long the map must rest before its places are saved: a rollout's pods arrive over seconds. */
const SAVE_AFTER_MS = 1000;

/** What the page can ask of the map from outside (its keyboard shortcuts). */
export interface MapControls {
  fit(): void;
}

export interface MapHighlight {
  highlight: Highlight;
  extraNodes: GraphNodeData[];
}

declare global {
  interface Window {
    /** The map's Cytoscape instance, for the browser tests to find where a node is drawn. */
    __kubeNetmapMap?: Core;
  }
}

/**
 * One long-lived Cytoscape instance that React never re-renders, so its state (positions, zoom, selection) survives
 * every update: changes to the graph are applied as a batched diff, new nodes are placed beside their siblings, and existing nodes never move. The full
 * layout runs once, on the first graph. Selection is shown with classes only.
 */
export function NetworkMap({
  graph,
  selection,
  path,
  change,
  focus,
  onSelect,
  onCy,
  dark = false,
  positionsKey,
  controlsRef,
  mode = 'full',
  openedGroups = [],
  onOpenGroup,
  onCloseGroup,
  onFirstDraw,
}: {
  graph: Graph;
  selection?: MapHighlight;
  /** A path to light up (an explained flow, a traced request, what a search found); the rest dims. */
  path?: MapPath;
  /** A what-if's changes (the map's graph is then the what-if's model): drawn as edges of their own; the rest dims. */
  change?: WhatIfHighlight;
  /** A node to bring into view (from the Problems view, say). */
  focus?: string;
  onSelect: (nodeId: string | undefined) => void;
  /** Told the Cytoscape instance once it exists, and undefined when it is gone (the map's export reads it). */
  onCy?: (cy: Core | undefined) => void;
  dark?: boolean;
  /** Where the browser keeps this map's places (see saved-positions.ts): a reload draws them again. */
  positionsKey: string;
  controlsRef?: RefObject<MapControls | null>;
  /** 'summary': groups not opened are single summary nodes (lib/graph/summary.ts); a tap on one opens it. */
  mode?: 'summary' | 'full';
  /** The groups the person opened (summary mode), which the map's "Close" control lists. */
  openedGroups?: { id: string; name: string }[];
  onOpenGroup?: (groupId: string) => void;
  onCloseGroup?: (groupId: string | 'all') => void;
  /** Told once the first map is drawn (or that there is nothing to draw): the page's later work waits for it. */
  onFirstDraw?: () => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const onSelectRef = useRef(onSelect);
  const onOpenGroupRef = useRef(onOpenGroup);
  const onFirstDrawRef = useRef(onFirstDraw);
  useEffect(() => {
    onSelectRef.current = onSelect;
    onOpenGroupRef.current = onOpenGroup;
    onFirstDrawRef.current = onFirstDraw;
  }, [onSelect, onOpenGroup, onFirstDraw]);

  const [webgl] = useState(() => graph.nodes.length + graph.edges.length > WEBGL_ABOVE);
  // Not a summary map: its boxes are few and drawn in one pass, where WebGL without a GPU drew 1,250 of them (50,000
  // pods) at a frame a second, its first frame 28 s after the layout.
  const [drawsWithWebgl] = useState(() => webgl && mode !== 'summary');
  const summarised = useRef(false);
  // The places are saved once the map rests: after a change to the graph, and when a node is dropped.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveSoon = useRef(() => {});
  useEffect(() => {
    saveSoon.current = () => {
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => {
        const cy = cyRef.current;
        if (!cy || cy.destroyed()) return;
        const positions: Positions = {};
        cy.nodes(':childless').forEach((n) => {
          positions[n.id()] = n.position();
        });
        savePositions(window.localStorage, positionsKey, positions);
      }, SAVE_AFTER_MS);
    };
    return () => clearTimeout(saveTimer.current);
  }, [positionsKey]);
  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: mapStyle(dark),
      minZoom: 0.05,
      maxZoom: 4,
      // A big map: WebGL. A big map or a big cluster's summaries: no edges and a snapshot of the picture while the
      // view moves (panning redraws nothing else), one device pixel per CSS pixel (not four on a high-DPI screen).
      ...(drawsWithWebgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
      ...(webgl || mode === 'summary' ? { hideEdgesOnViewport: true, textureOnViewport: true, pixelRatio: 1 } : {}),
    } as cytoscape.CytoscapeOptions);
    cy.on('tap', 'node[kind = "pod"], node[kind = "workload"], node[kind = "service"], node[kind = "gateway"]', (event) =>
      onSelectRef.current((event.target as NodeSingular).id()),
    );
    cy.on('tap', (event) => {
      if (event.target === cy) onSelectRef.current(undefined);
    });
    // A summary opens in place (the page then draws its contents where it stood).
    cy.on('tap', 'node[?collapsed]', (event) => onOpenGroupRef.current?.((event.target as NodeSingular).id()));
    cy.on('dragfree', 'node', () => saveSoon.current());
    // Labels are short (a pod's workload and hash tail): the full name is the node's tooltip.
    cy.on('mouseover', 'node', (event) => {
      const data = (event.target as NodeSingular).data() as GraphNodeData;
      const name = data.namespace !== undefined && data.name !== undefined ? `${data.namespace}/${data.name}` : data.label.replaceAll('\n', ' · ');
      cy.container()?.setAttribute('title', name);
    });
    cy.on('mouseout', 'node', () => cy.container()?.removeAttribute('title'));
    if (webgl) {
      // Far out: summaries. Zoomed in: groups near the view appear as it moves, far ones hide once it settles.
      let settle: ReturnType<typeof setTimeout> | undefined;
      cy.on('viewport', () => {
        const wanted = cy.zoom() < SUMMARY_BELOW_ZOOM;
        // Before summaries are sized: a culled group's own box is shrunk.
        uncullNearGroups(cy, wanted);
        if (wanted !== summarised.current) applySummaryView(cy, (summarised.current = wanted));
        clearTimeout(settle);
        settle = setTimeout(() => {
          if (!summarised.current && !cy.destroyed()) cullFarGroups(cy);
        }, SETTLE_MS);
      });
    }
    cyRef.current = cy;
    window.__kubeNetmapMap = cy;
    onCy?.(cy);
    if (controlsRef) controlsRef.current = { fit: () => fitTo(cy, cy.elements(), 30) };
    return () => {
      if (controlsRef?.current) controlsRef.current = null;
      if (window.__kubeNetmapMap === cy) delete window.__kubeNetmapMap;
      onCy?.(undefined);
      cy.destroy();
    };
    // The instance lives as long as the component; the theme is applied by the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    cyRef.current?.style(mapStyle(dark));
  }, [dark]);

  // The first graph is drawn where this browser last saw it, or else laid out once, off the main thread (the same
  // objects give the same picture: see layout-positions.ts); until then nothing is drawn, and later graphs wait.
  const [firstPositions, setFirstPositions] = useState<Positions | undefined>(undefined);
  const layoutStarted = useRef(false);
  const applied = useRef<{ graph: Graph; extras: { nodes: GraphNodeData[]; edges: GraphEdgeData[] } } | undefined>(undefined);
  const shownAnswer = useRef('');
  useEffect(() => {
    if (layoutStarted.current) return;
    if (graph.nodes.length === 0) return void onFirstDrawRef.current?.();
    layoutStarted.current = true;
    // A summary map's groups are single nodes: they go in rows, no force layout needed.
    const request = { ...layoutRequest(graph), ...(mode === 'summary' ? { grid: true } : {}) };
    const parents = new Set(request.nodes.map((n) => n.parent));
    const saved = savedFirstPositions(
      window.localStorage,
      positionsKey,
      request.nodes.filter((n) => !parents.has(n.id)).map((n) => n.id),
    );
    // Grids are computed here, at once: a worker would first load Cytoscape and fcose (seconds on a busy machine).
    const grid = request.grid === true || request.nodes.length > FCOSE_MAX_NODES;
    void (saved ? Promise.resolve(saved) : grid ? Promise.resolve(layoutGrids(request)) : layoutOffThread(request)).then(setFirstPositions);
    // The first graph's mode is the one laid out; later changes of mode place what they add (placeOpened).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, positionsKey]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !firstPositions) return;
    const extras = {
      nodes: [...(selection?.extraNodes ?? []), ...(change?.extraNodes ?? [])],
      edges: [...(selection?.highlight.flowEdges ?? []), ...(path?.edges ?? []), ...(change?.edges ?? [])],
    };
    const nodes = [...graph.nodes, ...extras.nodes];
    const edges = [...graph.edges, ...extras.edges];
    const first = cy.nodes().empty();
    const sameGraph = !first && applied.current?.graph === graph;
    // Nodes that came while the layout ran have no position from it: they go beside their group, like later ones.
    // The contents of a summary just opened go where it stood, the groups after it moved aside.
    const opened = first || sameGraph ? undefined : placeOpened(cy, nodes);
    // The first view is set before the elements come: fitted from the laid-out places (fitting to the elements'
    // boxes would compute every element's style and label now, before the first frame does it once more), and, far
    // out on a big map, with the summaries on, so that the elements come hidden (styled once).
    // (A small map is fitted to its elements' boxes after they come, which is exact and cheap at its size. A summary
    // map is not small for it: its boxes' wrapped labels, measured for the fit, took a third of a second of the
    // first map's 4 s at 10,000 pods.)
    const fitFromPositions = webgl || mode === 'summary';
    if (first && fitFromPositions) fitToPositions(cy, Object.values(firstPositions), 30);
    // A click changes the highlight, not the graph: only its own edges are touched then.
    if (sameGraph) applyExtras(cy, applied.current!.extras, extras, summarised.current);
    else applyDiff(cy, nodes, edges, first ? firstPositions : opened, summarised.current);
    applied.current = { graph, extras };
    // What was opened is brought into view (a tap on a summary, a selected pod's namespace).
    if (opened) bringIntoView(cy, Object.keys(opened));
    if (first) {
      if (!fitFromPositions) cy.fit(undefined, 30);
      // A summary map of a few namespaces would fit at a zoom that blows its boxes up to fill the window.
      if (mode === 'summary' && cy.zoom() > 1) cy.zoom({ level: 1, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      // Tests and the UI benchmark wait for this: the first complete map is drawn.
      container.current?.setAttribute('data-laid-out', 'true');
      onFirstDrawRef.current?.();
    }
    applyHighlight(cy, selection?.highlight, path, change);
    // A new answer (an explained flow, a traced request) is brought into view when part of it is out of it; the same
    // answer redrawn for a changed model is not (the person may have moved the view since).
    const answer = path?.edges ? path.edges.map((e) => e.id).join(' ') : '';
    if (answer && answer !== shownAnswer.current) bringIntoView(cy, path!.ids);
    shownAnswer.current = answer;
    // Elements added while the map shows summaries, or to a culled group, are hidden like the others; a culled
    // group that now holds part of the highlight is shown.
    // (The first graph is all in view: nothing to cull, and measuring its groups would style every element twice.)
    if (summarised.current) applySummaryView(cy, true);
    else if (webgl && !first) {
      uncullNearGroups(cy);
      cullFarGroups(cy);
    }
    // The mode is read on the first graph only (its fit), which this effect draws once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph, selection, path, change, firstPositions, webgl]);

  // A changed graph placed nodes (a highlight adds none for long): their places are saved.
  useEffect(() => {
    if (firstPositions) saveSoon.current();
  }, [graph, firstPositions]);

  useEffect(() => {
    const cy = cyRef.current;
    const node = focus ? cy?.getElementById(focus) : undefined;
    if (!cy || !node || node.empty()) return;
    fitTo(cy, node.closedNeighborhood(), 80);
    node.flashClass('selected', 1500);
  }, [focus]);

  const namespaces = graph.nodes.filter((n) => n.kind === 'namespace' || n.kind === 'node');
  return (
    <div className="relative h-full w-full">
      <div className="absolute right-2 top-2 z-10 flex gap-1 text-xs">
        <select
          aria-label="Zoom to a group"
          defaultValue=""
          onChange={(e) => {
            const cy = cyRef.current;
            const target = cy?.getElementById(e.target.value);
            if (cy && target?.nonempty()) fitTo(cy, target, 30);
            e.target.value = '';
          }}
          className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
        >
          <option value="">Zoom to…</option>
          {namespaces.map((n) => (
            <option key={n.id} value={n.id}>
              {n.label.split('\n')[0]}
            </option>
          ))}
        </select>
        {mode === 'summary' && openedGroups.length > 0 && (
          <select
            aria-label="Close an opened group"
            title="Draw an opened namespace as its summary again"
            defaultValue=""
            onChange={(e) => {
              if (e.target.value) onCloseGroup?.(e.target.value);
              e.target.value = '';
            }}
            className="rounded border border-slate-300 bg-white px-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">Close…</option>
            {openedGroups.length > 1 && <option value="all">all opened</option>}
            {openedGroups.map(({ id, name }) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          title="Fit the map to the window (f)"
          onClick={() => {
            const cy = cyRef.current;
            if (cy) fitTo(cy, cy.elements(), 30);
          }}
          className="rounded border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
        >
          Fit
        </button>
      </div>
      <div
        ref={container}
        data-testid="network-map"
        data-renderer={drawsWithWebgl ? 'webgl' : 'canvas'}
        data-map-mode={mode}
        className="h-full w-full"
        role="img"
        aria-label="Network map of the cluster"
      />
      {!firstPositions && graph.nodes.length > 0 && (
        // A big cluster's first layout takes seconds: the empty map says so instead of looking broken.
        <p role="status" data-testid="map-laying-out" className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-500">
          Laying out {graph.nodes.length} objects…
        </p>
      )}
      <MapLegend whatIf={change !== undefined} />
    </div>
  );
}

/**
 * Places for the contents of summaries that are opened by this graph (drawn collapsed now, wanted with contents):
 * a grid from where the summary's box began, the groups to its right and below moved aside (open-group.ts).
 */
function placeOpened(cy: Core, nodes: GraphNodeData[]): Positions | undefined {
  const opening = new Map<string, GraphNodeData[]>();
  for (const node of nodes) {
    if (!node.parent) continue;
    const group = cy.getElementById(node.parent);
    if (group.empty() || group.data('collapsed') !== true || cy.getElementById(node.id).nonempty()) continue;
    const list = opening.get(node.parent);
    if (list) list.push(node);
    else opening.set(node.parent, [node]);
  }
  if (opening.size === 0) return undefined;
  const positions: Positions = {};
  for (const [groupId, contents] of opening) {
    const box = cy.getElementById(groupId).boundingBox({ includeLabels: false });
    const opened = { id: groupId, x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2, w: box.w, h: box.h };
    const placed = placeContents(groupId, layoutRequest({ nodes: contents, edges: [] }).nodes, { x: box.x1, y: box.y1 });
    Object.assign(positions, placed.positions);
    const others = cy.nodes().orphans().not(`[id = "${groupId}"]`);
    const boxes = others.map((top) => {
      const b = top.boundingBox({ includeLabels: false });
      return { id: top.id(), x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2, w: b.w, h: b.h };
    });
    const moves = makeRoom(opened, placed.w, placed.h, boxes);
    cy.batch(() => {
      for (const [id, move] of moves) {
        const top = cy.getElementById(id);
        top.union(top.descendants()).filter(':childless').forEach((n) => {
          const p = n.position();
          n.position({ x: p.x + move.x, y: p.y + move.y });
        });
      }
    });
  }
  return positions;
}

/** Fits the view to points (the first layout's leaves), with room for a node and its label around them. */
function fitToPositions(cy: Core, points: { x: number; y: number }[], padding: number): void {
  if (points.length === 0) {
    cy.fit(undefined, padding);
    return;
  }
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) [x1, y1, x2, y2] = [Math.min(x1, p.x), Math.min(y1, p.y), Math.max(x2, p.x), Math.max(y2, p.y)];
  // A leaf's shape and label (up to 170px wide, a few lines below it), and its group's padding and label.
  [x1, x2, y1, y2] = [x1 - 100, x2 + 100, y1 - 60, y2 + 80];
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((cy.width() - 2 * padding) / (x2 - x1), (cy.height() - 2 * padding) / (y2 - y1))));
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * ((x1 + x2) / 2), y: cy.height() / 2 - zoom * ((y1 + y2) / 2) } });
}

/** The closest an answer is zoomed to when brought into view: two pods side by side are not blown up to fill the map. */
const ANSWER_MAX_ZOOM = 1.5;

/**
 * Brings an answer's nodes into view unless all of them are drawn in it already: fits them, zooming in no further
 * than ANSWER_MAX_ZOOM and out no further than the summary view (where pods are hidden). The box is taken from the
 * nodes' positions, which hidden nodes (summarised away, culled) have too.
 */
function bringIntoView(cy: Core, ids: string[]): void {
  const box = { x1: Infinity, x2: -Infinity, y1: Infinity, y2: -Infinity };
  for (const id of ids) {
    const node = cy.getElementById(id);
    if (node.empty() || !node.isNode()) continue;
    const { x, y } = node.position();
    [box.x1, box.x2, box.y1, box.y2] = [Math.min(box.x1, x), Math.max(box.x2, x), Math.min(box.y1, y), Math.max(box.y2, y)];
  }
  if (box.x1 === Infinity) return;
  const view = cy.extent();
  const inView = box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2;
  if (inView && cy.zoom() >= SUMMARY_BELOW_ZOOM) return;
  const padding = 100;
  const fit = Math.min(cy.width() / (box.x2 - box.x1 + 2 * padding), cy.height() / (box.y2 - box.y1 + 2 * padding));
  const zoom = Math.min(ANSWER_MAX_ZOOM, Math.max(fit, SUMMARY_BELOW_ZOOM * 1.05));
  uncullNearGroups(cy, true);
  cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * ((box.x1 + box.x2) / 2), y: cy.height() / 2 - zoom * ((box.y1 + box.y2) / 2) } });
}

/** Brings elements into view. Everything is shown first: an element hidden with its far group has no box to fit. */
function fitTo(cy: Core, elements: cytoscape.CollectionArgument, padding: number): void {
  uncullNearGroups(cy, true);
  cy.animate({ fit: { eles: elements, padding } }, { duration: 300 });
}

import type cytoscape from 'cytoscape';
import type { CollectionArgument, Core, NodeSingular, Position } from 'cytoscape';
import type { GraphEdgeData, GraphNodeData } from '@/lib/graph/elements';
import type { Highlight } from '@/lib/graph/highlight';
import type { MapPath } from '@/lib/graph/highlight-targets';
import type { WhatIfHighlight } from '@/lib/graph/what-if';

// How the map's one Cytoscape instance follows the graph and the highlight: both touch only what changed, since
// each touched element is restyled and redrawn.

const HIGHLIGHT_CLASSES = [
  'dimmed',
  'selected',
  'peer-egress',
  'peer-ingress',
  'peer-both',
  'peer-not-enforced-egress',
  'peer-not-enforced-ingress',
  'peer-not-enforced-both',
  'path',
  'answer',
  'path-denying',
  'change-end',
];

/**
 * Where removed nodes were, so that a node that comes back (a namespace filtered out and in again, a Service
 * recreated) returns to its place instead of beside its group.
 */
function removedAt(cy: Core): Map<string, Position> {
  let places = cy.scratch('kubeNetmapRemovedAt') as Map<string, Position> | undefined;
  if (!places) cy.scratch('kubeNetmapRemovedAt', (places = new Map()));
  return places;
}

/** Pods come and go under new names for as long as the page is open: only the latest places are kept. */
const REMEMBERED_PLACES = 5000;

function remember(places: Map<string, Position>, id: string, position: Position): void {
  places.delete(id);
  places.set(id, position);
  if (places.size > REMEMBERED_PLACES) places.delete(places.keys().next().value!);
}

/**
 * Brings the instance's elements to the given ones: removes, moves, updates and adds, in one batch. A new node goes
 * where `positions` says, else where it was before it was removed, else beside its group. With `summarised` (the map
 * shows group summaries: applySummaryView), new nodes other than groups come hidden as the others are, so that
 * each is styled once, not once shown and once more hidden.
 */
export function applyDiff(cy: Core, nodes: GraphNodeData[], edges: GraphEdgeData[], positions?: Record<string, Position>, summarised = false): void {
  const wantedNodes = new Map(nodes.map((n) => [n.id, n]));
  const wantedEdges = new Map(edges.map((e) => [e.id, e]));
  cy.batch(() => {
    cy.edges().forEach((edge) => {
      if (!wantedEdges.has(edge.id())) edge.remove();
    });
    cy.nodes().forEach((node) => {
      if (wantedNodes.has(node.id())) return;
      if (node.isChildless()) remember(removedAt(cy), node.id(), { ...node.position() });
      node.remove();
    });
    upsert(cy, nodes, edges, positions, summarised);
  });
}

/**
 * The graph unchanged, only what a highlight adds changes (a flow edge per peer, address ranges): brings those to
 * `after` from `before` without visiting the rest of the map, which on a big map costs more than the highlight.
 */
export function applyExtras(cy: Core, before: { nodes: GraphNodeData[]; edges: GraphEdgeData[] }, after: { nodes: GraphNodeData[]; edges: GraphEdgeData[] }, summarised = false): void {
  const wantedNodes = new Set(after.nodes.map((n) => n.id));
  const wantedEdges = new Set(after.edges.map((e) => e.id));
  cy.batch(() => {
    for (const edge of before.edges) if (!wantedEdges.has(edge.id)) cy.getElementById(edge.id).remove();
    for (const node of before.nodes) if (!wantedNodes.has(node.id)) cy.getElementById(node.id).remove();
    upsert(cy, after.nodes, after.edges, undefined, summarised);
  });
}

/** Updates the nodes and edges that exist and adds the others (inside the caller's batch). */
function upsert(cy: Core, nodes: GraphNodeData[], edges: GraphEdgeData[], positions: Record<string, Position> | undefined, summarised: boolean): void {
    // A group's own position is its contents' box: none is needed for a node that will have children.
    const parents = new Set(nodes.flatMap((n) => (n.parent ? [n.parent] : [])));
    for (const data of parentsFirst(nodes)) {
      const existing = cy.getElementById(data.id);
      if (existing.nonempty()) {
        if ((existing.data('parent') ?? undefined) !== data.parent) existing.move({ parent: data.parent ?? null });
        // Setting data restyles the element even when nothing changed; most renders change few nodes.
        if (!sameData(existing, data)) setData(existing, data);
      } else {
        const position = positions?.[data.id] ?? removedAt(cy).get(data.id) ?? (parents.has(data.id) ? { x: 0, y: 0 } : besideSiblings(cy, data));
        const hidden = summarised && !GROUP_KINDS.has(data.kind);
        setData(cy.add({ group: 'nodes', data: { ...data }, position, ...(hidden ? { classes: 'summarised-away' } : {}) }), data);
      }
    }
    for (const data of edges) {
      const existing = cy.getElementById(data.id);
      if (existing.nonempty()) {
        if (!sameData(existing, data)) setData(existing, data);
      } else if (cy.getElementById(data.source).nonempty() && cy.getElementById(data.target).nonempty()) {
        setData(cy.add({ group: 'edges', data: { ...data } }), data);
      }
    }
}

const GRAPH_KEYS = 'kubeNetmapGraphKeys';

/** The element holds exactly the graph's data: the same values, and none of the keys the graph no longer sets. */
function sameData(element: cytoscape.SingularElementArgument, wanted: GraphNodeData | GraphEdgeData): boolean {
  const current = element.data() as Record<string, unknown>;
  const before = (element.scratch(GRAPH_KEYS) as string[] | undefined) ?? [];
  return Object.entries(wanted).every(([key, value]) => current[key] === value) && before.every((key) => key in wanted);
}

/**
 * Sets the graph's data, and removes what the graph set before and sets no longer (an optional key such as a
 * route's "invalid", once a ReferenceGrant fixes it). Keys the map sets itself (a group's summary size) are kept.
 */
function setData(element: cytoscape.SingularElementArgument, wanted: GraphNodeData | GraphEdgeData): void {
  const before = (element.scratch(GRAPH_KEYS) as string[] | undefined) ?? [];
  for (const key of before) if (!(key in wanted)) element.removeData(key);
  element.data(wanted);
  element.scratch(GRAPH_KEYS, Object.keys(wanted));
}

/** Compound parents must exist before their children are added. */
function parentsFirst(nodes: GraphNodeData[]): GraphNodeData[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (n: GraphNodeData): number => (n.parent && byId.has(n.parent) ? 1 + depth(byId.get(n.parent)!) : 0);
  return [...nodes].sort((a, b) => depth(a) - depth(b));
}

/** A new node appears next to its group, so that nothing already on the map has to move. */
function besideSiblings(cy: Core, data: GraphNodeData): Position {
  const parent = data.parent ? cy.getElementById(data.parent) : undefined;
  const siblings = parent?.nonempty() ? parent.children() : cy.collection();
  if (siblings.nonempty()) {
    const box = siblings.boundingBox({});
    return { x: box.x2 + 30, y: box.y1 + ((siblings.length * 37) % Math.max(box.h, 40)) };
  }
  if (parent?.nonempty()) return { ...parent.position() };
  const all = cy.nodes();
  if (all.empty()) return { x: 0, y: 0 };
  const box = all.boundingBox({});
  return { x: box.x2 + 80, y: box.y1 };
}

/**
 * Shows a selection, a path or a what-if's changes with classes. Each element's wanted classes are worked out first,
 * and only elements whose classes change are touched: restyling is what costs, and from one selection to the next
 * few elements change. What the policies deny but flows (the plugin does not enforce them) has classes of its own;
 * an answer's hops and a what-if's change edges carry their verdict or kind in their data (see map-style.ts).
 */
export function applyHighlight(cy: Core, highlight: Highlight | undefined, path: MapPath | undefined, change?: WhatIfHighlight): void {
  // Lit elements by id, with their classes; every other element is dimmed, unless nothing is highlighted at all.
  const lit = new Map<string, string[]>();
  const light = (elements: CollectionArgument, cls?: string) =>
    elements.forEach((e) => {
      const classes = lit.get(e.id()) ?? [];
      if (cls && !classes.includes(cls)) classes.push(cls);
      lit.set(e.id(), classes);
    });
  if (path?.ids.length) {
    const onPath = cy.collection();
    for (const id of path.ids) onPath.merge(cy.getElementById(id));
    // An answer brings its own hops, which say its verdict; what a search found is linked by the graph's own edges.
    if (path.edges) {
      light(onPath, 'answer');
      for (const edge of path.edges) light(cy.getElementById(edge.id));
    } else {
      light(onPath, 'path');
      light(onPath.edgesWith(onPath), 'path');
    }
    for (const id of path.denying ?? []) light(cy.getElementById(id), 'path-denying');
    light(onPath.ancestors());
  } else if (highlight) {
    const shown = cy.collection();
    const selected = cy.getElementById(highlight.selected);
    light(selected, 'selected');
    shown.merge(selected);
    for (const peer of highlight.peers) {
      const node = cy.getElementById(peer.id);
      light(node, `peer-${peer.direction}`);
      shown.merge(node);
    }
    for (const peer of highlight.notEnforced?.peers ?? []) {
      const node = cy.getElementById(peer.id);
      light(node, `peer-not-enforced-${peer.direction}`);
      shown.merge(node);
    }
    for (const edge of highlight.flowEdges) light(cy.getElementById(edge.id));
    light(shown.ancestors());
  } else if (change && (change.selected || change.edges.length > 0)) {
    const shown = cy.collection();
    if (change.selected) {
      const selected = cy.getElementById(change.selected);
      light(selected, 'selected');
      shown.merge(selected);
    }
    for (const id of change.ends) {
      const node = cy.getElementById(id);
      light(node, 'change-end');
      shown.merge(node);
    }
    for (const edge of change.edges) light(cy.getElementById(edge.id));
    light(shown.ancestors());
  }
  const active = lit.size > 0;
  // Cytoscape multiplies a compound's opacity into its contents', so a group with nothing lit is dimmed by its own
  // class alone: the first click then restyles the groups, not every pod.
  const dimmedWithItsGroup = (element: cytoscape.SingularElementArgument) => {
    if (!element.isNode() || element.isOrphan()) return false;
    return !lit.has(element.ancestors().last().id());
  };
  cy.batch(() => {
    cy.elements().forEach((element) => {
      const wanted = !active ? [] : (lit.get(element.id()) ?? (dimmedWithItsGroup(element) ? [] : ['dimmed']));
      const current = HIGHLIGHT_CLASSES.filter((c) => element.hasClass(c));
      if (current.length === wanted.length && current.every((c) => wanted.includes(c))) return;
      element.removeClass(HIGHLIGHT_CLASSES.join(' '));
      if (wanted.length > 0) element.addClass(wanted.join(' '));
    });
  });
}

/**
 * A group's box from its contents' positions, with room for their shapes and labels. Unlike boundingBox() it needs
 * no styles (which, just after the first graph is added, would mean measuring every label once more) and no
 * settled compound bounds.
 */
function contentBox(group: NodeSingular): { w: number; h: number } {
  const leaves = group.descendants().nodes(':childless');
  if (leaves.empty()) return { w: 0, h: 0 };
  const xs = leaves.map((n) => n.position().x);
  const ys = leaves.map((n) => n.position().y);
  const room = 80;
  const extent = (values: number[]) => values.reduce((max, v) => Math.max(max, v), -Infinity) - values.reduce((min, v) => Math.min(min, v), Infinity);
  return { w: extent(xs) + room, h: extent(ys) + room };
}

/** Below this zoom a big map shows its groups as summaries instead of their contents (see applySummaryView). */
export const SUMMARY_BELOW_ZOOM = 0.3;
const GROUPS = 'node[kind = "namespace"], node[kind = "node"], node[kind = "external"]';
const GROUP_KINDS: ReadonlySet<string> = new Set(['namespace', 'node', 'external']);

/**
 * Far out on a big map, pods are specks and labels unreadable, yet drawing them all makes every frame slow. There
 * the groups stand in for their contents: each shows its summary ("shop · 40 pods · 2 Services") and the rest is
 * hidden. Nothing is removed, so positions, data and highlight classes (dimmed groups included) stay as they are.
 */
export function applySummaryView(cy: Core, on: boolean): void {
  const groups = cy.nodes(GROUPS);
  // Each summary keeps the size of the group it stands for, so the overview has the map's own shape.
  const sizes = on ? groups.not('.summary').nodes().map((group) => [group, contentBox(group)] as const) : [];
  cy.batch(() => {
    for (const [group, box] of sizes) {
      const width = Math.max(box.w, 200);
      const height = Math.max(box.h, 120);
      group.data({ summaryWidth: width, summaryHeight: height, summaryFontSize: summaryFontSize(group.data('summary') as string | undefined, width, height) });
    }
    groups.toggleClass('summary', on);
    cy.nodes().not(groups).toggleClass('summarised-away', on);
  });
}

/** A bold character's width, as a share of the font size: about 0.62 for the map's sans-serif. */
const CHAR_WIDTH = 0.62;

/**
 * The largest font at which a summary fits its box: its first line (the group's name, which does not wrap) across
 * the width, and about four lines (the counts wrap onto two or three) down the height.
 */
export function summaryFontSize(summary: string | undefined, width: number, height: number): number {
  const name = (summary ?? '').split('\n')[0]!.length;
  return Math.round(Math.min((width * 0.9) / (CHAR_WIDTH * Math.max(name, 8)), height / 4.2));
}

/** Groups further than this many viewports beyond the view's edges have their contents hidden (cullFarGroups). */
const CULL_MARGIN = 1;
const LIT = HIGHLIGHT_CLASSES.filter((c) => c !== 'dimmed')
  .map((c) => `.${c}`)
  .join(', ');
type Box = { x1: number; x2: number; y1: number; y2: number };
/** Per instance, the box each culled group had with its contents shown (hiding them shrinks the group). */
const culledBoxes = new WeakMap<Core, Map<string, Box>>();

function nearArea(cy: Core): Box {
  const view = cy.extent();
  const [mx, my] = [view.w * CULL_MARGIN, view.h * CULL_MARGIN];
  return { x1: view.x1 - mx, x2: view.x2 + mx, y1: view.y1 - my, y2: view.y2 + my };
}
const overlaps = (a: Box, b: Box) => a.x1 <= b.x2 && a.x2 >= b.x1 && a.y1 <= b.y2 && a.y2 >= b.y1;

/**
 * Zoomed in on a big map, WebGL still draws every element each frame, in view or not. Once the view settles, the
 * contents of groups far from it (and holding none of the highlight) are hidden; uncullNearGroups shows them again
 * as they come near. Hiding is for settled views only, so that a pan in progress changes no style.
 */
export function cullFarGroups(cy: Core): void {
  const area = nearArea(cy);
  const boxes = culledBoxes.get(cy) ?? new Map<string, Box>();
  culledBoxes.set(cy, boxes);
  // Boxes first, outside the batch: inside one, a group's box does not follow its contents yet.
  const far = cy.nodes(GROUPS).filter((group) => {
    if (boxes.has(group.id())) return true;
    const box = group.boundingBox({ includeLabels: false });
    if (overlaps(box, area) || group.descendants(LIT).nonempty()) return false;
    boxes.set(group.id(), { x1: box.x1, x2: box.x2, y1: box.y1, y2: box.y2 });
    return true;
  });
  // Contents added since a group was culled are hidden like the rest.
  cy.batch(() => far.forEach((group) => void group.descendants().not('.culled').addClass('culled')));
}

/** Shows the culled groups that came near the view or hold part of the highlight (all of them with `all`). */
export function uncullNearGroups(cy: Core, all = false): void {
  const boxes = culledBoxes.get(cy);
  if (!boxes?.size) return;
  const area = nearArea(cy);
  cy.batch(() => {
    for (const [id, box] of boxes) {
      const group = cy.getElementById(id);
      if (!all && group.nonempty() && !overlaps(box, area) && group.descendants(LIT).empty()) continue;
      boxes.delete(id);
      group.descendants().removeClass('culled');
    }
  });
}

import type cytoscape from 'cytoscape';
import type { CollectionArgument, Core, Position } from 'cytoscape';
import type { GraphEdgeData, GraphNodeData } from '@/lib/graph/elements';
import type { Highlight } from '@/lib/graph/highlight';

// How the map's one Cytoscape instance follows the graph and the highlight: both touch only what changed, since
// each touched element is restyled and redrawn.

const HIGHLIGHT_CLASSES = ['dimmed', 'selected', 'peer-egress', 'peer-ingress', 'peer-both', 'path'];

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
 * where `positions` says, else where it was before it was removed, else beside its group.
 */
export function applyDiff(cy: Core, nodes: GraphNodeData[], edges: GraphEdgeData[], positions?: Record<string, Position>): void {
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
    for (const data of parentsFirst(nodes)) {
      const existing = cy.getElementById(data.id);
      if (existing.nonempty()) {
        if ((existing.data('parent') ?? undefined) !== data.parent) existing.move({ parent: data.parent ?? null });
        // Setting data restyles the element even when nothing changed; most renders change few nodes.
        if (!sameData(existing.data() as Record<string, unknown>, data)) existing.data(data);
      } else {
        const position = positions?.[data.id] ?? removedAt(cy).get(data.id) ?? besideSiblings(cy, data);
        cy.add({ group: 'nodes', data: { ...data }, position });
      }
    }
    for (const data of edges) {
      const existing = cy.getElementById(data.id);
      if (existing.nonempty()) {
        if (!sameData(existing.data() as Record<string, unknown>, data)) existing.data(data);
      } else if (cy.getElementById(data.source).nonempty() && cy.getElementById(data.target).nonempty()) cy.add({ group: 'edges', data: { ...data } });
    }
  });
}

function sameData(current: Record<string, unknown>, wanted: GraphNodeData | GraphEdgeData): boolean {
  return Object.entries(wanted).every(([key, value]) => current[key] === value);
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
 * Shows a selection or a path with classes. Each element's wanted classes are worked out first, and only elements
 * whose classes change are touched: restyling is what costs, and from one selection to the next few elements change.
 */
export function applyHighlight(cy: Core, highlight: Highlight | undefined, path: string[] | undefined): void {
  // Lit elements by id, with their classes; every other element is dimmed, unless nothing is highlighted at all.
  const lit = new Map<string, string[]>();
  const light = (elements: CollectionArgument, cls?: string) =>
    elements.forEach((e) => {
      const classes = lit.get(e.id()) ?? [];
      if (cls && !classes.includes(cls)) classes.push(cls);
      lit.set(e.id(), classes);
    });
  if (path?.length) {
    const onPath = cy.collection();
    for (const id of path) onPath.merge(cy.getElementById(id));
    onPath.merge(onPath.edgesWith(onPath));
    light(onPath, 'path');
    light(onPath.nodes().ancestors());
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
    for (const edge of highlight.flowEdges) light(cy.getElementById(edge.id));
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

/** Below this zoom a big map shows its groups as summaries instead of their contents (see applySummaryView). */
export const SUMMARY_BELOW_ZOOM = 0.3;
const GROUPS = 'node[kind = "namespace"], node[kind = "node"], node[kind = "external"]';

/**
 * Far out on a big map, pods are specks and labels unreadable, yet drawing them all makes every frame slow. There
 * the groups stand in for their contents: each shows its summary ("shop · 40 pods · 2 Services") and the rest is
 * hidden. Nothing is removed, so positions, data and highlight classes (dimmed groups included) stay as they are.
 */
export function applySummaryView(cy: Core, on: boolean): void {
  cy.batch(() => {
    const groups = cy.nodes(GROUPS);
    if (on) {
      // Each summary keeps the size of the group it stands for, so the overview has the map's own shape.
      groups.not('.summary').forEach((group) => {
        const box = group.boundingBox({ includeLabels: false });
        const width = Math.max(box.w, 200);
        const height = Math.max(box.h, 120);
        group.data({ summaryWidth: width, summaryHeight: height, summaryFontSize: Math.round(Math.min(width / 7, height / 3.5)) });
      });
    }
    groups.toggleClass('summary', on);
    cy.nodes().not(groups).toggleClass('summarised-away', on);
  });
}

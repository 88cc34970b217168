import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { GraphEdgeData, GraphNodeData } from '@/lib/graph/elements';
import type { Highlight } from '@/lib/graph/highlight';
import type { WhatIfHighlight } from '@/lib/graph/what-if';
import { applyDiff, applyHighlight, applySummaryView, cullFarGroups, summaryFontSize, uncullNearGroups } from './cy-updates';
import { mapStyle } from './map-style';

const nodes: GraphNodeData[] = [
  { id: 'ns:shop', kind: 'namespace', label: 'shop' },
  { id: 'pod:shop/web', parent: 'ns:shop', kind: 'pod', label: 'web', ready: true },
  { id: 'pod:shop/api', parent: 'ns:shop', kind: 'pod', label: 'api', ready: true },
  { id: 'pod:shop/db', parent: 'ns:shop', kind: 'pod', label: 'db', ready: true },
  { id: 'svc:shop/api', parent: 'ns:shop', kind: 'service', label: 'api' },
];
const edges: GraphEdgeData[] = [{ id: 'e:svc:shop/api->pod:shop/api', source: 'svc:shop/api', target: 'pod:shop/api', kind: 'service-endpoint', ready: true }];
const selecting = (selected: string, peers: Highlight['peers']): Highlight => ({ selected, peers, flowEdges: [], rows: [] });

/** A headless instance with the graph, and a log of the elements whose classes or data were set afterwards. */
function mapWith(): { cy: Core; touched: () => string[] } {
  const cy = cytoscape({ headless: true });
  applyDiff(cy, nodes, edges);
  let touched = new Set<string>();
  cy.on('class data', (event) => void touched.add((event.target as cytoscape.SingularElementArgument).id()));
  return {
    cy,
    touched: () => {
      const ids = [...touched].sort();
      touched = new Set();
      return ids;
    },
  };
}
const classesOf = (cy: Core) => Object.fromEntries(cy.elements().map((e) => [e.id(), e.classes().sort().join(' ')]));

describe('applyHighlight', () => {
  it('lights the selection, its peers and their namespace, and dims everything else', () => {
    const { cy } = mapWith();
    applyHighlight(cy, selecting('pod:shop/web', [{ id: 'pod:shop/api', direction: 'egress' }]), undefined);
    expect(classesOf(cy)).toStrictEqual({
      'ns:shop': '',
      'pod:shop/web': 'selected',
      'pod:shop/api': 'peer-egress',
      'pod:shop/db': 'dimmed',
      'svc:shop/api': 'dimmed',
      'e:svc:shop/api->pod:shop/api': 'dimmed',
    });
  });

  it('a group with nothing lit is dimmed as a whole, and its contents with it (a compound’s opacity is theirs too)', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: mapStyle(false) });
    applyDiff(cy, [...nodes, { id: 'ns:other', kind: 'namespace', label: 'other' }, { id: 'pod:other/x', parent: 'ns:other', kind: 'pod', label: 'x' }], edges);
    applyHighlight(cy, selecting('pod:shop/web', [{ id: 'pod:shop/api', direction: 'egress' }]), undefined);
    expect(classesOf(cy)).toMatchObject({ 'ns:other': 'dimmed', 'pod:other/x': '', 'pod:shop/db': 'dimmed', 'ns:shop': '' });
    expect(cy.getElementById('pod:other/x').effectiveOpacity()).toBeCloseTo(0.15);
    expect(cy.getElementById('pod:shop/db').effectiveOpacity()).toBeCloseTo(0.15);
    expect(cy.getElementById('pod:shop/api').effectiveOpacity()).toBe(1);
  });

  it('from one selection to the next, touches only the elements whose classes change', () => {
    const { cy, touched } = mapWith();
    applyHighlight(cy, selecting('pod:shop/web', [{ id: 'pod:shop/api', direction: 'egress' }]), undefined);
    touched();
    applyHighlight(cy, selecting('pod:shop/web', [{ id: 'pod:shop/api', direction: 'egress' }, { id: 'svc:shop/api', direction: 'egress' }]), undefined);
    expect(touched()).toStrictEqual(['svc:shop/api']);
    applyHighlight(cy, selecting('pod:shop/db', []), undefined);
    expect(touched()).toStrictEqual(['pod:shop/api', 'pod:shop/db', 'pod:shop/web', 'svc:shop/api']);
  });

  it('peers the policies deny but the plugin lets through are lit apart, with their flow edges', () => {
    const { cy } = mapWith();
    const note = { status: 'not-enforced' as const, plugins: ['flannel'], effect: 'flows' as const, text: 'denied by policy, but not enforced by flannel: traffic flows' };
    const flow: GraphEdgeData = { id: 'flow:pod:shop/web->pod:shop/db', source: 'pod:shop/web', target: 'pod:shop/db', kind: 'flow', label: 'denied by policy, not enforced', notEnforced: true };
    applyDiff(cy, nodes, [...edges, flow]);
    applyHighlight(
      cy,
      { ...selecting('pod:shop/web', [{ id: 'pod:shop/api', direction: 'egress' }]), flowEdges: [flow], notEnforced: { note, peers: [{ id: 'pod:shop/db', direction: 'egress' }] } },
      undefined,
    );
    expect(classesOf(cy)).toMatchObject({ 'pod:shop/api': 'peer-egress', 'pod:shop/db': 'peer-not-enforced-egress', 'flow:pod:shop/web->pod:shop/db': '', 'svc:shop/api': 'dimmed' });
  });

  it('the style draws a flow the policies deny but the plugin lets through amber and dashed, apart from the blue allowed flows', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: mapStyle(false) });
    const flow = (target: string, notEnforced?: true): GraphEdgeData => ({ id: `flow:pod:shop/web->${target}`, source: 'pod:shop/web', target, kind: 'flow', label: '', ...(notEnforced ? { notEnforced } : {}) });
    applyDiff(cy, nodes, [flow('pod:shop/api'), flow('pod:shop/db', true)]);
    const [allowed, flowing] = [cy.getElementById('flow:pod:shop/web->pod:shop/api'), cy.getElementById('flow:pod:shop/web->pod:shop/db')];
    expect([allowed.style('line-style'), flowing.style('line-style')]).toStrictEqual(['solid', 'dashed']);
    expect(flowing.style('line-color')).not.toBe(allowed.style('line-color'));
  });

  it('an answer rings its nodes, lights its own hops (not the graph’s edges between them) and marks the nodes that deny it', () => {
    const { cy } = mapWith();
    const hop: GraphEdgeData = { id: 'path:pod:shop/web->svc:shop/api', source: 'pod:shop/web', target: 'svc:shop/api', kind: 'path', verdict: 'denied', deniedAt: 'target' };
    const hops: GraphEdgeData[] = [hop, { ...hop, id: 'path:svc:shop/api->pod:shop/api', source: 'svc:shop/api', target: 'pod:shop/api' }];
    applyDiff(cy, nodes, [...edges, ...hops]);
    applyHighlight(cy, undefined, { ids: ['pod:shop/web', 'svc:shop/api', 'pod:shop/api'], edges: hops, denying: ['pod:shop/api'] });
    expect(classesOf(cy)).toMatchObject({
      'pod:shop/web': 'answer',
      'svc:shop/api': 'answer',
      'pod:shop/api': 'answer path-denying',
      'path:pod:shop/web->svc:shop/api': '',
      'path:svc:shop/api->pod:shop/api': '',
      'e:svc:shop/api->pod:shop/api': 'dimmed',
      'pod:shop/db': 'dimmed',
    });
  });

  it('what a search found lights its nodes, the edges between them and their namespace; no highlight clears every class', () => {
    const { cy } = mapWith();
    applyHighlight(cy, undefined, { ids: ['svc:shop/api', 'pod:shop/api'] });
    expect(classesOf(cy)).toMatchObject({
      'ns:shop': '',
      'svc:shop/api': 'path',
      'pod:shop/api': 'path',
      'e:svc:shop/api->pod:shop/api': 'path',
      'pod:shop/web': 'dimmed',
    });
    applyHighlight(cy, undefined, undefined);
    expect(new Set(Object.values(classesOf(cy)))).toStrictEqual(new Set(['']));
  });
});

describe("applyHighlight: a what-if's changes", () => {
  const change = (kind: NonNullable<GraphEdgeData['change']>, target: string): GraphEdgeData => ({
    id: `change:pod:shop/web->${target}`,
    source: 'pod:shop/web',
    target,
    kind: 'change',
    change: kind,
    label: kind,
  });
  const whatIf = (init: Partial<WhatIfHighlight>): WhatIfHighlight => ({ ends: [], edges: [], extraNodes: [], pairs: [], undrawn: 0, ...init });

  it('lights the ends of the changes and their edges, the selected pod as selected, and dims the rest', () => {
    const { cy } = mapWith();
    const lost = change('removed', 'pod:shop/api');
    applyDiff(cy, nodes, [...edges, lost]);
    applyHighlight(cy, undefined, undefined, whatIf({ selected: 'pod:shop/web', ends: ['pod:shop/api'], edges: [lost] }));
    expect(classesOf(cy)).toStrictEqual({
      'ns:shop': '',
      'pod:shop/web': 'selected',
      'pod:shop/api': 'change-end',
      'pod:shop/db': 'dimmed',
      'svc:shop/api': 'dimmed',
      'e:svc:shop/api->pod:shop/api': 'dimmed',
      [lost.id]: '',
    });
  });

  it('a what-if without a change dims nothing', () => {
    const { cy } = mapWith();
    applyHighlight(cy, undefined, undefined, whatIf({}));
    expect(new Set(Object.values(classesOf(cy)))).toStrictEqual(new Set(['']));
  });

  it.each([
    { kind: 'added' as const, line: 'solid', arrow: 'triangle' },
    { kind: 'removed' as const, line: 'dashed', arrow: 'tee' },
    { kind: 'changed' as const, line: 'solid', arrow: 'diamond' },
    { kind: 'unknown' as const, line: 'dotted', arrow: 'circle' },
  ])('the style draws $kind with a $line line ending in a $arrow, and its label (never the colour alone)', ({ kind, line, arrow }) => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: mapStyle(false) });
    applyDiff(cy, nodes, [change(kind, 'pod:shop/api')]);
    const edge = cy.getElementById('change:pod:shop/web->pod:shop/api');
    expect([edge.style('line-style'), edge.style('target-arrow-shape'), edge.style('label')]).toStrictEqual([line, arrow, kind]);
  });
});

describe('applyDiff', () => {
  it('sets data only on elements whose data changed, and keeps the others as they are', () => {
    const { cy, touched } = mapWith();
    applyDiff(cy, nodes.map((n) => ({ ...n })), edges.map((e) => ({ ...e })));
    expect(touched()).toStrictEqual([]);
    applyDiff(cy, nodes.map((n) => (n.id === 'pod:shop/db' ? { ...n, ready: false } : n)), edges);
    expect(touched()).toStrictEqual(['pod:shop/db']);
    expect(cy.getElementById('pod:shop/db').data('ready')).toBe(false);
  });

  it('a key the graph no longer sets is removed (an edge whose broken reference was fixed loses its error data)', () => {
    const { cy, touched } = mapWith();
    const id = 'e:svc:shop/api->pod:shop/api';
    applyDiff(cy, nodes, edges.map((e): GraphEdgeData => ({ ...e, invalid: true })));
    expect(cy.getElementById(id).data('invalid')).toBe(true);
    touched();
    applyDiff(cy, nodes, edges);
    expect(touched()).toStrictEqual([id]);
    expect(cy.getElementById(id).data('invalid')).toBeUndefined();
    // Data the map sets itself stays.
    cy.getElementById('ns:shop').data('summaryWidth', 120);
    applyDiff(cy, nodes, edges);
    expect(cy.getElementById('ns:shop').data('summaryWidth')).toBe(120);
  });

  it('removes what is gone and adds what is new beside its siblings, moving nothing else', () => {
    const { cy } = mapWith();
    cy.nodes().forEach((n, i) => void n.position({ x: i * 50, y: 0 }));
    const before = cy.getElementById('pod:shop/web').position();
    applyDiff(cy, [...nodes.filter((n) => n.id !== 'pod:shop/db'), { id: 'pod:shop/cache', parent: 'ns:shop', kind: 'pod', label: 'cache' }], edges);
    expect(cy.getElementById('pod:shop/db').empty()).toBe(true);
    expect(cy.getElementById('pod:shop/cache').parent().first().id()).toBe('ns:shop');
    expect(cy.getElementById('pod:shop/web').position()).toStrictEqual(before);
  });
});

describe('applyDiff: nodes that come back', () => {
  it('a node removed and added again (a namespace filtered out and in) returns to where it was', () => {
    const { cy } = mapWith();
    cy.getElementById('pod:shop/db').position({ x: 500, y: 300 });
    applyDiff(cy, nodes.filter((n) => n.id !== 'pod:shop/db'), edges);
    expect(cy.getElementById('pod:shop/db').empty()).toBe(true);
    applyDiff(cy, nodes, edges);
    expect(cy.getElementById('pod:shop/db').position()).toStrictEqual({ x: 500, y: 300 });
  });
});

describe('applySummaryView', () => {
  it('far out, a group stands for its contents: it shows its summary at its own size, and the rest is hidden, not removed', () => {
    const { cy } = mapWith();
    cy.nodes(':child').forEach((n, i) => void n.position({ x: i * 100, y: i * 50 }));
    applySummaryView(cy, true);
    const shop = cy.getElementById('ns:shop');
    expect(shop.hasClass('summary')).toBe(true);
    expect(cy.nodes('.summarised-away').map((n) => n.id()).sort()).toStrictEqual(['pod:shop/api', 'pod:shop/db', 'pod:shop/web', 'svc:shop/api']);
    // Its contents span 300 x 150 (x 0-300, y 0-150), plus 80 of room for their shapes and labels.
    expect([shop.data('summaryWidth'), shop.data('summaryHeight')]).toStrictEqual([380, 230]);
    expect(cy.elements().length).toBe(nodes.length + edges.length);

    applySummaryView(cy, false);
    expect(cy.nodes('.summary, .summarised-away').length).toBe(0);
  });

  it.each([
    { name: 'a short name: the height decides', summary: 'shop\n40 pods · 2 Services', width: 380, height: 230, size: 55 },
    { name: 'a long name in a narrow box: the name fits across it', summary: 'bench-pop-030\n235 pods · 5 Services', width: 200, height: 300, size: 22 },
    { name: 'no summary yet: as for an eight-letter name', summary: undefined, width: 200, height: 300, size: 36 },
  ])('summaryFontSize, the largest font at which the summary fits its box: $name', ({ summary, width, height, size }) => {
    expect(summaryFontSize(summary, width, height)).toBe(size);
    // The name, at that size (a bold character about 0.62 of it wide), is no wider than the box.
    expect(0.62 * size * Math.max((summary ?? '').split('\n')[0]!.length, 8)).toBeLessThanOrEqual(width);
  });
});

describe('cullFarGroups and uncullNearGroups', () => {
  function twoGroups(): Core {
    // With styles, so that a group's box follows its contents as in the page.
    const cy = cytoscape({ headless: true, styleEnabled: true, style: mapStyle(false) });
    applyDiff(
      cy,
      [
        { id: 'ns:near', kind: 'namespace', label: 'near' },
        { id: 'ns:far', kind: 'namespace', label: 'far' },
        { id: 'pod:near/a', parent: 'ns:near', kind: 'pod', label: 'a' },
        { id: 'pod:far/b', parent: 'ns:far', kind: 'pod', label: 'b' },
      ],
      [],
      { 'pod:near/a': { x: 0, y: 0 }, 'pod:far/b': { x: 50_000, y: 0 } },
    );
    return cy;
  }
  const hidden = (cy: Core) => cy.nodes('.culled').map((n) => n.id());

  it('hides the contents of groups far from a settled view, and shows them as soon as they come near', () => {
    const cy = twoGroups();
    cullFarGroups(cy);
    expect(hidden(cy)).toStrictEqual(['pod:far/b']);
    expect(cy.getElementById('pod:far/b').visible()).toBe(false);
    cy.pan({ x: -50_000, y: 0 });
    uncullNearGroups(cy);
    expect(hidden(cy)).toStrictEqual([]);
    cullFarGroups(cy);
    expect(hidden(cy)).toStrictEqual(['pod:near/a']);
    uncullNearGroups(cy, true);
    expect(hidden(cy)).toStrictEqual([]);
  });

  it('a far group holding part of the highlight is never hidden, so the arrows to far peers stay', () => {
    const cy = twoGroups();
    cullFarGroups(cy);
    applyHighlight(cy, selecting('pod:near/a', [{ id: 'pod:far/b', direction: 'egress' }]), undefined);
    uncullNearGroups(cy);
    cullFarGroups(cy);
    expect(hidden(cy)).toStrictEqual([]);
  });

  it('what is added to a culled group is hidden with it', () => {
    const cy = twoGroups();
    cullFarGroups(cy);
    cy.add({ group: 'nodes', data: { id: 'pod:far/c', parent: 'ns:far', kind: 'pod', label: 'c' }, position: { x: 50_100, y: 0 } });
    cullFarGroups(cy);
    expect(hidden(cy).sort()).toStrictEqual(['pod:far/b', 'pod:far/c']);
  });
});

import type { StylesheetJson } from 'cytoscape';

// Every visual rule of the map in one place. State is carried by shape, border style and labels as well as
// colour, so the map reads for colour-blind users too: allowed flows are solid arrows labelled with their ports,
// not-ready endpoints are dashed, errors have a double border, a Gateway route the Gateway cannot follow is a red
// dashed line ending in a bar, its label saying why ("✕ RefNotPermitted"). What the policies deny but the network
// plugin does not enforce (so it flows) is amber and dashed, labelled "denied by policy, not enforced": never the
// blue of an allowed flow, nor a red that would say it is blocked. A what-if's changes carry their kind in the line,
// the arrow and a label that starts with the diff's mark and word: added (gained) is solid with a triangle
// ("+ added: …"), removed (lost) is dashed and ends in a bar ("- removed: …"), changed ends in a diamond
// ("~ changed: …"), unknown is dotted and ends in a circle ("? unknown: …"). An engine's answer (an explained flow,
// a traced request) is drawn hop by hop in its verdict, each hop labelled with its ports and verdict: allowed is solid
// with a triangle ("✓ allowed"), denied is dashed and ends in a bar at the side whose policies deny it ("✕ denied
// by ingress"; a bar at the start for the source's egress), and that side's node has a double ring; unknown is
// dotted with a hollow arrow ("? unknown"), partly allowed ends in a diamond ("◐ partly allowed"), and a denial the
// plugin does not enforce is amber and dashed with an arrow (it flows: "⚠ denied, not enforced").
/** Amber: denied by policy, but the network plugin does not enforce it, so the traffic flows. */
const NOT_ENFORCED = '#d97706';
const GAINED = '#15803d';
const LOST = '#dc2626';
const CHANGED = '#7c3aed';
const UNKNOWN_CHANGE = '#b45309';
const ALLOWED = '#2563eb';
const DENIED = '#dc2626';
const PARTIAL = '#7c3aed';

export function mapStyle(dark: boolean): StylesheetJson {
  const text = dark ? '#e2e8f0' : '#0f172a';
  const muted = dark ? '#64748b' : '#94a3b8';
  const box = dark ? '#1e293b' : '#f8fafc';
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: text,
        'font-size': 12,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'min-zoomed-font-size': 6,
        'text-wrap': 'ellipsis',
        'text-max-width': '170px',
        width: 22,
        height: 22,
        'border-width': 1,
        'border-color': muted,
        'background-color': '#0ea5e9',
      },
    },
    {
      selector: ':parent',
      style: {
        'background-color': box,
        'background-opacity': 0.6,
        'border-color': muted,
        'text-valign': 'top',
        'text-halign': 'center',
        'font-weight': 'bold',
        shape: 'round-rectangle',
        padding: '14px',
      },
    },
    // A group with nothing in it (an empty namespace) is still a box, never a dot that reads as a pod.
    {
      selector: 'node[kind = "namespace"]:childless, node[kind = "node"]:childless',
      style: {
        shape: 'round-rectangle',
        width: 90,
        height: 28,
        'background-color': box,
        'border-color': muted,
        'border-style': 'dashed',
        'text-valign': 'center',
        'font-size': 11,
        color: muted,
        'text-max-width': '84px',
      },
    },
    { selector: 'node[kind = "external"]', style: { 'border-style': 'dashed' } },
    // A pod's label comes in lines short enough to be whole (lib/graph/pod-labels.ts): wrapped, never cut.
    { selector: 'node[kind = "pod"]', style: { shape: 'ellipse', 'background-color': '#0284c7', 'text-wrap': 'wrap', 'text-max-width': '170px' } },
    { selector: 'node[kind = "pod"][?hostNetwork]', style: { shape: 'diamond' } },
    { selector: 'node[kind = "pod"][!ready]', style: { 'background-color': '#f59e0b', 'border-style': 'dashed', 'border-width': 2 } },
    { selector: 'node[kind = "workload"]', style: { shape: 'round-octagon', width: 30, height: 30, 'background-color': '#0369a1' } },
    { selector: 'node[kind = "service"]', style: { shape: 'round-triangle', 'background-color': '#16a34a' } },
    { selector: 'node[kind = "service"][health = "warning"]', style: { 'background-color': '#f59e0b', 'border-width': 2, 'border-style': 'dashed' } },
    { selector: 'node[kind = "service"][health = "error"]', style: { 'background-color': '#dc2626', 'border-width': 4, 'border-style': 'double' } },
    { selector: 'node[kind = "ingress"]', style: { shape: 'tag', 'background-color': '#7c3aed' } },
    { selector: 'node[kind = "gateway"]', style: { shape: 'rhomboid', width: 30, 'background-color': '#0d9488', 'text-wrap': 'wrap', 'text-max-width': '180px' } },
    { selector: 'node[?missing]', style: { 'background-opacity': 0.35 } },
    { selector: 'node[kind = "ipRange"]', style: { shape: 'hexagon', 'background-color': '#64748b' } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': muted,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': muted,
        'arrow-scale': 0.8,
        'font-size': 8,
        color: text,
        'min-zoomed-font-size': 8,
      },
    },
    { selector: 'edge[kind = "ingress-service"]', style: { label: 'data(label)', 'text-wrap': 'wrap', 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed' } },
    {
      selector: 'edge[kind = "gateway-service"]',
      style: { label: 'data(label)', 'text-wrap': 'wrap', 'line-color': '#0d9488', 'target-arrow-color': '#0d9488', 'text-background-color': box, 'text-background-opacity': 0.8 },
    },
    {
      selector: 'edge[kind = "gateway-service"][?invalid]',
      style: { width: 2.5, 'line-style': 'dashed', 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'target-arrow-shape': 'tee', color: dark ? '#fca5a5' : '#b91c1c' },
    },
    { selector: 'edge[kind = "service-endpoint"][!ready]', style: { 'line-style': 'dashed' } },
    {
      selector: 'edge[kind = "flow"]',
      style: { label: 'data(label)', width: 2.5, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb', 'text-background-color': box, 'text-background-opacity': 0.9 },
    },
    {
      selector: 'edge[kind = "flow"][?unknown]',
      style: { 'line-style': 'dotted', 'line-color': '#6b7280', 'target-arrow-color': '#6b7280', 'target-arrow-shape': 'vee', color: dark ? '#d1d5db' : '#374151' },
    },
    {
      selector: 'edge[kind = "flow"][?notEnforced]',
      style: { 'line-style': 'dashed', 'line-color': NOT_ENFORCED, 'target-arrow-color': NOT_ENFORCED, color: dark ? '#fcd34d' : '#92400e' },
    },
    {
      selector: 'edge[kind = "change"]',
      style: { label: 'data(label)', width: 2.5, 'text-wrap': 'wrap', 'text-max-width': '220px', 'text-background-color': box, 'text-background-opacity': 0.9, 'font-size': 9 },
    },
    { selector: 'edge[change = "added"]', style: { 'line-color': GAINED, 'target-arrow-color': GAINED, 'target-arrow-shape': 'triangle', color: dark ? '#86efac' : '#14532d' } },
    {
      selector: 'edge[change = "removed"]',
      style: { 'line-style': 'dashed', 'line-color': LOST, 'target-arrow-color': LOST, 'target-arrow-shape': 'tee', color: dark ? '#fca5a5' : '#991b1b' },
    },
    { selector: 'edge[change = "changed"]', style: { 'line-color': CHANGED, 'target-arrow-color': CHANGED, 'target-arrow-shape': 'diamond', color: dark ? '#c4b5fd' : '#4c1d95' } },
    {
      selector: 'edge[change = "unknown"]',
      style: { 'line-style': 'dotted', 'line-color': UNKNOWN_CHANGE, 'target-arrow-color': UNKNOWN_CHANGE, 'target-arrow-shape': 'circle', color: dark ? '#fcd34d' : '#78350f' },
    },
    {
      selector: 'edge[kind = "path"]',
      style: {
        label: 'data(label)',
        width: 3,
        'text-wrap': 'wrap',
        'text-max-width': '220px',
        'font-size': 10,
        'min-zoomed-font-size': 6,
        'text-background-color': box,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'z-index': 20,
        'arrow-scale': 1.2,
        'line-color': ALLOWED,
        'target-arrow-color': ALLOWED,
        'source-arrow-color': ALLOWED,
        'target-arrow-shape': 'triangle',
      },
    },
    {
      selector: 'edge[kind = "path"][verdict = "denied"]',
      style: { 'line-style': 'dashed', 'line-color': DENIED, 'target-arrow-color': DENIED, 'source-arrow-color': DENIED, color: dark ? '#fca5a5' : '#991b1b' },
    },
    { selector: 'edge[kind = "path"][verdict = "denied"][deniedAt = "target"], edge[kind = "path"][verdict = "denied"][deniedAt = "both"]', style: { 'target-arrow-shape': 'tee' } },
    { selector: 'edge[kind = "path"][verdict = "denied"][deniedAt = "source"], edge[kind = "path"][verdict = "denied"][deniedAt = "both"]', style: { 'source-arrow-shape': 'tee' } },
    {
      selector: 'edge[kind = "path"][verdict = "unknown"]',
      style: { 'line-style': 'dotted', 'line-color': '#6b7280', 'target-arrow-color': '#6b7280', 'target-arrow-shape': 'vee', 'target-arrow-fill': 'hollow', color: dark ? '#d1d5db' : '#374151' },
    },
    {
      selector: 'edge[kind = "path"][verdict = "partial"]',
      style: { 'line-color': PARTIAL, 'target-arrow-color': PARTIAL, 'target-arrow-shape': 'diamond', color: dark ? '#c4b5fd' : '#4c1d95' },
    },
    {
      selector: 'edge[kind = "path"][verdict = "not-enforced"]',
      style: { 'line-style': 'dashed', 'line-color': NOT_ENFORCED, 'target-arrow-color': NOT_ENFORCED, color: dark ? '#fcd34d' : '#92400e' },
    },
    // Summary mode (lib/graph/summary.ts): a group not opened is one box saying what it holds; a tap opens it. One
    // with pods not ready has the not-ready pods' amber dashed border. An edge standing for several is thicker and
    // says how many.
    {
      selector: 'node[?collapsed]',
      style: {
        shape: 'round-rectangle',
        width: 170,
        height: 64,
        'background-color': box,
        'background-opacity': 1,
        'border-width': 2,
        'border-style': 'solid',
        'border-color': muted,
        color: text,
        'font-size': 11,
        'font-weight': 'normal',
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'wrap',
        'text-max-width': '160px',
      },
    },
    { selector: 'node[?collapsed][!ready]', style: { 'border-color': '#f59e0b', 'border-style': 'dashed' } },
    { selector: 'edge[aggregated]', style: { width: 'mapData(aggregated, 1, 40, 1.5, 6)' } },
    { selector: 'edge[aggregated][label]', style: { label: 'data(label)', 'text-wrap': 'wrap' } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    // Far out on a big map (applySummaryView): the groups, labelled with what they hold, and nothing else.
    { selector: '.summarised-away', style: { display: 'none' } },
    // Zoomed in on a big map: the contents of groups far from a settled view (cullFarGroups).
    { selector: '.culled', style: { display: 'none' } },
    {
      selector: 'node.summary',
      style: {
        label: 'data(summary)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'font-size': 'data(summaryFontSize)',
        'min-zoomed-font-size': 0,
        'text-max-width': 'data(summaryWidth)',
        width: 'data(summaryWidth)',
        height: 'data(summaryHeight)',
        shape: 'round-rectangle',
      },
    },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#2563eb', 'border-style': 'solid' } },
    { selector: 'edge.path', style: { width: 3, 'line-color': '#2563eb', 'target-arrow-color': '#2563eb' } },
    // The nodes an answer runs through: ringed in the text's colour, as its hops carry the verdict.
    { selector: 'node.answer', style: { 'border-width': 3, 'border-color': text, 'border-style': 'solid' } },
    { selector: 'node.path-denying', style: { 'border-width': 6, 'border-color': DENIED, 'border-style': 'double' } },
    { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#2563eb', 'border-style': 'solid' } },
    { selector: 'node.change-end', style: { 'border-width': 3, 'border-color': text, 'border-style': 'double' } },
    { selector: 'node.peer-egress', style: { 'border-width': 3, 'border-color': '#2563eb', 'border-style': 'solid' } },
    { selector: 'node.peer-ingress', style: { 'border-width': 3, 'border-color': '#9333ea', 'border-style': 'dotted' } },
    { selector: 'node.peer-both', style: { 'border-width': 3, 'border-color': '#2563eb', 'border-style': 'double' } },
    {
      selector: 'node.peer-not-enforced-egress, node.peer-not-enforced-ingress, node.peer-not-enforced-both',
      style: { 'border-width': 3, 'border-color': NOT_ENFORCED, 'border-style': 'dashed' },
    },
  ];
}

import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import type { LineStyle, MapScene, SceneEdge, SceneNode } from './map-svg';

// What the map draws, read off the Cytoscape instance as plain data for map-svg.ts: the elements shown (a group
// hidden far from the view, or folded into a summary, is left out, as on screen), with the styles map-style.ts gave
// them, positions in the map's own coordinates.

/** Cytoscape's arrow size for an edge width and arrow-scale (its renderer's getArrowWidth), times its shapes' 0.3. */
const arrowSize = (width: number, scale: number) => Math.max(Math.pow(width * 13.37, 0.9), 29) * scale * 0.3;

export function mapScene(cy: Core, { background, title }: { background: string; title: string }): MapScene {
  const shown = cy.elements().filter((e) => e.visible() && e.effectiveOpacity() > 0);
  const box = shown.boundingBox({ includeLabels: true });
  // Groups first, by depth, then the rest: what the map draws on top comes later.
  const nodes = shown
    .nodes()
    .toArray()
    .sort((a, b) => depth(b as NodeSingular) - depth(a as NodeSingular))
    .map((n) => sceneNode(n as NodeSingular));
  const edges = shown
    .edges()
    .toArray()
    .map((e) => sceneEdge(e as EdgeSingular));
  return { box: { x: box.x1, y: box.y1, width: box.w, height: box.h }, background, title, nodes, edges };
}

/** How many levels of children a node holds: groups (1 and more) before their members (0). */
function depth(node: NodeSingular): number {
  return node.isParent() ? 1 + node.children().reduce((deepest, c) => Math.max(deepest, depth(c as NodeSingular)), 0) : 0;
}

function sceneNode(node: NodeSingular): SceneNode {
  const borderWidth = node.numericStyle('border-width');
  const bb = node.boundingBox({ includeLabels: false, includeOverlays: false });
  const valign = node.style('text-valign') as string;
  return {
    x: (bb.x1 + bb.x2) / 2,
    y: (bb.y1 + bb.y2) / 2,
    width: Math.max(1, bb.w - borderWidth),
    height: Math.max(1, bb.h - borderWidth),
    shape: node.style('shape') as string,
    fill: node.style('background-color') as string,
    fillOpacity: node.numericStyle('background-opacity'),
    border: { color: node.style('border-color') as string, width: borderWidth, style: lineStyle(node.style('border-style') as string) },
    label: labelLines(node),
    labelColor: node.style('color') as string,
    fontSize: node.numericStyle('font-size'),
    fontWeight: String(node.style('font-weight')),
    labelAt: node.isParent() ? 'top' : valign === 'center' ? 'center' : valign === 'top' ? 'top' : 'bottom',
    opacity: node.effectiveOpacity(),
  };
}

function sceneEdge(edge: EdgeSingular): SceneEdge {
  const width = edge.numericStyle('width');
  const background = edge.numericStyle('text-background-opacity');
  const controls = (edge.controlPoints() as { x: number; y: number }[] | undefined) ?? [];
  return {
    from: edge.sourceEndpoint(),
    controls,
    to: edge.targetEndpoint(),
    color: edge.style('line-color') as string,
    width,
    style: lineStyle(edge.style('line-style') as string),
    arrow: edge.style('target-arrow-shape') as string,
    arrowSize: arrowSize(width, edge.numericStyle('arrow-scale')),
    label: labelLines(edge),
    labelAt: edge.midpoint(),
    labelColor: edge.style('color') as string,
    fontSize: edge.numericStyle('font-size'),
    ...(background > 0 ? { labelBackground: { color: edge.style('text-background-color') as string, opacity: background } } : {}),
    opacity: edge.effectiveOpacity(),
  };
}

/** The label as the map shows it: its lines, each cut to the style's width where it ends in an ellipsis. */
function labelLines(ele: NodeSingular | EdgeSingular): string[] {
  const label = String(ele.style('label') ?? '');
  if (label === '') return [];
  const lines = label.split('\n');
  const wrap = ele.style('text-wrap') as string;
  if (wrap === 'none') return lines;
  // No text metrics here: a line's width is guessed from its length, as the label backgrounds do.
  const max = Math.max(4, Math.floor(ele.numericStyle('text-max-width') / (ele.numericStyle('font-size') * 0.55)));
  if (wrap === 'ellipsis') return lines.map((line) => (line.length > max ? `${line.slice(0, max - 1)}…` : line));
  return lines.flatMap((line) => wrapLine(line, max));
}

/** A line broken at spaces into lines of at most `max` characters (a longer word stays whole), as text-wrap: wrap does. */
export function wrapLine(line: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > max) {
      out.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

function lineStyle(style: string): LineStyle {
  return style === 'dashed' || style === 'dotted' || style === 'double' ? style : 'solid';
}

// The map as an SVG document, from a plain description of what Cytoscape draws (map-scene.ts reads it off the
// instance): each node's box, shape, colours, border and label, each edge's curve, line style, arrow and label.
// Pure, so the tests read the document it writes. Written here rather than with a plugin: the one SVG plugin for
// Cytoscape (cytoscape-svg) is GPL-3.0, which an Apache-2.0 project cannot ship in its bundle, and it replays
// Cytoscape's private canvas renderer.

export type LineStyle = 'solid' | 'dashed' | 'dotted' | 'double';

export interface SceneNode {
  /** The centre and size of the node's body (a group's: around its children and padding). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Cytoscape's shape name: ellipse, round-rectangle, diamond, round-octagon, round-triangle, tag, rhomboid, hexagon… */
  shape: string;
  fill: string;
  fillOpacity: number;
  border: { color: string; width: number; style: LineStyle };
  /** The label's lines; empty for none. */
  label: string[];
  labelColor: string;
  fontSize: number;
  fontWeight: string;
  /** Where the label sits: above the node (groups), in it, or below it. */
  labelAt: 'top' | 'center' | 'bottom';
  /** 1, or less for what a highlight dims. */
  opacity: number;
}

export interface SceneEdge {
  /** Where the line leaves its source, its control points (none: a straight line), where it meets its target. */
  from: Point;
  controls: Point[];
  to: Point;
  color: string;
  width: number;
  style: LineStyle;
  /** Cytoscape's arrow shape at the target: triangle, vee, tee, diamond, circle, or none. */
  arrow: string;
  arrowSize: number;
  label: string[];
  labelAt: Point;
  labelColor: string;
  fontSize: number;
  /** A box behind the label, when the map draws one. */
  labelBackground?: { color: string; opacity: number };
  opacity: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface MapScene {
  /** The drawing's extent, labels included. */
  box: { x: number; y: number; width: number; height: number };
  /** The page's background behind the map: the labels' colours are the theme's, so they need it to be read. */
  background: string;
  /** In drawing order: groups before what they hold. */
  nodes: SceneNode[];
  edges: SceneEdge[];
  /** The document's title: the context and the time it was taken. */
  title: string;
}

const FONT = 'Helvetica Neue, Helvetica, Arial, sans-serif';
const MARGIN = 20;

/** The scene as a standalone SVG document: edges drawn over groups and under the other nodes, as on the map. */
export function mapSvg(scene: MapScene): string {
  const { x, y, width, height } = scene.box;
  const vx = x - MARGIN;
  const vy = y - MARGIN;
  const vw = width + 2 * MARGIN;
  const vh = height + 2 * MARGIN;
  const groups = scene.nodes.filter((n) => n.labelAt === 'top');
  const others = scene.nodes.filter((n) => n.labelAt !== 'top');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(vx)} ${num(vy)} ${num(vw)} ${num(vh)}" width="${num(vw)}" height="${num(vh)}" font-family="${FONT}">`,
    `<title>${escape(scene.title)}</title>`,
    `<rect x="${num(vx)}" y="${num(vy)}" width="${num(vw)}" height="${num(vh)}" fill="${attr(scene.background)}"/>`,
    ...groups.map(nodeSvg),
    ...scene.edges.map(edgeSvg),
    ...others.map(nodeSvg),
    `</svg>`,
    '',
  ].join('\n');
}

function nodeSvg(node: SceneNode): string {
  const { border } = node;
  const stroke = border.width > 0 ? ` stroke="${attr(border.color)}" stroke-width="${num(border.width)}"${dashes(border.style, border.width)}` : '';
  const body = shapeSvg(node, `fill="${attr(node.fill)}" fill-opacity="${num(node.fillOpacity)}"${stroke}`);
  // A double border: the line, then the body's colour down its middle.
  const double = border.style === 'double' && border.width >= 3 ? shapeSvg(node, `fill="none" stroke="${attr(node.fill)}" stroke-width="${num(border.width / 3)}"`) : '';
  return `<g opacity="${num(node.opacity)}">${body}${double}${nodeLabel(node)}</g>`;
}

function shapeSvg(node: SceneNode, paint: string): string {
  const { x, y, width: w, height: h } = node;
  switch (node.shape) {
    case 'ellipse':
      return `<ellipse cx="${num(x)}" cy="${num(y)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${paint}/>`;
    case 'rectangle':
    case 'round-rectangle':
    case 'roundrectangle':
    case 'bottom-round-rectangle':
    case 'cut-rectangle':
    case 'barrel': {
      const r = node.shape === 'rectangle' ? 0 : Math.min(10, Math.min(w, h) / 4);
      return `<rect x="${num(x - w / 2)}" y="${num(y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${num(r)}" ${paint}/>`;
    }
    default: {
      const unit = UNIT_SHAPES[node.shape.replace(/^round-/, '')] ?? UNIT_SHAPES.rectangle!;
      const points = unit.map(([px, py]) => `${num(x + (px * w) / 2)},${num(y + (py * h) / 2)}`).join(' ');
      return `<polygon points="${points}" stroke-linejoin="round" ${paint}/>`;
    }
  }
}

/** Polygons in a box from -1 to 1, as Cytoscape draws its shapes. */
const UNIT_SHAPES: Record<string, [number, number][]> = {
  rectangle: [[-1, -1], [1, -1], [1, 1], [-1, 1]],
  diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
  triangle: [[0, -1], [1, 1], [-1, 1]],
  tag: [[-1, -1], [0.5, -1], [1, 0], [0.5, 1], [-1, 1]],
  rhomboid: [[-1, -1], [0.333, -1], [1, 1], [-0.333, 1]],
  hexagon: [[-1, 0], [-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1]],
  pentagon: regular(5, 0),
  heptagon: regular(7, 0),
  octagon: regular(8, Math.PI / 8),
  star: [[0, -1], [0.22, -0.31], [0.95, -0.31], [0.36, 0.12], [0.59, 0.81], [0, 0.38], [-0.59, 0.81], [-0.36, 0.12], [-0.95, -0.31], [-0.22, -0.31]],
  vee: [[-1, -1], [0, -0.333], [1, -1], [0, 1]],
};

/** A regular polygon of n sides, first corner at the top turned by `offset`, stretched to fill the unit box. */
function regular(n: number, offset: number): [number, number][] {
  const points = Array.from({ length: n }, (_, i) => {
    const a = -Math.PI / 2 + offset + (2 * Math.PI * i) / n;
    return [Math.cos(a), Math.sin(a)] as [number, number];
  });
  const sx = points.reduce((m, [px]) => Math.max(m, Math.abs(px)), 0);
  const sy = points.reduce((m, [, py]) => Math.max(m, Math.abs(py)), 0);
  return points.map(([px, py]) => [px / sx, py / sy]);
}

function nodeLabel(node: SceneNode): string {
  if (node.label.length === 0) return '';
  const lineHeight = node.fontSize * 1.2;
  const first =
    node.labelAt === 'top'
      ? node.y - node.height / 2 - 4 - (node.label.length - 1) * lineHeight
      : node.labelAt === 'bottom'
        ? node.y + node.height / 2 + 3 + node.fontSize
        : node.y - ((node.label.length - 1) * lineHeight) / 2 + node.fontSize * 0.35;
  return text(node.label, node.x, first, lineHeight, node.labelColor, node.fontSize, node.fontWeight);
}

function edgeSvg(edge: SceneEdge): string {
  const path = edgePath(edge);
  const line = `<path d="${path}" fill="none" stroke="${attr(edge.color)}" stroke-width="${num(edge.width)}"${dashes(edge.style, edge.width)}/>`;
  const towards = edge.controls.at(-1) ?? edge.from;
  return `<g opacity="${num(edge.opacity)}">${line}${arrowSvg(edge, towards)}${edgeLabel(edge)}</g>`;
}

/** Cytoscape's bezier edges: one quadratic curve per control point, joined half-way between control points. */
export function edgePath({ from, controls, to }: Pick<SceneEdge, 'from' | 'controls' | 'to'>): string {
  let d = `M${num(from.x)},${num(from.y)}`;
  if (controls.length === 0) return `${d} L${num(to.x)},${num(to.y)}`;
  controls.forEach((c, i) => {
    const next = controls[i + 1];
    const end = next ? { x: (c.x + next.x) / 2, y: (c.y + next.y) / 2 } : to;
    d += ` Q${num(c.x)},${num(c.y)} ${num(end.x)},${num(end.y)}`;
  });
  return d;
}

/** The arrow at the target, pointing along the line's last stretch. */
function arrowSvg(edge: SceneEdge, towards: Point): string {
  if (edge.arrow === 'none') return '';
  const angle = Math.atan2(edge.to.y - towards.y, edge.to.x - towards.x);
  const s = edge.arrowSize;
  const place = (points: [number, number][]) =>
    points
      .map(([px, py]) => {
        // Unit arrow pointing along +x with its tip at the origin.
        const rx = px * s * Math.cos(angle) - py * s * Math.sin(angle);
        const ry = px * s * Math.sin(angle) + py * s * Math.cos(angle);
        return `${num(edge.to.x + rx)},${num(edge.to.y + ry)}`;
      })
      .join(' ');
  const fill = `fill="${attr(edge.color)}"`;
  switch (edge.arrow) {
    case 'tee':
      return `<polygon points="${place([[-0.25, -0.7], [0, -0.7], [0, 0.7], [-0.25, 0.7]])}" ${fill}/>`;
    case 'diamond':
      return `<polygon points="${place([[0, 0], [-0.5, -0.45], [-1, 0], [-0.5, 0.45]])}" ${fill}/>`;
    case 'circle': {
      const cx = edge.to.x - 0.4 * s * Math.cos(angle);
      const cy = edge.to.y - 0.4 * s * Math.sin(angle);
      return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(0.4 * s)}" ${fill}/>`;
    }
    case 'vee':
      return `<polygon points="${place([[0, 0], [-1, -0.5], [-0.6, 0], [-1, 0.5]])}" ${fill}/>`;
    default:
      return `<polygon points="${place([[0, 0], [-1, -0.5], [-1, 0.5]])}" ${fill}/>`;
  }
}

function edgeLabel(edge: SceneEdge): string {
  if (edge.label.length === 0) return '';
  const lineHeight = edge.fontSize * 1.2;
  const top = edge.labelAt.y - (edge.label.length * lineHeight) / 2;
  const background = edge.labelBackground
    ? (() => {
        // No text metrics here: a width from the longest line is close enough for a box behind it.
        const width = edge.label.reduce((m, l) => Math.max(m, l.length), 0) * edge.fontSize * 0.6 + 4;
        return `<rect x="${num(edge.labelAt.x - width / 2)}" y="${num(top - 1)}" width="${num(width)}" height="${num(edge.label.length * lineHeight + 2)}" fill="${attr(edge.labelBackground.color)}" fill-opacity="${num(edge.labelBackground.opacity)}"/>`;
      })()
    : '';
  return background + text(edge.label, edge.labelAt.x, top + edge.fontSize, lineHeight, edge.labelColor, edge.fontSize, 'normal');
}

function text(lines: string[], x: number, firstBaseline: number, lineHeight: number, color: string, size: number, weight: string): string {
  const spans = lines.map((line, i) => `<tspan x="${num(x)}" y="${num(firstBaseline + i * lineHeight)}">${escape(line)}</tspan>`).join('');
  return `<text text-anchor="middle" font-size="${num(size)}" font-weight="${attr(weight)}" fill="${attr(color)}">${spans}</text>`;
}

function dashes(style: LineStyle, width: number): string {
  if (style === 'dashed') return ` stroke-dasharray="${num(width * 4)} ${num(width * 3)}"`;
  if (style === 'dotted') return ` stroke-dasharray="${num(width)} ${num(width * 2)}" stroke-linecap="round"`;
  return '';
}

/** Numbers with at most two decimals: the document stays small and reads the same. */
const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Text and attribute values escaped; characters XML 1.0 forbids (control characters) are dropped. */
export const escape = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
const attr = escape;

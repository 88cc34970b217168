import { describe, expect, it } from 'vitest';
import { wrapLine } from './map-scene';
import { edgePath, escape, mapSvg, type MapScene, type SceneEdge, type SceneNode } from './map-svg';
import { exportName } from './MapExport';

// The map's SVG export is written from a plain scene (what Cytoscape draws): each case names what the document
// must keep of the map so that it reads as the map does.

const node = (init: Partial<SceneNode> = {}): SceneNode => ({
  x: 0,
  y: 0,
  width: 20,
  height: 20,
  shape: 'ellipse',
  fill: 'rgb(2,132,199)',
  fillOpacity: 1,
  border: { color: 'rgb(148,163,184)', width: 1, style: 'solid' },
  label: ['api-7d9'],
  labelColor: 'rgb(15,23,42)',
  fontSize: 12,
  fontWeight: 'normal',
  labelAt: 'bottom',
  opacity: 1,
  ...init,
});

const edge = (init: Partial<SceneEdge> = {}): SceneEdge => ({
  from: { x: 0, y: 0 },
  controls: [],
  to: { x: 100, y: 0 },
  color: 'rgb(37,99,235)',
  width: 2.5,
  style: 'solid',
  arrow: 'triangle',
  arrowSize: 7,
  label: [],
  labelAt: { x: 50, y: 0 },
  labelColor: 'rgb(15,23,42)',
  fontSize: 8,
  opacity: 1,
  ...init,
});

const scene = (init: Partial<MapScene> = {}): MapScene => ({
  box: { x: -10, y: -10, width: 120, height: 40 },
  background: '#0f172a',
  nodes: [],
  edges: [],
  title: 'kube-netmap: @demo',
  ...init,
});

describe('mapSvg', () => {
  it('is a standalone document over the theme\'s background (dark labels need it), sized to the drawing with a margin', () => {
    const svg = mapSvg(scene());
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="-30 -30 160 80" width="160" height="80"/);
    expect(svg).toContain('<rect x="-30" y="-30" width="160" height="80" fill="#0f172a"/>');
    expect(svg).toContain('<title>kube-netmap: @demo</title>');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('keeps every label as text, line by line, escaped (a label is the cluster\'s data: names, hosts, paths)', () => {
    const svg = mapSvg(scene({ nodes: [node({ label: ['shop', '7 pods · 5 Services'], labelAt: 'top', shape: 'round-rectangle' }), node({ label: ['a<b & "c"'] })] }));
    expect(svg).toContain('>shop</tspan>');
    expect(svg).toContain('>7 pods · 5 Services</tspan>');
    expect(svg).toContain('>a&lt;b &amp; &quot;c&quot;</tspan>');
  });

  it.each([
    ['ellipse (a pod)', 'ellipse', '<ellipse cx="0" cy="0" rx="10" ry="10"'],
    ['round-rectangle (a group)', 'round-rectangle', '<rect x="-10" y="-10" width="20" height="20" rx="5"'],
    ['diamond (a host-network pod)', 'diamond', '<polygon points="0,-10 10,0 0,10 -10,0"'],
    ['round-triangle (a Service)', 'round-triangle', '<polygon points="0,-10 10,10 -10,10"'],
    ['hexagon (an address range)', 'hexagon', '<polygon points="-10,0 -5,-10 5,-10 10,0 5,10 -5,10"'],
  ])('draws each shape of the map as its own: %s', (_name, shape, expected) => {
    expect(mapSvg(scene({ nodes: [node({ shape })] }))).toContain(expected);
  });

  it('keeps what carries state besides colour: dashed and dotted lines, double borders, arrow shapes, dimming', () => {
    const svg = mapSvg(
      scene({
        nodes: [node({ border: { color: 'red', width: 4, style: 'double' }, opacity: 0.15 })],
        edges: [edge({ style: 'dashed', arrow: 'tee' }), edge({ style: 'dotted', arrow: 'circle' })],
      }),
    );
    expect(svg).toContain('stroke-dasharray="10 7.5"');
    expect(svg).toContain('stroke-dasharray="2.5 5" stroke-linecap="round"');
    // The double border: the line, then the body's colour down its middle.
    expect(svg).toContain('fill="none" stroke="rgb(2,132,199)" stroke-width="1.33"');
    expect(svg).toContain('<g opacity="0.15">');
    expect(svg).toContain('<circle cx="97.2" cy="0" r="2.8"');
    expect(svg).toContain('<polygon points="98.25,-4.9 100,-4.9 100,4.9 98.25,4.9"');
  });

  it('draws groups first, then edges, then the other nodes, as the map layers them', () => {
    const svg = mapSvg(scene({ nodes: [node({ label: ['pod'] }), node({ label: ['group'], labelAt: 'top' })], edges: [edge({ label: ['TCP 8080'] })] }));
    const at = (text: string) => svg.indexOf(text);
    expect(at('>group<')).toBeLessThan(at('>TCP 8080<'));
    expect(at('>TCP 8080<')).toBeLessThan(at('>pod<'));
  });
});

describe('edgePath: Cytoscape\'s bezier edges', () => {
  it.each([
    ['no control point: a straight line', [], 'M0,0 L100,0'],
    ['one control point: one quadratic curve', [{ x: 50, y: 20 }], 'M0,0 Q50,20 100,0'],
    ['two (a loop, parallel edges): joined half-way between them', [{ x: 30, y: 20 }, { x: 70, y: 20 }], 'M0,0 Q30,20 50,20 Q70,20 100,0'],
  ])('%s', (_name, controls, expected) => {
    expect(edgePath({ from: { x: 0, y: 0 }, controls, to: { x: 100, y: 0 } })).toBe(expected);
  });
});

describe('text in the export', () => {
  it('escapes XML and drops the control characters XML 1.0 forbids', () => {
    expect(escape(`<a href='x'>&\u0001</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });

  it.each([
    ['a short line stays', 'shop', 10, ['shop']],
    ['breaks at spaces (text-wrap: wrap)', 'shop HTTP :80 *.shop.example.com', 14, ['shop HTTP :80', '*.shop.example.com']],
    ['a word longer than the line stays whole', 'averyveryverylongword x', 5, ['averyveryverylongword', 'x']],
  ])('wrapLine: %s', (_name, line, max, expected) => {
    expect(wrapLine(line, max)).toEqual(expected);
  });

  it.each([
    ['the demo', '@demo', 'kube-netmap_demo_2025-01-31_0905'],
    ['a kubeconfig context with a slash and a colon', 'arn:aws:eks:eu-west-1:123:cluster/prod', 'kube-netmap_arn_aws_eks_eu-west-1_123_cluster_prod_2025-01-31_0905'],
    ['nothing a file name may hold', '@@@', 'kube-netmap_context_2025-01-31_0905'],
  ])('exportName: %s', (_name, context, expected) => {
    expect(exportName(context, new Date(2025, 0, 31, 9, 5))).toBe(expected);
  });
});

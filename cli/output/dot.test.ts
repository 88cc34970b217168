import { describe, expect, it } from 'vitest';
import { dotString, toDot } from './dot';

// [DOT] = the Graphviz DOT language reference (graphviz.org/doc/info/lang.html): quoted strings, subgraphs and
// clusters.
describe('dotString', () => {
  it.each([
    { rule: 'a name is quoted, so any character but the quote may appear [DOT ID]', text: 'shop/Deployment/api', out: '"shop/Deployment/api"' },
    { rule: 'a double quote is escaped [DOT "the only escaped character is the double-quote"]', text: 'a"b', out: '"a\\"b"' },
    { rule: 'a backslash is escaped, so it cannot start a label escape (\\l, \\N) or swallow the closing quote', text: 'a\\', out: '"a\\\\"' },
    { rule: 'a line break becomes \\n, a centred line break in a label', text: 'a\nb', out: '"a\\nb"' },
  ])('$rule', ({ text, out }) => {
    expect(dotString(text)).toBe(out);
  });
});

describe('toDot', () => {
  it('a digraph: nodes outside clusters, then a cluster per group (a subgraph named cluster_*) [DOT subgraphs and clusters], then the edges', () => {
    const dot = toDot({
      name: 'connectivity',
      nodes: [
        { id: 'shop/Deployment/web', label: 'Deployment/web', cluster: 'shop' },
        { id: '0.0.0.0/0', label: '0.0.0.0/0' },
        { id: 'shop/Deployment/api', label: 'Deployment/api', cluster: 'shop' },
      ],
      edges: [{ from: 'shop/Deployment/web', to: 'shop/Deployment/api', label: 'TCP 8080', attributes: { color: 'red3' } }],
    });
    expect(dot.split('\n')).toEqual([
      'digraph "connectivity" {',
      '  rankdir=LR;',
      '  node [shape=box, fontname="Helvetica"];',
      '  edge [fontname="Helvetica", fontsize=10];',
      '  "0.0.0.0/0" [label="0.0.0.0/0"];',
      '  subgraph "cluster_shop" {',
      '    label="shop";',
      '    "shop/Deployment/web" [label="Deployment/web"];',
      '    "shop/Deployment/api" [label="Deployment/api"];',
      '  }',
      '  "shop/Deployment/web" -> "shop/Deployment/api" [label="TCP 8080", color="red3"];',
      '}',
    ]);
  });
});

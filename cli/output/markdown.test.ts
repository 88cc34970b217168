import { describe, expect, it } from 'vitest';
import { markdownText, toMarkdownTable } from './markdown';

// [GFM] = the GitHub Flavored Markdown spec: "Tables (extension)" and "Backslash escapes" (any ASCII punctuation).
describe('markdownText', () => {
  it.each([
    { rule: 'plain text is written as it is', text: 'shop/Deployment/api', out: 'shop/Deployment/api' },
    { rule: 'a pipe is escaped, or it would end the cell [GFM tables]', text: 'a|b', out: 'a\\|b' },
    { rule: 'emphasis, code, link and HTML characters are escaped [GFM backslash escapes]', text: '*a* _b_ `c` [d] <e>', out: '\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\<e\\>' },
    { rule: 'a backslash is escaped first, so the escapes stay escapes', text: 'a\\|', out: 'a\\\\\\|' },
    { rule: 'a line break becomes a space, or it would end the row [GFM tables]', text: 'a\nb\r\nc', out: 'a b c' },
  ])('$rule', ({ text, out }) => {
    expect(markdownText(text)).toBe(out);
  });
});

describe('toMarkdownTable', () => {
  it('a header row, the delimiter row, then a row per row [GFM tables]', () => {
    expect(toMarkdownTable({ columns: ['source', 'connections'], rows: [['a', 'TCP 80'], ['b', '']]}).split('\n')).toEqual([
      '| source | connections |',
      '| --- | --- |',
      '| a | TCP 80 |',
      '| b |  |',
    ]);
  });
});

// GitHub-flavoured Markdown, to paste in a pull request comment: a table whose cells show their text as it is.

import type { Table } from './table';

// CommonMark lets any ASCII punctuation be escaped with a backslash; these would otherwise end a cell (|), start
// code, emphasis, a link or HTML. A line break would end the row.
const SPECIAL = /[\\`*_[\]<>|]/g;

export function markdownText(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function toMarkdownTable(table: Table): string {
  const row = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`;
  return [row(table.columns), `|${table.columns.map(() => ' --- |').join('')}`, ...table.rows.map(row)].join('\n');
}

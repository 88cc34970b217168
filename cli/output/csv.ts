// CSV as RFC 4180 writes it: records separated by CRLF; a field holding a comma, a double quote, CR or LF is
// enclosed in double quotes, and a double quote inside it is doubled. Every other field is written as it is.

import type { Table } from './table';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header record, then one record per row, separated by CRLF (the last one's line break is the caller's). */
export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((record) => record.map(csvField).join(',')).join('\r\n');
}

/** A table of text cells, the shape the Markdown and CSV formats share: column names, then rows of as many cells. */
export interface Table {
  columns: string[];
  rows: string[][];
}

// A from × to table of booleans for tests of reachability (after kubernetes test/e2e/network/netpol truthtable.go
// and reachability.go): fill the expected table, fill the one the code under test gives, and compare them. A
// failure prints both as grids of `.` (allowed) and `X` (blocked) and the differing cells, instead of two long
// lists.

export interface TruthCell {
  from: string;
  to: string;
  expected: boolean;
  actual: boolean;
}

export class TruthTable {
  private readonly cells = new Map<string, boolean>();

  constructor(
    readonly froms: readonly string[],
    readonly tos: readonly string[],
    defaultValue = false,
  ) {
    for (const from of froms) for (const to of tos) this.cells.set(TruthTable.key(from, to), defaultValue);
  }

  private static key(from: string, to: string): string {
    return `${from}\u0000${to}`;
  }

  private check(from: string, to: string): string {
    const key = TruthTable.key(from, to);
    if (!this.cells.has(key)) throw new Error(`${from} → ${to} is not a cell of this table`);
    return key;
  }

  /** Sets one cell: whether `from` may reach `to`. */
  set(from: string, to: string, value: boolean): this {
    this.cells.set(this.check(from, to), value);
    return this;
  }

  /** Sets every cell of a row (everything `from` may reach). */
  setFrom(from: string, value: boolean): this {
    for (const to of this.tos) this.set(from, to, value);
    return this;
  }

  /** Sets every cell of a column (everything that may reach `to`). */
  setTo(to: string, value: boolean): this {
    for (const from of this.froms) this.set(from, to, value);
    return this;
  }

  get(from: string, to: string): boolean {
    return this.cells.get(this.check(from, to)) as boolean;
  }

  /** The cells where `actual` differs from this table (the expectation), row by row. */
  compare(actual: TruthTable): TruthCell[] {
    const differing: TruthCell[] = [];
    for (const from of this.froms) {
      for (const to of this.tos) {
        const expected = this.get(from, to);
        const got = actual.get(from, to);
        if (expected !== got) differing.push({ from, to, expected, actual: got });
      }
    }
    return differing;
  }

  /** The table as a grid: a row per `from`, a column per `to` (numbered, with a legend); `.` allowed, `X` blocked. */
  grid(mark: (from: string, to: string) => string = (from, to) => (this.get(from, to) ? '.' : 'X')): string {
    const width = this.froms.reduce((max, f) => Math.max(max, f.length), 0);
    const numbers = this.tos.map((_, i) => String(i % 10)).join('');
    const rows = this.froms.map((from) => `${from.padEnd(width)} ${this.tos.map((to) => mark(from, to)).join('')}`);
    const legend = this.tos.map((to, i) => `  ${i}: ${to}`);
    return [`${''.padEnd(width)} ${numbers}`, ...rows, 'columns:', ...legend].join('\n');
  }
}

/**
 * '' when the tables agree; otherwise both grids, the grid of differences (`X` where they differ) and the
 * differing cells. For `expect(describeDifferences(expected, actual)).toBe('')`.
 */
export function describeDifferences(expected: TruthTable, actual: TruthTable, what = ''): string {
  const differing = expected.compare(actual);
  if (differing.length === 0) return '';
  const wrong = new Set(differing.map((c) => `${c.from}\u0000${c.to}`));
  return [
    `${differing.length} cells differ${what ? ` (${what})` : ''}`,
    'expected:',
    expected.grid(),
    'actual:',
    actual.grid(),
    'differences:',
    expected.grid((from, to) => (wrong.has(`${from}\u0000${to}`) ? 'X' : '.')),
    ...differing.map((c) => `${c.from} → ${c.to}: expected ${c.expected ? 'allowed' : 'blocked'}, got ${c.actual ? 'allowed' : 'blocked'}`),
  ].join('\n');
}

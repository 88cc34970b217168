import { describe, expect, it } from 'vitest';
import { describeDifferences, TruthTable } from './truth-table';

const PODS = ['a', 'b', 'c'];

describe('TruthTable', () => {
  it('starts with every cell at the default, and sets cells, rows and columns', () => {
    const table = new TruthTable(PODS, PODS).setFrom('a', true).setTo('c', true).set('a', 'b', false);
    expect(PODS.map((f) => PODS.map((t) => (table.get(f, t) ? 1 : 0)).join(''))).toEqual(['101', '001', '001']);
  });

  it('refuses a cell it does not have, so a typo cannot pass as "blocked"', () => {
    expect(() => new TruthTable(PODS, PODS).set('a', 'z', true)).toThrow('a → z is not a cell of this table');
  });

  it('compares: the differing cells, row by row', () => {
    const expected = new TruthTable(PODS, PODS, true);
    const actual = new TruthTable(PODS, PODS, true).set('b', 'a', false).set('c', 'c', false);
    expect(expected.compare(actual)).toEqual([
      { from: 'b', to: 'a', expected: true, actual: false },
      { from: 'c', to: 'c', expected: true, actual: false },
    ]);
  });

  it('prints a grid of . (allowed) and X (blocked), columns numbered', () => {
    const table = new TruthTable(['web', 'db'], ['web', 'db']).set('web', 'db', true);
    expect(table.grid()).toBe(['    01', 'web X.', 'db  XX', 'columns:', '  0: web', '  1: db'].join('\n'));
  });

  it('describes the differences with both grids, or says nothing when the tables agree', () => {
    const expected = new TruthTable(['web'], ['db']).set('web', 'db', true);
    expect(describeDifferences(expected, new TruthTable(['web'], ['db'], true))).toBe('');
    const report = describeDifferences(expected, new TruthTable(['web'], ['db']), 'TCP 5432');
    expect(report.split('\n')[0]).toBe('1 cells differ (TCP 5432)');
    expect(report).toContain('web → db: expected allowed, got blocked');
  });
});

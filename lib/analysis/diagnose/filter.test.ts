import { describe, expect, it } from 'vitest';
import { filterReport } from './filter';
import type { DiagnoseReport, Finding } from './types';

const finding = (id: string, severity: Finding['severity'], objects: Finding['objects']): Finding => ({
  id, check: id.split(':')[0]!, severity, objects, message: '', hint: '',
});
const report: DiagnoseReport = {
  findings: [
    finding('a:Service/shop/cart', 'error', [{ kind: 'Service', namespace: 'shop', name: 'cart' }]),
    finding('b:Namespace/shop', 'info', [{ kind: 'Namespace', name: 'shop' }]),
    finding('c:Service/blog/web', 'warning', [{ kind: 'Service', namespace: 'blog', name: 'web' }]),
  ],
  skipped: [{ check: 'x', reason: 'y' }],
};

describe('filterReport', () => {
  it.each([
    { name: 'a namespace keeps its objects and the Namespace object itself', filter: { namespace: 'shop' }, ids: ['a:Service/shop/cart', 'b:Namespace/shop'] },
    { name: 'a severity keeps only that severity', filter: { severity: 'warning' as const }, ids: ['c:Service/blog/web'] },
    { name: 'both filters combine', filter: { namespace: 'shop', severity: 'error' as const }, ids: ['a:Service/shop/cart'] },
    { name: 'no filter keeps everything', filter: {}, ids: ['a:Service/shop/cart', 'b:Namespace/shop', 'c:Service/blog/web'] },
  ])('$name', ({ filter, ids }) => {
    const filtered = filterReport(report, filter);
    expect(filtered.findings.map((f) => f.id)).toEqual(ids);
    expect(filtered.skipped).toEqual(report.skipped);
  });
});

import { describe, expect, it } from 'vitest';
import { OUTSIDE } from '@/lib/analysis/reach/connectivity-matrix';
import { endText, formatMatrixCell, formatMatrixPair, readMatrixCell, readMatrixPair } from './matrix-url';

describe("the matrix's cell and pair in the link", () => {
  it.each([
    { name: 'two namespaces', text: 'ingress-nginx>shop', cell: { source: { type: 'namespace', namespace: 'ingress-nginx' }, destination: { type: 'namespace', namespace: 'shop' } } },
    { name: 'the outside is *, which no namespace is called', text: 'shop>*', cell: { source: { type: 'namespace', namespace: 'shop' }, destination: OUTSIDE } },
    { name: 'a side missing names no cell', text: 'shop>', cell: undefined },
    { name: 'more than two sides names no cell', text: 'a>b>c', cell: undefined },
    { name: 'no parameter names no cell', text: undefined, cell: undefined },
  ])('$name', ({ text, cell }) => {
    expect(readMatrixCell(text)).toEqual(cell);
    if (cell && text) expect(formatMatrixCell(cell as Parameters<typeof formatMatrixCell>[0])).toBe(text);
  });

  it('a pair is its ends as connectivity names them, read back as written', () => {
    const text = formatMatrixPair({ source: endText({ type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'api' }), destination: endText(OUTSIDE) });
    expect(text).toBe('shop/Deployment/api>*');
    expect(readMatrixPair(text)).toEqual({ source: 'shop/Deployment/api', destination: '*' });
    expect(readMatrixPair('shop/Deployment/api')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { ConnectionSet } from '@/lib/analysis/net/connection-set';
import type { ConnectivityEntry } from '@/lib/analysis/reach/connectivity';
import { connectivity } from '@/lib/analysis/reach/connectivity';
import { workloadMatrix, workloadPodCounts } from '@/lib/analysis/reach/connectivity-matrix';
import { model, namespace, pod } from '@/lib/analysis/testing/builders';
import { portChoices, workloadMatrixView } from './matrix-view';

// The drill-down's plain view: what crosses from the worker to the page. Each case names what it must keep.

const entry = (connections: ConnectionSet): ConnectivityEntry => ({
  source: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'web' },
  destination: { type: 'workload', namespace: 'shop', kind: 'Deployment', name: 'api' },
  connections,
  policies: [],
});

describe('portChoices: the ports a pair offers to explain', () => {
  it.each([
    {
      name: 'declared ports the entry allows come first, then the first port of each allowed range, then the declared ports it does not allow',
      entries: [entry(ConnectionSet.ports('TCP', [{ start: 8080, end: 8080 }, { start: 9000, end: 9100 }]))],
      declared: [{ protocol: 'TCP' as const, port: 5432 }, { protocol: 'TCP' as const, port: 8080 }],
      expected: ['TCP 8080', 'TCP 9000', 'TCP 5432'],
    },
    {
      name: 'every connection allowed: the declared ports (port 1 of "every port" is no question anyone asks)',
      entries: [entry(ConnectionSet.all())],
      declared: [{ protocol: 'UDP' as const, port: 53 }],
      expected: ['UDP 53'],
    },
    {
      name: 'nothing allowed: the declared ports, so a person can ask why not',
      entries: [],
      declared: [{ protocol: 'TCP' as const, port: 8080 }],
      expected: ['TCP 8080'],
    },
    { name: 'nothing allowed and nothing declared: no question', entries: [], declared: [], expected: [] },
  ])('$name', ({ entries, declared, expected }) => {
    expect(portChoices(entries, declared).map((p) => `${p.protocol} ${p.port}`)).toEqual(expected);
  });
});

describe('workloadMatrixView', () => {
  it('is plain data (what structured clone keeps): connections as connectivity writes them, no class left', () => {
    const web = pod('shop/web-1', { labels: { app: 'web' }, workload: { kind: 'Deployment', name: 'web' }, ip: '10.0.0.1', ports: [8080] });
    const api = pod('shop/api-1', { labels: { app: 'api' }, workload: { kind: 'Deployment', name: 'api' }, ip: '10.0.0.2', ports: [8080] });
    const m = model({ namespaces: [namespace('shop')], pods: [web, api] });
    const shop = { type: 'namespace' as const, namespace: 'shop' };
    const view = workloadMatrixView(workloadMatrix(connectivity(m), workloadPodCounts(m), shop, shop), m);
    expect(structuredClone(view)).toStrictEqual(view);
    const webApi = view.cells[1]![0]!;
    expect(webApi.entries).toEqual([{ ranges: '', connections: 'All connections', partial: false, policies: [] }]);
    expect(webApi.ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(JSON.stringify(view)).not.toContain('{}');
  });
});

import { describe, expect, it } from 'vitest';
import { applyChanges, emptyModel, type Namespace } from '@/lib/model';
import { modelDifferences } from './compare';
import { deleteKey, LagTracker, upsertKey } from './lag';

const namespace = (name: string, labels: Record<string, string> = {}, resourceVersion = '1'): Namespace => ({
  meta: { uid: `uid-${name}`, name, labels, resourceVersion },
  phase: 'Active',
});
const modelOf = (...namespaces: Namespace[]) => applyChanges(emptyModel({ status: 'synced' }), [{ op: 'replace', kind: 'namespaces', objects: namespaces }]);
const names = { expected: 'the API', actual: 'the server' };

describe('modelDifferences', () => {
  it('finds none between equal models, whatever the order of objects and of their fields', () => {
    const a = modelOf(namespace('a', { x: '1', y: '2' }), namespace('b'));
    const b = modelOf(namespace('b'), { ...namespace('a'), meta: { labels: { y: '2', x: '1' }, resourceVersion: '1', name: 'a', uid: 'uid-a' } });
    expect(modelDifferences(a, b, names)).toEqual([]);
  });

  it.each([
    { rule: 'an object only in the expected model', actual: modelOf(), want: 'namespaces a: in the API, not in the server' },
    { rule: 'an object only in the actual model', actual: modelOf(namespace('a'), namespace('b')), want: 'namespaces b: in the server, not in the API' },
    { rule: 'a field that differs, named by its path', actual: modelOf(namespace('a', { app: 'web' })), want: 'namespaces a: the API vs the server differ at .meta.labels.app: undefined vs "web"' },
  ])('reports $rule', ({ actual, want }) => {
    expect(modelDifferences(modelOf(namespace('a')), actual, names)).toEqual([want]);
  });

  it('reports a sync state that differs', () => {
    const syncing = applyChanges(modelOf(), [{ op: 'sync', kind: 'pods', state: { status: 'syncing' } }]);
    expect(modelDifferences(modelOf(), syncing, names)).toEqual(['pods sync state: the API {"status":"synced"}, the server {"status":"syncing"}']);
  });
});

describe('LagTracker', () => {
  it('measures each client from the write response, including arrivals read before the response', () => {
    const lags = new LagTracker(2, 1000);
    const key = upsertKey('pods', 'u1', '7');
    lags.arrived(0, key, 95); // the change outran the write's response
    lags.wrote(key, 100);
    lags.arrived(1, key, 130);
    lags.sweep(131);
    expect(lags.lags).toEqual([-5, 30]);
    expect(lags.missing).toBe(0);
  });

  it('waits for every client until the timeout, then counts the clients that never saw the change as missing', () => {
    const lags = new LagTracker(3, 1000);
    const key = deleteKey('pods', 'u1');
    lags.wrote(key, 0);
    lags.arrived(0, key, 10);
    lags.sweep(500);
    expect(lags.pendingWrites).toBe(1);
    lags.sweep(1000);
    expect(lags.lags).toEqual([10]);
    expect(lags.missing).toBe(2);
    expect(lags.pendingWrites).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ingress, model, namespace, pod, service } from '@/lib/analysis/testing/builders';
import { DEFAULT_FOLD_ABOVE, type GraphOptions } from './elements';
import { parseSearch, searchGraph, type SearchQuery } from './search';

const replica = (i: number) => pod(`shop/cart-${i}`, { labels: { app: 'cart', tier: 'backend' }, workload: { kind: 'Deployment', name: 'cart' } });
const cluster = model({
  namespaces: [namespace('shop'), namespace('tools')],
  pods: [
    pod('shop/web-1', { labels: { app: 'web', tier: 'frontend' } }),
    pod('shop/api-1', { labels: { app: 'api', tier: 'backend' } }),
    pod('tools/web-debug', { labels: { app: 'debug' } }),
    ...[1, 2, 3, 4].map(replica),
  ],
  services: [service('shop/web', { labels: { app: 'web' }, selector: { app: 'web' } })],
  ingresses: [ingress('shop/site', { labels: { app: 'web' } })],
});
const options: GraphOptions = { groupBy: 'namespace', foldAbove: DEFAULT_FOLD_ABOVE, expanded: new Set(), health: new Map() };

const queryOf = (text: string): SearchQuery => {
  const parsed = parseSearch(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.query;
};

describe('parseSearch', () => {
  it.each([
    { name: 'words are lower-cased name parts', text: '  Web  API ', want: { words: ['web', 'api'], labels: { matchLabels: {}, matchExpressions: [] } } },
    {
      name: 'key=value and key==value are equality requirements, key!=value an inequality (kubectl -l syntax)',
      text: 'app=web tier==frontend env!=prod',
      want: { words: [], labels: { matchLabels: { app: 'web', tier: 'frontend' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } },
    },
  ])('$name', ({ text, want }) => {
    expect(parseSearch(text)).toStrictEqual({ query: want });
  });

  it('a label term without a key is an error that quotes it', () => {
    expect(parseSearch('=web')).toStrictEqual({ error: '"=web": a label term needs a key, as in app=web' });
  });
});

describe('searchGraph: the map nodes a query finds', () => {
  it.each<{ name: string; text: string; namespaces?: string[]; want: string[] }>([
    { name: 'an empty query finds nothing (the map is not dimmed)', text: '', want: [] },
    { name: 'a word finds pods, Services and Ingresses whose name contains it, in every namespace', text: 'web', want: ['pod:shop/web-1', 'pod:tools/web-debug', 'svc:shop/web'] },
    { name: 'a label term finds objects whose labels satisfy it (selector semantics)', text: 'app=web', want: ['ing:shop/site', 'pod:shop/web-1', 'svc:shop/web'] },
    {
      name: 'key!=value also finds objects without the key, as a label selector does',
      text: 'tier!=backend',
      want: ['ing:shop/site', 'pod:shop/web-1', 'pod:tools/web-debug', 'svc:shop/web'],
    },
    { name: 'terms are ANDed: a word and a label', text: 'web app=debug', want: ['pod:tools/web-debug'] },
    { name: 'pods of a folded workload (more than 3 replicas) are found as the workload node', text: 'tier=backend', want: ['pod:shop/api-1', 'wl:shop/Deployment/cart'] },
    { name: 'only the namespaces the map draws', text: 'web', namespaces: ['tools'], want: ['pod:tools/web-debug'] },
  ])('$name', ({ text, namespaces, want }) => {
    const found = searchGraph(cluster, queryOf(text), { ...options, ...(namespaces ? { namespaces: new Set(namespaces) } : {}) });
    expect([...found].sort()).toStrictEqual(want);
  });
});

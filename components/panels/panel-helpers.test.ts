import { describe, expect, it } from 'vitest';
import { model, pod, service } from '@/lib/analysis/testing/builders';
import type { RouteResult } from '@/lib/analysis/routing/route-request';
import type { ServedBy } from '@/lib/analysis/routing/trace-request';
import { flowTargetOfNode, flowTargetOptions, routeStatus, splitRequestUrl, suggestions, traceStatus } from './panel-helpers';

describe('splitRequestUrl: a typed URL into the host and path an Ingress rule matches, and the URL a Gateway trace reads', () => {
  it.each([
    { text: 'http://shop.example.com/api/x', want: { host: 'shop.example.com', path: '/api/x', url: 'http://shop.example.com/api/x' } },
    { text: 'shop.example.com/api', want: { host: 'shop.example.com', path: '/api', url: 'http://shop.example.com/api' } },
    { text: '  shop.example.com  ', want: { host: 'shop.example.com', path: '/', url: 'http://shop.example.com/' } },
    { text: 'https://shop.example.com', want: { host: 'shop.example.com', path: '/', url: 'https://shop.example.com/' } },
    { text: 'shop.example.com:8080/api', want: { host: 'shop.example.com', path: '/api', url: 'http://shop.example.com:8080/api' } },
    { text: 'HTTP://Shop.Example.COM/Api', want: { host: 'shop.example.com', path: '/Api', url: 'http://shop.example.com/Api' } },
    { text: 'shop.example.com/api?page=2#top', want: { host: 'shop.example.com', path: '/api', url: 'http://shop.example.com/api?page=2' } },
    { text: 'user:pw@shop.example.com/a', want: { host: 'shop.example.com', path: '/a', url: 'http://shop.example.com/a' } },
  ])('$text', ({ text, want }) => {
    expect(splitRequestUrl(text)).toEqual(want);
  });

  it.each([
    { text: '', error: 'enter a URL' },
    { text: '/api', error: 'has no host' },
    { text: 'ftp://shop.example.com/x', error: 'not an http or https URL' },
    { text: 'http://', error: 'cannot read' },
    { text: 'shop example.com', error: 'cannot read' },
  ])('rejects "$text"', ({ text, error }) => {
    const result = splitRequestUrl(text);
    expect('error' in result && result.error).toContain(error);
  });
});

describe('flowTargetOptions and suggestions', () => {
  const m = model({
    pods: [pod('shop/web'), pod('default/busybox'), pod('shop/api')],
    services: [service('shop/web'), service('kube-system/kube-dns')],
  });

  it('lists Services, then pods, in the syntax /api/explain reads', () => {
    expect(flowTargetOptions(m)).toEqual(['svc/kube-system/kube-dns', 'svc/shop/web', 'pod/default/busybox', 'pod/shop/api', 'pod/shop/web']);
  });

  it.each([
    { typed: '', max: 500, want: ['svc/kube-system/kube-dns', 'svc/shop/web', 'pod/default/busybox', 'pod/shop/api', 'pod/shop/web'] },
    { typed: 'WEB', max: 500, want: ['svc/shop/web', 'pod/shop/web'] },
    { typed: 'shop/', max: 2, want: ['svc/shop/web', 'pod/shop/api'] },
    { typed: 'nothing', max: 500, want: [] },
  ])('"$typed", at most $max', ({ typed, max, want }) => {
    expect(suggestions(flowTargetOptions(m), typed, max)).toEqual(want);
  });
});

describe('routeStatus', () => {
  const base: RouteResult = { matched: false, steps: [], reasons: [] };
  it.each<{ result: RouteResult; want: string }>([
    { result: { ...base, matched: true }, want: 'matched' },
    { result: base, want: 'unmatched' },
    { result: { ...base, unknown: 'ingresses are syncing' }, want: 'unknown' },
  ])('$want', ({ result, want }) => {
    expect(routeStatus(result)).toBe(want);
  });
});

describe('traceStatus: routed when the engine says an Ingress, a Gateway or both serve the request', () => {
  it.each<{ servedBy: ServedBy; want: string }>([
    { servedBy: 'ingress', want: 'matched' },
    { servedBy: 'gateway', want: 'matched' },
    { servedBy: 'both', want: 'matched' },
    { servedBy: 'neither', want: 'unmatched' },
    { servedBy: 'unknown', want: 'unknown' },
  ])('$servedBy', ({ servedBy, want }) => {
    expect(traceStatus({ servedBy })).toBe(want);
  });
});

describe('flowTargetOfNode: a map node clicked while explaining, as the form writes it', () => {
  it.each([
    { nodeId: 'pod:shop/api-7d9-x', want: 'pod/shop/api-7d9-x' },
    { nodeId: 'svc:shop/payments', want: 'svc/shop/payments' },
    { nodeId: 'wl:shop/Deployment/api', want: undefined },
    { nodeId: 'ns:shop', want: undefined },
    { nodeId: 'ing:shop/site', want: undefined },
    { nodeId: 'gw:shop/shop', want: undefined },
    { nodeId: 'ip:0.0.0.0/0', want: undefined },
  ])('$nodeId', ({ nodeId, want }) => {
    expect(flowTargetOfNode(nodeId)).toBe(want);
  });
});

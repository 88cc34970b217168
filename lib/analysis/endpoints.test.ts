import { describe, expect, it } from 'vitest';
import { emptyModel, type EndpointSlice } from '@/lib/model';
import { endpointSummaries } from './endpoints';

const slice = (name: string, namespace: string, serviceName: string | undefined, endpoints: [string, boolean][]): EndpointSlice => ({
  meta: { uid: name, name, namespace, labels: {}, resourceVersion: '1' },
  ...(serviceName ? { serviceName } : {}),
  addressType: 'IPv4',
  ports: [],
  endpoints: endpoints.map(([address, ready]) => ({ addresses: [address], conditions: { ready, serving: ready, terminating: false } })),
});

describe('endpointSummaries', () => {
  it.each([
    {
      name: 'counts ready and not-ready endpoints of the slices labelled kubernetes.io/service-name (discovery/v1 EndpointSlice)',
      slices: [slice('web-1', 'shop', 'web', [['10.0.0.1', true], ['10.0.0.2', false]])],
      want: { 'shop/web': { ready: 1, notReady: 1 } },
    },
    {
      name: 'an address in two slices of one Service (a slice handover) counts once, ready if either says so',
      slices: [slice('web-1', 'shop', 'web', [['10.0.0.1', false]]), slice('web-2', 'shop', 'web', [['10.0.0.1', true]])],
      want: { 'shop/web': { ready: 1, notReady: 0 } },
    },
    {
      name: 'Services of the same name in different namespaces stay apart',
      slices: [slice('a', 'shop', 'web', [['10.0.0.1', true]]), slice('b', 'blog', 'web', [['10.0.1.1', true], ['10.0.1.2', true]])],
      want: { 'shop/web': { ready: 1, notReady: 0 }, 'blog/web': { ready: 2, notReady: 0 } },
    },
    {
      name: 'a slice without the service-name label belongs to no Service',
      slices: [slice('orphan', 'shop', undefined, [['10.0.0.9', true]])],
      want: {},
    },
  ])('$name', ({ slices, want }) => {
    const model = emptyModel();
    model.resources.endpointslices = slices;
    expect(Object.fromEntries(endpointSummaries(model))).toEqual(want);
  });
});

import { describe, expect, it } from 'vitest';
import { endpoint, model, pod, service, slice } from './testing/builders';
import { endpointSummaries } from './endpoints';

const web = service('shop/web', { selector: { app: 'web' }, ports: [80] });
const webPod = (name: string, ip: string | undefined, ready = true) => pod(`shop/${name}`, { labels: { app: 'web' }, ready, ...(ip ? { ip } : {}) });

describe('endpointSummaries', () => {
  it.each([
    {
      name: 'counts ready and not-ready endpoints of the slices labelled kubernetes.io/service-name (discovery/v1 EndpointSlice)',
      m: model({ services: [web], endpointslices: [slice('shop/web-1', { service: 'web', endpoints: [endpoint('10.0.0.1'), endpoint('10.0.0.2', { ready: false })] })] }),
      want: { 'shop/web': { ready: 1, notReady: 1, source: 'endpointslices' } },
    },
    {
      name: 'an address in two slices of one Service (a slice handover) counts once, ready if either says so',
      m: model({
        services: [web],
        endpointslices: [
          slice('shop/web-1', { service: 'web', endpoints: [endpoint('10.0.0.1', { ready: false })] }),
          slice('shop/web-2', { service: 'web', endpoints: [endpoint('10.0.0.1')] }),
        ],
      }),
      want: { 'shop/web': { ready: 1, notReady: 0, source: 'endpointslices' } },
    },
    {
      name: 'without slices (manifests), the pods the selector matches stand for the endpoints, each pod once even without an IP',
      m: model({ services: [web], pods: [webPod('a', undefined), webPod('b', undefined), webPod('c', '10.0.0.3', false)] }),
      want: { 'shop/web': { ready: 2, notReady: 1, source: 'selector' } },
    },
    {
      name: 'ExternalName Services have no endpoints to count (core/v1 ServiceSpec.externalName)',
      m: model({ services: [service('shop/ext', { type: 'ExternalName', externalName: 'example.com', selector: null })] }),
      want: {},
    },
  ])('$name', ({ m, want }) => {
    expect(Object.fromEntries(endpointSummaries(m))).toEqual(want);
  });
});

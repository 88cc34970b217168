import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { endpoint, endpointFor, model, pod, service, slice } from '@/lib/analysis/testing/builders';
import { serviceNoReadyEndpoints, serviceSelectorlessNoEndpoints } from './service-endpoints';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const DELETED = '2025-01-01T00:00:00Z';
const web = service('shop/web');
const ready = pod('shop/web-ok', { labels: { app: 'web' }, ip: '10.0.0.9' });
const pending = pod('shop/web-1', { labels: { app: 'web' }, phase: 'Pending', ready: false, notReadyReason: 'Not scheduled: Unschedulable' });
const unready = pod('shop/web-2', { labels: { app: 'web' }, ip: '10.0.0.2', ready: false, notReadyReason: 'Containers not ready: main' });
const terminating = pod('shop/web-3', { labels: { app: 'web' }, ip: '10.0.0.3', deletionTimestamp: DELETED, notReadyReason: 'Terminating' });

interface Case {
  name: string;
  model: ClusterModel;
  expected: ExpectedFinding[];
}

describe('service-no-ready-endpoints (discovery/v1 EndpointConditions.ready; core/v1 ServiceSpec.publishNotReadyAddresses)', () => {
  const id = 'service-no-ready-endpoints:Service/shop/web';
  const cases: Case[] = [
    {
      name: 'without EndpointSlices (manifests) the selected pods say why, one by one: Pending, not ready, terminating',
      model: model({ services: [web], pods: [pending, unready, terminating] }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1', 'Pod/shop/web-2', 'Pod/shop/web-3'],
          message: [
            'Service shop/web has no ready endpoint: none of the pods its selector matches is ready',
            'pod shop/web-1: Pending (Not scheduled: Unschedulable)',
            'pod shop/web-2: not ready (Containers not ready: main)',
            'pod shop/web-3: terminating',
          ],
          hint: ['only to ready endpoints', 'Pending pods', 'readiness probe', 'replacements'],
        },
      ],
    },
    {
      name: 'with EndpointSlices (live) the endpoints decide, and their pods say why',
      model: model({
        services: [web],
        pods: [unready, terminating],
        endpointslices: [slice('shop/web-abc', { service: 'web', ports: [80], endpoints: [endpointFor(unready), endpointFor(terminating, { serving: true })] })],
      }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-2', 'Pod/shop/web-3'],
          message: [
            'its EndpointSlices list no ready endpoint',
            'pod shop/web-2: not ready (Containers not ready: main)',
            'pod shop/web-3: terminating (still serving: kube-proxy falls back to it while no endpoint is ready)',
          ],
        },
      ],
    },
    {
      name: 'an endpoint without a pod is named by its address',
      model: model({
        services: [web],
        pods: [unready],
        endpointslices: [slice('shop/web-abc', { service: 'web', endpoints: [endpoint('10.0.0.50', { ready: false })] })],
      }),
      expected: [{ id, severity: 'error', objects: ['Service/shop/web'], message: ['endpoint 10.0.0.50: not ready'] }],
    },
    {
      name: 'EndpointSlices that list no endpoint although pods match: the pods say why',
      model: model({
        services: [web],
        pods: [pod('shop/web-1', { labels: { app: 'web' } })],
        endpointslices: [slice('shop/web-abc', { service: 'web' })],
      }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1'],
          message: ['its EndpointSlices list no endpoint, although its selector matches pods', 'pod shop/web-1: ready, but it has no IP yet'],
        },
      ],
    },
    {
      name: 'pods that have finished are never endpoints',
      model: model({ services: [web], pods: [pod('shop/web-1', { labels: { app: 'web' }, phase: 'Succeeded', ready: false })] }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1'],
          message: ['its selector matches only pods that have finished', 'pod shop/web-1: Succeeded: a finished pod is never an endpoint'],
          hint: ['long-running pods'],
        },
      ],
    },
    { name: 'healthy: one ready pod among unready ones is enough', model: model({ services: [web], pods: [pending, ready] }), expected: [] },
    {
      name: 'healthy: one ready endpoint in the slices is enough',
      model: model({ services: [web], pods: [unready, ready], endpointslices: [slice('shop/web-abc', { service: 'web', endpoints: [endpointFor(unready), endpointFor(ready)] })] }),
      expected: [],
    },
    {
      name: 'publishNotReadyAddresses makes unready pods ready endpoints',
      model: model({ services: [service('shop/web', { publishNotReadyAddresses: true })], pods: [unready] }),
      expected: [],
    },
    {
      name: 'no pod matches: left to service-selector-matches-nothing',
      model: model({ services: [web], pods: [pod('shop/api', { labels: { app: 'api' }, ready: false })] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceNoReadyEndpoints, m), expected);
  });

  it('is skipped with the reason when EndpointSlices are forbidden, rather than read from pods alone', () => {
    const m = model({ services: [web], pods: [unready], sync: { endpointslices: { status: 'forbidden', message: 'cannot list endpointslices.discovery.k8s.io' } } });
    expect(runChecks(serviceNoReadyEndpoints, m)).toStrictEqual({
      findings: [],
      skipped: [{ check: 'service-no-ready-endpoints', reason: 'endpointslices cannot be read (forbidden: cannot list endpointslices.discovery.k8s.io)' }],
    });
  });
});

describe('service-selectorless-no-endpoints (core/v1 ServiceSpec.selector absent: endpoints come from EndpointSlices written by others)', () => {
  const manual = service('shop/db', { selector: null, ports: [5432] });
  const cases: Case[] = [
    {
      name: 'a selector-less Service without EndpointSlices has no endpoints',
      model: model({ services: [manual] }),
      expected: [
        {
          id: 'service-selectorless-no-endpoints:Service/shop/db',
          severity: 'warning',
          objects: ['Service/shop/db'],
          message: ['Service shop/db has no selector and no EndpointSlice belongs to it'],
          hint: ['kubernetes.io/service-name=db', 'Endpoints object named db', 'ExternalName'],
        },
      ],
    },
    {
      name: 'EndpointSlices that list no endpoint count as none',
      model: model({ services: [manual], endpointslices: [slice('shop/db-1', { service: 'db' })] }),
      expected: [
        {
          id: 'service-selectorless-no-endpoints:Service/shop/db',
          severity: 'warning',
          objects: ['Service/shop/db', 'EndpointSlice/shop/db-1'],
          message: ['its EndpointSlices (shop/db-1) list no endpoint'],
        },
      ],
    },
    {
      name: 'healthy: an EndpointSlice with an address (in the same namespace)',
      model: model({ services: [manual], endpointslices: [slice('shop/db-1', { service: 'db', endpoints: [endpoint('192.168.1.10')] })] }),
      expected: [],
    },
    {
      name: 'a slice of another namespace does not belong to it',
      model: model({ services: [manual], endpointslices: [slice('other/db-1', { service: 'db', endpoints: [endpoint('192.168.1.10')] })] }),
      expected: [{ id: 'service-selectorless-no-endpoints:Service/shop/db', severity: 'warning', objects: ['Service/shop/db'] }],
    },
    {
      name: 'ExternalName Services have no endpoints by design, and Services with a selector are not selector-less',
      model: model({ services: [service('shop/ext', { type: 'ExternalName', externalName: 'db.example.com', ports: [] }), service('shop/web')] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceSelectorlessNoEndpoints, m), expected);
  });

  it('is skipped while EndpointSlices are syncing', () => {
    expect(runChecks(serviceSelectorlessNoEndpoints, model({ services: [manual], sync: { endpointslices: { status: 'syncing' } } })).skipped).toStrictEqual([
      { check: 'service-selectorless-no-endpoints', reason: 'endpointslices are still loading' },
    ]);
  });
});

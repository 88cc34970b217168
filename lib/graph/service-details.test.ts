import { describe, expect, it } from 'vitest';
import { endpoint, endpointPort, model, pod, service, slice } from '@/lib/analysis/testing/builders';
import { endpointState, serviceDetails, serviceDnsQueries, type ServiceDetails } from './service-details';

describe('endpointState', () => {
  it.each([
    { ready: true, terminating: false, state: 'ready' },
    { ready: false, terminating: false, state: 'not ready' },
    { ready: false, terminating: true, state: 'terminating' },
    { ready: true, terminating: true, state: 'terminating' },
  ])('ready=$ready terminating=$terminating → $state', ({ ready, terminating, state }) => {
    expect(endpointState({ ready, terminating })).toBe(state);
  });
});

describe('serviceDnsQueries', () => {
  it.each([
    { domain: undefined, names: ['api', 'api.shop', 'api.shop.svc', 'api.shop.svc.cluster.local'] },
    { domain: 'corp.internal', names: ['api', 'api.shop', 'api.shop.svc', 'api.shop.svc.corp.internal'] },
  ])('domain $domain', ({ domain, names }) => {
    expect(serviceDnsQueries({ namespace: 'shop', name: 'api' }, domain)).toEqual(names);
  });
});

const ports = (d: ServiceDetails) =>
  d.ports.map((p) => ({
    label: p.label,
    error: p.error,
    backends: p.backends.map((b) => `${b.label} ${b.podId ?? '-'} ${b.state} ${b.targetPort ?? '-'}${b.problem ? ` ! ${b.problem}` : ''}`),
  }));
const endpoints = (d: ServiceDetails) =>
  d.endpoints && { source: d.endpoints.source, rows: d.endpoints.rows.map((r) => `${r.label} ${r.address || '-'} ${r.state}${r.hostname ? ` ${r.hostname}` : ''}`) };
const dns = (d: ServiceDetails) => d.dns.map((r) => `${r.query} → ${r.answer.name} ${r.answer.type} ${r.answer.records.join(',')}`);

describe('serviceDetails', () => {
  const api1 = pod('shop/api-1', { labels: { app: 'api' }, ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] });
  const api2 = pod('shop/api-2', { labels: { app: 'api' }, ip: '10.0.0.2', ports: [{ name: 'web', containerPort: 9090 }], ready: false });
  const api3 = pod('shop/api-3', { labels: { app: 'api' }, ip: '10.0.0.3', ports: [{ name: 'http', containerPort: 8080 }], deletionTimestamp: '2025-01-01T00:00:00Z' });
  const api = service('shop/api', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100, targetPort: 9100 }] });

  it('without EndpointSlices: the selected pods, a named targetPort resolved per pod', () => {
    const d = serviceDetails(model({ pods: [api1, api2, api3], services: [api] }), api);
    expect(ports(d)).toEqual([
      {
        label: 'http 80/TCP → http',
        error: undefined,
        backends: [
          'shop/api-1 pod:shop/api-1 ready 8080',
          'shop/api-2 pod:shop/api-2 not ready - ! named targetPort "http" is not declared by pod shop/api-2 (it declares web/TCP 9090)',
          'shop/api-3 pod:shop/api-3 terminating 8080',
        ],
      },
      {
        label: 'metrics 9100/TCP → 9100',
        error: undefined,
        backends: ['shop/api-1 pod:shop/api-1 ready 9100', 'shop/api-2 pod:shop/api-2 not ready 9100', 'shop/api-3 pod:shop/api-3 terminating 9100'],
      },
    ]);
    expect(d.ports[0]?.verdict).toBe('1 of 3 backends ready with a resolved port');
    expect(d.ports[0]?.notes).toEqual([
      'targetPort "http" is a name: each pod resolves it from its own TCP container ports',
      'no EndpointSlices for shop/api; using the pods its selector matches',
    ]);
    expect(endpoints(d)).toEqual({
      source: 'selector',
      rows: ['shop/api-1 10.0.0.1 ready', 'shop/api-2 10.0.0.2 not ready', 'shop/api-3 10.0.0.3 terminating'],
    });
    expect(dns(d)).toEqual([
      'api → api.shop.svc.cluster.local A 10.96.0.10',
      'api.shop → api.shop.svc.cluster.local A 10.96.0.10',
      'api.shop.svc → api.shop.svc.cluster.local A 10.96.0.10',
      'api.shop.svc.cluster.local → api.shop.svc.cluster.local A 10.96.0.10',
    ]);
  });

  it('with EndpointSlices: the slice ports and conditions; an endpoint that is no known pod shows its address', () => {
    const s = slice('shop/api-abc', {
      service: 'api',
      ports: [endpointPort({ name: 'http', port: 8080 })],
      endpoints: [endpoint('10.0.0.1', { pod: api1 }), endpoint('10.0.0.9', { ready: false }), endpoint('10.0.0.3', { pod: api3, terminating: true })],
    });
    const d = serviceDetails(model({ pods: [api1, api3], services: [api], endpointslices: [s] }), api);
    expect(ports(d)[0]?.backends).toEqual(['shop/api-1 pod:shop/api-1 ready 8080', '10.0.0.9 - not ready 8080', 'shop/api-3 pod:shop/api-3 terminating 8080']);
    expect(ports(d)[1]?.backends[0]).toMatch(/^shop\/api-1 pod:shop\/api-1 ready - ! EndpointSlice shop\/api-abc lists no port "metrics"/);
    expect(endpoints(d)).toEqual({
      source: 'endpointslices',
      rows: ['shop/api-1 10.0.0.1 ready', '10.0.0.9 10.0.0.9 not ready', 'shop/api-3 10.0.0.3 terminating'],
    });
  });

  it('a headless Service: endpoint hostnames, and DNS answers with the ready addresses', () => {
    const db0 = pod('shop/db-0', { labels: { app: 'db' }, ip: '10.0.1.1', hostname: 'db-0', subdomain: 'db' });
    const db = service('shop/db', { clusterIP: 'None', ports: [5432] });
    const d = serviceDetails(model({ pods: [db0], services: [db] }), db);
    expect(endpoints(d)?.rows).toEqual(['shop/db-0 10.0.1.1 ready db-0']);
    expect(dns(d)[0]).toBe('db → db.shop.svc.cluster.local A 10.0.1.1');
    expect(d.ports[0]?.verdict).toBe('1 of 1 backends ready with a resolved port');
  });

  it('an ExternalName Service: no endpoints, the engine says why per port, and DNS answers a CNAME', () => {
    const ext = service('shop/mail', { type: 'ExternalName', externalName: 'smtp.example.com', ports: [25] });
    const d = serviceDetails(model({ services: [ext] }), ext);
    expect(d.endpoints).toBeUndefined();
    expect(d.ports[0]?.verdict).toBeUndefined();
    expect(d.ports[0]?.error).toContain('is of type ExternalName: it is a DNS CNAME to smtp.example.com');
    expect(dns(d).at(-1)).toBe('mail.shop.svc.cluster.local → mail.shop.svc.cluster.local CNAME smtp.example.com');
  });

  it('unsynced data: DNS says unknown rather than answering', () => {
    const d = serviceDetails(model({ services: [api], sync: { services: { status: 'syncing' } } }), api);
    expect(d.ports[0]?.verdict).toBe('no endpoints: connections to shop/api port "http" (80/TCP) are refused');
    expect(d.dns.every((r) => r.answer.unknown)).toBe(true);
  });
});

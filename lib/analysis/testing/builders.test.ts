import { describe, expect, it } from 'vitest';
import { RESOURCE_KINDS } from '@/lib/model';
import {
  endpoint,
  endpointFor,
  ingress,
  model,
  namespace,
  networkPolicy,
  peer,
  pod,
  policyEgress,
  policyIngress,
  policyPort,
  requirement,
  selector,
  service,
  slice,
} from './builders';

describe('builders', () => {
  it('model() holds the given objects with every kind synced unless overridden', () => {
    const m = model({ pods: [pod('shop/a')], sync: { services: { status: 'syncing' } } });
    expect(m.resources.pods.map((p) => p.meta.uid)).toEqual(['pod/shop/a']);
    expect(m.resources.services).toEqual([]);
    for (const kind of RESOURCE_KINDS) expect(m.sync[kind].status).toBe(kind === 'services' ? 'syncing' : 'synced');
  });

  it.each([
    { name: 'a bare name is in the default namespace', ref: 'web', namespace: 'default', podName: 'web' },
    { name: 'namespace/name sets both', ref: 'shop/web-1', namespace: 'shop', podName: 'web-1' },
  ])('references: $name', ({ ref, namespace: ns, podName }) => {
    const p = pod(ref);
    expect([p.meta.namespace, p.meta.name]).toEqual([ns, podName]);
  });

  it('pod() is running and ready, and a deletionTimestamp makes it not ready (as the normaliser does)', () => {
    const p = pod('shop/a', { ip: '10.0.0.1', ports: [8080, { name: 'http', containerPort: 80 }] });
    expect([p.phase, p.ready, p.podIPs]).toEqual(['Running', true, ['10.0.0.1']]);
    expect(p.containers[0]?.ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
      { name: 'http', containerPort: 80, protocol: 'TCP' },
    ]);
    expect(pod('shop/b', { deletionTimestamp: '2025-01-01T00:00:00Z' }).ready).toBe(false);
  });

  it.each([
    { name: 'defaults to selector app=<name> and port 80 → 80', svc: service('shop/web'), selector: { app: 'web' }, clusterIPs: [] as string[] },
    { name: 'null makes a selector-less Service', svc: service('shop/ext', { selector: null }), selector: undefined, clusterIPs: [] },
    { name: 'clusterIP None is headless, with no cluster IPs', svc: service('shop/db', { clusterIP: 'None' }), selector: { app: 'db' }, clusterIPs: [] },
    { name: 'a clusterIP is copied into clusterIPs', svc: service('shop/web', { clusterIP: '10.96.0.1' }), selector: { app: 'web' }, clusterIPs: ['10.96.0.1'] },
    { name: 'ExternalName has no selector by default', svc: service('shop/pay', { type: 'ExternalName', externalName: 'pay.example.com' }), selector: undefined, clusterIPs: [] },
  ])('service() $name', ({ svc, selector: sel, clusterIPs }) => {
    expect(svc.selector).toEqual(sel);
    expect(svc.clusterIPs).toEqual(clusterIPs);
    expect(svc.ports.length).toBe(1);
  });

  it('slice() sets serviceName and the kubernetes.io/service-name label; endpointFor() copies the pod', () => {
    const p = pod('shop/a', { ip: '10.0.0.1', ready: false });
    const s = slice('shop/web-x', { service: 'web', ports: [8080], endpoints: [endpointFor(p), endpoint('fd00::1', { terminating: true })] });
    expect(s.serviceName).toBe('web');
    expect(s.meta.labels).toEqual({ 'kubernetes.io/service-name': 'web' });
    expect(s.endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: false, serving: false, terminating: false }, targetRef: { kind: 'Pod', name: 'a', namespace: 'shop' } },
      { addresses: ['fd00::1'], conditions: { ready: false, serving: false, terminating: true } },
    ]);
  });

  it('namespace() carries kubernetes.io/metadata.name, ingress() has no rules by default', () => {
    expect(namespace('shop', { labels: { team: 'a' } }).meta.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop', team: 'a' });
    expect(ingress('shop/site').rules).toEqual([]);
  });

  it.each([
    { name: 'Ingress only without egress rules', np: networkPolicy('shop/a', { ingress: [policyIngress()] }), types: ['Ingress'] },
    { name: 'Ingress and Egress with egress rules', np: networkPolicy('shop/a', { egress: [policyEgress()] }), types: ['Ingress', 'Egress'] },
    { name: 'as given when explicit', np: networkPolicy('shop/a', { policyTypes: ['Egress'] }), types: ['Egress'] },
  ])('networkPolicy() policyTypes default like the API server: $name (networking/v1 NetworkPolicySpec.policyTypes)', ({ np, types }) => {
    expect(np.policyTypes).toEqual(types);
  });

  it('policy peers keep absent and empty selectors apart, and ports default to TCP', () => {
    const np = networkPolicy('shop/allow', {
      podSelector: { app: 'db' },
      ingress: [
        policyIngress({
          from: [peer({ pods: { app: 'web' } }), peer({ namespaces: {} }), peer({ ipBlock: '10.0.0.0/8' })],
          ports: [5432, 'metrics', policyPort(53, 'UDP')],
        }),
      ],
    });
    expect(np.podSelector).toEqual({ matchLabels: { app: 'db' }, matchExpressions: [] });
    expect(np.ingress[0]?.peers).toEqual([
      { podSelector: { matchLabels: { app: 'web' }, matchExpressions: [] } },
      { namespaceSelector: { matchLabels: {}, matchExpressions: [] } },
      { ipBlock: { cidr: '10.0.0.0/8', except: [] } },
    ]);
    expect(np.ingress[0]?.ports).toEqual([
      { protocol: 'TCP', port: 5432 },
      { protocol: 'TCP', port: 'metrics' },
      { protocol: 'UDP', port: 53 },
    ]);
    expect(networkPolicy('shop/x', { podSelector: selector({}, requirement('tier', 'In', ['web'])) }).podSelector).toEqual({
      matchLabels: {},
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
    });
  });
});

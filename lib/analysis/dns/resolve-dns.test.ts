import { describe, expect, it } from 'vitest';
import type { SyncState } from '@/lib/model';
import { endpoint, endpointFor, model, namespace, pod, service, slice, type ModelInit } from '@/lib/analysis/testing/builders';
import { editDistance, nearest, normalizeHost } from './names';
import { dashedIP, resolveDns, type DnsAnswer } from './resolve-dns';

const db0 = pod('shop/db-0', { labels: { app: 'db' }, ip: '10.0.2.1', hostname: 'db-0', subdomain: 'db' });
const db1 = pod('shop/db-1', { labels: { app: 'db' }, ip: '10.0.2.2', hostname: 'db-1', subdomain: 'db', ready: false });
const peer0 = pod('shop/peer-0', { labels: { app: 'peers' }, ip: '10.0.3.1', hostname: 'peer-0', subdomain: 'peers' });
const peer1 = pod('shop/peer-1', { labels: { app: 'peers' }, ip: '10.0.3.2', hostname: 'peer-1', subdomain: 'peers', ready: false });
const web = pod('shop/web-abc', { labels: { app: 'web' }, ip: '10.0.0.5' });

const base: ModelInit = {
  namespaces: ['shop', 'default', 'kube-system'].map((n) => namespace(n)),
  services: [
    service('shop/cart', { clusterIP: '10.96.0.10' }),
    service('shop/dual', { clusterIPs: ['10.96.0.11', 'fd00::11'] }),
    service('shop/v6', { clusterIP: 'fd00::12' }),
    service('shop/pending'),
    service('shop/db', { clusterIP: 'None', ports: [5432] }),
    // Headless, publishing not-ready pods; its slice has an endpoint without hostname, named by its dashed IP.
    service('shop/peers', { clusterIP: 'None', publishNotReadyAddresses: true, ports: [7000] }),
    // Headless without slices (as in manifests): the selector's pods are used.
    service('shop/zk', { clusterIP: 'None', ports: [2181] }),
    service('shop/payments', { type: 'ExternalName', externalName: 'pay.example.com' }),
    service('default/web', { clusterIP: '10.96.1.1' }),
  ],
  pods: [
    db0,
    db1,
    peer0,
    peer1,
    web,
    pod('shop/zk-0', { labels: { app: 'zk' }, ip: '10.0.4.1', hostname: 'zk-0', subdomain: 'zk' }),
  ],
  endpointslices: [
    slice('shop/db-x1', { service: 'db', ports: [5432], endpoints: [endpointFor(db0, { hostname: 'db-0' }), endpointFor(db1, { hostname: 'db-1' })] }),
    slice('shop/peers-x1', {
      service: 'peers',
      ports: [7000],
      endpoints: [endpointFor(peer0, { hostname: 'peer-0' }), endpointFor(peer1, { hostname: 'peer-1' }), endpoint('10.0.3.3')],
    }),
  ],
};

const world = (over: ModelInit = {}) => model({ ...base, ...over });
const SEARCH = (ns: string) => [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
const searched = (name: string, ns: string) => SEARCH(ns).map((s) => `${name}.${s}`);

type Expected = Partial<Pick<DnsAnswer, 'name' | 'type' | 'records' | 'kind' | 'tried'>> & { pods?: string[] };

function view(a: DnsAnswer): Expected {
  return {
    name: a.name,
    type: a.type,
    records: a.records,
    ...(a.kind ? { kind: a.kind } : {}),
    tried: a.tried,
    ...(a.pods ? { pods: a.pods.map((p) => `${p.meta.namespace}/${p.meta.name}`) } : {}),
  };
}

describe('resolveDns: search path and ndots (DNS spec / resolv.conf)', () => {
  it.each([
    {
      name: 'a bare Service name resolves in the pod namespace first: ndots:5 tries the search path first (DNS spec / resolv.conf)',
      query: 'cart',
      from: 'shop',
      want: { name: 'cart.shop.svc.cluster.local', type: 'A', records: ['10.96.0.10'], kind: 'service-clusterip', tried: ['cart.shop.svc.cluster.local'] },
    },
    {
      name: 'svc.ns resolves through the svc.<domain> search suffix (DNS spec, Services A records)',
      query: 'cart.shop',
      from: 'default',
      want: { name: 'cart.shop.svc.cluster.local', type: 'A', records: ['10.96.0.10'], kind: 'service-clusterip', tried: ['cart.shop.default.svc.cluster.local', 'cart.shop.svc.cluster.local'] },
    },
    {
      name: 'svc.ns.svc resolves through the <domain> search suffix (DNS spec / resolv.conf)',
      query: 'cart.shop.svc',
      from: 'default',
      want: { name: 'cart.shop.svc.cluster.local', type: 'A', records: ['10.96.0.10'], kind: 'service-clusterip', tried: searched('cart.shop.svc', 'default') },
    },
    {
      name: 'a full name with 4 dots (< ndots:5) still tries the search path first, then as is (resolv.conf ndots)',
      query: 'cart.shop.svc.cluster.local',
      from: 'default',
      want: {
        name: 'cart.shop.svc.cluster.local',
        type: 'A',
        records: ['10.96.0.10'],
        kind: 'service-clusterip',
        tried: [...searched('cart.shop.svc.cluster.local', 'default'), 'cart.shop.svc.cluster.local'],
      },
    },
    {
      name: 'a trailing dot makes the name absolute: no search path (resolv.conf)',
      query: 'cart.shop.svc.cluster.local.',
      from: 'default',
      want: { name: 'cart.shop.svc.cluster.local', type: 'A', records: ['10.96.0.10'], kind: 'service-clusterip', tried: ['cart.shop.svc.cluster.local'] },
    },
    {
      name: 'a name with 5 dots (>= ndots:5) is tried as is first (resolv.conf ndots)',
      query: 'db-0.db.shop.svc.cluster.local',
      from: 'default',
      want: { name: 'db-0.db.shop.svc.cluster.local', type: 'A', records: ['10.0.2.1'], kind: 'pod-hostname', tried: ['db-0.db.shop.svc.cluster.local'], pods: ['shop/db-0'] },
    },
    {
      name: 'names are case-insensitive (RFC 4343, DNS spec)',
      query: 'CART.Shop',
      from: 'Default',
      want: { name: 'cart.shop.svc.cluster.local', type: 'A', records: ['10.96.0.10'], kind: 'service-clusterip', tried: ['cart.shop.default.svc.cluster.local', 'cart.shop.svc.cluster.local'] },
    },
  ])('$name', ({ query, from, want }) => {
    expect(view(resolveDns(world(), query, from))).toEqual(want);
  });

  it('a custom cluster domain is used for the search path and the zone (kubelet --cluster-domain)', () => {
    expect(view(resolveDns(world(), 'cart.shop', 'default', 'corp.internal'))).toEqual({
      name: 'cart.shop.svc.corp.internal',
      type: 'A',
      records: ['10.96.0.10'],
      kind: 'service-clusterip',
      tried: ['cart.shop.default.svc.corp.internal', 'cart.shop.svc.corp.internal'],
    });
  });

  it('the reasons explain the order and which suffix answered (resolv.conf ndots)', () => {
    expect(resolveDns(world(), 'cart', 'shop').reasons[0]).toBe(
      'cart has 0 dots, fewer than ndots:5: the search path (shop.svc.cluster.local, svc.cluster.local, cluster.local) is tried first, then the name as is; answered by search suffix shop.svc.cluster.local',
    );
  });
});

describe('resolveDns: Service records (DNS spec, Services)', () => {
  it.each([
    {
      name: 'a dual-stack ClusterIP Service answers with its primary family, the other is named in the reasons (DNS spec, A/AAAA records)',
      query: 'dual',
      want: { type: 'A', records: ['10.96.0.11'], kind: 'service-clusterip' },
      reason: 'dual-stack: it also has AAAA records: fd00::11',
    },
    {
      name: 'an IPv6 ClusterIP Service answers AAAA (DNS spec, AAAA records)',
      query: 'v6',
      want: { type: 'AAAA', records: ['fd00::12'], kind: 'service-clusterip' },
      reason: 'Service shop/v6 has cluster IP fd00::12; kube-proxy spreads connections over its endpoints',
    },
    {
      name: 'a Service without an allocated cluster IP (a manifest) has no records yet (core/v1 ServiceSpec.clusterIP)',
      query: 'pending',
      want: { type: 'A', records: [], kind: 'service-clusterip' },
      reason: 'the Service has no cluster IP yet (not allocated, as in manifests): the API server assigns one on creation',
    },
    {
      name: 'a headless Service answers with its ready endpoints only (DNS spec, headless Services)',
      query: 'db',
      want: { type: 'A', records: ['10.0.2.1'], kind: 'service-headless', pods: ['shop/db-0'] },
      reason: 'Service shop/db is headless: one record per ready endpoint; 1 of 2 published',
    },
    {
      name: 'publishNotReadyAddresses publishes not-ready endpoints too (core/v1 ServiceSpec.publishNotReadyAddresses)',
      query: 'peers',
      want: { type: 'A', records: ['10.0.3.1', '10.0.3.2', '10.0.3.3'], kind: 'service-headless', pods: ['shop/peer-0', 'shop/peer-1'] },
      reason: 'Service shop/peers is headless: one record per endpoint (publishNotReadyAddresses publishes not-ready ones too); 3 of 3 published',
    },
    {
      name: 'a headless Service without EndpointSlices answers with the ready pods its selector matches (DNS spec, headless Services)',
      query: 'zk',
      want: { type: 'A', records: ['10.0.4.1'], kind: 'service-headless', pods: ['shop/zk-0'] },
      reason: 'no EndpointSlices for shop/zk; using the pods its selector matches',
    },
    {
      name: 'an ExternalName Service answers a CNAME to its externalName (DNS spec, ExternalName)',
      query: 'payments',
      want: { type: 'CNAME', records: ['pay.example.com'], kind: 'service-externalname' },
      reason: 'Service shop/payments is ExternalName: a CNAME to pay.example.com, which the client then resolves itself',
    },
  ])('$name', ({ query, want, reason }) => {
    const a = resolveDns(world(), query, 'shop');
    expect(view(a)).toMatchObject(want);
    expect(a.service?.meta.name).toBe(query);
    expect(a.reasons).toContain(reason);
  });
});

describe('resolveDns: pod records (DNS spec, Pods)', () => {
  it.each([
    {
      name: 'hostname.subdomain resolves for a ready pod whose hostname and subdomain match a headless Service (DNS spec, Pod hostname and subdomain)',
      query: 'db-0.db',
      want: { name: 'db-0.db.shop.svc.cluster.local', type: 'A', records: ['10.0.2.1'], kind: 'pod-hostname', pods: ['shop/db-0'] },
    },
    {
      name: 'hostname.subdomain comes from pod spec when there are no EndpointSlices (EndpointSlice controller, endpoint hostname)',
      query: 'zk-0.zk',
      want: { name: 'zk-0.zk.shop.svc.cluster.local', type: 'A', records: ['10.0.4.1'], kind: 'pod-hostname', pods: ['shop/zk-0'] },
    },
    {
      name: 'an endpoint without hostname is named by its dashed IP under a headless Service (CoreDNS kubernetes plugin)',
      query: '10-0-3-3.peers',
      want: { name: '10-0-3-3.peers.shop.svc.cluster.local', type: 'A', records: ['10.0.3.3'], kind: 'pod-hostname' },
    },
    {
      name: 'a not-ready endpoint hostname is published with publishNotReadyAddresses (core/v1 ServiceSpec.publishNotReadyAddresses)',
      query: 'peer-1.peers',
      want: { name: 'peer-1.peers.shop.svc.cluster.local', type: 'A', records: ['10.0.3.2'], kind: 'pod-hostname', pods: ['shop/peer-1'] },
    },
    {
      name: 'a-b-c-d.ns.pod resolves to the IP of a pod in that namespace (DNS spec, Pod A records, pods verified)',
      query: '10-0-0-5.shop.pod.cluster.local',
      want: { name: '10-0-0-5.shop.pod.cluster.local', type: 'A', records: ['10.0.0.5'], kind: 'pod-ip', pods: ['shop/web-abc'] },
    },
  ])('$name', ({ query, want }) => {
    expect(view(resolveDns(world(), query, 'shop'))).toMatchObject(want);
  });

  it('a pod IP answer says it assumes CoreDNS `pods verified` (CoreDNS kubernetes plugin, pods option)', () => {
    expect(resolveDns(world(), '10-0-0-5.shop.pod', 'default').reasons).toContain(
      'pod records assume CoreDNS `pods verified` (answer only for an existing pod); with `pods insecure` any a-b-c-d name answers without a check, with `pods disabled` none does',
    );
  });
});

describe('resolveDns: NXDOMAIN with the nearest name', () => {
  it.each([
    {
      name: 'a mistyped Service name is NXDOMAIN with the nearest existing name (DNS spec)',
      query: 'crat',
      from: 'shop',
      reasons: ['nearest existing name: cart.shop.svc.cluster.local'],
    },
    {
      name: 'a Service of another namespace is not found by its bare name, and the reason names it (DNS spec, search path)',
      query: 'web',
      from: 'shop',
      reasons: ['a Service web exists in namespace default: web.default.svc.cluster.local'],
    },
    {
      name: 'a not-ready pod hostname is not published (DNS spec, headless Services publish ready endpoints)',
      query: 'db-1.db',
      from: 'shop',
      reasons: ['db-1.db.shop.svc.cluster.local belongs to an endpoint of shop/db that is not ready, so it is not published'],
    },
    {
      name: 'per-pod names exist only under headless Services (DNS spec, Pod hostname and subdomain)',
      query: 'x.cart',
      from: 'shop',
      reasons: ['x.cart.shop.svc.cluster.local: per-pod names exist only under headless Services, and shop/cart has a cluster IP'],
    },
    {
      name: 'a pod IP name for an IP no pod in the namespace has is NXDOMAIN under `pods verified` (CoreDNS kubernetes plugin, pods option)',
      query: '10-0-0-5.default.pod',
      from: 'shop',
      reasons: ['no pod in namespace default has IP 10.0.0.5: NXDOMAIN assuming CoreDNS `pods verified`; with `pods insecure` it would still answer 10.0.0.5'],
    },
    {
      name: 'a name in an unknown namespace is NXDOMAIN, and the as-is attempt is assumed to fail upstream (DNS spec / resolv.conf)',
      query: 'cart.shopp',
      from: 'default',
      reasons: ['cart.shopp is outside cluster.local, so CoreDNS forwards it upstream; as an in-cluster-looking name it is assumed not to exist there'],
    },
  ])('$name', ({ query, from, reasons }) => {
    const a = resolveDns(world(), query, from);
    expect(a.type).toBe('NXDOMAIN');
    expect(a.records).toEqual([]);
    expect(a.unknown).toBeUndefined();
    for (const r of reasons) expect(a.reasons).toContain(r);
  });

  it('NXDOMAIN lists every candidate tried (resolv.conf search)', () => {
    const a = resolveDns(world(), 'nope', 'shop');
    expect(a.tried).toEqual([...searched('nope', 'shop'), 'nope']);
    expect(a.name).toBe('nope');
  });
});

describe('resolveDns: unknown answers', () => {
  const syncing: SyncState = { status: 'syncing' };
  it.each([
    {
      name: 'Services not synced: nothing can be said (model sync state)',
      query: 'cart',
      sync: { services: syncing },
      unknown: 'unknown: services are still loading',
    },
    {
      name: 'EndpointSlices not synced: a headless answer is unknown (model sync state)',
      query: 'db',
      sync: { endpointslices: { status: 'forbidden', message: 'RBAC' } as SyncState },
      unknown: 'unknown: endpointslices cannot be read (forbidden: RBAC)',
    },
    {
      name: 'Pods not synced: a pod IP answer is unknown (model sync state)',
      query: '10-0-0-5.shop.pod',
      sync: { pods: syncing },
      unknown: 'unknown: pods are still loading',
    },
    {
      name: 'a name outside the cluster domain is forwarded upstream, which kube-netmap cannot see (CoreDNS forward plugin)',
      query: 'api.github.com',
      sync: {},
      unknown: 'api.github.com is outside the cluster domain cluster.local: CoreDNS forwards it to the upstream resolvers, which kube-netmap cannot see',
    },
  ])('$name', ({ query, sync, unknown }) => {
    const a = resolveDns(world({ sync }), query, 'shop');
    expect(a.unknown).toBe(unknown);
    expect(a.records).toEqual([]);
  });

  it('EndpointSlices not synced do not matter for a ClusterIP Service (model sync state)', () => {
    const a = resolveDns(world({ sync: { endpointslices: { status: 'syncing' } } }), 'cart', 'shop');
    expect(a.unknown).toBeUndefined();
    expect(a.records).toEqual(['10.96.0.10']);
  });

  it('an external name with 5 dots is tried as is first and is unknown at once (resolv.conf ndots)', () => {
    const a = resolveDns(world(), 'a.b.c.d.example.com', 'shop');
    expect(a.tried).toEqual(['a.b.c.d.example.com']);
    expect(a.unknown).toBeDefined();
  });
});

describe('DNS name helpers', () => {
  it.each([
    { name: 'lower-cases and drops a port', input: 'Shop.Example.com:8443', want: 'shop.example.com' },
    { name: 'drops a trailing dot', input: 'shop.example.com.', want: 'shop.example.com' },
    { name: 'keeps a bracketed IPv6 literal without its port', input: '[fd00::1]:443', want: 'fd00::1' },
    { name: 'keeps a bare IPv6 literal', input: 'fd00::1', want: 'fd00::1' },
  ])('normalizeHost $name (RFC 3986 host)', ({ input, want }) => {
    expect(normalizeHost(input)).toBe(want);
  });

  it.each([
    { a: 'cart', b: 'cart', d: 0 },
    { a: 'crat', b: 'cart', d: 2 },
    { a: 'carts', b: 'cart', d: 1 },
    { a: '', b: 'abc', d: 3 },
  ])('editDistance($a, $b) = $d (Levenshtein)', ({ a, b, d }) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('nearest orders by distance, then alphabetically', () => {
    // shop.example.com is 2 edits away; blog.example.com and shop.example.org are both 5 away.
    expect(nearest(['shop.example.org', 'blog.example.com', 'shop.example.com'], ['shop.exmaple.com'], 2)).toEqual(['shop.example.com', 'blog.example.com']);
  });

  it.each([
    { ip: '10.0.0.5', want: '10-0-0-5' },
    { ip: 'fd00::1', want: 'fd00--1' },
  ])('dashedIP($ip) = $want (DNS spec, Pod A records)', ({ ip, want }) => {
    expect(dashedIP(ip)).toBe(want);
  });
});

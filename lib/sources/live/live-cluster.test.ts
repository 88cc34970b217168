import { describe, expect, it } from 'vitest';
import { API_RESOURCES, collectionPath } from './api-resources';
import { LiveCluster } from './live-cluster';
import type { KubeTransport, ListPage } from './transport';

/** Two optional kinds of the resource table, with where they are served. */
const OPTIONAL_TEST_KINDS = (['gateways', 'clusternetworkpolicies'] as const).map((kind) => {
  const resource = API_RESOURCES[kind];
  const version = resource.versions[0] ?? 'v1';
  return { kind, group: resource.group, version, resource: resource.resource, path: collectionPath(resource, version) };
});

/** An API server whose discovery document the test changes; every list is empty and every watch stays open. */
class DiscoveryServer implements KubeTransport {
  served: { group: string; version: string; resources: string[] }[] = [];
  listed: string[] = [];
  async list(path: string): Promise<ListPage> {
    this.listed.push(path);
    return { items: [], resourceVersion: '1' };
  }
  async watch() {
    return { stop: () => {} };
  }
  async get(path: string) {
    expect(path).toBe('/apis');
    const groups = new Map<string, { version: string; resources: { resource: string }[] }[]>();
    for (const s of this.served) groups.set(s.group, [...(groups.get(s.group) ?? []), { version: s.version, resources: s.resources.map((resource) => ({ resource })) }]);
    return { kind: 'APIGroupDiscoveryList', items: [...groups].map(([name, versions]) => ({ metadata: { name }, versions })) };
  }
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(condition()).toBe(true);
}

describe('LiveCluster and the optional kinds', () => {
  it('records a kind the server does not serve as known absent, watches it once served, and forgets it when removed', async () => {
    const server = new DiscoveryServer();
    const cluster = new LiveCluster('test', server, async () => [], { rediscoverMs: 5 });
    const sync = () => cluster.store.snapshot().model.sync;
    const [served, absent] = OPTIONAL_TEST_KINDS as [(typeof OPTIONAL_TEST_KINDS)[number], (typeof OPTIONAL_TEST_KINDS)[number]];
    try {
      // Nothing served: every optional kind is known to be absent, not left "syncing".
      await until(() => sync()[absent.kind].status === 'synced' && sync()[served.kind].status === 'synced');
      expect(sync()[absent.kind]).toEqual({ status: 'synced', notServed: true });

      // A CRD installed later is picked up by the next discovery, and listed at its path.
      server.served = [{ group: served.group, version: served.version, resources: [served.resource] }];
      await until(() => server.listed.includes(served.path));
      await until(() => JSON.stringify(sync()[served.kind]) === JSON.stringify({ status: 'synced' }));
      expect(sync()[absent.kind]).toEqual({ status: 'synced', notServed: true });

      // Removed again: known absent again.
      server.served = [];
      await until(() => JSON.stringify(sync()[served.kind]) === JSON.stringify({ status: 'synced', notServed: true }));
    } finally {
      cluster.stop();
    }
  });
});

describe('LiveCluster and the served API groups', () => {
  it('records them in the model once discovery answers, publishes a change only when they change, and keeps them while discovery fails', async () => {
    const server = new DiscoveryServer();
    server.served = [{ group: 'apps', version: 'v1', resources: ['daemonsets'] }];
    const cluster = new LiveCluster('test', server, async () => [], { rediscoverMs: 5 });
    const model = () => cluster.store.snapshot().model;
    const published: (string[] | undefined)[] = [];
    cluster.store.subscribe((event) => {
      if (event.type === 'changes') for (const c of event.batch.changes) if (c.op === 'served-groups') published.push(c.groups);
    });
    try {
      expect(model().servedGroups).toBeUndefined();
      await until(() => model().servedGroups !== undefined);
      expect(model().servedGroups).toStrictEqual(['apps']);

      // The same answer again and again: nothing new to publish.
      const before = server.get.bind(server);
      let asked = 0;
      server.get = async (path: string) => {
        asked += 1;
        return before(path);
      };
      await until(() => asked >= 3);
      expect(published).toStrictEqual([['apps']]);

      // Cilium's CRDs installed: a new model, and subscribers (the SSE clients) hear of it.
      const withCilium = model();
      server.served = [...server.served, { group: 'cilium.io', version: 'v2', resources: ['ciliumnetworkpolicies'] }];
      await until(() => published.length === 2);
      expect(published[1]).toStrictEqual(['apps', 'cilium.io']);
      expect(model()).not.toBe(withCilium);
      expect(model().servedGroups).toStrictEqual(['apps', 'cilium.io']);

      // Discovery failing says nothing new: the groups stay as last found.
      let refusals = 0;
      server.get = async () => {
        refusals += 1;
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      };
      await until(() => refusals >= 3);
      expect(model().servedGroups).toStrictEqual(['apps', 'cilium.io']);
      expect(published).toHaveLength(2);
    } finally {
      cluster.stop();
    }
  });
});

describe('LiveCluster when discovery fails', () => {
  it('keeps a kind known to be absent as it was (a restarting API server says nothing new about it)', async () => {
    const server = new DiscoveryServer();
    const cluster = new LiveCluster('test', server, async () => [], { rediscoverMs: 5 });
    const sync = () => cluster.store.snapshot().model.sync;
    const [, absent] = OPTIONAL_TEST_KINDS as [(typeof OPTIONAL_TEST_KINDS)[number], (typeof OPTIONAL_TEST_KINDS)[number]];
    const states: string[] = [];
    try {
      await until(() => sync()[absent.kind].status === 'synced');
      const answer = server.get.bind(server);
      let refusals = 0;
      server.get = async (path: string) => {
        if (refusals++ < 3) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
        return answer(path);
      };
      for (let i = 0; i < 50 && refusals < 4; i++) {
        states.push(JSON.stringify(sync()[absent.kind]));
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(refusals).toBeGreaterThanOrEqual(4);
      expect(new Set(states)).toEqual(new Set([JSON.stringify({ status: 'synced', notServed: true })]));
    } finally {
      cluster.stop();
    }
  });
});

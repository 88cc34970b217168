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

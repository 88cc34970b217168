import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { IdentityWatchSets, type WatchSet } from './identity-registry';
import { configForToken, replaceToken, type Identity } from './token-review';

const base = new KubeConfig();
base.loadFromOptions({
  clusters: [{ name: 'c', server: 'https://127.0.0.1:6443' }],
  users: [{ name: 'admin', token: 'the-kubeconfig-own-token' }],
  contexts: [{ name: 'ctx', cluster: 'c', user: 'admin' }],
  currentContext: 'ctx',
});

class Stopped implements WatchSet {
  stopped?: string;
  constructor(readonly config: KubeConfig) {}
  stop(reason?: string) {
    this.stopped = reason ?? '';
  }
}

const alice: Identity = { username: 'alice', groups: ['dev'] };
const bob: Identity = { username: 'bob', groups: [] };

function registry(limits = { idleMs: 60_000, maxIdentities: 2 }) {
  let now = 0;
  const started: Stopped[] = [];
  const sets = new IdentityWatchSets<Stopped>(limits, (token) => configForToken(base, token), replaceToken, (config) => {
    const set = new Stopped(config);
    started.push(set);
    return set;
  }, () => now);
  return { sets, started, advance: (ms: number) => (now += ms) };
}

const tokenOf = (set: Stopped) => set.config.getCurrentUser()?.token;

describe('IdentityWatchSets', () => {
  it("one watch set per identity, shared by its tabs; it reads with the token, never the kubeconfig's own", () => {
    const { sets, started } = registry();
    const first = sets.acquire('alice', alice, 'token-a');
    const second = sets.acquire('alice', alice, 'token-a');
    expect(first.ok && second.ok && first.cluster === second.cluster).toBe(true);
    expect(started).toHaveLength(1);
    expect(tokenOf(started[0]!)).toBe('token-a');
    expect(started[0]!.config.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
  });

  it("an identity's renewed token replaces the old one in its watch set, which keeps running", () => {
    const { sets, started } = registry();
    sets.acquire('alice', alice, 'token-a');
    sets.acquire('alice', alice, 'token-a2');
    expect(started).toHaveLength(1);
    expect(tokenOf(started[0]!)).toBe('token-a2');
  });

  it('the bound: one identity more than maxIdentities is refused with 503 and a message saying why', () => {
    const { sets } = registry({ idleMs: 60_000, maxIdentities: 1 });
    expect(sets.acquire('alice', alice, 'token-a').ok).toBe(true);
    const refused = sets.acquire('bob', bob, 'token-b');
    expect(refused).toMatchObject({ ok: false, status: 503 });
    expect(!refused.ok && refused.message).toContain('its limit (KUBE_NETMAP_MAX_IDENTITIES)');
    // An identity already served is not refused.
    expect(sets.acquire('alice', alice, 'token-a').ok).toBe(true);
  });

  it('a watch set unused for idleMs is stopped, and frees its place', () => {
    const { sets, started, advance } = registry({ idleMs: 60_000, maxIdentities: 1 });
    sets.acquire('alice', alice, 'token-a');
    advance(59_999);
    sets.sweep();
    expect(started[0]!.stopped).toBeUndefined();
    advance(1);
    expect(sets.acquire('bob', bob, 'token-b').ok).toBe(true);
    expect(started[0]!.stopped).toContain('watches stopped');
    expect(sets.size).toBe(1);
  });

  it('an open event stream keeps its watch set from going idle, until it closes', () => {
    const { sets, started, advance } = registry();
    const acquired = sets.acquire('alice', alice, 'token-a');
    const stream = new AbortController();
    if (acquired.ok) acquired.hold(stream.signal);
    advance(10 * 60_000);
    sets.sweep();
    expect(started[0]!.stopped).toBeUndefined();
    stream.abort();
    advance(59_999);
    sets.sweep();
    expect(started[0]!.stopped).toBeUndefined();
    advance(1);
    sets.sweep();
    expect(started[0]!.stopped).toBeDefined();
  });
});

// The upstream ClusterNetworkPolicy conformance suite (sigs.k8s.io/network-policy-api v0.3.0) run against the
// engine: every PokeServer of every standard test (and of the experimental named-port tests) must get explainFlow's
// verdict "allowed" where the suite expects the connection to succeed and "denied" where it expects it to fail, and
// the class engine (reachablePeers, connectivity) must say the same of that pod pair. See conformance/README.md.
import { describe, expect, it } from 'vitest';
import type { ClusterModel, Protocol } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { connectivity, type ConnectivityEntry, type ConnectivityReport } from '../reach/connectivity';
import { reachablePeers, type PeerConnection } from '../reach/reachable-peers';
import { CONFORMANCE_TESTS, inHouse, type Poke } from './conformance/cases';
import { ConformanceCluster } from './conformance/cluster';

interface PokeCase {
  test: string;
  step: string;
  poke: Poke;
  /** The mutations made so far in the test, in order. */
  mutations: string[];
  cluster: ConformanceCluster;
}

/** Walks each test's steps in order, applying its mutations, and keeps the cluster as it is at each poke. */
function pokeCases(): PokeCase[] {
  const cases: PokeCase[] = [];
  for (const { test, manifests, steps } of CONFORMANCE_TESTS) {
    let cluster = ConformanceCluster.load(manifests);
    const mutations: string[] = [];
    for (const { name, ops } of steps) {
      for (const op of ops) {
        if (op.type === 'mutate') {
          cluster = cluster.clone();
          op.apply(cluster);
          mutations.push(op.text);
        } else {
          cases.push({ test, step: name, poke: op, mutations: [...mutations], cluster });
        }
      }
    }
  }
  return cases;
}

const CASES = pokeCases();

// One model (and connectivity report) per cluster state: many pokes share one.
const models = new WeakMap<ConformanceCluster, { model: ClusterModel; warnings: string[]; report?: ConnectivityReport }>();
const modelOf = (cluster: ConformanceCluster) => {
  let entry = models.get(cluster);
  if (!entry) models.set(cluster, (entry = cluster.model()));
  return entry;
};

type Verdict = 'allowed' | 'denied' | 'unknown';

/** `house/pod` as the model names it. */
const split = (ref: string) => {
  const [house, name] = ref.split('/') as [string, string];
  return { namespace: inHouse(house), name };
};

/** explainFlow's verdict on the poke's connection. */
function explainPoke(model: ClusterModel, poke: Poke): string {
  const [client, server] = [split(poke.client), split(poke.server)];
  const request = { from: `pod/${client.namespace}/${client.name}`, to: `pod/${server.namespace}/${server.name}`, protocol: poke.protocol, port: poke.port };
  return explainFlow(model, request).verdict;
}

/** A reach list's verdict for one connection: listed and allowed, listed as unknown, or denied. */
function listedVerdict(peers: PeerConnection[], ref: string, protocol: Protocol, port: number): Verdict {
  const { namespace, name } = split(ref);
  const entry = peers.find((p) => p.peer.type === 'pod' && p.peer.namespace === namespace && p.peer.name === name);
  if (entry?.connections.allows(protocol, port)) return 'allowed';
  return entry?.unknown?.connections.allows(protocol, port) ? 'unknown' : 'denied';
}

/** The connectivity entry between the two pods' StatefulSets. */
function workloadEntry(report: ConnectivityReport, client: string, server: string): ConnectivityEntry | undefined {
  const [from, to] = [split(client), split(server)];
  const statefulSet = (pod: string) => pod.replace(/-\d+$/, '');
  const is = (endpoint: ConnectivityEntry['source'], ref: { namespace: string; name: string }) =>
    endpoint.type === 'workload' && endpoint.kind === 'StatefulSet' && endpoint.namespace === ref.namespace && endpoint.name === statefulSet(ref.name);
  return report.entries.find((e) => is(e.source, from) && is(e.destination, to));
}

describe('the network-policy-api v0.3.0 conformance suite', () => {
  it('ports every PokeServer of the tests it runs', () => {
    // 397 PokeServer calls upstream, less the 9 of the two node-peer tests (see "Ported, and skipped" in conformance/README.md).
    expect(CASES.length).toBe(388);
  });

  // A control: the verdicts above come from the policies, not from the cluster alone. Every test has a poke whose
  // verdict without its ClusterNetworkPolicies is not the expected one.
  it.each(CONFORMANCE_TESTS.map((t) => t.test))('%s: the policies decide some of its pokes', (test) => {
    const decided = CASES.filter((c) => c.test === test).some(({ poke, cluster }) => {
      return explainPoke(cluster.withoutClusterPolicies().model().model, poke) !== (poke.expected ? 'allowed' : 'denied');
    });
    expect(decided).toBe(true);
  });

  // Named in full (vitest shortens $-interpolated values): the Go test, its t.Run step, and the poke.
  const named = CASES.map((c) => [`${c.test} › ${c.step} › ${c.poke.client} → ${c.poke.server} ${c.poke.protocol}/${c.poke.port}`, c] as const);
  it.each(named)('%s', (_, { poke, cluster }) => {
    const entry = modelOf(cluster);
    expect(entry.warnings).toStrictEqual([]);
    const { model } = entry;
    const want: Verdict = poke.expected ? 'allowed' : 'denied';

    expect(explainPoke(model, poke)).toBe(want);

    // The class engine: what the client may reach, and what may reach the server.
    const egress = reachablePeers(model, split(poke.client)).egress;
    const ingress = reachablePeers(model, split(poke.server)).ingress;
    expect(listedVerdict(egress, poke.server, poke.protocol, poke.port)).toBe(want);
    expect(listedVerdict(ingress, poke.client, poke.protocol, poke.port)).toBe(want);

    // connectivity is per StatefulSet, the union over its pods: it must hold what is allowed, and lack what is
    // denied unless pods of the workloads differ (`partial`).
    entry.report ??= connectivity(model);
    const between = workloadEntry(entry.report, poke.client, poke.server);
    const listed = between?.connections.allows(poke.protocol, poke.port) ?? false;
    if (poke.expected) expect(listed).toBe(true);
    else if (!between?.partial) expect(listed).toBe(false);
  });
});

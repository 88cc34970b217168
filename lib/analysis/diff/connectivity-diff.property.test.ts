import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { formatIp, IpRangeSet, parseCidr, type IpRange } from '../net/cidr';
import { connectivity, connectivityEndpointKey, type ConnectivityEndpoint, type ConnectivityEntry, type ConnectivityReport } from '../reach/connectivity';
import { calicoPolicy } from '../testing/plugin-builders';
import { prng } from '../testing/prng';
import { CANDIDATE_POLICIES, clusterOf, randomPods } from '../testing/random-cluster';
import { diffConnectivity, type ConnectivityDiff, type DiffEntry, type DiffKind } from './connectivity-diff';

// Properties of the diff over random pairs of models (the random cluster of the reach tests, each side with its
// own subset of the candidate policies, a workload dropped from the head, a Calico policy the engine does not
// evaluate on either side): a model against itself has no difference; every pair's difference is what the two
// reports say of it, address by address; and base and head swapped swap added and removed.

const SETTINGS = { seed: 20_260_611, numRuns: 100 };
const TIMEOUT_MS = 30_000;

const unevaluated = calicoPolicy('a/api-l7', { selector: "app == 'api'" });
const indices = [...CANDIDATE_POLICIES.keys()];
const side = fc.record({ policies: fc.subarray(indices), unevaluated: fc.boolean() });
const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 0x7fffffff }),
  base: side,
  head: side,
  dropped: fc.option(fc.constantFrom('web', 'api', 'db', 'job'), { nil: undefined }),
});

type Side = { policies: number[]; unevaluated: boolean };

function build(pods: Pod[], s: Side): ClusterModel {
  return clusterOf(
    pods,
    s.policies.map((i) => CANDIDATE_POLICIES[i]!),
    { caliconetworkpolicies: s.unevaluated ? [unevaluated] : [] },
  );
}

function models({ seed, base, head, dropped }: typeof scenario extends fc.Arbitrary<infer T> ? T : never) {
  const pods = randomPods(prng(seed));
  return { base: build(pods, base), head: build(dropped ? pods.filter((p) => p.meta.labels.app !== dropped) : pods, head) };
}

/** An entry's state as text: what the diff compares, written out independently of it. */
const state = (e: Pick<ConnectivityEntry, 'connections' | 'partial' | 'unknown'> | undefined) =>
  e ? `${e.connections.toString()}|${e.partial ? 'partial' : 'all pairs'}|${e.unknown ? e.unknown.connections.toString() : 'known'}` : 'none';

/** What the kind must be, from the two reports alone. */
function expectedKind(base: ConnectivityReport, head: ConnectivityReport, b: ConnectivityEntry | undefined, h: ConnectivityEntry | undefined): DiffKind {
  if (base.unknown || head.unknown || b?.unknown || h?.unknown) return 'unknown';
  return !b ? 'added' : !h ? 'removed' : 'changed';
}

const parsed = new WeakMap<ConnectivityEndpoint, IpRangeSet>();
function addresses(endpoint: ConnectivityEndpoint): IpRangeSet {
  let set = parsed.get(endpoint);
  if (!set) {
    set = IpRangeSet.fromRanges(endpoint.type === 'ipRange' ? endpoint.cidrs.map(parseCidr).filter((r): r is IpRange => r !== undefined) : []);
    parsed.set(endpoint, set);
  }
  return set;
}

type Ends = { source: ConnectivityEndpoint; destination: ConnectivityEndpoint };

const workloadKey = (entry: Ends) =>
  `${entry.source.type === 'workload' ? `${connectivityEndpointKey(entry.source)}>` : '>'}${entry.destination.type === 'workload' ? connectivityEndpointKey(entry.destination) : ''}`;

/** A lookup of a list's entries for the pair of a workload and an address (or of two workloads). */
function lookup<E extends Ends>(list: E[]): (key: string, ip?: string) => E[] {
  const byKey = new Map<string, E[]>();
  for (const e of list) byKey.set(workloadKey(e), [...(byKey.get(workloadKey(e)) ?? []), e]);
  return (key, ip) =>
    (byKey.get(key) ?? []).filter((e) => ip === undefined || addresses(e.source.type === 'ipRange' ? e.source : e.destination).contains(ip));
}

/** Every pair either report has, as (workload key, probe address): the ends of every range either lists. */
function probes(base: ConnectivityReport, head: ConnectivityReport): { key: string; ip?: string }[] {
  const out = new Map<string, { key: string; ip?: string }>();
  for (const e of [...base.entries, ...head.entries]) {
    const key = workloadKey(e);
    const range = e.source.type === 'ipRange' ? e.source : e.destination.type === 'ipRange' ? e.destination : undefined;
    if (!range) {
      out.set(key, { key });
      continue;
    }
    for (const r of addresses(range).ranges()) {
      for (const ip of [formatIp(r.family, r.start), formatIp(r.family, r.end)]) out.set(`${key} ${ip}`, { key, ip });
    }
  }
  return [...out.values()];
}

const isEmpty = (d: ConnectivityDiff) => d.entries.length === 0 && d.workloads.added.length === 0 && d.workloads.removed.length === 0;

describe('property: the connectivity diff', () => {
  it('of a model against itself, or against a copy with its lists in reverse order, is empty', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { base } = models(s);
        const reversed: ClusterModel = {
          ...base,
          resources: { ...base.resources, pods: [...base.resources.pods].reverse(), networkpolicies: [...base.resources.networkpolicies].reverse() },
        };
        const report = connectivity(base);
        expect(isEmpty(diffConnectivity(report, report))).toBe(true);
        expect(isEmpty(diffConnectivity(report, connectivity(reversed)))).toBe(true);
      }),
      SETTINGS,
    );
  }, TIMEOUT_MS);

  it('reports a pair exactly when the two reports differ on it, address by address, with the kind and sides they say', () => {
    // What the runs covered, so that the property cannot hold vacuously.
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (s) => {
        const { base: b, head: h } = models(s);
        const [base, head] = [connectivity(b), connectivity(h)];
        const diff = diffConnectivity(base, head);
        const [inBase, inHead, inDiff] = [lookup(base.entries), lookup(head.entries), lookup(diff.entries)];
        for (const { key, ip } of probes(base, head)) {
          const [before] = inBase(key, ip);
          const [after] = inHead(key, ip);
          const found = inDiff(key, ip);
          const where = `${key} ${ip ?? ''}`;
          if (state(before) === state(after)) {
            expect(found, where).toEqual([]);
            continue;
          }
          expect(found, where).toHaveLength(1);
          const entry = found[0] as DiffEntry;
          expect(entry.kind, where).toBe(expectedKind(base, head, before, after));
          expect(state(entry.base), where).toBe(state(before));
          expect(state(entry.head), where).toBe(state(after));
          expect(entry.base?.policies ?? [], where).toEqual(before?.policies ?? []);
          expect(entry.head?.policies ?? [], where).toEqual(after?.policies ?? []);
          if (entry.kind === 'changed') expect(`${entry.gained?.toString()} ${entry.lost?.toString()}`).toBe(
            `${after!.connections.subtract(before!.connections).toString()} ${before!.connections.subtract(after!.connections).toString()}`,
          );
        }
        // Nothing else: every entry is some probe's, sorted as connectivity sorts, each pair once.
        const keys = diff.entries.map((e) => `${connectivityEndpointKey(e.source)}\u0000${connectivityEndpointKey(e.destination)}`);
        expect(keys).toEqual([...keys].sort(byCodeUnits));
        expect(new Set(keys).size).toBe(keys.length);
        expect(Object.values(diff.counts).reduce((a, n) => a + n, 0)).toBe(diff.entries.length);
        for (const e of diff.entries) seen.add(`${e.kind} ${e.source.type === 'ipRange' || e.destination.type === 'ipRange' ? 'range' : 'workloads'}`);
      }),
      SETTINGS,
    );
    expect([...seen].sort()).toEqual([
      'added range', 'added workloads', 'changed range', 'changed workloads', 'removed range', 'removed workloads', 'unknown range', 'unknown workloads',
    ]);
  }, TIMEOUT_MS);

  it('with base and head swapped has the same pairs, added and removed swapped', () => {
    const swap: Record<DiffKind, DiffKind> = { added: 'removed', removed: 'added', changed: 'changed', unknown: 'unknown' };
    const line = (e: DiffEntry, kind = e.kind) => `${kind} ${connectivityEndpointKey(e.source)} ${connectivityEndpointKey(e.destination)}`;
    fc.assert(
      fc.property(scenario, (s) => {
        const { base, head } = models(s);
        const [forward, backward] = [diffConnectivity(connectivity(base), connectivity(head)), diffConnectivity(connectivity(head), connectivity(base))];
        expect(backward.entries.map((e) => line(e, swap[e.kind]))).toEqual(forward.entries.map((e) => line(e)));
        expect(backward.workloads).toEqual({ added: forward.workloads.removed, removed: forward.workloads.added });
      }),
      SETTINGS,
    );
  }, TIMEOUT_MS);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, NetworkPolicy, Pod } from '@/lib/model';
import { applyChanges, type ModelChange } from '@/lib/model/changes';
import { ipBlock, networkPolicy, peer, policyEgress } from '../testing/builders';
import { randomCluster } from '../testing/random-cluster';
import { connectivity } from './connectivity';
import { podEquivalence } from './equivalence';
import { forgetLatestReach, reachIndex } from './reach-index';
import { reachablePeers, type ReachablePeers } from './reachable-peers';

// Property (issue 13): a model that differs from the previous one by a few pods takes its equivalence classes,
// class-level sides and reach candidates over (rebase-equivalence.ts). For random clusters and random small edits
// (pods added beside others, deleted, restarted with a new IP, made unready, relabelled, moved to another node, the
// host-network pod changed), after the previous model's answers have filled its sides, every pod's reachablePeers
// and the connectivity report on the edited model are exactly a fresh computation's.

type Edit =
  | { op: 'clone'; pod: number; ip: number }
  | { op: 'delete'; pod: number }
  | { op: 'new-ip'; pod: number; ip: number }
  | { op: 'unready'; pod: number }
  | { op: 'relabel'; pod: number }
  | { op: 'move'; pod: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('clone' as const), pod: fc.nat(), ip: fc.nat(255) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pod: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('new-ip' as const), pod: fc.nat(), ip: fc.nat(255) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('unready' as const), pod: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('relabel' as const), pod: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), pod: fc.nat() }), weight: 1 },
);

/** The edits as watch events on the model's pods (an edit of a pod an earlier edit deleted does nothing). */
function changesOf(m: ClusterModel, edits: Edit[]): ModelChange[] {
  const pods = m.resources.pods;
  return edits.map((e, n): ModelChange => {
    const p = pods[e.pod % pods.length]!;
    const ip = (last: number) => [`10.0.${last % 2}.${100 + (last % 150)}`];
    switch (e.op) {
      case 'clone':
        return { op: 'upsert', kind: 'pods', object: { ...p, meta: { ...p.meta, uid: `clone-${n}`, name: `${p.meta.name}-c${n}` }, podIPs: p.hostNetwork ? p.podIPs : ip(e.ip) } };
      case 'delete':
        return { op: 'delete', kind: 'pods', uid: p.meta.uid };
      case 'new-ip':
        return { op: 'upsert', kind: 'pods', object: { ...p, podIPs: p.hostNetwork ? p.podIPs : ip(e.ip) } };
      case 'unready':
        return { op: 'upsert', kind: 'pods', object: { ...p, ready: !p.ready } };
      case 'relabel':
        return { op: 'upsert', kind: 'pods', object: { ...p, meta: { ...p.meta, labels: { ...p.meta.labels, canary: p.meta.labels.canary ? 'no' : 'true' } } } };
      case 'move':
        return { op: 'upsert', kind: 'pods', object: { ...p, nodeName: p.nodeName === 'n1' ? 'n2' : 'n1' } };
    }
  });
}

const ref = (p: Pod) => ({ namespace: p.meta.namespace ?? '', name: p.meta.name });
const answers = (m: ClusterModel) => m.resources.pods.map((p) => reachablePeers(m, ref(p)));

/** A from × to grid of the pod peers each answer lists on egress: A allowed, ? unknown, . neither. */
function grid(m: ClusterModel, all: ReachablePeers[]): string {
  const names = m.resources.pods.map((p) => `${p.meta.namespace}/${p.meta.name}`);
  const rows = all.map((r, i) => {
    const cells = names.map((to) => {
      const peer = r.egress.find((c) => c.peer.type === 'pod' && `${c.peer.namespace}/${c.peer.name}` === to);
      return !peer ? '.' : peer.connections.isEmpty() ? '?' : 'A';
    });
    return `${names[i]!.padEnd(14)} ${cells.join('')}`;
  });
  return [`${''.padEnd(14)} to: ${names.join(' ')}`, ...rows].join('\n');
}

describe('a model rebased on the previous one answers as a fresh build does', () => {
  it('for random clusters and random small edits of their pods', () => {
    let rebased = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
        forgetLatestReach();
        const before = randomCluster(seed);
        // The previous model's answers fill its class-level sides: those are what a rebased model takes over.
        answers(before);
        reachIndex(before).pairs.prepare();
        const after = applyChanges(before, changesOf(before, edits));
        const reused = answers(after);
        const reusedReport = connectivity(after);
        if (podEquivalence(after).sides === podEquivalence(before).sides) rebased += 1;
        forgetLatestReach();
        const fresh: ClusterModel = { ...after, resources: { ...after.resources } };
        const want = answers(fresh);
        if (JSON.stringify(reused) !== JSON.stringify(want)) {
          throw new Error(`reachablePeers differ after ${JSON.stringify(edits)}\nrebased:\n${grid(after, reused)}\nfresh:\n${grid(fresh, want)}`);
        }
        expect(JSON.stringify(reusedReport)).toBe(JSON.stringify(connectivity(fresh)));
      }),
      { numRuns: 120, seed: 13 },
    );
    // The property means something only if most edits were rebased rather than built afresh.
    expect(rebased).toBeGreaterThan(40);
  }, 120_000);
});

describe('rebaseEquivalence: when a model takes the previous one over', () => {
  const base = randomCluster(3);
  const first = base.resources.pods[0]!;
  const host = base.resources.pods.find((p) => p.hostNetwork)!;
  it.each<{ name: string; change: (m: ClusterModel) => ClusterModel; rebased: boolean; policies?: NetworkPolicy[] }>([
    { name: 'a pod made unready (a new object, the same key)', change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'pods', object: { ...first, ready: false } }]), rebased: true },
    {
      name: 'a pod added beside one of its class',
      change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'pods', object: { ...first, meta: { ...first.meta, uid: 'twin', name: 'twin' }, podIPs: [first.podIPs[0]!.replace(/\.\d+$/, '.200')] } }]),
      rebased: true,
    },
    { name: 'nothing but a copy of the model', change: (m) => ({ ...m }), rebased: true },
    { name: 'a pod with labels no class has', change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'pods', object: { ...first, meta: { ...first.meta, labels: { app: 'new' } } } }]), rebased: false },
    { name: "a class's only pod deleted", change: (m) => applyChanges(m, [{ op: 'delete', kind: 'pods', uid: host.meta.uid }]), rebased: false },
    { name: 'the host-network pod changed', change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'pods', object: { ...host, ready: false } }]), rebased: false },
    { name: 'a policy added', change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'networkpolicies', object: networkPolicy('a/new', { policyTypes: ['Ingress'] }) }]), rebased: false },
    {
      // An ipBlock of two addresses, one a pod's: the other is an outside range; a pod of the same class (the same
      // ipBlocks hold it) that takes it leaves no outside address there.
      name: 'the outside ranges moved: a twin took the last outside address of an ipBlock',
      change: (m) => applyChanges(m, [{ op: 'upsert', kind: 'pods', object: { ...first, meta: { ...first.meta, uid: 'twin', name: 'twin' }, podIPs: ['10.0.0.0'] } }]),
      rebased: false,
      policies: [networkPolicy('a/two', { egress: [policyEgress({ to: [peer({ ipBlock: ipBlock('10.0.0.0/31') })] })] })],
    },
  ])('$name: rebased $rebased', ({ change, rebased, policies }) => {
    forgetLatestReach();
    const before = policies ? applyChanges(base, policies.map((object) => ({ op: 'upsert', kind: 'networkpolicies', object }))) : { ...base };
    const sides = podEquivalence(before).sides;
    const after = change(before);
    expect(podEquivalence(after).sides === sides).toBe(rebased);
    const reused = answers(after);
    forgetLatestReach();
    expect(JSON.stringify(reused)).toBe(JSON.stringify(answers({ ...after })));
  });
});

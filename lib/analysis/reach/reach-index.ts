// What reachablePeers reads of a model besides the pod's own classes' sides, built once per model (models are
// immutable) and kept with it: the equivalence classes, every class's candidates in both directions turned around
// (PairCandidates), the Services' backends by class, the order the lists are sorted in, and the pods by node. With
// it, an answer costs the pod's possible peers, not the cluster. Pure; no I/O.
//
// Building it does every rule's matching against every class, which is most of a first answer's cost on a large
// model; the first answer on each model pays for it (prepareReach builds it ahead, as the bench does to time it
// apart). A server that built it whenever a model settled would block its event loop for seconds at 50,000 pods,
// delaying every watch event and SSE client meanwhile: keeping the index up to date change by change is the way.

import type { ClusterModel, Pod } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';
import { externalRanges, forgetLatestEquivalence, podEquivalence, type ExternalRange, type PodEquivalence } from './equivalence';
import { PairCandidates } from './pair-candidates';
import { serviceTargets, type ServiceTargets } from './service-targets';

export interface ReachIndex {
  equivalence: PodEquivalence;
  pairs: PairCandidates;
  services: ServiceTargets;
  /** Each pod's place in the order pod peers are listed in: by `namespace/name`, code unit by code unit. */
  podOrder: Map<Pod, number>;
  /** The pods of each node, by its name: those the own-node exception may concern. */
  podsByNode: Map<string, Pod[]>;
  /** The number of each external range (in the equivalence's externalRanges) by the address that starts it. */
  classRanges: Map<string, number>;
  /** The external ranges with each of a pod's own node addresses made a range of its own (see externalRanges), once per set of addresses. */
  rangesAround(ownNode: readonly string[]): ExternalRange[];
}

const cache = new WeakMap<ClusterModel, ReachIndex>();

/** The last index built: a model whose equivalence was rebased on its equivalence (same sides) takes its candidates over. */
let latest: ReachIndex | undefined;

/** The model's reach index, built on first use (its candidates turned around only when first read: see prepareReach). */
export function reachIndex(model: ClusterModel): ReachIndex {
  const cached = cache.get(model);
  if (cached) return cached;
  const equivalence = podEquivalence(model);
  const pods = model.resources.pods;
  const keys = pods.map((pod) => `${pod.meta.namespace ?? ''}/${pod.meta.name}`);
  const sorted = pods.map((_, i) => i).sort((a, b) => byCodeUnits(keys[a]!, keys[b]!));
  const podOrder = new Map<Pod, number>();
  sorted.forEach((i, rank) => podOrder.set(pods[i]!, rank));
  const podsByNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!pod.nodeName) continue;
    const list = podsByNode.get(pod.nodeName);
    if (list) list.push(pod);
    else podsByNode.set(pod.nodeName, [pod]);
  }
  // A node's pods share their own node addresses: the ranges around them are cut once per node.
  const rangesByNode = new Map<string, ExternalRange[]>();
  const index: ReachIndex = {
    equivalence,
    // The candidates are class-level: they stand for a model whose classes and sides are the previous one's.
    pairs: latest?.equivalence.sides === equivalence.sides ? latest.pairs : new PairCandidates(equivalence),
    services: serviceTargets(model, equivalence.classes, equivalence.classOf),
    podOrder,
    podsByNode,
    classRanges: new Map(equivalence.externalRanges.map(({ ip }, i) => [ip, i])),
    rangesAround: (ownNode) => {
      const key = ownNode.join(',');
      let ranges = rangesByNode.get(key);
      if (!ranges) rangesByNode.set(key, (ranges = externalRanges(equivalence, ownNode)));
      return ranges;
    },
  };
  cache.set(model, index);
  latest = index;
  return index;
}

/**
 * Builds everything reachablePeers reads of the model but the pod's own sides, so that the first answer after a
 * change costs what the later ones do. Idempotent and cached with the model; a server calls it off the request
 * path when the model changes.
 */
export function prepareReach(model: ClusterModel): void {
  reachIndex(model).pairs.prepare();
}

/** Forgets what the next model could take over (see forgetLatestEquivalence): for cold benchmarks and tests. */
export function forgetLatestReach(): void {
  latest = undefined;
  forgetLatestEquivalence();
}

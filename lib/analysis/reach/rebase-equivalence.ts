// A model that differs from the previous one by a few pods (a live change: a pod restarted, scaled, became ready)
// takes the previous model's equivalence classes over, and with them every class-level side computed so far and the
// reach index's candidates (reach-index.ts), instead of building them again: at 50,000 pods that build takes seconds
// and the first click after every change would pay for it. Pure; no I/O.
//
// It is sound because everything class-level depends only on what the classes' keys hold (see equivalence.ts: two
// pods with one key are alike to every policy) and on the policies, namespaces and nodes: when those are the very
// same objects, and every pod of the new model has the key of a class of the old one, the classes, their order, and
// the sides between them are what a fresh build would make. It gives up (undefined: build afresh) at anything else:
// a policy, namespace or node changed; a pod with a key no class has (a new class); a class left without pods, or
// classes whose first pods come in another order (class ids are by first pod); a host-network pod's object changed
// (its class is the pod itself); the address ranges outside the pods moved (pod addresses cut them).

import type { ClusterModel, Pod, ResourceKind } from '@/lib/model';
import { indexModel, type ModelIndex } from '../model-index';
import type { Family } from '../net/ip-partition';
import type { EquivalenceClass, ExternalRange, PodEquivalence } from './equivalence';

/** What a built equivalence keeps for the next model. */
export interface EquivalenceReuse {
  byKey: ReadonlyMap<string, EquivalenceClass>;
  /** A pod's class key, as the build computes it (with the pod's model's index). */
  keyOf(pod: Pod, index: ModelIndex): string;
  /** A non-host-network class's representative made from its first pod. */
  representativeOf(pod: Pod): Pod;
  podAddresses(index: ModelIndex): Record<Family, bigint[]>;
  ranges(podAddresses: Record<Family, bigint[]>): ExternalRange[];
}

/** The kinds class keys and class-level sides read besides pods: they must be the very same lists. */
const CLASS_INPUTS = [
  'namespaces',
  'nodes',
  'networkpolicies',
  'clusternetworkpolicies',
  'adminnetworkpolicies',
  'baselineadminnetworkpolicies',
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
] as const satisfies readonly ResourceKind[];

/** The model's equivalence made from the previous model's, or undefined when a fresh build is needed. */
export function rebaseEquivalence(model: ClusterModel, previousModel: ClusterModel, previous: PodEquivalence): PodEquivalence | undefined {
  if (CLASS_INPUTS.some((kind) => model.resources[kind] !== previousModel.resources[kind])) return undefined;
  const { reuse, classOf: previousClassOf, classes: previousClasses } = previous;
  const index = indexModel(model);
  const members: Pod[][] = new Array(previousClasses.length);
  let seen = 0;
  for (const pod of model.resources.pods) {
    // A pod object of the previous model has the key it had: nothing its key reads has changed.
    const c = previousClassOf.get(pod) ?? reuse.byKey.get(reuse.keyOf(pod, index));
    if (!c) return undefined;
    let list = members[c.id];
    if (!list) {
      // The classes must come in the order of their first pods, as a build numbers them.
      if (c.id !== seen) return undefined;
      seen += 1;
      members[c.id] = list = [];
    }
    list.push(pod);
  }
  if (seen !== previousClasses.length) return undefined;
  const classes: EquivalenceClass[] = [];
  for (const old of previousClasses) {
    const pods = members[old.id]!;
    const first = pods[0]!;
    let representative = old.representative;
    if (old.hostNetwork) {
      if (first !== old.pods[0]) return undefined;
    } else if (first !== old.pods[0]) representative = reuse.representativeOf(first);
    classes.push({ ...old, pods, representative });
  }
  // The ranges outside the pods are cut around the pods' addresses: the class-level sides against them stand only if
  // they are the same ranges.
  let podAddresses = previous.podAddresses;
  if (!sameKeys(index.podByIP, previous.index.podByIP)) {
    podAddresses = reuse.podAddresses(index);
    if (!sameRanges(reuse.ranges(podAddresses), previous.externalRanges)) return undefined;
  }
  const classOf = new Map<Pod, EquivalenceClass>();
  for (const c of classes) for (const pod of c.pods) classOf.set(pod, c);
  return { ...previous, index, classes, classOf, podAddresses };
}

function sameRanges(a: readonly ExternalRange[], b: readonly ExternalRange[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i]!;
      return r.ip === o.ip && r.range.family === o.range.family && r.range.start === o.range.start && r.range.end === o.range.end;
    })
  );
}

/** Whether the maps have the same keys (the pods' own addresses: the same, the ranges around them are too). */
function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

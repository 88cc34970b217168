// What `reach` answers for: a pod, or a workload, whose pods each get their answer (one in manifests, its
// representative pod; as many as run in a cluster, and replicas may differ: each is its own peer's).
import type { ClusterModel } from '@/lib/model';
import { flowInputErrors } from '../errors';
import { indexModel } from '../model-index';
import { reachablePeers, type ReachablePeers } from '../reach/reachable-peers';
import { parseFlowTarget } from './targets';
import { findPod, podsOfWorkload } from './workload-pods';

export type ReachTarget = { kind: 'pod'; namespace: string; name: string } | { kind: 'workload'; workloadKind: string; namespace: string; name: string };

/** The answer for a workload: which it is, and the answer for each of its pods. */
export interface WorkloadReach {
  workload: { kind: string; namespace: string; name: string };
  pods: ReachablePeers[];
}

/** Reads `pod/NS/NAME`, `NS/NAME`, `deploy/NS/NAME` (and the other workload names) or `NS/Kind/NAME`. */
export function parseReachTarget(text: string): ReachTarget {
  const target = parseFlowTarget(text);
  if ('error' in target) throw flowInputErrors.targetUnreadable(target.error);
  if (target.kind !== 'pod' && target.kind !== 'workload') {
    throw flowInputErrors.targetUnreadable(`reach answers for a pod or a workload, not "${text}"`);
  }
  return target;
}

/** A pod's reach, or a workload's: the reach of each of its pods. Throws FlowInputError when there is no such pod. */
export function reachOf(model: ClusterModel, target: ReachTarget): ReachablePeers | WorkloadReach {
  const index = indexModel(model);
  if (target.kind === 'pod') {
    const pod = findPod(index, target.namespace, target.name);
    return reachablePeers(model, { namespace: target.namespace, name: pod.meta.name });
  }
  const pods = podsOfWorkload(index, target);
  return {
    workload: { kind: target.workloadKind, namespace: target.namespace, name: target.name },
    pods: pods.map((pod) => reachablePeers(model, { namespace: target.namespace, name: pod.meta.name })),
  };
}

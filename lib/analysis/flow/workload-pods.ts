// A workload as a person names it (a Deployment, a StatefulSet, ...) stands for its pods: in a live cluster the
// pods its controllers made, in manifests its representative pod. Both carry the workload in `pod.workload`.
import type { Pod } from '@/lib/model';
import { flowInputErrors } from '../errors';
import { objectKey, type ModelIndex } from '../model-index';

export interface WorkloadRef {
  workloadKind: string;
  namespace: string;
  name: string;
}

/** The pods of a workload, in model order; throws FlowInputError when the model holds none. */
export function podsOfWorkload(index: ModelIndex, ref: WorkloadRef): Pod[] {
  const pods = (index.podsByNamespace.get(ref.namespace) ?? []).filter((p) => p.workload.kind === ref.workloadKind && p.workload.name === ref.name);
  if (pods.length === 0) throw flowInputErrors.workloadNotFound(ref.workloadKind, ref.namespace, ref.name);
  return pods;
}

/**
 * A pod by name; when there is none, the error names the workload of that name, if there is one: manifests hold a
 * Deployment `api` as pod `api-template`, and a person asks for `pod/shop/api`.
 */
export function findPod(index: ModelIndex, namespace: string, name: string): Pod {
  const pod = index.podByName.get(objectKey(namespace, name));
  if (pod) return pod;
  const workload = (index.podsByNamespace.get(namespace) ?? []).find((p) => p.workload.name === name && p.workload.kind !== 'Pod')?.workload;
  throw flowInputErrors.podNotFound(namespace, name, workload && `${namespace}/${workload.kind}/${name}`);
}

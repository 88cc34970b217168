// A draft laid over a model: "what if these objects were applied, and these deleted?". The base model is never
// changed; the result is a new model built with applyChanges, so kinds the draft does not touch keep their identity.
// Pure.

import { applyChanges, type ModelChange } from './changes';
import { RESOURCE_KINDS, type AnyResource, type ClusterModel, type OwnerRef, type Pod, type ResourceKind } from './types';

/** An object of the model by kind, namespace (absent for cluster-scoped kinds) and name. */
export interface ObjectKey {
  kind: ResourceKind;
  namespace?: string;
  name: string;
}

export interface ModelOverlay {
  /**
   * The draft's objects, as the manifests source reads them: a workload (a Deployment, say) is one representative
   * pod, and the model also holds the namespaces its objects use without declaring them.
   */
  objects: ClusterModel;
  /** The namespaces the draft declares. The others of `objects` are added only where the base lacks them. */
  declaredNamespaces: ReadonlySet<string>;
  /** Objects of the base to remove. */
  deleted: readonly ObjectKey[];
}

/** What the overlay did to one object of the base (or for a workload, to its pods). */
export interface OverlayEffect {
  op: 'added' | 'replaced' | 'deleted' | 'not-found';
  kind: ResourceKind;
  namespace?: string;
  name: string;
  /** For a workload's representative pod: the workload, and how many pods of the base it stands in for. */
  workload?: { owner: OwnerRef; replacedPods: number };
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;
const workloadKey = (pod: Pod) => `${pod.meta.namespace ?? ''}/${pod.workload.kind}/${pod.workload.name}`;

/**
 * The base with the overlay applied. Deletions come first, then the draft's objects: an object with the same kind,
 * namespace and name as one of the base replaces it, others are added. A workload's representative pod replaces
 * every pod of the base that belongs to the same workload (as applying the workload would roll them). A namespace
 * the draft only uses is added where the base lacks it and never replaces the base's own, whose labels the
 * policies select on. Sync states are the base's: the draft makes no data more or less complete.
 */
export function overlayModel(base: ClusterModel, overlay: ModelOverlay): { model: ClusterModel; effects: OverlayEffect[] } {
  const changes: ModelChange[] = [];
  const effects: OverlayEffect[] = [];
  const byName = new Map<ResourceKind, Map<string, AnyResource>>();
  const index = (kind: ResourceKind) => {
    let objects = byName.get(kind);
    if (!objects) {
      objects = new Map(base.resources[kind].map((o: AnyResource) => [keyOf(o.meta.namespace, o.meta.name), o]));
      byName.set(kind, objects);
    }
    return objects;
  };
  const remove = (kind: ResourceKind, object: AnyResource) => {
    changes.push({ op: 'delete', kind, uid: object.meta.uid });
    index(kind).delete(keyOf(object.meta.namespace, object.meta.name));
  };
  const ref = (kind: ResourceKind, namespace: string | undefined, name: string) => ({ kind, ...(namespace !== undefined ? { namespace } : {}), name });

  for (const { kind, namespace, name } of overlay.deleted) {
    const existing = index(kind).get(keyOf(namespace, name));
    if (existing) remove(kind, existing);
    effects.push({ op: existing ? 'deleted' : 'not-found', ...ref(kind, namespace, name) });
  }

  const basePodsOfWorkload = new Map<string, Pod[]>();
  for (const pod of base.resources.pods) {
    const pods = basePodsOfWorkload.get(workloadKey(pod));
    if (pods) pods.push(pod);
    else basePodsOfWorkload.set(workloadKey(pod), [pod]);
  }
  for (const kind of RESOURCE_KINDS) {
    for (const object of overlay.objects.resources[kind] as AnyResource[]) {
      const { namespace, name } = object.meta;
      const existing = index(kind).get(keyOf(namespace, name));
      if (kind === 'namespaces' && existing && !overlay.declaredNamespaces.has(name)) continue;
      const effect: OverlayEffect = { op: existing ? 'replaced' : 'added', ...ref(kind, namespace, name) };
      if (existing) remove(kind, existing);
      const pod = kind === 'pods' ? (object as Pod) : undefined;
      if (pod && pod.workload.kind !== 'Pod') {
        // Pods already removed (a deletion mark, or a pod of the same name) are not removed twice.
        const replaced = (basePodsOfWorkload.get(workloadKey(pod)) ?? []).filter((p) => index('pods').get(keyOf(p.meta.namespace, p.meta.name)) === p);
        for (const p of replaced) remove('pods', p);
        effect.op = replaced.length > 0 || existing ? 'replaced' : 'added';
        effect.workload = { owner: pod.workload, replacedPods: replaced.length + (existing ? 1 : 0) };
      }
      changes.push({ op: 'upsert', kind, object } as ModelChange);
      effects.push(effect);
    }
  }
  return { model: applyChanges(base, changes), effects };
}

import type { ClusterModel, ResourceKind, ResourceTypes, SyncState } from './types';
import { RESOURCE_KINDS } from './types';

/**
 * One change to the model. Watch events, relists and sync-state moves all become one of these. Only the changes
 * that carry objects are tied to their kind: a delete or a sync for any kind is one type, which keeps a change built
 * for a kind not known until run time assignable (TypeScript compares such a union member by member only up to 25).
 */
export type ModelChange =
  | {
      [K in ResourceKind]: { op: 'upsert'; kind: K; object: ResourceTypes[K] } | { op: 'replace'; kind: K; objects: ResourceTypes[K][] };
    }[ResourceKind]
  | { op: 'delete'; kind: ResourceKind; uid: string }
  | { op: 'sync'; kind: ResourceKind; state: SyncState }
  /** The API groups the cluster serves now (ClusterModel.servedGroups), as discovery found them. */
  | { op: 'served-groups'; groups: string[] };

/** A change as published to clients: numbered without gaps, so a client can tell when it missed one. */
export type SequencedChange = ModelChange & { seq: number };

export function emptyModel(initial: SyncState = { status: 'syncing' }): ClusterModel {
  const resources = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, []])) as unknown as ClusterModel['resources'];
  const sync = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, initial])) as ClusterModel['sync'];
  return { resources, sync };
}

/**
 * Applies changes in order and returns a new model; the input is never mutated, and kinds no change touches keep
 * their identity. Objects are keyed by uid, so a delete of an object that was recreated under the same name cannot
 * remove the new one. The rules are tolerant of events that arrive out of the usual order: an upsert of an unknown
 * object adds it, an upsert of a known one replaces it, and a delete of an unknown object does nothing.
 */
export function applyChanges(model: ClusterModel, changes: readonly ModelChange[]): ClusterModel {
  if (changes.length === 0) return model;
  const touched = new Map<ResourceKind, Map<string, ResourceTypes[ResourceKind]>>();
  const indexOf = (kind: ResourceKind) => {
    let index = touched.get(kind);
    if (!index) {
      index = new Map(model.resources[kind].map((o) => [o.meta.uid, o]));
      touched.set(kind, index);
    }
    return index;
  };
  let sync = model.sync;
  let servedGroups = model.servedGroups;
  for (const change of changes) {
    switch (change.op) {
      case 'upsert':
        indexOf(change.kind).set(change.object.meta.uid, change.object);
        break;
      case 'delete':
        indexOf(change.kind).delete(change.uid);
        break;
      case 'replace':
        touched.set(change.kind, new Map(change.objects.map((o) => [o.meta.uid, o])));
        break;
      case 'sync':
        sync = { ...sync, [change.kind]: change.state };
        break;
      case 'served-groups':
        servedGroups = change.groups;
        break;
    }
  }
  if (touched.size === 0 && sync === model.sync && servedGroups === model.servedGroups) return model;
  const resources = touched.size === 0 ? model.resources : { ...model.resources };
  for (const [kind, index] of touched) {
    (resources as Record<ResourceKind, unknown[]>)[kind] = [...index.values()];
  }
  return { ...model, resources, sync, ...(servedGroups ? { servedGroups } : {}) };
}

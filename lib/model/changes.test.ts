import { describe, expect, it } from 'vitest';
import { applyChanges, emptyModel, type ModelChange } from '@/lib/model/changes';
import type { ClusterModel, Namespace, ObjectMeta, Pod, ResourceKind, Service, SyncState } from '@/lib/model/types';
import { RESOURCE_KINDS } from '@/lib/model/types';

const meta = (uid: string, name: string, resourceVersion: string, namespace?: string): ObjectMeta => ({
  uid,
  name,
  ...(namespace ? { namespace } : {}),
  labels: {},
  resourceVersion,
});

const pod = (uid: string, name: string, resourceVersion = '1'): Pod => ({
  meta: meta(uid, name, resourceVersion, 'default'),
  workload: { kind: 'Pod', name },
  hostNetwork: false,
  phase: 'Running',
  ready: true,
  podIPs: [],
  containers: [],
});

const service = (uid: string, name: string, resourceVersion = '1'): Service => ({
  meta: meta(uid, name, resourceVersion, 'default'),
  type: 'ClusterIP',
  ports: [],
  clusterIPs: [],
  ipFamilies: [],
  externalIPs: [],
  sessionAffinity: 'None',
  publishNotReadyAddresses: false,
  loadBalancerIngress: [],
});

const namespace = (uid: string, name: string, resourceVersion = '1'): Namespace => ({
  meta: meta(uid, name, resourceVersion),
  phase: 'Active',
});

/** A synced model holding the given pods, services and namespaces. */
function modelWith(objects: { pods?: Pod[]; services?: Service[]; namespaces?: Namespace[] }): ClusterModel {
  const model = emptyModel({ status: 'synced' });
  return {
    resources: {
      ...model.resources,
      pods: objects.pods ?? [],
      services: objects.services ?? [],
      namespaces: objects.namespaces ?? [],
    },
    sync: model.sync,
  };
}

/** Freezes the whole model, so any write to the input throws (test files are ES modules, hence strict mode). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A kind's objects as uid@resourceVersion, in model order: enough to tell add, replace and delete apart. */
const contents = (model: ClusterModel, kind: ResourceKind) => model.resources[kind].map((o) => `${o.meta.uid}@${o.meta.resourceVersion}`);

interface Row {
  name: string;
  start: ClusterModel;
  changes: ModelChange[];
  /** Expected contents (uid@resourceVersion) of each kind the row is about. */
  want: Partial<Record<ResourceKind, string[]>>;
  /** Expected sync state of each kind the row is about. */
  wantSync?: Partial<Record<ResourceKind, SyncState>>;
}

const synced: SyncState = { status: 'synced' };

const rows: Row[] = [
  // add
  {
    name: 'add: upsert of a new object into an empty kind adds it',
    start: emptyModel(),
    changes: [{ op: 'upsert', kind: 'pods', object: pod('p1', 'web-1') }],
    want: { pods: ['p1@1'] },
  },
  {
    name: 'add: upserts of new objects append in arrival order',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [
      { op: 'upsert', kind: 'pods', object: pod('p2', 'web-2') },
      { op: 'upsert', kind: 'pods', object: pod('p3', 'web-3') },
    ],
    want: { pods: ['p1@1', 'p2@1', 'p3@1'] },
  },
  {
    name: 'add: one batch may add to several kinds',
    start: emptyModel(),
    changes: [
      { op: 'upsert', kind: 'namespaces', object: namespace('n1', 'default') },
      { op: 'upsert', kind: 'services', object: service('s1', 'web') },
      { op: 'upsert', kind: 'pods', object: pod('p1', 'web-1') },
    ],
    want: { namespaces: ['n1@1'], services: ['s1@1'], pods: ['p1@1'] },
  },
  // update
  {
    name: 'update: upsert of a known uid replaces the object in place',
    start: modelWith({ pods: [pod('p1', 'web-1'), pod('p2', 'web-2')] }),
    changes: [{ op: 'upsert', kind: 'pods', object: pod('p1', 'web-1', '7') }],
    want: { pods: ['p1@7', 'p2@1'] },
  },
  {
    name: 'update: successive upserts of one uid in a batch leave only the last version',
    start: modelWith({ services: [service('s1', 'web')] }),
    changes: [
      { op: 'upsert', kind: 'services', object: service('s1', 'web', '2') },
      { op: 'upsert', kind: 'services', object: service('s1', 'web', '3') },
    ],
    want: { services: ['s1@3'] },
  },
  // delete
  {
    name: 'delete: removes the object with that uid and keeps the others in order',
    start: modelWith({ pods: [pod('p1', 'web-1'), pod('p2', 'web-2'), pod('p3', 'web-3')] }),
    changes: [{ op: 'delete', kind: 'pods', uid: 'p2' }],
    want: { pods: ['p1@1', 'p3@1'] },
  },
  {
    name: 'delete: an object added and deleted in the same batch is gone',
    start: emptyModel(),
    changes: [
      { op: 'upsert', kind: 'pods', object: pod('p1', 'web-1') },
      { op: 'delete', kind: 'pods', uid: 'p1' },
    ],
    want: { pods: [] },
  },
  // out of order
  {
    name: 'out of order: upsert of an unknown uid (a MODIFIED seen before its ADDED) adds it',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [{ op: 'upsert', kind: 'pods', object: pod('p9', 'web-9', '12') }],
    want: { pods: ['p1@1', 'p9@12'] },
  },
  {
    name: 'out of order: delete of an unknown uid is a no-op',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [{ op: 'delete', kind: 'pods', uid: 'never-seen' }],
    want: { pods: ['p1@1'] },
  },
  {
    name: 'out of order: a late delete of the old uid does not remove the object recreated under the same name',
    start: modelWith({ pods: [pod('old-uid', 'db-0', '5')] }),
    changes: [
      { op: 'upsert', kind: 'pods', object: pod('new-uid', 'db-0', '9') },
      { op: 'delete', kind: 'pods', uid: 'old-uid' },
    ],
    want: { pods: ['new-uid@9'] },
  },
  {
    name: 'out of order: a delete of the old uid arriving after the recreated object was stored leaves the new one',
    start: modelWith({ pods: [pod('new-uid', 'db-0', '9')] }),
    changes: [{ op: 'delete', kind: 'pods', uid: 'old-uid' }],
    want: { pods: ['new-uid@9'] },
  },
  {
    name: 'out of order: an object deleted and recreated with the same uid in one batch is present',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [
      { op: 'delete', kind: 'pods', uid: 'p1' },
      { op: 'upsert', kind: 'pods', object: pod('p1', 'web-1', '4') },
    ],
    want: { pods: ['p1@4'] },
  },
  // relist
  {
    name: 'relist: replace swaps the whole kind for the listed objects',
    start: modelWith({ pods: [pod('p1', 'web-1'), pod('p2', 'web-2')], services: [service('s1', 'web')] }),
    changes: [{ op: 'replace', kind: 'pods', objects: [pod('p2', 'web-2', '8'), pod('p3', 'web-3', '8')] }],
    want: { pods: ['p2@8', 'p3@8'], services: ['s1@1'] },
  },
  {
    name: 'relist: replace with no objects empties the kind',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [{ op: 'replace', kind: 'pods', objects: [] }],
    want: { pods: [] },
  },
  {
    name: 'relist: changes after a replace in the same batch apply on top of the new list',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [
      { op: 'replace', kind: 'pods', objects: [pod('p2', 'web-2')] },
      { op: 'upsert', kind: 'pods', object: pod('p3', 'web-3') },
      { op: 'delete', kind: 'pods', uid: 'p2' },
    ],
    want: { pods: ['p3@1'] },
  },
  {
    name: 'relist: a replace discards changes to the kind made earlier in the same batch',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [
      { op: 'upsert', kind: 'pods', object: pod('p9', 'web-9') },
      { op: 'replace', kind: 'pods', objects: [pod('p1', 'web-1', '2')] },
    ],
    want: { pods: ['p1@2'] },
  },
  // sync state
  {
    name: 'sync: moves one kind to synced and leaves the others as they were',
    start: emptyModel(),
    changes: [{ op: 'sync', kind: 'pods', state: synced }],
    want: { pods: [] },
    wantSync: { pods: synced, services: { status: 'syncing' }, nodes: { status: 'syncing' } },
  },
  {
    name: 'sync: forbidden and error states keep their message',
    start: modelWith({}),
    changes: [
      { op: 'sync', kind: 'networkpolicies', state: { status: 'forbidden', message: 'networkpolicies is forbidden' } },
      { op: 'sync', kind: 'nodes', state: { status: 'error', message: 'watch closed' } },
    ],
    want: {},
    wantSync: {
      networkpolicies: { status: 'forbidden', message: 'networkpolicies is forbidden' },
      nodes: { status: 'error', message: 'watch closed' },
      pods: synced,
    },
  },
  {
    name: 'sync: the last state for a kind in a batch wins',
    start: modelWith({}),
    changes: [
      { op: 'sync', kind: 'pods', state: { status: 'syncing' } },
      { op: 'sync', kind: 'pods', state: synced },
    ],
    want: {},
    wantSync: { pods: synced },
  },
  {
    name: 'sync: a relist batch (syncing, replace, synced) leaves the new list and synced',
    start: modelWith({ pods: [pod('p1', 'web-1')] }),
    changes: [
      { op: 'sync', kind: 'pods', state: { status: 'syncing' } },
      { op: 'replace', kind: 'pods', objects: [pod('p2', 'web-2')] },
      { op: 'sync', kind: 'pods', state: synced },
    ],
    want: { pods: ['p2@1'] },
    wantSync: { pods: synced },
  },
];

/** Kinds whose objects a batch touches (upsert, delete or replace); sync changes do not count. */
const touchedKinds = (changes: ModelChange[]) =>
  new Set(changes.flatMap((c) => (c.op === 'upsert' || c.op === 'delete' || c.op === 'replace' ? [c.kind] : [])));

describe('applyChanges', () => {
  it.each(rows)('$name', ({ start, changes, want, wantSync }) => {
    const before = structuredClone(start);
    deepFreeze(start);
    const result = applyChanges(start, changes);

    for (const [kind, uids] of Object.entries(want) as [ResourceKind, string[]][]) {
      expect(contents(result, kind)).toStrictEqual(uids);
    }
    for (const [kind, state] of Object.entries(wantSync ?? {}) as [ResourceKind, SyncState][]) {
      expect(result.sync[kind]).toStrictEqual(state);
    }
    // The input is never mutated (it is frozen, and still equal to its copy).
    expect(start).toStrictEqual(before);
    expect(result).not.toBe(start);
    // Kinds no change touches keep their array identity.
    const touched = touchedKinds(changes);
    for (const kind of RESOURCE_KINDS.filter((k) => !touched.has(k))) {
      expect(result.resources[kind]).toBe(start.resources[kind]);
    }
    // Without a sync change the sync record is the same object.
    if (!changes.some((c) => c.op === 'sync')) expect(result.sync).toBe(start.sync);
  });

  it.each([
    { name: 'an empty model', model: emptyModel() },
    { name: 'a populated model', model: modelWith({ pods: [pod('p1', 'web-1')], services: [service('s1', 'web')] }) },
  ])('an empty change list returns the same model object ($name)', ({ model }) => {
    expect(applyChanges(model, [])).toBe(model);
  });

  it('a batch of sync changes only keeps the resources object itself', () => {
    const start = deepFreeze(modelWith({ pods: [pod('p1', 'web-1')] }));
    const result = applyChanges(start, [{ op: 'sync', kind: 'pods', state: { status: 'error', message: 'boom' } }]);
    expect(result.resources).toBe(start.resources);
    expect(result.sync).not.toBe(start.sync);
    expect(result.sync.pods).toStrictEqual({ status: 'error', message: 'boom' });
  });

  it('an upserted object is stored as given (same reference), not copied', () => {
    const object = pod('p1', 'web-1');
    const result = applyChanges(emptyModel(), [{ op: 'upsert', kind: 'pods', object }]);
    expect(result.resources.pods[0]).toBe(object);
  });
});

describe('applyChanges and the served API groups', () => {
  const groups = (...names: string[]): ModelChange => ({ op: 'served-groups', groups: names });
  it.each<{ name: string; start: ClusterModel; changes: ModelChange[]; want: string[] | undefined }>([
    { name: 'unknown until discovery answers: a model without them keeps them undefined', start: emptyModel(), changes: [{ op: 'upsert', kind: 'pods', object: pod('p1', 'web-1') }], want: undefined },
    { name: 'a served-groups change records them', start: emptyModel(), changes: [groups('apps', 'cilium.io')], want: ['apps', 'cilium.io'] },
    { name: 'the last served-groups change of a batch wins', start: emptyModel(), changes: [groups('cilium.io'), groups('apps')], want: ['apps'] },
    {
      name: 'changes to objects and sync states keep the groups known',
      start: applyChanges(emptyModel(), [groups('crd.projectcalico.org')]),
      changes: [{ op: 'upsert', kind: 'pods', object: pod('p1', 'web-1') }, { op: 'sync', kind: 'pods', state: synced }],
      want: ['crd.projectcalico.org'],
    },
  ])('$name', ({ start, changes, want }) => {
    deepFreeze(start);
    expect(applyChanges(start, changes).servedGroups).toStrictEqual(want);
  });

  it('a served-groups change alone makes a new model that keeps the resources and sync states', () => {
    const start = deepFreeze(modelWith({ pods: [pod('p1', 'web-1')] }));
    const result = applyChanges(start, [groups('cilium.io')]);
    expect(result).not.toBe(start);
    expect(result.resources).toBe(start.resources);
    expect(result.sync).toBe(start.sync);
  });
});

describe('emptyModel', () => {
  it.each([
    { name: 'defaults every kind to syncing', initial: undefined, want: { status: 'syncing' } },
    { name: 'uses the given initial state for every kind', initial: { status: 'synced' } as SyncState, want: { status: 'synced' } },
    {
      name: 'keeps a forbidden initial state with its message',
      initial: { status: 'forbidden', message: 'no access' } as SyncState,
      want: { status: 'forbidden', message: 'no access' },
    },
  ])('$name', ({ initial, want }) => {
    const model = emptyModel(initial);
    expect(Object.keys(model.resources).sort()).toStrictEqual([...RESOURCE_KINDS].sort());
    expect(Object.keys(model.sync).sort()).toStrictEqual([...RESOURCE_KINDS].sort());
    for (const kind of RESOURCE_KINDS) {
      expect(model.resources[kind]).toStrictEqual([]);
      expect(model.sync[kind]).toStrictEqual(want);
    }
  });

  it('gives each kind its own array, so models built from it do not share state', () => {
    const a = emptyModel();
    const b = emptyModel();
    expect(a.resources.pods).not.toBe(b.resources.pods);
    expect(a.resources.pods).not.toBe(a.resources.services);
  });
});

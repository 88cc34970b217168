import { describe, expect, it } from 'vitest';
import { clusterPolicy, model, namespace, networkPolicy, pod, type ModelInit } from '@/lib/analysis/testing/builders';
import { overlayModel, type ObjectKey, type OverlayEffect } from './overlay';
import type { ClusterModel } from './types';

const BASE = model({
  namespaces: [namespace('shop', { labels: { team: 'shop' } })],
  pods: [
    pod('shop/api-7d9-a', { labels: { app: 'api' }, workload: { kind: 'Deployment', name: 'api' } }),
    pod('shop/api-7d9-b', { labels: { app: 'api' }, workload: { kind: 'Deployment', name: 'api' } }),
    pod('shop/web-0', { labels: { app: 'web' }, workload: { kind: 'StatefulSet', name: 'web' } }),
    pod('shop/debug', { labels: { app: 'debug' } }),
  ],
  networkpolicies: [networkPolicy('shop/api', { podSelector: { app: 'api' } })],
  clusternetworkpolicies: [clusterPolicy('guardrail')],
  sync: { secrets: { status: 'forbidden', message: 'no' } },
});

/** Every object of a model as `kind ns/name`, sorted. */
function objects(m: ClusterModel): string[] {
  return Object.entries(m.resources)
    .flatMap(([kind, list]) => (list as { meta: { namespace?: string; name: string } }[]).map((o) => `${kind} ${o.meta.namespace ? `${o.meta.namespace}/` : ''}${o.meta.name}`))
    .sort();
}

const baseObjects = objects(BASE);
const without = (...gone: string[]) => baseObjects.filter((o) => !gone.includes(o));

interface Case {
  name: string;
  draft?: ModelInit;
  declaredNamespaces?: string[];
  deleted?: ObjectKey[];
  /** The head's objects. */
  want: string[];
  effects: OverlayEffect[];
}

const cases: Case[] = [
  { name: 'an empty draft changes nothing', want: baseObjects, effects: [] },
  {
    name: 'an object with the same kind, namespace and name replaces the base one',
    draft: { networkpolicies: [networkPolicy('shop/api', { podSelector: { app: 'api' }, policyTypes: ['Ingress', 'Egress'] })] },
    want: baseObjects,
    effects: [{ op: 'replaced', kind: 'networkpolicies', namespace: 'shop', name: 'api' }],
  },
  {
    name: 'an object of another name is added',
    draft: { networkpolicies: [networkPolicy('shop/deny-all')] },
    want: [...baseObjects, 'networkpolicies shop/deny-all'],
    effects: [{ op: 'added', kind: 'networkpolicies', namespace: 'shop', name: 'deny-all' }],
  },
  {
    name: 'the same name in another kind is another object',
    draft: { adminnetworkpolicies: [clusterPolicy('guardrail', { kind: 'AdminNetworkPolicy' })] },
    want: [...baseObjects, 'adminnetworkpolicies guardrail'],
    effects: [{ op: 'added', kind: 'adminnetworkpolicies', name: 'guardrail' }],
  },
  {
    name: 'a deletion mark removes the object',
    deleted: [{ kind: 'networkpolicies', namespace: 'shop', name: 'api' }],
    want: without('networkpolicies shop/api'),
    effects: [{ op: 'deleted', kind: 'networkpolicies', namespace: 'shop', name: 'api' }],
  },
  {
    name: 'a cluster-scoped object is deleted by name alone',
    deleted: [{ kind: 'clusternetworkpolicies', name: 'guardrail' }],
    want: without('clusternetworkpolicies guardrail'),
    effects: [{ op: 'deleted', kind: 'clusternetworkpolicies', name: 'guardrail' }],
  },
  {
    name: 'a deletion mark for an object the base lacks removes nothing, and says so',
    deleted: [{ kind: 'networkpolicies', namespace: 'other', name: 'api' }],
    want: baseObjects,
    effects: [{ op: 'not-found', kind: 'networkpolicies', namespace: 'other', name: 'api' }],
  },
  {
    name: 'deleted and given again: the draft object takes its place',
    draft: { networkpolicies: [networkPolicy('shop/api')] },
    deleted: [{ kind: 'networkpolicies', namespace: 'shop', name: 'api' }],
    want: baseObjects,
    effects: [
      { op: 'deleted', kind: 'networkpolicies', namespace: 'shop', name: 'api' },
      { op: 'added', kind: 'networkpolicies', namespace: 'shop', name: 'api' },
    ],
  },
  {
    name: "a workload's representative pod replaces every pod of that workload",
    draft: { pods: [pod('shop/api-template', { labels: { app: 'api', v: '2' }, workload: { kind: 'Deployment', name: 'api' } })] },
    want: [...without('pods shop/api-7d9-a', 'pods shop/api-7d9-b'), 'pods shop/api-template'],
    effects: [{ op: 'replaced', kind: 'pods', namespace: 'shop', name: 'api-template', workload: { owner: { kind: 'Deployment', name: 'api' }, replacedPods: 2 } }],
  },
  {
    name: 'a pod of the workload already marked deleted is not counted as replaced',
    draft: { pods: [pod('shop/api-template', { workload: { kind: 'Deployment', name: 'api' } })] },
    deleted: [{ kind: 'pods', namespace: 'shop', name: 'api-7d9-a' }],
    want: [...without('pods shop/api-7d9-a', 'pods shop/api-7d9-b'), 'pods shop/api-template'],
    effects: [
      { op: 'deleted', kind: 'pods', namespace: 'shop', name: 'api-7d9-a' },
      { op: 'replaced', kind: 'pods', namespace: 'shop', name: 'api-template', workload: { owner: { kind: 'Deployment', name: 'api' }, replacedPods: 1 } },
    ],
  },
  {
    name: 'a workload of the same name in another namespace or of another kind replaces nothing',
    draft: {
      pods: [
        pod('other/api-template', { workload: { kind: 'Deployment', name: 'api' } }),
        pod('shop/web-template', { workload: { kind: 'Deployment', name: 'web' } }),
      ],
    },
    want: [...baseObjects, 'pods other/api-template', 'pods shop/web-template'],
    effects: [
      { op: 'added', kind: 'pods', namespace: 'other', name: 'api-template', workload: { owner: { kind: 'Deployment', name: 'api' }, replacedPods: 0 } },
      { op: 'added', kind: 'pods', namespace: 'shop', name: 'web-template', workload: { owner: { kind: 'Deployment', name: 'web' }, replacedPods: 0 } },
    ],
  },
  {
    name: 'a bare pod replaces the pod of its name only',
    draft: { pods: [pod('shop/debug', { labels: { app: 'debug', v: '2' } })] },
    want: baseObjects,
    effects: [{ op: 'replaced', kind: 'pods', namespace: 'shop', name: 'debug' }],
  },
  {
    name: "a namespace the draft only uses never replaces the base's (its labels stay)",
    draft: { namespaces: [namespace('shop')], networkpolicies: [networkPolicy('shop/deny-all')] },
    want: [...baseObjects, 'networkpolicies shop/deny-all'],
    effects: [{ op: 'added', kind: 'networkpolicies', namespace: 'shop', name: 'deny-all' }],
  },
  {
    name: 'a namespace the draft declares replaces the base one',
    draft: { namespaces: [namespace('shop', { labels: { team: 'new' } })] },
    declaredNamespaces: ['shop'],
    want: baseObjects,
    effects: [{ op: 'replaced', kind: 'namespaces', name: 'shop' }],
  },
  {
    name: 'a namespace the draft only uses is added where the base lacks it',
    draft: { namespaces: [namespace('new')] },
    want: [...baseObjects, 'namespaces new'],
    effects: [{ op: 'added', kind: 'namespaces', name: 'new' }],
  },
];

describe('overlayModel: a draft laid over a model', () => {
  it.each(cases)('$name', ({ draft, declaredNamespaces = [], deleted = [], want, effects }) => {
    const before = structuredClone(BASE);
    const head = overlayModel(BASE, { objects: model(draft), declaredNamespaces: new Set(declaredNamespaces), deleted });
    expect(objects(head.model)).toEqual([...want].sort());
    expect(head.effects).toEqual(effects);
    // The base is never changed, and the draft changes no sync state.
    expect(BASE).toEqual(before);
    expect(head.model.sync).toEqual(BASE.sync);
  });

  it('a replacing object is the draft one, with its own fields', () => {
    const replacement = networkPolicy('shop/api', { podSelector: { app: 'api' }, policyTypes: ['Egress'] });
    const head = overlayModel(BASE, { objects: model({ networkpolicies: [replacement] }), declaredNamespaces: new Set(), deleted: [] });
    expect(head.model.resources.networkpolicies).toEqual([replacement]);
  });

  it('kinds the draft does not touch keep their identity', () => {
    const head = overlayModel(BASE, { objects: model({ networkpolicies: [networkPolicy('shop/deny-all')] }), declaredNamespaces: new Set(), deleted: [] });
    expect(head.model.resources.pods).toBe(BASE.resources.pods);
    expect(head.model.resources.namespaces).toBe(BASE.resources.namespaces);
  });
});

import { describe, expect, it } from 'vitest';
import { model, pod, service } from '@/lib/analysis/testing/builders';
import { serviceSelectorMatchesNothing } from './service-selector';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';
import type { ClusterModel } from '@/lib/model';

const ID = (ref: string) => `service-selector-matches-nothing:Service/${ref}`;
const labelled = (ref: string, labels: Record<string, string>) => pod(ref, { labels });

describe('service-selector-matches-nothing (core/v1 ServiceSpec.selector: traffic goes to pods of its namespace whose labels match)', () => {
  const cases: { name: string; model: ClusterModel; expected: ExpectedFinding[] }[] = [
    {
      name: 'a selector value typo matches no pod; the pods whose value is one typo away are suggested',
      model: model({
        services: [service('shop/cart', { selector: { app: 'crat' } })],
        pods: [labelled('shop/cart-1', { app: 'cart' }), labelled('shop/cart-2', { app: 'cart' }), labelled('shop/api-1', { app: 'api' })],
      }),
      expected: [
        {
          id: ID('shop/cart'),
          severity: 'error',
          objects: ['Service/shop/cart'],
          message: ['Service shop/cart selects app=crat', 'matches none of the 3 pods in namespace shop', 'no endpoints'],
          hint: ['Did you mean app=cart (pods shop/cart-1 and shop/cart-2)?', 'spec.selector'],
        },
      ],
    },
    {
      name: 'a selector key typo is suggested as the pods’ key',
      model: model({ services: [service('shop/cart', { selector: { apps: 'cart' } })], pods: [labelled('shop/cart-1', { app: 'cart' })] }),
      expected: [{ id: ID('shop/cart'), severity: 'error', objects: ['Service/shop/cart'], hint: ['Did you mean app=cart (pod shop/cart-1)?'] }],
    },
    {
      name: 'with several pairs, only the differing one is corrected, and the fewest differing pairs rank first',
      model: model({
        services: [service('shop/web', { selector: { app: 'web', tier: 'fronted' } })],
        pods: [labelled('shop/web-1', { app: 'web', tier: 'frontend' }), labelled('shop/api-1', { app: 'api', tier: 'frontend' })],
      }),
      expected: [{ id: ID('shop/web'), severity: 'error', objects: ['Service/shop/web'], hint: ['Did you mean app=web,tier=frontend (pod shop/web-1)?'] }],
    },
    {
      name: 'equally close label sets are all suggested, nearest first',
      model: model({
        services: [service('shop/web', { selector: { app: 'webb' } })],
        pods: [labelled('shop/web-1', { app: 'web' }), labelled('shop/web2-1', { app: 'web2' }), labelled('shop/db-1', { app: 'db' })],
      }),
      expected: [{ id: ID('shop/web'), severity: 'error', objects: ['Service/shop/web'], hint: ['Did you mean app=web (pod shop/web-1) or app=web2 (pod shop/web2-1)?'] }],
    },
    {
      name: 'no typo: the pods sharing the most pairs are named with what differs',
      model: model({
        services: [service('shop/web', { selector: { app: 'web', tier: 'frontend' } })],
        pods: [labelled('shop/web-1', { app: 'web', tier: 'ui' }), labelled('shop/web-2', { app: 'web' })],
      }),
      expected: [
        {
          id: ID('shop/web'),
          severity: 'error',
          objects: ['Service/shop/web'],
          hint: ['Nearest pods: pod shop/web-1 with tier=ui (not frontend); pod shop/web-2 with no tier label.'],
        },
      ],
    },
    {
      name: 'nothing close: the values pods carry for the selector’s keys are listed',
      model: model({
        services: [service('shop/payments', { selector: { app: 'payments' } })],
        pods: [labelled('shop/api-1', { app: 'api' }), labelled('shop/db-1', { app: 'db' }), labelled('shop/x', { role: 'x' })],
      }),
      expected: [
        {
          id: ID('shop/payments'),
          severity: 'error',
          objects: ['Service/shop/payments'],
          hint: ['No pod in shop has labels close to it; pods there carry app=api and app=db.'],
        },
      ],
    },
    {
      name: 'an empty namespace is said to be empty',
      model: model({ services: [service('shop/web')], pods: [labelled('other/web-1', { app: 'other' })] }),
      expected: [
        {
          id: ID('shop/web'),
          severity: 'error',
          objects: ['Service/shop/web'],
          message: ['selects app=web, but namespace shop has no pods'],
          hint: ['Namespace shop has no pods'],
        },
      ],
    },
    {
      name: 'pods that match in another namespace do not count, and are pointed out',
      model: model({ services: [service('shop/web')], pods: [labelled('shop/api', { app: 'api' }), labelled('other/web-1', { app: 'web' })] }),
      expected: [
        {
          id: ID('shop/web'),
          severity: 'error',
          objects: ['Service/shop/web'],
          message: ['it does match pod other/web-1 in other namespaces, but a Service selects pods of its own namespace only'],
        },
      ],
    },
    {
      name: 'healthy: a selector that matches a pod gives no finding',
      model: model({ services: [service('shop/web')], pods: [labelled('shop/web-1', { app: 'web', extra: 'x' })] }),
      expected: [],
    },
    {
      name: 'a selector matching only finished pods still matches (service-no-ready-endpoints reports it)',
      model: model({ services: [service('shop/job')], pods: [pod('shop/job-1', { labels: { app: 'job' }, phase: 'Succeeded', ready: false })] }),
      expected: [],
    },
    {
      name: 'selector-less and ExternalName Services have no selector to check (ServiceSpec.selector is ignored for ExternalName)',
      model: model({
        services: [
          service('shop/manual', { selector: null }),
          service('shop/ext', { type: 'ExternalName', externalName: 'x.example.com', selector: { app: 'nothing' } }),
        ],
      }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceSelectorMatchesNothing, m), expected);
  });

  it.each([
    { kind: 'pods' as const, state: { status: 'syncing' as const }, reason: 'pods are still loading' },
    { kind: 'services' as const, state: { status: 'forbidden' as const, message: 'RBAC' }, reason: 'services cannot be read (forbidden: RBAC)' },
  ])('is skipped, not reported, while $kind are not synced (only synced data backs a verdict)', ({ kind, state, reason }) => {
    const report = runChecks(serviceSelectorMatchesNothing, model({ services: [service('shop/web')], sync: { [kind]: state } }));
    expect(report).toStrictEqual({ findings: [], skipped: [{ check: 'service-selector-matches-nothing', reason }] });
  });
});

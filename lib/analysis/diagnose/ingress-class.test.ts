import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { ingress, ingressClass, model } from '@/lib/analysis/testing/builders';
import { ingressClassMissing, ingressClassUnknown } from './ingress-class';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

interface Case {
  name: string;
  model: ClusterModel;
  expected: ExpectedFinding[];
}

const nginx = ingressClass('nginx');
const site = (init: Parameters<typeof ingress>[1] = {}) => ingress('shop/site', init);

describe('ingress-class-missing (networking/v1 IngressSpec.ingressClassName; ingressclass.kubernetes.io/is-default-class)', () => {
  const id = 'ingress-class-missing:Ingress/shop/site';
  const cases: Case[] = [
    {
      name: 'no class, no annotation and no default IngressClass',
      model: model({ ingresses: [site()], ingressclasses: [nginx] }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Ingress/shop/site'],
          message: ['Ingress shop/site names no IngressClass', 'no IngressClass is marked default (IngressClasses: nginx)'],
          hint: ['Set spec.ingressClassName (to "nginx")', 'is-default-class'],
        },
      ],
    },
    {
      name: 'several default IngressClasses make none the default',
      model: model({ ingresses: [site()], ingressclasses: [ingressClass('b', { isDefault: true }), ingressClass('a', { isDefault: true })] }),
      expected: [{ id, severity: 'warning', objects: ['Ingress/shop/site'], message: ['several IngressClasses are marked default (a, b), so none is'] }],
    },
    {
      name: 'no IngressClass at all',
      model: model({ ingresses: [site()] }),
      expected: [{ id, severity: 'warning', objects: ['Ingress/shop/site'], message: ['and there are no IngressClasses'] }],
    },
    { name: 'healthy: exactly one default IngressClass', model: model({ ingresses: [site()], ingressclasses: [ingressClass('nginx', { isDefault: true })] }), expected: [] },
    {
      name: 'healthy: a class from spec.ingressClassName or from the deprecated kubernetes.io/ingress.class annotation',
      model: model({ ingresses: [site({ ingressClassName: 'nginx' }), ingress('shop/old', { classAnnotation: 'nginx' })], ingressclasses: [nginx] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(ingressClassMissing, m), expected);
  });
});

describe('ingress-class-unknown (networking/v1 IngressSpec.ingressClassName names an IngressClass)', () => {
  const id = 'ingress-class-unknown:Ingress/shop/site';
  const cases: Case[] = [
    {
      name: 'spec.ingressClassName names a class that does not exist → error, with the nearest class',
      model: model({ ingresses: [site({ ingressClassName: 'ngnix' })], ingressclasses: [nginx, ingressClass('traefik')] }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Ingress/shop/site'],
          message: ['Ingress shop/site names IngressClass "ngnix" (spec.ingressClassName), which does not exist (IngressClasses: nginx and traefik)', 'no controller serves it'],
          hint: ['Did you mean "nginx"?'],
        },
      ],
    },
    {
      name: 'the deprecated annotation naming no IngressClass → warning (controllers match it against their own class name)',
      model: model({ ingresses: [site({ classAnnotation: 'internal' })], ingressclasses: [nginx] }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Ingress/shop/site'],
          message: ['names class "internal" with the deprecated kubernetes.io/ingress.class annotation', 'may still be served'],
          hint: ['Replace the annotation with spec.ingressClassName (did you mean "nginx"?)'],
        },
      ],
    },
    { name: 'healthy: the class exists', model: model({ ingresses: [site({ ingressClassName: 'nginx' })], ingressclasses: [nginx] }), expected: [] },
    { name: 'no class named is the other check’s', model: model({ ingresses: [site()], ingressclasses: [nginx] }), expected: [] },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(ingressClassUnknown, m), expected);
  });

  it('both are skipped when IngressClasses are forbidden', () => {
    const m = model({ ingresses: [site({ ingressClassName: 'nginx' })], sync: { ingressclasses: { status: 'forbidden', message: 'cluster-scoped' } } });
    const reason = 'ingressclasses cannot be read (forbidden: cluster-scoped)';
    expect(runChecks([ingressClassMissing, ingressClassUnknown], m)).toStrictEqual({
      findings: [],
      skipped: [
        { check: 'ingress-class-missing', reason },
        { check: 'ingress-class-unknown', reason },
      ],
    });
  });
});

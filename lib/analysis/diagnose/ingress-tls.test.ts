import { describe, expect, it } from 'vitest';
import { ingress, model } from '@/lib/analysis/testing/builders';
import { ingressTlsSecretMissing } from './ingress-tls';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const site = ingress('shop/site', {
  tls: [
    { hosts: ['shop.example.com'], secretName: 'shop-tls' },
    { hosts: ['www.example.com'], secretName: 'shop-tls' },
    { hosts: ['static.example.com'] },
  ],
});

describe('ingress-tls-secret-missing (networking/v1 IngressTLS.secretName: a Secret of the Ingress’s namespace)', () => {
  it.each<{ name: string; secretNames: string[]; expected: ExpectedFinding[] }>([
    {
      name: 'a secretName that is not among the Secret names; hosts of every entry naming it are listed',
      secretNames: ['shop/shop-tl', 'other/shop-tls'],
      expected: [
        {
          id: 'ingress-tls-secret-missing:Ingress/shop/site:shop-tls',
          severity: 'error',
          objects: ['Ingress/shop/site'],
          message: ['Ingress shop/site takes its TLS certificate for shop.example.com and www.example.com from Secret shop/shop-tls, which does not exist'],
          hint: ['Did you mean Secret shop-tl?', "must be in the Ingress's namespace", 'cert-manager'],
        },
      ],
    },
    { name: 'healthy: the Secret exists; an entry without secretName uses the controller’s default certificate by design', secretNames: ['shop/shop-tls'], expected: [] },
  ])('$name', ({ secretNames, expected }) => {
    expectFindings(runChecks(ingressTlsSecretMissing, model({ ingresses: [site] }), { secretNames: new Set(secretNames) }), expected);
  });

  it('is skipped when secret names are not given: the model holds no Secrets', () => {
    expect(runChecks(ingressTlsSecretMissing, model({ ingresses: [site] }))).toStrictEqual({
      findings: [],
      skipped: [
        {
          check: 'ingress-tls-secret-missing',
          reason: 'secret names are not readable: the model holds no Secrets (kube-netmap never reads Secret data), and no secretNames were given',
        },
      ],
    });
  });

  it('is skipped while Ingresses are syncing, even with secret names', () => {
    const report = runChecks(ingressTlsSecretMissing, model({ ingresses: [site], sync: { ingresses: { status: 'syncing' } } }), { secretNames: new Set() });
    expect(report.skipped).toStrictEqual([{ check: 'ingress-tls-secret-missing', reason: 'ingresses are still loading' }]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SecretName } from '@/lib/model';
import { ingress, model, secret, type ModelInit } from '@/lib/analysis/testing/builders';
import { ingressTlsSecretMissing } from './ingress-tls';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const site = ingress('shop/site', {
  tls: [
    { hosts: ['shop.example.com'], secretName: 'shop-tls' },
    { hosts: ['www.example.com'], secretName: 'shop-tls' },
    { hosts: ['static.example.com'] },
  ],
});

const missing = (severity: 'error' | 'warning', absence: string): ExpectedFinding => ({
  id: 'ingress-tls-secret-missing:Ingress/shop/site:shop-tls',
  severity,
  objects: ['Ingress/shop/site'],
  message: [`Ingress shop/site takes its TLS certificate for shop.example.com and www.example.com from Secret shop/shop-tls, ${absence}`],
  hint: ['Did you mean Secret shop-tl?', "must be in the Ingress's namespace", 'cert-manager'],
});

describe('ingress-tls-secret-missing (networking/v1 IngressTLS.secretName: a Secret of the Ingress’s namespace)', () => {
  it.each<{ name: string; source: 'live' | 'manifests'; secrets: SecretName[]; expected: ExpectedFinding[] }>([
    {
      name: 'live: the Secret is absent from its namespace (one of the same name elsewhere does not count); hosts of every entry naming it are listed',
      source: 'live',
      secrets: [secret('shop/shop-tl'), secret('other/shop-tls')],
      expected: [missing('error', 'which does not exist')],
    },
    {
      name: 'live: healthy when the Secret exists; an entry without secretName uses the controller’s default certificate by design',
      source: 'live',
      secrets: [secret('shop/shop-tls')],
      expected: [],
    },
    {
      name: 'manifests that declare Secrets in the namespace, but not this one: a warning, since it may be made in the cluster',
      source: 'manifests',
      secrets: [secret('shop/shop-tl')],
      expected: [missing('warning', 'which none of the manifests declares')],
    },
    {
      name: 'manifests that declare no Secret in the namespace say nothing about which will exist: no finding',
      source: 'manifests',
      secrets: [secret('other/shop-tls')],
      expected: [],
    },
  ])('$name', ({ source, secrets, expected }) => {
    expectFindings(runChecks(ingressTlsSecretMissing, model({ ingresses: [site], secrets }), { source }), expected);
  });

  it.each<{ name: string; sync: ModelInit['sync']; reason: string }>([
    {
      name: 'is skipped when Secret names may not be listed: a forbidden namespace must not make its Secrets look absent',
      sync: { secrets: { status: 'forbidden', message: 'may not list Secrets in namespace shop' } },
      reason: 'secrets cannot be read (forbidden: may not list Secrets in namespace shop)',
    },
    { name: 'is skipped while Ingresses are syncing', sync: { ingresses: { status: 'syncing' } }, reason: 'ingresses are still loading' },
  ])('$name', ({ sync, reason }) => {
    const report = runChecks(ingressTlsSecretMissing, model({ ingresses: [site], sync }), { source: 'live' });
    expect(report).toStrictEqual({ findings: [], skipped: [{ check: 'ingress-tls-secret-missing', reason }] });
  });
});

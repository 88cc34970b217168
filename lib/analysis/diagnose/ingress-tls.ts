// ingress-tls-secret-missing: an Ingress TLS entry names a Secret that does not exist (networking/v1
// IngressTLS.secretName, a Secret of the Ingress's namespace). The model knows Secrets by name only: the live source
// lists the names in the namespaces of TLS Ingresses, and manifests keep the names of the Secrets they declare.

import { finding, listText, objectOf, typoOf } from './helpers';
import type { Check, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const CHECK = 'ingress-tls-secret-missing';

export const ingressTlsSecretMissing: Check = {
  check: CHECK,
  needs: ['ingresses', 'secrets'],
  run({ model, options }) {
    const fromManifests = options.source === 'manifests';
    const namesByNamespace = new Map<string, string[]>();
    for (const { meta } of model.resources.secrets) {
      const namespace = meta.namespace ?? '';
      namesByNamespace.set(namespace, [...(namesByNamespace.get(namespace) ?? []), meta.name]);
    }
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      const namespace = ingress.meta.namespace ?? '';
      const existing = namesByNamespace.get(namespace) ?? [];
      // Repositories seldom hold their Secrets (sealed-secrets, external-secrets and cert-manager make them in the
      // cluster). Manifests that declare no Secret in a namespace say nothing about which Secrets it will have.
      if (fromManifests && existing.length === 0) continue;
      const hostsBySecret = new Map<string, string[]>();
      for (const tls of ingress.tls) {
        // No secretName: the controller serves its default certificate (or SNI-based passthrough), by design.
        if (!tls.secretName || existing.includes(tls.secretName)) continue;
        hostsBySecret.set(tls.secretName, [...(hostsBySecret.get(tls.secretName) ?? []), ...tls.hosts]);
      }
      for (const [secret, hosts] of hostsBySecret) {
        const guess = typoOf(secret, [...existing].sort(byCodeUnits));
        const forHosts = hosts.length > 0 ? ` for ${listText([...new Set(hosts)], 4)}` : '';
        const absence = fromManifests ? 'which none of the manifests declares' : 'which does not exist';
        findings.push(
          finding(
            CHECK,
            fromManifests ? 'warning' : 'error',
            [objectOf('Ingress', ingress)],
            {
              message:
                `Ingress ${qualifiedName(ingress)} takes its TLS certificate${forHosts} from Secret ${namespace}/${secret}, ${absence}: ` +
                'the controller serves its default (usually self-signed) certificate instead, or no HTTPS at all, and clients that ' +
                'verify certificates fail.',
              hint:
                `${guess ? `Did you mean Secret ${guess}? ` : ''}Create the kubernetes.io/tls Secret ${secret} in namespace ${namespace} ` +
                "(the Secret must be in the Ingress's namespace), or fix tls.secretName. If cert-manager issues it, check the " +
                'Certificate: the Secret appears only once it is issued.',
            },
            secret,
          ),
        );
      }
    }
    return findings;
  },
};

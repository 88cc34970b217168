// ingress-tls-secret-missing: an Ingress TLS entry names a Secret that does not exist (networking/v1
// IngressTLS.secretName, a Secret of the Ingress's namespace). The model holds no Secrets, so this check runs only
// when the caller passes the Secret names it may list (DiagnoseOptions.secretNames); Secret data is never read.

import { byCodeUnits, finding, listText, objectOf, refOf, typoOf } from './helpers';
import type { Check, Finding } from './types';

const CHECK = 'ingress-tls-secret-missing';

export const ingressTlsSecretMissing: Check = {
  check: CHECK,
  needs: ['ingresses'],
  run({ model, options }) {
    const secretNames = options.secretNames;
    if (!secretNames) {
      return { skip: 'secret names are not readable: the model holds no Secrets (kube-netmap never reads Secret data), and no secretNames were given' };
    }
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      const namespace = ingress.meta.namespace ?? '';
      const hostsBySecret = new Map<string, string[]>();
      for (const tls of ingress.tls) {
        // No secretName: the controller serves its default certificate (or SNI-based passthrough), by design.
        if (!tls.secretName || secretNames.has(`${namespace}/${tls.secretName}`)) continue;
        hostsBySecret.set(tls.secretName, [...(hostsBySecret.get(tls.secretName) ?? []), ...tls.hosts]);
      }
      for (const [secret, hosts] of hostsBySecret) {
        const inNamespace = [...secretNames].filter((s) => s.startsWith(`${namespace}/`)).map((s) => s.slice(namespace.length + 1)).sort(byCodeUnits);
        const guess = typoOf(secret, inNamespace);
        const forHosts = hosts.length > 0 ? ` for ${listText([...new Set(hosts)], 4)}` : '';
        findings.push(
          finding(
            CHECK,
            'error',
            [objectOf('Ingress', ingress)],
            {
              message:
                `Ingress ${refOf(ingress)} takes its TLS certificate${forHosts} from Secret ${namespace}/${secret}, which does not exist: ` +
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

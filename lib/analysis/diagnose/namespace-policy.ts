// namespace-without-policy: a namespace with pods and no NetworkPolicy. A pod no policy selects is non-isolated for
// ingress and egress (networking/v1 NetworkPolicySpec.podSelector, policyTypes): it accepts traffic from anywhere
// and may send anywhere. Informational: it may well be intended. System namespaces are reported too.

import { finding, isFinished, listText, plural } from './helpers';
import type { Check, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const CHECK = 'namespace-without-policy';

export const namespaceWithoutPolicy: Check = {
  check: CHECK,
  needs: ['pods', 'networkpolicies'],
  run({ index }) {
    const findings: Finding[] = [];
    const namespaces = [...index.podsByNamespace.keys()].sort(byCodeUnits);
    for (const namespace of namespaces) {
      if ((index.policiesByNamespace.get(namespace) ?? []).length > 0) continue;
      // Host-network pods are outside what NetworkPolicies govern; finished pods send and receive nothing.
      const pods = (index.podsByNamespace.get(namespace) ?? []).filter((p) => !p.hostNetwork && !isFinished(p));
      if (pods.length === 0) continue;
      findings.push(
        finding(CHECK, 'info', [{ kind: 'Namespace', name: namespace }], {
          message:
            `Namespace ${namespace} has ${plural(pods.length, 'pod')} (${listText(pods.map(qualifiedName).sort(byCodeUnits), 3)}) and no ` +
            'NetworkPolicy: every pod there is non-isolated, accepting connections from anywhere and sending anywhere.',
          hint:
            'If that is not intended, add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) and ' +
            'policies that allow the flows the pods need, DNS included. Policies take effect only with a network plugin that enforces them.',
        }),
      );
    }
    return findings;
  },
};

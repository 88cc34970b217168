// BackendTLSPolicies aimed at nothing (BackendTLSPolicySpec.targetRefs): a target Service that does not exist in
// the policy's namespace, or a sectionName that is not one of its port names. The Gateway then connects to the
// Service without the TLS the policy asked for, or the policy fails to attach.

import { isServiceRef } from '@/lib/analysis/gateway/refs';
import { finding, objectOf, typoOf } from './helpers';
import { qualifiedName } from '@/lib/model/names';
import type { Check, Finding } from './types';

const TARGET_MISSING = 'backend-tls-policy-target-missing';

export const backendTLSPolicyTargetMissing: Check = {
  check: TARGET_MISSING,
  needs: ['backendtlspolicies', 'services'],
  run({ model, index }) {
    const findings: Finding[] = [];
    for (const policy of model.resources.backendtlspolicies) {
      const ns = policy.meta.namespace ?? '';
      for (const target of policy.targetRefs) {
        if (!isServiceRef(target)) continue;
        const service = index.serviceByName.get(`${ns}/${target.name}`);
        if (!service) {
          const guess = typoOf(target.name, model.resources.services.filter((s) => (s.meta.namespace ?? '') === ns).map((s) => s.meta.name));
          findings.push(
            finding(TARGET_MISSING, 'warning', [objectOf('BackendTLSPolicy', policy)], {
              message: `BackendTLSPolicy ${qualifiedName(policy)} targets Service ${ns}/${target.name}, which does not exist: the policy applies to nothing.`,
              hint: `${guess ? `Did you mean Service ${guess}? ` : ''}A BackendTLSPolicy targets a Service in its own namespace (${ns}); fix targetRefs, or create the Service.`,
            }, target.name),
          );
          continue;
        }
        if (target.sectionName !== undefined && !service.ports.some((p) => p.name === target.sectionName)) {
          const names = service.ports.map((p) => p.name).filter((n): n is string => !!n);
          findings.push(
            finding(TARGET_MISSING, 'warning', [objectOf('BackendTLSPolicy', policy), objectOf('Service', service)], {
              message: `BackendTLSPolicy ${qualifiedName(policy)} targets port "${target.sectionName}" of Service ${qualifiedName(service)}, which has no port of that name (${names.length > 0 ? `named ports: ${names.join(', ')}` : 'no named ports'}): the policy fails to attach there.`,
              hint: "Set sectionName to the name of the Service port that speaks TLS, or leave it out to target every port.",
            }, target.name, target.sectionName),
          );
        }
      }
    }
    return findings;
  },
};

// network-policy-not-enforced / network-policy-enforcement-unknown: a namespace has NetworkPolicies, and the network
// plugin does not enforce them (so the traffic they deny flows), or whether it does cannot be told. One finding per
// namespace with policies, so it shows where the policies are. The plugin comes from lib/analysis/enforcement.

import { detectEnforcement, type EnforcementResult } from '@/lib/analysis/enforcement';
import type { NetworkPolicy } from '@/lib/model';
import { finding, listText, objectOf, plural } from './helpers';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';
import type { Check, CheckContext, Finding } from './types';

const NOT_ENFORCED = 'network-policy-not-enforced';
const UNKNOWN = 'network-policy-enforcement-unknown';

function policiesByNamespace({ index }: CheckContext): [string, NetworkPolicy[]][] {
  return [...index.policiesByNamespace.entries()]
    .filter(([, policies]) => policies.length > 0)
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([namespace, policies]) => [namespace, [...policies].sort((a, b) => byCodeUnits(a.meta.name, b.meta.name))]);
}

const pluginNames = (result: EnforcementResult) => listText(result.plugins.map((p) => p.name)) || 'the network plugin';

function perNamespace(check: string, severity: Finding['severity'], context: CheckContext, text: (policies: string) => { message: string; hint: string }) {
  return policiesByNamespace(context).map(([namespace, policies]) =>
    finding(
      check,
      severity,
      [{ kind: 'Namespace', name: namespace }, ...policies.map((p) => objectOf('NetworkPolicy', p))],
      text(`Namespace ${namespace} has ${plural(policies.length, 'NetworkPolicy', 'NetworkPolicies')} (${listText(policies.map(qualifiedName), 3)})`),
    ),
  );
}

export const networkPolicyNotEnforced: Check = {
  check: NOT_ENFORCED,
  needs: ['networkpolicies'],
  run(context) {
    const result = detectEnforcement(context.model);
    if (result.enforcement !== 'not-enforced') return [];
    const evidence = result.plugins.flatMap((p) => p.evidence);
    const fixes = result.plugins.map((p) => p.fix).filter((f): f is string => !!f);
    return perNamespace(NOT_ENFORCED, 'warning', context, (policies) => ({
      message:
        `${policies}, but ${pluginNames(result)} does not enforce NetworkPolicy: the traffic they deny flows. ` +
        `${result.reason}. Seen: ${listText(evidence, 3)}.`,
      hint: `${fixes.join(' ') || 'Install a network plugin that enforces NetworkPolicy (Calico, Cilium, kube-network-policies).'} Until then, do not rely on these policies.`,
    }));
  },
};

export const networkPolicyEnforcementUnknown: Check = {
  check: UNKNOWN,
  needs: ['networkpolicies'],
  run(context) {
    const result = detectEnforcement(context.model);
    if (result.enforcement !== 'unknown') return [];
    return perNamespace(UNKNOWN, 'info', context, (policies) => ({
      message: `${policies}; whether the network plugin enforces them is not known: ${result.reason.replace(/^unknown: /, '')}.`,
      hint:
        "Policies take effect only if the network plugin enforces them: check the cluster's plugin against kube-netmap's " +
        'table of plugins (README). On a live cluster kube-netmap tells it when it may list and watch daemonsets (apps) and nodes.',
    }));
  },
};

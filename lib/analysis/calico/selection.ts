// Which pods a Calico policy selects (projectcalico.org/v3 NetworkPolicy and GlobalNetworkPolicy, spec.selector,
// spec.namespaceSelector, spec.serviceAccountSelector, spec.types). kube-netmap detects them but does not evaluate
// their rules: a pod they select gets "unknown" for that direction (see policy/not-evaluated.ts).
//
// What Calico's selectors see of a pod (its WorkloadEndpoint): the pod's labels, plus
// projectcalico.org/namespace, projectcalico.org/orchestrator=k8s, projectcalico.org/serviceaccount and the
// namespace's labels prefixed `pcns.`. A namespaceSelector sees the namespace's labels plus projectcalico.org/name.
// Service accounts' labels (`pcsa.` keys, serviceAccountSelector) are not in the model: a selector that reads them
// is taken to select the pod, so a verdict is never claimed where it might apply.

import type { CalicoPolicy, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { namespaceLabels } from '../policy/match-peer';
import type { NotEvaluatedPolicy } from '../policy/not-evaluated';
import type { Direction } from '../policy/types';
import { matchesCalicoSelector, parseCalicoSelector, selectorKeys } from './selector';

export const CALICO_NOT_EVALUATED = 'kube-netmap does not evaluate Calico policies';

const SERVICE_ACCOUNT_PREFIX = 'pcsa.';

/** The labels Calico's policy selectors match a pod's endpoint against. */
export function calicoEndpointLabels(pod: Pod, index: ModelIndex): Record<string, string> {
  const namespace = pod.meta.namespace ?? '';
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(index.namespaces.get(namespace)?.meta.labels ?? {})) labels[`pcns.${key}`] = value;
  return {
    ...labels,
    ...pod.meta.labels,
    'projectcalico.org/namespace': namespace,
    'projectcalico.org/orchestrator': 'k8s',
    'projectcalico.org/serviceaccount': pod.serviceAccountName ?? 'default',
  };
}

/** Does one selector match, or why can it not be told (then it is taken to match)? */
function selects(text: string, labels: Record<string, string>): { matches: boolean; unsure?: string } {
  const parsed = parseCalicoSelector(text);
  if ('error' in parsed) return { matches: true, unsure: parsed.error };
  if (selectorKeys(parsed.selector).some((k) => k.startsWith(SERVICE_ACCOUNT_PREFIX))) {
    return { matches: true, unsure: `selector "${text}" reads service account labels, which kube-netmap does not read` };
  }
  return { matches: matchesCalicoSelector(parsed.selector, labels) };
}

function selection(policy: CalicoPolicy, pod: Pod, index: ModelIndex): Pick<NotEvaluatedPolicy, 'selection' | 'unsure'> | undefined {
  const namespace = pod.meta.namespace ?? '';
  const unsure: string[] = [];
  const global = policy.namespaceSelector !== undefined;
  if (!global && policy.meta.namespace !== namespace) return undefined;
  if (global && policy.namespaceSelector) {
    const result = selects(policy.namespaceSelector, { ...namespaceLabels(index, namespace), 'projectcalico.org/name': namespace });
    if (!result.matches) return undefined;
    if (result.unsure) unsure.push(result.unsure);
  }
  const result = selects(policy.selector, calicoEndpointLabels(pod, index));
  if (!result.matches) return undefined;
  if (result.unsure) unsure.push(result.unsure);
  if (policy.serviceAccountSelector) unsure.push('its serviceAccountSelector reads service account labels, which kube-netmap does not read');
  return unsure.length === 0 ? { selection: 'selects' } : { selection: 'may select', unsure: unsure.join('; ') };
}

const TYPE = { egress: 'Egress', ingress: 'Ingress' } as const;

/** The Calico policies that select the pod and apply to the direction (their `types`). Host-network pods have no endpoint. */
export function calicoPoliciesSelecting(pod: Pod, direction: Direction, index: ModelIndex): NotEvaluatedPolicy[] {
  if (pod.hostNetwork) return [];
  const found: NotEvaluatedPolicy[] = [];
  const { caliconetworkpolicies, calicoglobalnetworkpolicies } = index.resources;
  for (const [kind, policies] of [
    ['Calico NetworkPolicy', caliconetworkpolicies],
    ['Calico GlobalNetworkPolicy', calicoglobalnetworkpolicies],
  ] as const) {
    for (const policy of policies) {
      if (!policy.types.includes(TYPE[direction])) continue;
      const how = selection(policy, pod, index);
      if (!how) continue;
      found.push({
        kind,
        ...(policy.meta.namespace ? { namespace: policy.meta.namespace } : {}),
        name: policy.meta.name,
        ...how,
        reason: CALICO_NOT_EVALUATED,
      });
    }
  }
  return found;
}

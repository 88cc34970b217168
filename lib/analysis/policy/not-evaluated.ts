// Policies the engine does not evaluate, which select a pod for a direction: Calico's, and of Cilium's the host
// policies and the rules whose selection cannot be told. The rule they serve: never a false verdict. A side whose
// subject such a policy selects is "unknown", naming the policies and why, instead of the verdict of the policies
// that are evaluated (which the unevaluated policy may overrule either way).
//
// sideIsolation asks `notEvaluatedSelecting` first; each kind with such policies adds its finder here.

import type { Pod } from '@/lib/model';
import { calicoPoliciesSelecting } from '../calico/selection';
import { ciliumNotEvaluated } from '../cilium/selection';
import type { ModelIndex } from '../model-index';
import type { Direction } from './types';

export interface NotEvaluatedPolicy {
  /** As a person names the kind: "Calico NetworkPolicy", "CiliumNetworkPolicy". */
  kind: string;
  namespace?: string;
  name: string;
  /** "may select" when its selection cannot be told (then `unsure` says why): it is counted all the same. */
  selection: 'selects' | 'may select';
  unsure?: string;
  /** Why it is not evaluated. */
  reason: string;
}

/**
 * "Calico NetworkPolicy shop/db-lockdown selects this pod; kube-netmap does not evaluate Calico policies". `subject`
 * names the pod where "this pod" would be ambiguous ("pod shop/db", "the destination").
 */
export function formatNotEvaluated(policy: NotEvaluatedPolicy, subject = 'this pod'): string {
  const name = policy.namespace ? `${policy.namespace}/${policy.name}` : policy.name;
  return `${policy.kind} ${name} ${policy.selection} ${subject}${policy.unsure ? ` (${policy.unsure})` : ''}; ${policy.reason}`;
}

/** The policies of unevaluated kinds that select the pod for the direction, in a stable order. */
export function notEvaluatedSelecting(pod: Pod, direction: Direction, index: ModelIndex): NotEvaluatedPolicy[] {
  return [...calicoPoliciesSelecting(pod, direction, index), ...ciliumNotEvaluated(pod, direction, index)];
}

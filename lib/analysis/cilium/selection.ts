// Which pods a Cilium policy selects (cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy). Their
// peers and ports are not evaluated yet: a pod a rule selects gets "unknown" for the rule's directions (see
// policy/not-evaluated.ts).
//
// Selection, as Cilium does it:
// - endpointSelector matches the endpoint's labels: the pod's labels (source `k8s`), plus
//   io.kubernetes.pod.namespace, io.cilium.k8s.policy.serviceaccount and io.cilium.k8s.namespace.labels.<key>. A key
//   written without a source (`app`) or with `any:` matches a label of any source; `k8s:` only Kubernetes labels, which
//   every label kube-netmap reads is. A key of another source (`reserved:`, `container:`, ...) is not in the model:
//   the rule is taken to select the pod. So is the cluster name (io.cilium.k8s.policy.cluster), which is not known.
// - a CiliumNetworkPolicy selects only pods of its own namespace; a clusterwide one, pods of any namespace;
// - nodeSelector (host policies) selects nodes: their host endpoint, which host-network pods share.
// - a rule governs a direction when it has an ingress/ingressDeny (egress/egressDeny) section or enableDefaultDeny
//   for it (see normalize/cilium.ts).

import type { CiliumPolicy, CiliumRule, LabelSelector, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import type { NotEvaluatedPolicy } from '../policy/not-evaluated';
import type { Direction } from '../policy/types';
import { matchesSelector } from '../selectors/label-selector';

export const CILIUM_NOT_EVALUATED = 'kube-netmap does not evaluate Cilium policies yet';

const UNKNOWN_KEYS = new Set(['io.cilium.k8s.policy.cluster']);

/** The endpoint labels Cilium's selectors see of a pod, without their `k8s:` source. */
export function ciliumEndpointLabels(pod: Pod, index: ModelIndex): Record<string, string> {
  const namespace = pod.meta.namespace ?? '';
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(index.namespaces.get(namespace)?.meta.labels ?? {})) {
    labels[`io.cilium.k8s.namespace.labels.${key}`] = value;
  }
  return {
    ...labels,
    ...pod.meta.labels,
    'io.kubernetes.pod.namespace': namespace,
    'io.cilium.k8s.policy.serviceaccount': pod.serviceAccountName ?? 'default',
  };
}

/** A key without its source, or undefined when its source is one the model does not hold. */
function plainKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon < 0) return UNKNOWN_KEYS.has(key) ? undefined : key;
  const source = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  return (source === 'k8s' || source === 'any') && !UNKNOWN_KEYS.has(rest) ? rest : undefined;
}

/** Does a Cilium selector match these labels, or why can it not be told (then it is taken to match)? */
export function matchesCiliumSelector(selector: LabelSelector, labels: Record<string, string>): { matches: boolean; unsure?: string } {
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  const unreadable = keys.filter((k) => plainKey(k) === undefined);
  if (unreadable.length > 0) return { matches: true, unsure: `its selector reads ${unreadable.join(', ')}, which kube-netmap does not know` };
  const plain: LabelSelector = {
    matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).map(([k, v]) => [plainKey(k)!, v])),
    matchExpressions: selector.matchExpressions.map((e) => ({ ...e, key: plainKey(e.key)! })),
  };
  return { matches: matchesSelector(plain, labels) };
}

function ruleSelects(rule: CiliumRule, pod: Pod, index: ModelIndex): { matches: boolean; unsure?: string } {
  if (rule.nodeSelector) {
    if (!pod.hostNetwork) return { matches: false };
    const node = pod.nodeName ? index.nodes.get(pod.nodeName) : undefined;
    if (!node) return { matches: true, unsure: 'a host policy, and the pod\'s node is not known' };
    return matchesCiliumSelector(rule.nodeSelector, node.meta.labels);
  }
  // Host-network pods are the host's endpoint, which only host policies (nodeSelector) select.
  if (pod.hostNetwork) return { matches: false };
  if (!rule.endpointSelector) return { matches: true, unsure: 'a rule has neither endpointSelector nor nodeSelector' };
  return matchesCiliumSelector(rule.endpointSelector, ciliumEndpointLabels(pod, index));
}

function policySelecting(kind: string, policy: CiliumPolicy, pod: Pod, direction: Direction, index: ModelIndex): NotEvaluatedPolicy | undefined {
  const namespaced = kind === 'CiliumNetworkPolicy';
  if (namespaced && policy.meta.namespace !== pod.meta.namespace) return undefined;
  const unsure: string[] = [];
  let selected = false;
  for (const rule of policy.rules) {
    if (!rule[direction]) continue;
    const result = ruleSelects(rule, pod, index);
    if (!result.matches) continue;
    selected = true;
    if (result.unsure) unsure.push(result.unsure);
    else return notEvaluated(kind, policy, 'selects');
  }
  return selected ? notEvaluated(kind, policy, 'may select', [...new Set(unsure)].join('; ')) : undefined;
}

function notEvaluated(kind: string, policy: CiliumPolicy, selection: NotEvaluatedPolicy['selection'], unsure?: string): NotEvaluatedPolicy {
  return {
    kind,
    ...(policy.meta.namespace ? { namespace: policy.meta.namespace } : {}),
    name: policy.meta.name,
    selection,
    ...(unsure ? { unsure } : {}),
    reason: CILIUM_NOT_EVALUATED,
  };
}

/** The Cilium policies with a rule that selects the pod for the direction. */
export function ciliumPoliciesSelecting(pod: Pod, direction: Direction, index: ModelIndex): NotEvaluatedPolicy[] {
  const found: NotEvaluatedPolicy[] = [];
  const { ciliumnetworkpolicies, ciliumclusterwidenetworkpolicies } = index.resources;
  for (const [kind, policies] of [
    ['CiliumNetworkPolicy', ciliumnetworkpolicies],
    ['CiliumClusterwideNetworkPolicy', ciliumclusterwidenetworkpolicies],
  ] as const) {
    for (const policy of policies) {
      const hit = policySelecting(kind, policy, pod, direction, index);
      if (hit) found.push(hit);
    }
  }
  return found;
}

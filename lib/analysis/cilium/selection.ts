// Which Cilium rules (cilium.io/v2 CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy) select a pod for a
// direction, as Cilium does it (pkg/policy/repository.go, pkg/policy/utils/parserules.go):
// - endpointSelector matches the endpoint's labels (see selector.ts); a CiliumNetworkPolicy selects only pods of its
//   own namespace, a clusterwide one pods of any namespace;
// - nodeSelector (host policies) selects nodes: their host endpoint, which host-network pods share, and which only
//   host policies select;
// - a rule governs a direction when it has entries in that direction's sections (ingress/ingressDeny,
//   egress/egressDeny); it sets default deny for the direction unless enableDefaultDeny says false for it. A rule
//   with enableDefaultDeny true but no entry for the direction does nothing there (Cilium makes no policy entry).
//
// Rules that surely select the pod are evaluated (evaluate.ts). Host policies, and rules whose selection cannot be
// told (a key kube-netmap cannot read), are not: the side is unknown through policy/not-evaluated.ts.

import type { CiliumPolicy, CiliumPolicyKind, CiliumRule, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import type { NotEvaluatedPolicy } from '../policy/not-evaluated';
import type { Direction } from '../policy/types';
import { ciliumEndpointLabels, matchCiliumSelector, plainKey, SERVICE_ACCOUNT_LABEL } from './selector';

export const CILIUM_HOST_POLICY = 'kube-netmap does not evaluate Cilium host policies (nodeSelector)';
const CILIUM_UNSURE = 'kube-netmap cannot tell whether its rules apply';

/** A rule of a Cilium policy that selects the subject for a direction. */
export interface SelectedCiliumRule {
  kind: CiliumPolicyKind;
  policy: CiliumPolicy;
  rule: CiliumRule;
  /** 1-based, counting `spec` first, then `specs`. */
  ruleNumber: number;
  /** Whether the rule puts the endpoint in default deny for the direction. */
  defaultDeny: boolean;
}

/** The Cilium rules that select a pod for one direction, and whether one of them isolates it. */
export interface CiliumSelection {
  rules: SelectedCiliumRule[];
  defaultDeny: boolean;
}

export const NO_CILIUM: CiliumSelection = Object.freeze({ rules: [], defaultDeny: false });

/** Both kinds, each with its policies in model order. */
export function ciliumPolicies(index: ModelIndex): { kind: CiliumPolicyKind; policy: CiliumPolicy }[] {
  const { ciliumnetworkpolicies, ciliumclusterwidenetworkpolicies } = index.resources;
  return [
    ...ciliumnetworkpolicies.map((policy) => ({ kind: 'CiliumNetworkPolicy' as const, policy })),
    ...ciliumclusterwidenetworkpolicies.map((policy) => ({ kind: 'CiliumClusterwideNetworkPolicy' as const, policy })),
  ];
}

/** Does the rule have entries for the direction? */
export const governs = (rule: CiliumRule, direction: Direction) =>
  direction === 'ingress' ? rule.ingress.length + rule.ingressDeny.length > 0 : rule.egress.length + rule.egressDeny.length > 0;

type RuleSelection = { match: 'yes' | 'no' } | { match: 'maybe'; unsure: string } | { match: 'host' };

function ruleSelects(rule: CiliumRule, pod: Pod, index: ModelIndex): RuleSelection {
  if (rule.nodeSelector) {
    if (!pod.hostNetwork) return { match: 'no' };
    const node = pod.nodeName ? index.nodes.get(pod.nodeName) : undefined;
    if (!node) return { match: 'maybe', unsure: "a host policy, and the pod's node is not known" };
    const result = matchCiliumSelector(rule.nodeSelector, node.meta.labels, `node ${node.meta.name}`);
    return result.match === 'no' ? { match: 'no' } : result.match === 'yes' ? { match: 'host' } : { match: 'maybe', unsure: result.reasons.join('; ') };
  }
  // Host-network pods are the host's endpoint, which only host policies (nodeSelector) select.
  if (pod.hostNetwork) return { match: 'no' };
  if (!rule.endpointSelector) return { match: 'maybe', unsure: 'a rule has neither endpointSelector nor nodeSelector' };
  // Only a "maybe" says why: a rule that does not select the pod is left out, reasons and all.
  const result = matchCiliumSelector(rule.endpointSelector, ciliumEndpointLabels(pod, index), `pod ${pod.meta.namespace}/${pod.meta.name}`, false);
  return result.match === 'maybe' ? { match: 'maybe', unsure: result.reasons.join('; ') } : { match: result.match };
}

interface RuleOfPod {
  kind: CiliumPolicyKind;
  policy: CiliumPolicy;
  rule: CiliumRule;
  ruleNumber: number;
  selection: RuleSelection;
}

/**
 * Every rule of the policies in scope with whether it selects the pod, and the answers made of them per direction:
 * read once per pod and model (every side of every flow asks), like indexModel, and shared by the pods Cilium's
 * endpoint selectors cannot tell apart.
 */
interface PodRules {
  rules: RuleOfPod[];
  selection: Partial<Record<Direction, CiliumSelection>>;
  notEvaluated: Partial<Record<Direction, NotEvaluatedPolicy[]>>;
}

interface Cache {
  byPod: WeakMap<Pod, PodRules>;
  /** By selectorKey, for pods with their own network. */
  byKey: Map<string, PodRules>;
  /** The label keys (without their source) that some endpointSelector names. */
  named: Set<string>;
}

const cache = new WeakMap<ModelIndex, Cache>();

/**
 * What a pod's rules read besides the pod: the Cilium policies, the namespaces (their labels) and the nodes (host
 * policies). A model whose lists are the very same as the last one's takes its cache over: after a live change of a
 * few pods, the other pods' rules are not matched again.
 */
const inputsOf = (index: ModelIndex) => {
  const { ciliumnetworkpolicies, ciliumclusterwidenetworkpolicies, namespaces, nodes } = index.resources;
  return [ciliumnetworkpolicies, ciliumclusterwidenetworkpolicies, namespaces, nodes];
};
let last: { inputs: unknown[]; cache: Cache } | undefined;

function cacheOf(index: ModelIndex): Cache {
  let cached = cache.get(index);
  if (cached) return cached;
  const inputs = inputsOf(index);
  if (last && inputs.every((list, i) => list === last!.inputs[i])) cached = last.cache;
  else cached = { byPod: new WeakMap(), byKey: new Map(), named: namedKeys(index) };
  cache.set(index, cached);
  last = { inputs, cache: cached };
  return cached;
}

function podRules(pod: Pod, index: ModelIndex): PodRules {
  const cached = cacheOf(index);
  let rules = cached.byPod.get(pod);
  if (rules) return rules;
  // A host-network pod is matched by its node (host policies): it shares with no other pod.
  const key = pod.hostNetwork ? undefined : selectorKey(pod, cached.named);
  rules = key === undefined ? undefined : cached.byKey.get(key);
  if (!rules) {
    rules = { rules: [], selection: {}, notEvaluated: {} };
    for (const { kind, policy } of policiesInScope(pod.meta.namespace ?? '', index)) {
      for (const [i, rule] of policy.rules.entries()) rules.rules.push({ kind, policy, rule, ruleNumber: i + 1, selection: ruleSelects(rule, pod, index) });
    }
    if (key !== undefined) cached.byKey.set(key, rules);
  }
  cached.byPod.set(pod, rules);
  return rules;
}

/**
 * What an endpointSelector can read of a pod with its own network (its endpoint labels, ciliumEndpointLabels): its
 * namespace (which also scopes the policies, and gives the namespace's labels), its service account, and its own
 * labels of the keys some selector names.
 */
function selectorKey(pod: Pod, named: Set<string>): string {
  const kept: string[] = [];
  for (const key in pod.meta.labels) if (named.has(key)) kept.push(key);
  const labels = kept.sort().map((key) => `${key}\u0001${pod.meta.labels[key]}`);
  return `${pod.meta.namespace ?? ''}\u0000${named.has(SERVICE_ACCOUNT_LABEL) ? (pod.serviceAccountName ?? '') : ''}\u0000${labels.join('\u0000')}`;
}

function namedKeys(index: ModelIndex): Set<string> {
  const named = new Set<string>();
  for (const { policy } of ciliumPolicies(index)) {
    for (const rule of policy.rules) {
      if (!rule.endpointSelector) continue;
      for (const key of [...Object.keys(rule.endpointSelector.matchLabels), ...rule.endpointSelector.matchExpressions.map((e) => e.key)]) {
        const plain = plainKey(key);
        if (plain !== undefined) named.add(plain);
      }
    }
  }
  return named;
}

type ScopedPolicy = { kind: CiliumPolicyKind; policy: CiliumPolicy };

const scopes = new WeakMap<ModelIndex, { byNamespace: Map<string, ScopedPolicy[]>; clusterwide: ScopedPolicy[] }>();

/**
 * The policies whose rules may select a pod of the namespace, in ciliumPolicies' order: its CiliumNetworkPolicies,
 * then every clusterwide one. Grouped once per index, not filtered out of every policy for every pod.
 */
function policiesInScope(namespace: string, index: ModelIndex): ScopedPolicy[] {
  let scope = scopes.get(index);
  if (!scope) {
    const all = ciliumPolicies(index);
    scope = { byNamespace: new Map(), clusterwide: all.filter((p) => p.kind === 'CiliumClusterwideNetworkPolicy') };
    for (const p of all) {
      if (p.kind !== 'CiliumNetworkPolicy') continue;
      const key = p.policy.meta.namespace ?? '';
      scope.byNamespace.set(key, [...(scope.byNamespace.get(key) ?? []), p]);
    }
    for (const [key, namespaced] of scope.byNamespace) scope.byNamespace.set(key, [...namespaced, ...scope.clusterwide]);
    scopes.set(index, scope);
  }
  return scope.byNamespace.get(namespace) ?? scope.clusterwide;
}

/** The rules of the policies in scope that govern the direction, with whether each selects the pod. */
const rulesFor = (rules: PodRules, direction: Direction) => rules.rules.filter((r) => governs(r.rule, direction));

/** The Cilium rules that surely select the pod with an endpointSelector and govern the direction, in policy order. */
export function ciliumSelection(pod: Pod, direction: Direction, index: ModelIndex): CiliumSelection {
  const cached = podRules(pod, index);
  const known = cached.selection[direction];
  if (known) return known;
  const rules: SelectedCiliumRule[] = [];
  for (const { kind, policy, rule, ruleNumber, selection } of rulesFor(cached, direction)) {
    if (selection.match !== 'yes') continue;
    rules.push({ kind, policy, rule, ruleNumber, defaultDeny: rule.enableDefaultDeny[direction] !== false });
  }
  return (cached.selection[direction] = rules.length === 0 ? NO_CILIUM : { rules, defaultDeny: rules.some((r) => r.defaultDeny) });
}

/**
 * The Cilium policies kube-netmap cannot evaluate for the pod and direction: host policies that select it (a
 * host-network pod), and rules that may select it.
 */
export function ciliumNotEvaluated(pod: Pod, direction: Direction, index: ModelIndex): NotEvaluatedPolicy[] {
  const cached = podRules(pod, index);
  const known = cached.notEvaluated[direction];
  if (known) return known;
  const found = new Map<CiliumPolicy, NotEvaluatedPolicy>();
  for (const { kind, policy, selection } of rulesFor(cached, direction)) {
    if (selection.match === 'yes' || selection.match === 'no') continue;
    const previous = found.get(policy);
    // A rule that surely selects (a host policy) outweighs one that may.
    if (previous?.selection === 'selects') continue;
    found.set(policy, {
      kind,
      ...(policy.meta.namespace ? { namespace: policy.meta.namespace } : {}),
      name: policy.meta.name,
      selection: selection.match === 'host' ? 'selects' : 'may select',
      ...(selection.match === 'maybe' ? { unsure: selection.unsure } : {}),
      reason: selection.match === 'host' ? CILIUM_HOST_POLICY : CILIUM_UNSURE,
    });
  }
  return (cached.notEvaluated[direction] = [...found.values()]);
}

// How Cilium's label selectors read an endpoint (cilium.io/v2 EndpointSelector, pkg/labels):
// - an endpoint's labels are its pod's labels (source `k8s`), plus io.kubernetes.pod.namespace,
//   io.cilium.k8s.policy.serviceaccount and io.cilium.k8s.namespace.labels.<key> for each label of its namespace;
// - a key written without a source (`app`) or with `any:` matches a label of any source; `k8s:` only Kubernetes
//   labels, which every label kube-netmap reads is. A key of another source (`reserved:`, `container:`, `$host`, ...)
//   is not in the model, and neither is the cluster name (io.cilium.k8s.policy.cluster): such a selector "may" match;
// - Cilium's default label filter (pkg/labelsfilter defaultLabelPrefixCfg) leaves some labels out of identities
//   (pod-template-hash, statefulset.kubernetes.io/pod-name, other kubernetes.io labels, ...): a selector naming one
//   "may" match too, since the agent's --labels option decides.

import type { LabelSelector, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import { matchesSelector, selectorMismatches } from '../selectors/label-selector';

export const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
export const SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';
const CLUSTER_LABEL = 'io.cilium.k8s.policy.cluster';

const endpointLabels = new WeakMap<ModelIndex, WeakMap<Pod, Record<string, string>>>();

/** The endpoint labels Cilium's selectors see of a pod, without their `k8s:` source (built once per pod and model). */
export function ciliumEndpointLabels(pod: Pod, index: ModelIndex): Record<string, string> {
  let byPod = endpointLabels.get(index);
  if (!byPod) endpointLabels.set(index, (byPod = new WeakMap()));
  const cached = byPod.get(pod);
  if (cached) return cached;
  const namespace = pod.meta.namespace ?? '';
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(index.namespaces.get(namespace)?.meta.labels ?? {})) labels[`${NAMESPACE_LABELS_PREFIX}${key}`] = value;
  const all = { ...labels, ...pod.meta.labels, [NAMESPACE_LABEL]: namespace, [SERVICE_ACCOUNT_LABEL]: pod.serviceAccountName ?? 'default' };
  byPod.set(pod, all);
  return all;
}

/** A selector key without its source; undefined when its source is one the model does not hold. */
export function plainKey(key: string): string | undefined {
  if (key.startsWith('$')) return undefined;
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const source = key.slice(0, colon);
  return source === 'k8s' || source === 'any' ? key.slice(colon + 1) : undefined;
}

// pkg/labelsfilter defaultLabelPrefixCfg: patterns matched at the start of a key. A label is kept when no ignore
// pattern matches it, or an include pattern matches a longer part of it than the shortest ignore pattern does.
const INCLUDE = [NAMESPACE_LABEL, NAMESPACE_LABELS_PREFIX.slice(0, -1), 'app.kubernetes.io', CLUSTER_LABEL, SERVICE_ACCOUNT_LABEL];
const IGNORE = [
  /^io\.kubernetes/,
  /^kubernetes\.io/,
  /^statefulset\.kubernetes\.io\/pod-name/,
  /^apps\.kubernetes\.io\/pod-index/,
  /^batch\.kubernetes\.io\/job-completion-index/,
  /^batch\.kubernetes\.io\/controller-uid/,
  /^.*beta\.kubernetes\.io/,
  /^k8s\.io/,
  /^pod-template-generation/,
  /^pod-template-hash/,
  /^controller-revision-hash/,
  /^controller-uid/,
  /^annotation.*/,
  /^etcd_node/,
  /^topology\.kubernetes\.io/,
];

/** Does Cilium's default label filter leave this label out of identities (so no selector sees it)? */
export function droppedByDefaultFilter(key: string): boolean {
  const ignored = IGNORE.reduce((shortest, re) => Math.min(shortest, re.exec(key)?.[0].length ?? Infinity), Infinity);
  if (ignored === Infinity) return false;
  const included = INCLUDE.reduce((longest, prefix) => (key.startsWith(prefix) ? Math.max(longest, prefix.length) : longest), 0);
  return included <= ignored;
}

/** Why kube-netmap cannot read a key of a selector, or undefined when it can. */
function unreadable(key: string): string | undefined {
  const plain = plainKey(key);
  if (plain === undefined) return `${key} (a label source kube-netmap does not know)`;
  if (plain === CLUSTER_LABEL) return `${key} (the cluster name, which kube-netmap does not know)`;
  if (droppedByDefaultFilter(plain)) return `${key} (Cilium's default label filter leaves it out of identities; the agent's --labels decide)`;
  return undefined;
}

const compiledSelectors = new WeakMap<LabelSelector, { readable: LabelSelector; unknown: string[] }>();

/** The selector's requirements kube-netmap can read (keys without their source), and the keys it cannot; once per selector. */
function compiled(selector: LabelSelector): { readable: LabelSelector; unknown: string[] } {
  const cached = compiledSelectors.get(selector);
  if (cached) return cached;
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)];
  const result = {
    readable: {
      matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).flatMap(([k, v]) => (unreadable(k) ? [] : [[plainKey(k)!, v]]))),
      matchExpressions: selector.matchExpressions.flatMap((e) => (unreadable(e.key) ? [] : [{ ...e, key: plainKey(e.key)! }])),
    },
    unknown: [...new Set(keys.flatMap((k) => unreadable(k) ?? []))],
  };
  compiledSelectors.set(selector, result);
  return result;
}

export interface CiliumSelectorMatch {
  match: 'yes' | 'no' | 'maybe';
  /** Why it does not (or may not) match. */
  reasons: string[];
}

const NO_MATCH: CiliumSelectorMatch = Object.freeze({ match: 'no', reasons: [] as string[] });

/**
 * Does a Cilium selector match these endpoint labels (ciliumEndpointLabels)? "no" when a requirement kube-netmap can
 * read fails; otherwise "maybe" when it names a key kube-netmap cannot read, else "yes". `subject` names the labels'
 * owner in the reasons; `whyNot` false: a selector that does not match comes back without them.
 */
export function matchCiliumSelector(selector: LabelSelector, labels: Record<string, string>, subject: string, whyNot = true): CiliumSelectorMatch {
  const { readable, unknown } = compiled(selector);
  if (!matchesSelector(readable, labels)) return whyNot ? { match: 'no', reasons: selectorMismatches(readable, labels, subject) } : NO_MATCH;
  if (unknown.length > 0) return { match: 'maybe', reasons: [`the selector reads ${unknown.join(', ')}`] };
  return { match: 'yes', reasons: [] };
}

/** Whether the selector names this key (after its source), with the `k8s:` or `any:` source or none. */
export function namesKey(selector: LabelSelector, test: (plain: string) => boolean): boolean {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((e) => e.key)].some((key) => {
    const plain = plainKey(key);
    return plain !== undefined && test(plain);
  });
}

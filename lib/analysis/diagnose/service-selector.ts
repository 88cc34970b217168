// service-selector-matches-nothing: a Service whose selector matches no pod of its namespace has no endpoints
// (core/v1 ServiceSpec.selector: "Route service traffic to pods with label keys and values matching this selector").

import type { Pod } from '@/lib/model';
import { editDistance } from '@/lib/analysis/dns/names';
import { serviceSelects } from '@/lib/analysis/services/service-backends';
import { finding, formatLabels, isTypo, listText, objectOf, plural, selectorServices } from './helpers';
import type { Check, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const CHECK = 'service-selector-matches-nothing';

interface Suggestion {
  /** The selector rewritten to match the pod: its differing pairs replaced by the pod's, or dropped. */
  pairs: [string, string][];
  /** How many selector pairs differ from the pod's labels. */
  differing: number;
  /** Edit distance over the differing keys and values (a dropped pair costs its whole length). */
  cost: number;
  /** True when every differing pair reads as a typo of a label the pod has. */
  typo: boolean;
  /** What differs, for the text: "app=cart (not crat)", "no tier label". */
  changes: string[];
}

/**
 * The selector as it would have to be to match this pod. A pair whose key the pod has takes the pod's value; a pair
 * whose key it lacks takes the pod's label with the same value or a key that reads as a typo; else it is dropped.
 */
function suggestionFor(selector: [string, string][], labels: Record<string, string>): Suggestion {
  const selectorKeys = new Set(selector.map(([k]) => k));
  const s: Suggestion = { pairs: [], differing: 0, cost: 0, typo: true, changes: [] };
  for (const [k, v] of selector) {
    const actual = labels[k];
    if (actual === v) {
      s.pairs.push([k, v]);
      continue;
    }
    s.differing += 1;
    if (actual !== undefined) {
      s.pairs.push([k, actual]);
      s.cost += editDistance(v, actual);
      s.typo &&= isTypo(v, actual);
      s.changes.push(`${k}=${actual} (not ${v})`);
      continue;
    }
    const renamed = Object.entries(labels)
      .filter(([k2, v2]) => !selectorKeys.has(k2) && (v2 === v || isTypo(v, v2)) && isTypo(k, k2))
      .map(([k2, v2]) => ({ k2, v2, d: editDistance(k, k2) + editDistance(v, v2) }))
      .sort((a, b) => a.d - b.d || byCodeUnits(a.k2, b.k2))[0];
    if (renamed) {
      s.pairs.push([renamed.k2, renamed.v2]);
      s.cost += renamed.d;
      s.changes.push(`${renamed.k2}=${renamed.v2} (not ${k}=${v})`);
      continue;
    }
    s.cost += k.length + v.length;
    s.typo = false;
    s.changes.push(`no ${k} label`);
  }
  return s;
}

interface Group extends Suggestion {
  text: string;
  pods: Pod[];
}

/** The label sets of the namespace's pods nearest to the selector, grouped by the selector they suggest. */
function nearestLabelSets(selector: [string, string][], pods: readonly Pod[]): Group[] {
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    const s = suggestionFor(selector, pod.meta.labels);
    if (s.pairs.length === 0) continue;
    const text = formatLabels(s.pairs);
    const group = groups.get(text);
    if (group) group.pods.push(pod);
    else groups.set(text, { ...s, text, pods: [pod] });
  }
  return [...groups.values()].sort((a, b) => a.differing - b.differing || a.cost - b.cost || byCodeUnits(a.text, b.text));
}

const podList = (pods: Pod[]) => `${pods.length === 1 ? 'pod' : 'pods'} ${listText(pods.map(qualifiedName).sort(byCodeUnits), 3)}`;

function hintFor(selector: [string, string][], namespace: string, pods: readonly Pod[]): string {
  const fix = 'Fix spec.selector of the Service, or the labels of the pod template, so that they agree.';
  if (pods.length === 0) return `Namespace ${namespace} has no pods: deploy the workload there, or create the Service in the namespace of its pods.`;
  const groups = nearestLabelSets(selector, pods);
  const typos = groups.filter((g) => g.typo).slice(0, 3);
  if (typos.length > 0) {
    return `Did you mean ${typos.map((g) => `${g.text} (${podList(g.pods)})`).join(' or ')}? ${fix}`;
  }
  // Nothing reads as a typo: name the nearest label sets that share at least one pair with the selector.
  const near = groups.filter((g) => g.differing < selector.length).slice(0, 3);
  if (near.length > 0) {
    return `Nearest pods: ${near.map((g) => `${podList(g.pods)} with ${g.changes.join(', ')}`).join('; ')}. ${fix}`;
  }
  const keys = selector.map(([k]) => k);
  const values = [...new Set(pods.flatMap((p) => keys.filter((k) => k in p.meta.labels).map((k) => `${k}=${p.meta.labels[k]}`)))].sort(byCodeUnits);
  return values.length > 0
    ? `No pod in ${namespace} has labels close to it; pods there carry ${listText(values, 8)}. ${fix}`
    : `No pod in ${namespace} has any of the label keys ${keys.join(', ')}. ${fix}`;
}

export const serviceSelectorMatchesNothing: Check = {
  check: CHECK,
  needs: ['services', 'pods'],
  run({ model, index }) {
    const findings: Finding[] = [];
    for (const service of selectorServices(model.resources.services)) {
      const namespace = service.meta.namespace ?? '';
      const pods = index.podsByNamespace.get(namespace) ?? [];
      if (pods.some((p) => serviceSelects(service.selector, p.meta.labels))) continue;
      const selector = Object.entries(service.selector);
      const elsewhere = model.resources.pods.filter(
        (p) => (p.meta.namespace ?? '') !== namespace && serviceSelects(service.selector, p.meta.labels),
      );
      const where =
        pods.length === 0 ? `namespace ${namespace} has no pods` : `it matches none of the ${plural(pods.length, 'pod')} in namespace ${namespace}`;
      const other =
        elsewhere.length > 0
          ? ` (it does match ${podList(elsewhere)} in other namespaces, but a Service selects pods of its own namespace only)`
          : '';
      findings.push(
        finding(CHECK, 'error', [objectOf('Service', service)], {
          message: `Service ${qualifiedName(service)} selects ${formatLabels(selector)}, but ${where}${other}, so it has no endpoints and connections to it fail.`,
          hint: hintFor(selector, namespace, pods),
        }),
      );
    }
    return findings;
  },
};

// The map's search box: which drawn nodes a query finds. Words match names; `key=value` and `key!=value` are label
// requirements, matched by the engine's label-selector code (the same rules as a Service or policy selector).
// Every term must match (AND), as in `kubectl get -l` with a name filter.

import { matchesSelector } from '@/lib/analysis/selectors/label-selector';
import type { ClusterModel, LabelSelector } from '@/lib/model';
import { ingressId, podNodeId, serviceId, type GraphOptions } from './elements';

export interface SearchQuery {
  /** Lower-case parts every matching name contains. */
  words: string[];
  labels: LabelSelector;
}

export type ParsedSearch = { query: SearchQuery } | { error: string };

const LABEL_TERM = /^([^=!]*)(==|=|!=)(.*)$/;

export function parseSearch(text: string): ParsedSearch {
  const query: SearchQuery = { words: [], labels: { matchLabels: {}, matchExpressions: [] } };
  for (const term of text.trim().split(/\s+/).filter(Boolean)) {
    const label = LABEL_TERM.exec(term);
    if (!label) {
      query.words.push(term.toLowerCase());
      continue;
    }
    const [, key = '', operator, value = ''] = label;
    if (!key) return { error: `"${term}": a label term needs a key, as in app=web` };
    if (operator === '!=') query.labels.matchExpressions.push({ key, operator: 'NotIn', values: [value] });
    else query.labels.matchLabels[key] = value;
  }
  return { query };
}

export const isEmptySearch = (q: SearchQuery) =>
  q.words.length === 0 && Object.keys(q.labels.matchLabels).length === 0 && q.labels.matchExpressions.length === 0;

/**
 * The ids of the map nodes the query finds: pods (or the folded workload drawn for them), Services and Ingresses
 * whose name contains every word and whose labels meet every label term. Only namespaces the map draws count.
 */
export function searchGraph(model: ClusterModel, query: SearchQuery, options: GraphOptions): Set<string> {
  const found = new Set<string>();
  if (isEmptySearch(query)) return found;
  const visible = (namespace = '') => !options.namespaces || options.namespaces.has(namespace);
  const matches = (meta: { name: string; labels: Record<string, string> }) => {
    const name = meta.name.toLowerCase();
    return query.words.every((w) => name.includes(w)) && matchesSelector(query.labels, meta.labels);
  };
  for (const pod of model.resources.pods) {
    if (visible(pod.meta.namespace) && matches(pod.meta)) found.add(podNodeId(pod, options, model));
  }
  for (const service of model.resources.services) {
    if (visible(service.meta.namespace) && matches(service.meta)) found.add(serviceId(service.meta.namespace ?? '', service.meta.name));
  }
  for (const ingress of model.resources.ingresses) {
    if (visible(ingress.meta.namespace) && matches(ingress.meta)) found.add(ingressId(ingress.meta.namespace ?? '', ingress.meta.name));
  }
  return found;
}

// Small helpers shared by the checks: ids, object references, text, and the pods a Service selects.

import type { Pod, Service, ServicePort } from '@/lib/model';
import type { ModelIndex } from '@/lib/analysis/model-index';
import { editDistance } from '@/lib/analysis/dns/names';
import { serviceSelects } from '@/lib/analysis/services/service-backends';
import type { Finding, FindingObject, Severity } from './types';

type Named = { meta: { namespace?: string; name: string } };

export function objectOf(kind: string, o: Named): FindingObject {
  return o.meta.namespace === undefined ? { kind, name: o.meta.name } : { kind, namespace: o.meta.namespace, name: o.meta.name };
}

/** `${check}:${kind}/${namespace}/${name}` (no namespace segment for a cluster-scoped object), then any suffixes. */
export function findingId(check: string, object: FindingObject, ...suffixes: (string | number)[]): string {
  const base = `${check}:${object.kind}/${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`;
  return [base, ...suffixes].join(':');
}

/** Builds a finding whose id is made from its first object and the given suffixes. */
export function finding(
  check: string,
  severity: Severity,
  objects: [FindingObject, ...FindingObject[]],
  text: { message: string; hint: string },
  ...suffixes: (string | number)[]
): Finding {
  return { id: findingId(check, objects[0], ...suffixes), check, severity, objects, message: text.message, hint: text.hint };
}

/** A Service port in ids: `80/TCP`. The API keeps port and protocol unique within a Service. */
export const portKey = (p: ServicePort) => `${p.port}/${p.protocol}`;

/** "port http 80/TCP → http-api", or "port 80/TCP → 8080" for an unnamed one. */
export const describePort = (p: ServicePort) => `port ${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol} → ${p.targetPort}`;

/** kubectl -l style: "app=cart,tier=web". */
export const formatLabels = (labels: Record<string, string> | [string, string][]) =>
  (Array.isArray(labels) ? labels : Object.entries(labels)).map(([k, v]) => `${k}=${v}`).join(',');

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c", cut after `max` items as "a, b, c and 4 more". */
export function listText(items: readonly string[], max = 5, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length === 0) return '';
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  return shown.length === 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}

/**
 * Whether b reads as a typo of a: an edit distance of 1 for short strings (3 characters or less), 2 up to 8, and a
 * quarter of the length (plus one) beyond, so "crat" → "cart" (2) and "checkout-v2" → "checkout" (3) are typos
 * while "web" → "db" is not.
 */
export function isTypo(a: string, b: string): boolean {
  if (a === b) return false;
  const longest = Math.max(a.length, b.length);
  const budget = longest <= 3 ? 1 : longest <= 8 ? 2 : Math.floor(longest / 4) + 1;
  return editDistance(a, b) <= budget;
}

/** Among the candidates, the closest one that reads as a typo of the target. */
export function typoOf(target: string, candidates: Iterable<string>): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of new Set(candidates)) {
    if (!isTypo(target, c)) continue;
    const d = editDistance(target, c);
    if (!best || d < best.d || (d === best.d && c < best.c)) best = { c, d };
  }
  return best?.c;
}

const FINISHED = new Set<Pod['phase']>(['Succeeded', 'Failed']);

export const isFinished = (pod: Pod) => FINISHED.has(pod.phase);

/**
 * The pods of the Service's namespace its selector matches (all of them), and among them those the EndpointSlice
 * controller takes (not finished). Empty for a Service without a selector.
 */
export function podsOf(index: ModelIndex, service: Service): { matched: Pod[]; active: Pod[] } {
  const selector = service.selector;
  if (!selector) return { matched: [], active: [] };
  const matched = (index.podsByNamespace.get(service.meta.namespace ?? '') ?? []).filter((p) => serviceSelects(selector, p.meta.labels));
  return { matched, active: matched.filter((p) => !isFinished(p)) };
}

/** The Services whose endpoints come from a selector: not ExternalName, with a selector. */
export function selectorServices(services: readonly Service[]): (Service & { selector: Record<string, string> })[] {
  return services.filter((s): s is Service & { selector: Record<string, string> } => s.type !== 'ExternalName' && !!s.selector);
}

/** Deterministic order, independent of locale. */

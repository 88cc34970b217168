// Pure helpers of the panels: reading what a person types into the query the API takes, and naming what the API
// answers. No meaning of their own: whatever the answer means comes from the engine.

import type { RequestTrace } from '@/lib/analysis/routing/trace-request';
import { parseNodeId } from '@/lib/graph/elements';
import type { ClusterModel } from '@/lib/model';
import { byCodeUnits } from '@/lib/model/names';

/** How many autocomplete options a <datalist> gets: more slow the browser down and help nobody. */
export const MAX_SUGGESTIONS = 500;

/** Every Service as `svc/NS/NAME` and every pod as `pod/NS/NAME`, in the syntax /api/explain reads; Services first. */
export function flowTargetOptions(model: ClusterModel): string[] {
  const ref = (kind: string) => (o: { meta: { namespace?: string; name: string } }) => `${kind}/${o.meta.namespace ?? ''}/${o.meta.name}`;
  return [...model.resources.services.map(ref('svc')).sort(byCodeUnits), ...model.resources.pods.map(ref('pod')).sort(byCodeUnits)];
}

/** The explain form's text for a map node clicked as a source or destination: pods and Services only. */
export function flowTargetOfNode(nodeId: string): string | undefined {
  const ref = parseNodeId(nodeId);
  if (ref.kind === 'pod') return `pod/${ref.namespace}/${ref.name}`;
  if (ref.kind === 'service') return `svc/${ref.namespace}/${ref.name}`;
  return undefined;
}

/** The options containing what was typed (case-insensitive), at most `max`, so a large cluster still offers the right ones. */
export function suggestions(options: readonly string[], typed: string, max = MAX_SUGGESTIONS): string[] {
  const needle = typed.trim().toLowerCase();
  const matching = needle ? options.filter((o) => o.toLowerCase().includes(needle)) : options;
  return matching.slice(0, max);
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface RequestUrl {
  /** What an Ingress rule is matched against. */
  host: string;
  path: string;
  /** The URL as /api/route's `url` takes it: scheme, host, port and query too (a Gateway listener and route read them), no fragment. */
  url: string;
}

/**
 * A URL as typed (`http://shop.example.com/api/x`, `shop.example.com/api`, `shop.example.com:8080`) read into the
 * host and the path an Ingress rule is matched against, and the whole URL the Gateway API's trace reads.
 */
export function splitRequestUrl(text: string): RequestUrl | { error: string } {
  const value = text.trim();
  if (!value) return { error: 'enter a URL, such as shop.example.com/api' };
  if (value.startsWith('/')) return { error: `"${value}" has no host: write it as HOST${value}, such as shop.example.com${value}` };
  let url: URL;
  try {
    url = new URL(SCHEME.test(value) ? value : `http://${value}`);
  } catch {
    return { error: `cannot read "${value}" as a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `"${value}" is not an http or https URL` };
  if (!url.hostname) return { error: `"${value}" has no host` };
  const path = url.pathname || '/';
  return { host: url.hostname, path, url: `${url.protocol}//${url.host}${path}${url.search}` };
}

export type RouteStatus = 'matched' | 'unmatched' | 'unknown';

/** One API's answer (the Ingress's, or the Gateway API's) in one word: `unknown` (data not synced) wins, then `matched`. */
export function routeStatus(result: { matched: boolean; unknown?: string | undefined }): RouteStatus {
  if (result.unknown) return 'unknown';
  return result.matched ? 'matched' : 'unmatched';
}

/** The whole answer in one word, from the engine's servedBy: routed when either API (or both) takes the request. */
export function traceStatus(result: Pick<RequestTrace, 'servedBy'>): RouteStatus {
  if (result.servedBy === 'unknown') return 'unknown';
  return result.servedBy === 'neither' ? 'unmatched' : 'matched';
}

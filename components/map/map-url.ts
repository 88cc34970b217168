// The map view's state as the URL keeps it, read and written by pure functions (so a copied link reproduces the
// view). The parameter names are the page's public interface: links in the wild and the browser tests use them.

import type { HighlightDirection } from '@/lib/graph/highlight';
import { DRAFT_PARAM, STORED_DRAFT_PARAM, type DraftLink } from '../what-if/draft-url';

export const PANELS = ['selection', 'explain', 'trace', 'dns', 'problems', 'whatif', 'matrix'] as const;
export type Panel = (typeof PANELS)[number];

const DIRECTIONS: readonly HighlightDirection[] = ['egress', 'ingress', 'both'];

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface MapUrlState {
  /** The selected pod as written (`NS/NAME`), and read; undefined when absent or unreadable. */
  pod?: { text: string; ref: ObjectRef };
  service?: ObjectRef;
  /** The selected Gateway (`gw=NS/NAME`). */
  gateway?: ObjectRef;
  direction: HighlightDirection;
  groupBy: 'namespace' | 'node';
  /**
   * `map=summary` draws every group as a summary until expanded, `map=full` draws everything; absent ('auto'), a
   * cluster whose map is above the drawing budget is summarised (see MapView).
   */
  mapMode: 'auto' | 'summary' | 'full';
  panel: Panel;
  /** The raw `ns` parameter: undefined = every namespace; else comma-separated names (see shownNamespaces). */
  namespaces?: string;
  search: string;
  explain: { from?: string; to?: string; port?: string; protocol?: string };
  traceUrl?: string;
  /** The matrix's open cell (`mx`) and pair (`mxp`), as components/matrix/matrix-url.ts writes them. */
  matrixCell?: string;
  matrixPair?: string;
  /** The what-if's draft: in the link (`wi`, compressed), or the id of one this browser keeps (`wid`); see what-if/draft-url.ts. */
  draftLink?: DraftLink;
}

/** `NS/NAME` as the URL writes an object. */
export const formatObjectRef = (ref: ObjectRef) => `${ref.namespace}/${ref.name}`;

function readObjectRef(text: string | null): ObjectRef | undefined {
  const [namespace, name] = text?.split('/') ?? [];
  return namespace && name ? { namespace, name } : undefined;
}

const optional = (value: string | null) => value ?? undefined;

/** The view a URL describes; anything unreadable falls back to the default view. */
export function readMapUrl(params: URLSearchParams): MapUrlState {
  const podText = params.get('pod');
  const podRef = readObjectRef(podText);
  const service = readObjectRef(params.get('svc'));
  const gateway = readObjectRef(params.get('gw'));
  const direction = DIRECTIONS.find((d) => d === params.get('dir')) ?? 'both';
  const panel = PANELS.find((p) => p === params.get('panel')) ?? 'selection';
  const namespaces = optional(params.get('ns'));
  const traceUrl = optional(params.get('url'));
  const matrixCell = optional(params.get('mx'));
  const matrixPair = optional(params.get('mxp'));
  const encodedDraft = params.get(DRAFT_PARAM);
  const storedDraft = params.get(STORED_DRAFT_PARAM);
  const draftLink = encodedDraft ? { encoded: encodedDraft } : storedDraft ? { storedId: storedDraft } : undefined;
  return {
    ...(podText && podRef ? { pod: { text: podText, ref: podRef } } : {}),
    ...(service ? { service } : {}),
    ...(gateway ? { gateway } : {}),
    direction,
    groupBy: params.get('group') === 'node' ? 'node' : 'namespace',
    mapMode: params.get('map') === 'summary' ? 'summary' : params.get('map') === 'full' ? 'full' : 'auto',
    panel,
    ...(namespaces !== undefined ? { namespaces } : {}),
    search: params.get('q') ?? '',
    explain: { from: optional(params.get('from')), to: optional(params.get('to')), port: optional(params.get('port')), protocol: optional(params.get('proto')) },
    ...(traceUrl !== undefined ? { traceUrl } : {}),
    ...(matrixCell !== undefined ? { matrixCell } : {}),
    ...(matrixPair !== undefined ? { matrixPair } : {}),
    ...(draftLink ? { draftLink } : {}),
  };
}

/** The namespaces the `ns` parameter names (empty names dropped), or undefined for all. */
export function shownNamespaces(namespaces: string | undefined): Set<string> | undefined {
  return namespaces === undefined ? undefined : new Set(namespaces.split(',').filter(Boolean));
}

/** The parameters with the changes applied: a value sets its key, undefined or '' removes it; others are kept. */
export function withChanges(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

import { describe, expect, it } from 'vitest';
import type { DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import type { ConnectivityEndpoint } from '@/lib/analysis/reach/connectivity';
import { model, namespace, pod } from '@/lib/analysis/testing/builders';
import type { Pod } from '@/lib/model';
import type { WhatIfPair, WhatIfView } from '@/lib/what-if/view';
import { DEFAULT_FOLD_ABOVE, type GraphOptions } from './elements';
import { MAX_CHANGE_EDGES, whatIfHighlight, type WhatIfHighlight } from './what-if';

const workload = (ref: string): ConnectivityEndpoint => {
  const [ns, kind, name] = ref.split('/') as [string, string, string];
  return { type: 'workload', namespace: ns, kind, name };
};
const range = (...cidrs: string[]): ConnectivityEndpoint => ({ type: 'ipRange', cidrs });
const text = (e: ConnectivityEndpoint) => (e.type === 'workload' ? `${e.namespace}/${e.kind}/${e.name}` : e.cidrs.join(','));

/** A pair as lib/what-if/view.ts gives it; the texts are the diff's (here: made up, and passed through). */
function pair(kind: DiffKind, source: ConnectivityEndpoint, destination: ConnectivityEndpoint, before = 'none', after = 'none', change = ''): WhatIfPair {
  return { kind, source, destination, sourceText: text(source), destinationText: text(destination), before, after, change, policiesBefore: '', policiesAfter: '', reasons: [] };
}
const viewOf = (...pairs: WhatIfPair[]): WhatIfView => ({ summary: '', counts: { added: 0, removed: 0, changed: 0, unknown: 0 }, pairs, workloads: { added: [], removed: [] } });

const pods = (ns: string, name: string, count: number, kind = 'Deployment'): Pod[] =>
  Array.from({ length: count }, (_, i) => pod(`${ns}/${name}-${i + 1}`, { workload: { kind, name }, nodeName: 'n1' }));
// web: 2 pods, drawn each; api: 4 pods, folded into one node (DEFAULT_FOLD_ABOVE = 3); debug: a bare pod; db in data.
const MODEL = model({
  namespaces: [namespace('shop'), namespace('data')],
  pods: [...pods('shop', 'web', 2), ...pods('shop', 'api', 4), pod('shop/debug'), ...pods('data', 'db', 1, 'StatefulSet')],
});
const options = (init: Partial<GraphOptions> = {}): GraphOptions => ({ groupBy: 'namespace', foldAbove: DEFAULT_FOLD_ABOVE, expanded: new Set(), health: new Map(), ...init });

const WEB = workload('shop/Deployment/web');
const API = workload('shop/Deployment/api');
const DEBUG = workload('shop/Pod/debug');
const DB = workload('data/StatefulSet/db');
const webToApi = pair('added', WEB, API, 'none', 'TCP 8080');

/** The highlight as lines: the selected node, the ends, each edge with its kind and label, the pairs shown and how many are not drawn. */
function lines(h: WhatIfHighlight): string[] {
  return [
    ...(h.selected ? [`selected ${h.selected}`] : []),
    ...(h.podMissing ? ['pod missing'] : []),
    `ends ${h.ends.join(' ')}`,
    ...h.edges.map((e) => `${e.id} ${e.change} "${e.label}"`),
    ...h.extraNodes.map((n) => `node ${n.id} in ${n.parent ?? '-'} "${n.label}"`),
    `pairs ${h.pairs.join(',')}; undrawn ${h.undrawn}`,
  ];
}

interface Case {
  name: string;
  view: WhatIfView;
  options?: GraphOptions;
  pod?: string;
  want: string[];
}

const cases: Case[] = [
  {
    name: "added: one edge from each node of the source's pods to each of the destination's (a folded workload is one node)",
    view: viewOf(webToApi),
    want: [
      'ends pod:shop/web-1 pod:shop/web-2 wl:shop/Deployment/api',
      'change:pod:shop/web-1->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'change:pod:shop/web-2->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'pairs 0; undrawn 0',
    ],
  },
  {
    name: 'removed, to addresses outside: an address range node in the outside group, the label says what is removed',
    view: viewOf(pair('removed', DEBUG, range('0.0.0.0/0', '::/0'), 'All connections')),
    want: [
      'ends ip:0.0.0.0/0,::/0 pod:shop/debug',
      'change:pod:shop/debug->ip:0.0.0.0/0,::/0 removed "- removed: All connections"',
      'node ext in - "outside the cluster"',
      'node ip:0.0.0.0/0,::/0 in ext "0.0.0.0/0, ::/0"',
      'pairs 0; undrawn 0',
    ],
  },
  {
    name: 'changed: the label says what is gained and lost; when only "every pod pair" changed, before and after',
    view: viewOf(pair('changed', DEBUG, DB, 'TCP 80', 'TCP 80-81', '+TCP 81'), pair('changed', DB, DEBUG, 'TCP 80 (not every pod pair)', 'TCP 80')),
    want: [
      'ends pod:data/db-1 pod:shop/debug',
      'change:pod:data/db-1->pod:shop/debug changed "~ changed: TCP 80 (not every pod pair) → TCP 80"',
      'change:pod:shop/debug->pod:data/db-1 changed "~ changed: +TCP 81"',
      'pairs 0,1; undrawn 0',
    ],
  },
  {
    name: 'unknown: its own kind and mark, with what the head says',
    view: viewOf(pair('unknown', DEBUG, DB, 'TCP 80', 'none known; unknown: All connections')),
    want: ['ends pod:data/db-1 pod:shop/debug', 'change:pod:shop/debug->pod:data/db-1 unknown "? unknown: none known; unknown: All connections"', 'pairs 0; undrawn 0'],
  },
  {
    name: "a workload to itself: between its drawn pods (a pod to itself is no connection), a loop on a folded workload",
    view: viewOf(pair('removed', WEB, WEB, 'All connections'), pair('removed', API, API, 'All connections')),
    want: [
      'ends pod:shop/web-1 pod:shop/web-2 wl:shop/Deployment/api',
      'change:pod:shop/web-1->pod:shop/web-2 removed "- removed: All connections"',
      'change:pod:shop/web-2->pod:shop/web-1 removed "- removed: All connections"',
      'change:wl:shop/Deployment/api->wl:shop/Deployment/api removed "- removed: All connections"',
      'pairs 0,1; undrawn 0',
    ],
  },
  {
    name: 'an end in a namespace filtered out, or a workload the what-if model lacks: listed, not drawn',
    view: viewOf(pair('added', DEBUG, DB, 'none', 'TCP 5432'), pair('removed', workload('shop/Deployment/gone'), API, 'TCP 80')),
    options: options({ namespaces: new Set(['shop']) }),
    want: ['ends ', 'pairs 0,1; undrawn 2'],
  },
  {
    name: "grouped by node nothing folds: each of the destination's pods",
    view: viewOf(pair('added', DEBUG, API, 'none', 'TCP 8080')),
    options: options({ groupBy: 'node' }),
    want: [
      'ends pod:shop/api-1 pod:shop/api-2 pod:shop/api-3 pod:shop/api-4 pod:shop/debug',
      ...[1, 2, 3, 4].map((i) => `change:pod:shop/debug->pod:shop/api-${i} added "+ added: TCP 8080"`),
      'pairs 0; undrawn 0',
    ],
  },
  {
    name: "a selected pod: only its workload's pairs, each from its own node",
    view: viewOf(pair('removed', DEBUG, API, 'TCP 80'), webToApi, pair('added', DB, WEB, 'none', 'TCP 9090')),
    pod: 'shop/web-2',
    want: [
      'selected pod:shop/web-2',
      'ends pod:data/db-1 wl:shop/Deployment/api',
      'change:pod:data/db-1->pod:shop/web-2 added "+ added: TCP 9090"',
      'change:pod:shop/web-2->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'pairs 1,2; undrawn 0',
    ],
  },
  {
    name: 'a selected pod and its own workload: both ways between it and the other pods',
    view: viewOf(pair('removed', WEB, WEB, 'All connections')),
    pod: 'shop/web-1',
    want: [
      'selected pod:shop/web-1',
      'ends pod:shop/web-2',
      'change:pod:shop/web-1->pod:shop/web-2 removed "- removed: All connections"',
      'change:pod:shop/web-2->pod:shop/web-1 removed "- removed: All connections"',
      'pairs 0; undrawn 0',
    ],
  },
  {
    name: 'a selected pod of a folded workload: from the workload node',
    view: viewOf(webToApi, pair('removed', DEBUG, DB, 'TCP 80')),
    pod: 'shop/api-3',
    want: [
      'selected wl:shop/Deployment/api',
      'ends pod:shop/web-1 pod:shop/web-2',
      'change:pod:shop/web-1->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'change:pod:shop/web-2->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'pairs 0; undrawn 0',
    ],
  },
  {
    name: 'a selected pod the what-if model lacks (the draft replaced it): every pair, and it says so',
    view: viewOf(webToApi),
    pod: 'shop/web-template',
    want: [
      'pod missing',
      'ends pod:shop/web-1 pod:shop/web-2 wl:shop/Deployment/api',
      'change:pod:shop/web-1->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'change:pod:shop/web-2->wl:shop/Deployment/api added "+ added: TCP 8080"',
      'pairs 0; undrawn 0',
    ],
  },
];

describe('whatIfHighlight: the what-if on the map', () => {
  it.each(cases)('$name', ({ view, options: o = options(), pod: selected, want }) => {
    const [namespace, name] = selected?.split('/') ?? [];
    expect(lines(whatIfHighlight(view, MODEL, o, namespace && name ? { namespace, name } : undefined))).toEqual(want);
  });

  it(`stops at ${MAX_CHANGE_EDGES} edges, and counts the pairs it could not draw in full`, () => {
    const big = model({ namespaces: [namespace('a')], pods: [...pods('a', 'x', 50), ...pods('a', 'y', 50), pod('a/z')] });
    const x = workload('a/Deployment/x');
    const y = workload('a/Deployment/y');
    const h = whatIfHighlight(viewOf(pair('added', x, y), pair('added', y, x), pair('added', workload('a/Pod/z'), x)), big, options({ groupBy: 'node' }));
    expect(h.edges).toHaveLength(MAX_CHANGE_EDGES);
    expect(h.pairs).toEqual([0, 1, 2]);
    expect(h.undrawn).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { readMapUrl, shownNamespaces, withChanges, type MapUrlState } from './map-url';

const DEFAULT_VIEW: MapUrlState = { direction: 'both', groupBy: 'namespace', mapMode: 'auto', panel: 'selection', search: '', explain: {} };
const read = (query: string) => readMapUrl(new URLSearchParams(query));

describe('readMapUrl: the view a link describes', () => {
  it.each<{ name: string; query: string; want: Partial<MapUrlState> }>([
    { name: 'no parameter: the default view', query: '', want: {} },
    { name: 'a selected pod, as NS/NAME', query: 'pod=shop/web', want: { pod: { text: 'shop/web', ref: { namespace: 'shop', name: 'web' } } } },
    { name: 'a pod without a namespace selects nothing', query: 'pod=web', want: {} },
    { name: 'a selected Service', query: 'svc=shop/api', want: { service: { namespace: 'shop', name: 'api' } } },
    { name: 'a selected Gateway', query: 'gw=shop/shop', want: { gateway: { namespace: 'shop', name: 'shop' } } },
    { name: 'a Gateway without a namespace selects nothing', query: 'gw=shop', want: {} },
    { name: 'a direction', query: 'dir=egress', want: { direction: 'egress' } },
    { name: 'an unknown direction is both', query: 'dir=sideways', want: {} },
    { name: 'grouping by node', query: 'group=node', want: { groupBy: 'node' } },
    { name: 'any other grouping is by namespace', query: 'group=zone', want: {} },
    { name: 'summaries forced on', query: 'map=summary', want: { mapMode: 'summary' } },
    { name: 'everything drawn, whatever the size', query: 'map=full', want: { mapMode: 'full' } },
    { name: 'any other map mode is auto', query: 'map=tiny', want: {} },
    { name: 'an open panel', query: 'panel=problems', want: { panel: 'problems' } },
    { name: 'an unknown panel is the selection', query: 'panel=nope', want: {} },
    { name: 'the what-if panel', query: 'panel=whatif', want: { panel: 'whatif' } },
    { name: "a what-if's draft in the link", query: 'panel=whatif&wi=abc_-', want: { panel: 'whatif', draftLink: { encoded: 'abc_-' } } },
    { name: "a what-if's draft this browser keeps", query: 'wid=k3y', want: { draftLink: { storedId: 'k3y' } } },
    { name: 'a draft in the link wins over a stored one', query: 'wi=abc&wid=k3y', want: { draftLink: { encoded: 'abc' } } },
    { name: 'namespaces, as written', query: 'ns=shop,data', want: { namespaces: 'shop,data' } },
    { name: 'no namespace at all is kept apart from all of them', query: 'ns=', want: { namespaces: '' } },
    { name: 'a search', query: 'q=app%3Dweb', want: { search: 'app=web' } },
    {
      name: 'an explain question',
      query: 'panel=explain&from=pod/shop/web&to=svc/shop/api&port=80&proto=UDP',
      want: { panel: 'explain', explain: { from: 'pod/shop/web', to: 'svc/shop/api', port: '80', protocol: 'UDP' } },
    },
    { name: "the matrix's open cell and pair", query: 'panel=matrix&mx=ingress-nginx%3Eshop&mxp=a%3Eb', want: { panel: 'matrix', matrixCell: 'ingress-nginx>shop', matrixPair: 'a>b' } },
    { name: 'a traced URL', query: 'panel=trace&url=http%3A%2F%2Fshop.example.com%2Fapi', want: { panel: 'trace', traceUrl: 'http://shop.example.com/api' } },
  ])('$name', ({ query, want }) => {
    const state = read(query);
    // Absent explain fields are undefined: the form starts empty for them.
    const explain = Object.fromEntries(Object.entries(state.explain).filter(([, v]) => v !== undefined));
    expect({ ...state, explain }).toEqual({ ...DEFAULT_VIEW, ...want });
  });
});

describe('shownNamespaces', () => {
  it.each([
    { name: 'absent: every namespace', value: undefined, want: undefined },
    { name: 'empty: none', value: '', want: new Set<string>() },
    { name: 'names, empty ones dropped', value: 'shop,,data', want: new Set(['shop', 'data']) },
  ])('$name', ({ value, want }) => {
    expect(shownNamespaces(value)).toEqual(want);
  });
});

describe('withChanges: changing some parameters keeps the others', () => {
  it.each([
    { name: 'a value sets its key', from: 'pod=shop/web', changes: { dir: 'egress' }, want: 'pod=shop%2Fweb&dir=egress' },
    { name: 'undefined removes a key', from: 'pod=shop/web&dir=egress', changes: { dir: undefined }, want: 'pod=shop%2Fweb' },
    { name: 'an empty value removes a key', from: 'q=web', changes: { q: '' }, want: '' },
    { name: 'a key is replaced, not repeated', from: 'panel=dns', changes: { panel: 'trace' }, want: 'panel=trace' },
  ])('$name', ({ from, changes, want }) => {
    const params = new URLSearchParams(from);
    expect(withChanges(params, changes).toString()).toBe(want);
    expect(params.toString()).toBe(new URLSearchParams(from).toString());
  });
});

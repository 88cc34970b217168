// Table-driven tests of the Cilium policy normaliser. Each case names the rule it proves and where Cilium states it:
// the v2 CRD (pkg/k8s/apis/cilium.io/client/crds/v2/ciliumnetworkpolicies.yaml of cilium v1.20.2) and the Go types
// behind it (pkg/policy/api: rule.go, ingress.go, egress.go, l4.go, cidr.go), read in pkg/policy/utils/parserules.go.
// The objects are written the way people write them.
import { describe } from 'vitest';
import type { RawObject } from '@/lib/model/normalize/raw';
import { normalizeTable as table } from './normalize-table';

const cnp = (spec: Record<string, unknown> | null, specs?: Record<string, unknown>[]): RawObject =>
  ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'db', namespace: 'shop' }, spec, ...(specs ? { specs } : {}) }) as RawObject;
const rule = (fields: Record<string, unknown>) => ({ endpointSelector: { matchLabels: { app: 'db' } }, ...fields });
const ingressEntry = (entry: unknown) => cnp(rule({ ingress: [entry] }));
const egressEntry = (entry: unknown) => cnp(rule({ egress: [entry] }));
const db = { matchLabels: { app: 'db' }, matchExpressions: [] };

describe('normalize("ciliumnetworkpolicies")', () => {
  table('ciliumnetworkpolicies', [
    {
      name: 'spec and specs are all rules, spec first (CiliumNetworkPolicy.spec, .specs)',
      raw: cnp(rule({ ingress: [{}] }), [rule({ egressDeny: [{}] })]),
      pick: (p) => p.rules.map((r) => [r.ingress.length, r.egressDeny.length]),
      want: [
        [1, 0],
        [0, 1],
      ],
    },
    {
      name: 'the four sections keep their entries apart; an absent section is empty (Rule.ingress, ingressDeny, egress, egressDeny)',
      raw: cnp(rule({ ingress: [{}, {}], ingressDeny: [{}], egress: null })),
      pick: (p) => [p.rules[0]!.ingress.length, p.rules[0]!.ingressDeny.length, p.rules[0]!.egress.length, p.rules[0]!.egressDeny.length],
      want: [2, 1, 0, 0],
    },
    {
      name: 'enableDefaultDeny is kept as written; an absent direction is left to Cilium\'s default (Rule.enableDefaultDeny)',
      raw: cnp(rule({ ingress: [{}], enableDefaultDeny: { egress: false } })),
      pick: (p) => p.rules[0]!.enableDefaultDeny,
      want: { egress: false },
    },
    {
      name: 'endpointSelector and nodeSelector are kept with their source prefixes (Rule.endpointSelector, nodeSelector)',
      raw: cnp({ nodeSelector: { matchLabels: { 'k8s:role': 'edge' } }, ingress: [{}] }),
      pick: (p) => [p.rules[0]!.endpointSelector, p.rules[0]!.nodeSelector],
      want: [undefined, { matchLabels: { 'k8s:role': 'edge' }, matchExpressions: [] }],
    },
    {
      name: 'an empty entry has no peers and no ports (`ingress: [{}]` only puts the endpoint in default deny)',
      raw: ingressEntry({}),
      pick: (p) => p.rules[0]!.ingress[0],
      want: { peers: [], toPorts: [], icmps: 0 },
    },
    {
      name: 'fromEndpoints, fromEntities, fromCIDR and fromCIDRSet are peers in field order; a CIDR set keeps its except (IngressCommonRule)',
      raw: ingressEntry({
        fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }],
        fromEndpoints: [{ matchLabels: { app: 'api' } }],
        fromEntities: ['world'],
        fromCIDR: ['192.0.2.1'],
      }),
      pick: (p) => p.rules[0]!.ingress[0]!.peers,
      want: [
        { type: 'endpoints', selector: { matchLabels: { app: 'api' }, matchExpressions: [] } },
        { type: 'entity', entity: 'world' },
        { type: 'cidr', cidr: '192.0.2.1', except: [] },
        { type: 'cidr', cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] },
      ],
    },
    {
      name: 'egress peers are the to* fields, toFQDNs and toNodes included (EgressCommonRule, EgressRule.toFQDNs)',
      raw: egressEntry({ toEndpoints: [{}], toFQDNs: [{ matchName: 'api.example.com' }, { matchPattern: '*.example.com' }], toNodes: [{ matchLabels: { role: 'edge' } }] }),
      pick: (p) => p.rules[0]!.egress[0]!.peers.map((peer) => peer.type),
      want: ['endpoints', 'fqdn', 'fqdn', 'nodes'],
    },
    {
      name: 'a peer field written as an empty list is kept: Cilium then selects no peer (pkg/policy/utils mergeEndpointSelectors)',
      raw: ingressEntry({ fromEndpoints: [], toPorts: [{ ports: [{ port: '80' }] }] }),
      pick: (p) => p.rules[0]!.ingress[0]!.emptyPeerField,
      want: 'fromEndpoints',
    },
    {
      name: 'an empty toFQDNs is no peer, not "selects nothing" (mergeEndpointSelectors does not check it)',
      raw: egressEntry({ toFQDNs: [], toPorts: [{ ports: [{ port: '443' }] }] }),
      pick: (p) => [p.rules[0]!.egress[0]!.peers, p.rules[0]!.egress[0]!.emptyPeerField],
      want: [[], undefined],
    },
    {
      name: 'toServices, cidrGroupRef, cidrGroupSelector, fromRequires and fromGroups are kept as peers kube-netmap does not evaluate',
      raw: cnp(
        rule({
          egress: [{ toServices: [{ k8sService: { serviceName: 'api', namespace: 'shop' } }] }, { toCIDRSet: [{ cidrGroupRef: 'office' }, { cidrGroupSelector: { matchLabels: { env: 'x' } } }] }],
          ingress: [{ fromRequires: ['k8s:env=prod'] }, { fromGroups: [{ aws: { securityGroupsIds: ['sg-1'] } }] }],
        }),
      ),
      pick: (p) => [...p.rules[0]!.egress, ...p.rules[0]!.ingress].flatMap((e) => e.peers.map((peer) => (peer.type === 'unevaluated' ? `${peer.field}: ${peer.text}` : peer.type))),
      want: [
        'toServices: toServices shop/api',
        'cidrGroupRef: cidrGroupRef office',
        'cidrGroupSelector: cidrGroupSelector {"matchLabels":{"env":"x"}}',
        'fromRequires: fromRequires "k8s:env=prod"',
        'fromGroups: fromGroups {"aws":{"securityGroupsIds":["sg-1"]}}',
      ],
    },
    {
      name: 'a port is a number, a range with endPort, or a name in lower case; "0" is every port; no protocol is ANY (PortProtocol)',
      raw: ingressEntry({
        toPorts: [{ ports: [{ port: '5432', protocol: 'TCP' }, { port: '8000', endPort: 9000, protocol: 'udp' }, { port: 'HTTP' }, { port: '0', protocol: 'SCTP' }, { protocol: 'ANY' }] }],
      }),
      pick: (p) => p.rules[0]!.ingress[0]!.toPorts[0]!.ports,
      want: [
        { protocol: 'TCP', port: 5432 },
        { protocol: 'UDP', port: 8000, endPort: 9000 },
        { protocol: 'ANY', port: 'http' },
        { protocol: 'SCTP' },
        { protocol: 'ANY' },
      ],
    },
    {
      name: 'L7 rules, serverNames and a listener are kept as what further filters the ports (PortRule.rules, serverNames, listener)',
      raw: ingressEntry({
        toPorts: [
          { ports: [{ port: '80', protocol: 'TCP' }], rules: { http: [{ method: 'GET' }] } },
          { ports: [{ port: '443', protocol: 'TCP' }], serverNames: ['api.example.com'], listener: { name: 'l', envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'c' } } },
          { ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [] } },
        ],
      }),
      pick: (p) => p.rules[0]!.ingress[0]!.toPorts.map((r) => r.filters),
      want: [['L7 rules (http)'], ['serverNames', 'listener'], []],
    },
    {
      name: 'icmps are counted and authentication kept (IngressRule.icmps, authentication)',
      raw: ingressEntry({ icmps: [{ fields: [{ type: 8 }] }], authentication: { mode: 'required' } }),
      pick: (p) => [p.rules[0]!.ingress[0]!.icmps, p.rules[0]!.ingress[0]!.authentication],
      want: [1, 'required'],
    },
    {
      name: 'bad input is kept as an unreadable peer, never thrown: an entry that is not an object, a selector that is a string',
      raw: cnp(rule({ ingress: ['oops', { fromEndpoints: ['app=db'] }] })),
      pick: (p) => p.rules[0]!.ingress.map((e) => e.peers),
      want: [
        [{ type: 'unevaluated', field: 'unreadable', text: 'an entry of ingress that is not an object' }],
        [{ type: 'unevaluated', field: 'unreadable', text: 'fromEndpoints entry' }],
      ],
    },
    {
      name: 'a policy with neither spec nor specs has no rules',
      raw: cnp(null),
      pick: (p) => p.rules,
      want: [],
    },
    {
      name: 'the rule selector is the one written, without the namespace Cilium adds (selection scopes it: analysis/cilium/selection.ts)',
      raw: cnp(rule({ ingress: [{}] })),
      pick: (p) => p.rules[0]!.endpointSelector,
      want: db,
    },
  ]);
});

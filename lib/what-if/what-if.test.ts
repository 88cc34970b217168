import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectivity } from '@/lib/analysis/reach/connectivity';
import { model, namespace, networkPolicy, peer, pod, policyEgress, policyIngress } from '@/lib/analysis/testing/builders';
import type { ClusterModel, ObjectKey } from '@/lib/model';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { policyYaml } from './policy-manifest';
import { describeEffect } from './view';
import { runWhatIf, type WhatIfOutcome } from './what-if';

// Citations: [NP] = kubernetes.io/docs/concepts/services-networking/network-policies. Each case runs a draft
// against the base below; what the diff says of each pair is the engine's (lib/analysis/diff), shown as the page
// shows it.

const deployment = (name: string) => ({ kind: 'Deployment', name });
const http = [{ name: 'http', containerPort: 8080 }];
const BASE: ClusterModel = model({
  namespaces: [namespace('shop', { labels: { team: 'shop' } })],
  pods: [
    pod('shop/web-1', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.1', ports: http }),
    pod('shop/web-2', { labels: { app: 'web' }, workload: deployment('web'), ip: '10.0.0.2', ports: http }),
    pod('shop/api-1', { labels: { app: 'api' }, workload: deployment('api'), ip: '10.0.0.3', ports: http }),
  ],
  networkpolicies: [
    // api admits web only, on http; web may only reach api.
    networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: ['http'] })] }),
    networkPolicy('shop/web', { podSelector: { app: 'web' }, policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ pods: { app: 'api' } })] })] }),
  ],
});

const DENY_WEB_TO_API = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
`;

/** The outcome as the panel shows it: the summary, one line per pair, then what the draft did and its warnings. */
function lines(outcome: WhatIfOutcome): string[] {
  if (!outcome.ok) return [`error at line ${outcome.error.line}: ${outcome.error.message}`];
  const { view } = outcome;
  return [
    view.summary,
    ...(view.unknown?.base ? [`# base: ${view.unknown.base}`] : []),
    ...(view.unknown?.head ? [`# head: ${view.unknown.head}`] : []),
    ...view.pairs.map((p) => `${p.kind} ${p.sourceText} => ${p.destinationText} : ${p.before} -> ${p.after}${p.change ? ` (${p.change})` : ''} | ${p.policiesBefore || '-'} -> ${p.policiesAfter || '-'}${p.reasons.length ? ` | ${p.reasons.join('; ')}` : ''}`),
    ...outcome.effects.map((e) => `effect: ${describeEffect(e)}`),
    ...outcome.warnings.map((w) => `warning: line ${w.line}: ${w.message}`),
  ];
}

interface Case {
  name: string;
  yaml?: string;
  deleted?: ObjectKey[];
  base?: ClusterModel;
  want: string[];
}

const cases: Case[] = [
  { name: 'an empty draft: no difference', want: ['no difference'] },
  {
    name: 'a policy replaced by a deny-all for its pods: what it allowed is lost [NP: an isolated pod admits only what some policy allows]',
    yaml: DENY_WEB_TO_API,
    want: [
      '1 removed',
      'removed shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none | shop/api, shop/web -> -',
      'effect: NetworkPolicy shop/api: replaces the current one',
    ],
  },
  {
    name: 'a policy marked deleted: what it denied comes back [NP: a pod no policy selects for ingress is not isolated]',
    deleted: [{ kind: 'networkpolicies', namespace: 'shop', name: 'api' }],
    want: [
      '1 added, 1 changed',
      'changed shop/Deployment/web => shop/Deployment/api : TCP 8080 -> All connections (+TCP 1-8079,8081-65535; UDP (all ports); SCTP (all ports)) | shop/api, shop/web -> shop/web',
      'added 0.0.0.0/0,::/0 => shop/Deployment/api : none -> All connections | - -> no policy',
      'effect: NetworkPolicy shop/api: deleted',
    ],
  },
  {
    name: "a workload in the draft stands in for its pods: web relabelled, api's policy no longer admits it",
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web2 } }
  template:
    metadata: { labels: { app: web2 } }
    spec:
      containers: [{ name: app, image: web, ports: [{ name: http, containerPort: 8080 }] }]
`,
    want: [
      '1 added, 1 removed',
      'removed shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none | shop/api, shop/web -> -',
      // web's own policy selects app=web: the relabelled pods are no longer isolated for egress.
      'added shop/Deployment/web => 0.0.0.0/0,::/0 : none -> All connections | - -> no policy',
      'effect: Deployment shop/web: its pod template replaces its 2 pods',
    ],
  },
  {
    name: 'broken YAML: an error at its line, and nothing run',
    yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [x\n',
    want: ['error at line 5: draft:5: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    name: 'an object the API server would reject: an error at the field',
    yaml: DENY_WEB_TO_API.replace('policyTypes: [Ingress]', 'policyTypes: [Sideways]'),
    want: ['error at line 10: draft:10: NetworkPolicy shop/api: spec.policyTypes[0]: Invalid option: expected one of "Ingress"|"Egress"'],
  },
  {
    name: 'a kind that cannot change a network answer (ConfigMap): skipped silently, no difference',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: shop }\n',
    want: ['no difference'],
  },
  {
    name: 'a kind that could change an answer but is not read (an OpenShift Route): a warning, no difference',
    yaml: 'apiVersion: route.openshift.io/v1\nkind: Route\nmetadata: { name: shop, namespace: shop }\n',
    want: ['no difference', 'warning: line 1: Route shop/shop (route.openshift.io/v1) skipped: kube-netmap does not model this kind'],
  },
  {
    name: 'a policy of a kind the engine does not evaluate selects api: the difference is unknown, with the reason',
    yaml: `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: api-lockdown, namespace: shop }
spec:
  selector: app == 'api'
  types: [Ingress]
`,
    want: [
      '2 unknown',
      'unknown shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none known; unknown: All connections | shop/api, shop/web -> no policy | head: Calico NetworkPolicy shop/api-lockdown selects the destination; kube-netmap does not evaluate Calico policies',
      'unknown 0.0.0.0/0,::/0 => shop/Deployment/api : none -> none known; unknown: All connections | - -> no policy | head: Calico NetworkPolicy shop/api-lockdown selects the destination; kube-netmap does not evaluate Calico policies',
      'effect: Calico NetworkPolicy shop/api-lockdown: added',
      'warning: line 1: Calico NetworkPolicy shop/api-lockdown: kube-netmap detects the pods it selects but does not evaluate Calico policies: their verdicts are unknown',
    ],
  },
  {
    name: 'policies not yet synced: every difference is unknown, and says why',
    base: { ...BASE, sync: { ...BASE.sync, networkpolicies: { status: 'syncing' } } },
    yaml: DENY_WEB_TO_API,
    want: [
      '1 unknown',
      '# base: unknown: networkpolicies are still loading',
      '# head: unknown: networkpolicies are still loading',
      'unknown shop/Deployment/web => shop/Deployment/api : TCP 8080 -> none | shop/api, shop/web -> - | base: unknown: networkpolicies are still loading; head: unknown: networkpolicies are still loading',
      'effect: NetworkPolicy shop/api: replaces the current one',
    ],
  },
];

describe('runWhatIf: a draft applied to a copy of the model, and what it changes', () => {
  it.each(cases)('$name', ({ yaml = '', deleted = [], base = BASE, want }) => {
    const before = structuredClone(base);
    expect(lines(runWhatIf(base, { yaml, deleted }))).toEqual(want);
    expect(base).toEqual(before);
  });

  it("every policy of the model opened in the editor and left as it is changes nothing (the editor's round trip)", () => {
    const yaml = BASE.resources.networkpolicies.map((p) => policyYaml(BASE, { kind: 'networkpolicies', namespace: 'shop', name: p.meta.name })).join('---\n');
    const outcome = runWhatIf(BASE, { yaml, deleted: [] });
    expect(outcome.ok && outcome.view.summary).toBe('no difference');
  });

  it("takes the base's connectivity when given, and answers the same", () => {
    const draft = { yaml: DENY_WEB_TO_API, deleted: [] };
    expect(runWhatIf(BASE, draft, connectivity(BASE))).toEqual(runWhatIf(BASE, draft));
  });
});

describe('runWhatIf on the demo shop (examples/demo), as a person uses the editor', () => {
  let demo: ClusterModel;
  beforeAll(async () => {
    demo = (await loadManifestPaths([fileURLToPath(new URL('../../examples/demo', import.meta.url))])).model;
  });

  it("payments' policy opened and fault (c) fixed (it admits app=checkout): checkout gains payments, and nothing else changes", () => {
    const opened = policyYaml(demo, { kind: 'networkpolicies', namespace: 'shop', name: 'payments' })!;
    expect(opened).toContain('app: checkout-v2');
    const outcome = runWhatIf(demo, { yaml: opened.replace('app: checkout-v2', 'app: checkout'), deleted: [] });
    expect(lines(outcome)).toEqual([
      '1 added',
      'added shop/Deployment/checkout => shop/Deployment/payments : none -> TCP 8080 | - -> shop/checkout, shop/payments',
      'effect: NetworkPolicy shop/payments: replaces the current one',
    ]);
  });

  it("the default-deny marked deleted changes nothing: each shop pod's own policy isolates it both ways too [NP: a pod is isolated by any policy that selects it]", () => {
    const outcome = runWhatIf(demo, { yaml: '', deleted: [{ kind: 'networkpolicies', namespace: 'shop', name: 'default-deny' }] });
    expect(outcome.ok && outcome.view.counts).toEqual({ added: 0, removed: 0, changed: 0, unknown: 0 });
  });
});

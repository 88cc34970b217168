import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalicoPolicy, NetworkPolicy, Pod, PolicyType } from '@/lib/model';
import { explainFlow } from '../flow/explain-flow';
import { sideVerdict } from '../policy/types';
import { connectivity } from '../reach/connectivity';
import { reachablePeers } from '../reach/reachable-peers';
import { model, namespace, networkPolicy, peer, pod, policyEgress, policyIngress, selector } from '../testing/builders';
import { calicoGlobalPolicy, calicoPolicy, ciliumEntry, ciliumPolicy } from '../testing/plugin-builders';
import { matchesCalicoSelector, parseCalicoSelector } from './selector';

// Property (issue 9, "never a false verdict"): for random models, a pod that a kind the engine does not evaluate
// (Calico) selects never gets "allowed" or "denied" on that side; and the class engine (reach, connectivity) agrees
// with explain on every pod pair and port, allowed, unknown or denied alike, beside Cilium rules (evaluated: an
// empty entry, `ingress: [{}]`, denies) and NetworkPolicies.

const NAMESPACES = ['a', 'b'];
const PORTS = [80, 443];

const leaf = fc.constantFrom("app == 'x'", "app != 'y'", 'has(tier)', '!has(tier)', "tier in {'1'}", "tier not in {'2'}", "pcns.env == 'prod'", 'all()');
const selectorText: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expr'), fc.constantFrom('&&', '||'), tie('expr')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('expr').map((e) => `!(${e})`),
  ),
})).expr;

const types = fc.constantFrom<PolicyType[]>(['Ingress'], ['Egress'], ['Ingress', 'Egress']);
const labels = fc.record({ app: fc.constantFrom('x', 'y'), tier: fc.option(fc.constantFrom('1', '2'), { nil: undefined }) });

const scenario = fc.record({
  envs: fc.tuple(fc.constantFrom('prod', 'dev'), fc.constantFrom('prod', 'dev')),
  pods: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), labels }), { minLength: 2, maxLength: 5 }),
  netpols: fc.array(
    fc.record({ ns: fc.constantFrom(...NAMESPACES), app: fc.constantFrom('x', 'y'), types, from: fc.constantFrom('x', 'y'), port: fc.constantFrom(...PORTS) }),
    { maxLength: 2 },
  ),
  calico: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), selector: selectorText, types }), { maxLength: 2 }),
  global: fc.array(fc.record({ selector: selectorText, namespaceSelector: fc.constantFrom('', "env == 'prod'"), types }), { maxLength: 1 }),
  cilium: fc.array(fc.record({ ns: fc.constantFrom(...NAMESPACES), key: fc.constantFrom('app', 'k8s:app', 'any:tier'), value: fc.constantFrom('x', 'y', '1'), types }), {
    maxLength: 2,
  }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const pods: Pod[] = s.pods.map((p, i) =>
    pod(`${p.ns}/p${i}`, { ip: `10.0.0.${i + 1}`, labels: { app: p.labels.app, ...(p.labels.tier ? { tier: p.labels.tier } : {}) } }),
  );
  const networkpolicies: NetworkPolicy[] = s.netpols.map((n, i) =>
    networkPolicy(`${n.ns}/np${i}`, {
      podSelector: { app: n.app },
      policyTypes: n.types,
      ingress: [policyIngress({ from: [peer({ pods: { app: n.from } })], ports: [n.port] })],
      egress: [policyEgress({ to: [peer({ pods: { app: n.from }, namespaces: {} })], ports: [n.port] })],
    }),
  );
  const caliconetworkpolicies: CalicoPolicy[] = s.calico.map((c, i) => calicoPolicy(`${c.ns}/cnp${i}`, { selector: c.selector, types: c.types }));
  const calicoglobalnetworkpolicies = s.global.map((g, i) => calicoGlobalPolicy(`gnp${i}`, g));
  const ciliumnetworkpolicies = s.cilium.map((c, i) =>
    ciliumPolicy(`${c.ns}/cnp${i}`, {
      endpointSelector: selector({ [c.key]: c.value }),
      ingress: c.types.includes('Ingress') ? [ciliumEntry()] : [],
      egress: c.types.includes('Egress') ? [ciliumEntry()] : [],
    }),
  );
  const m = model({
    namespaces: NAMESPACES.map((n, i) => namespace(n, { labels: { env: s.envs[i]! } })),
    pods,
    networkpolicies,
    caliconetworkpolicies,
    calicoglobalnetworkpolicies,
    ciliumnetworkpolicies,
  });
  return { m, pods, env: (ns: string) => s.envs[NAMESPACES.indexOf(ns)]! };
}

/** The oracle: whether a Calico policy selects the pod for the direction, from the selectors alone. */
function calicoSelects(s: Scenario, p: Pod, direction: 'Ingress' | 'Egress', env: (ns: string) => string): boolean {
  const ns = p.meta.namespace!;
  const endpoint = { ...p.meta.labels, 'pcns.env': env(ns), 'projectcalico.org/namespace': ns };
  const match = (text: string, on: Record<string, string>) => {
    const parsed = parseCalicoSelector(text);
    return 'error' in parsed || matchesCalicoSelector(parsed.selector, on);
  };
  return (
    s.calico.some((c) => c.ns === ns && c.types.includes(direction) && match(c.selector, endpoint)) ||
    s.global.some((g) => g.types.includes(direction) && (g.namespaceSelector === '' || env(ns) === 'prod') && match(g.selector, endpoint))
  );
}

describe('property: never a false verdict for pods that unevaluated kinds select', () => {
  it('explain says unknown on every side a Calico policy selects, and reach and connectivity agree with explain', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { m, pods, env } = build(s);
        const report = connectivity(m);
        for (const src of pods) {
          const reach = reachablePeers(m, { namespace: src.meta.namespace!, name: src.meta.name }).egress;
          for (const dst of pods) {
            if (src === dst) continue;
            for (const port of PORTS) {
              const path = explainFlow(m, { from: `pod/${src.meta.namespace}/${src.meta.name}`, to: `pod/${dst.meta.namespace}/${dst.meta.name}`, port }).paths[0]!;
              if (calicoSelects(s, src, 'Egress', env)) expect(sideVerdict(path.egress)).toBe('unknown');
              if (calicoSelects(s, dst, 'Ingress', env)) expect(sideVerdict(path.ingress)).toBe('unknown');

              const peer = reach.find((r) => r.peer.type === 'pod' && r.peer.namespace === dst.meta.namespace && r.peer.name === dst.meta.name);
              const entry = report.entries.find(
                (e) => e.source.type === 'workload' && e.source.name === src.meta.name && e.destination.type === 'workload' && e.destination.name === dst.meta.name,
              );
              for (const found of [peer, entry]) {
                const allowed = found?.connections.allows('TCP', port) ?? false;
                const unknown = !allowed && (found?.unknown?.connections.allows('TCP', port) ?? false);
                expect(allowed ? 'allowed' : unknown ? 'unknown' : 'denied').toBe(path.verdict);
              }
            }
          }
        }
      }),
      { numRuns: 150, seed: 9 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ManifestError, modelFromDocuments } from '.';

const load = (text: string) => modelFromDocuments([{ file: 'policies.yaml', text }]);

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: core, namespace: shop }
spec: { podSelector: {} }
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: db-lockdown, namespace: shop }
spec:
  selector: app == 'db'
  egress: [{ action: Allow }]
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: { name: default-deny }
spec: { selector: all(), namespaceSelector: "has(projectcalico.org/name)", order: 2000 }
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: db-from-api }
spec:
  endpointSelector: { matchLabels: { app: db } }
  enableDefaultDeny: { egress: true }
specs:
  - endpointSelector: { matchLabels: { "k8s:app": api } }
    ingressDeny: [{ fromEntities: [world] }]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: { name: hosts }
spec: { nodeSelector: {}, ingress: [] }
`;

describe("manifests: a network plugin's policies", () => {
  it('reads Calico (both API groups) and Cilium policies apart from the core NetworkPolicy of the same kind name; each Calico one (not evaluated) with a warning, the Cilium ones (evaluated) without', () => {
    const { model, warnings } = load(POLICIES);
    expect(model.resources.networkpolicies.map((p) => p.meta.name)).toEqual(['core']);
    expect(model.resources.caliconetworkpolicies).toMatchObject([
      // Calico's types defaulting: egress rules only => Egress.
      { meta: { name: 'db-lockdown', namespace: 'shop' }, apiGroup: 'projectcalico.org', selector: "app == 'db'", types: ['Egress'], tier: 'default' },
    ]);
    expect(model.resources.calicoglobalnetworkpolicies).toMatchObject([
      { meta: { name: 'default-deny' }, apiGroup: 'crd.projectcalico.org', namespaceSelector: 'has(projectcalico.org/name)', types: ['Ingress'], order: 2000 },
    ]);
    expect(model.resources.calicoglobalnetworkpolicies[0]!.meta.namespace).toBeUndefined();
    expect(model.resources.ciliumnetworkpolicies).toMatchObject([
      {
        meta: { name: 'db-from-api', namespace: 'default' },
        rules: [
          { endpointSelector: { matchLabels: { app: 'db' } }, ingress: [], egress: [], enableDefaultDeny: { egress: true } },
          { endpointSelector: { matchLabels: { 'k8s:app': 'api' } }, ingressDeny: [{ peers: [{ type: 'entity', entity: 'world' }], toPorts: [] }] },
        ],
      },
    ]);
    expect(model.resources.ciliumclusterwidenetworkpolicies).toMatchObject([{ meta: { name: 'hosts' }, rules: [{ nodeSelector: {}, ingress: [], egress: [] }] }]);
    expect(warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      '6: Calico NetworkPolicy shop/db-lockdown: kube-netmap detects the pods it selects but does not evaluate Calico policies: their verdicts are unknown',
      '13: Calico GlobalNetworkPolicy default-deny: kube-netmap detects the pods it selects but does not evaluate Calico policies: their verdicts are unknown',
    ]);
  });

  it('a field of the wrong type is an error at its line', () => {
    const text = `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: { name: x }\nspec:\n  types: [Inbound]\n`;
    expect(() => load(text)).toThrow(ManifestError);
    expect(() => load(text)).toThrow(/policies.yaml:5: Calico NetworkPolicy: spec.types\[0\]/);
  });
});

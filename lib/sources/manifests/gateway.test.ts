// The Gateway API kinds read from manifests: defaults applied, served versions read, retired ones skipped with a
// warning, and a manifest the API server would reject stopped with its file and line.
import { describe, expect, it } from 'vitest';
import { ManifestError, modelFromDocuments } from '.';

const load = (text: string) => modelFromDocuments([{ file: 'gw.yaml', text }]);

const shop = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: envoy}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shop, namespace: infra}
spec:
  gatewayClassName: envoy
  listeners:
    - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: {name: store}
spec:
  parentRefs: [{name: shop, namespace: infra}]
  rules:
    - backendRefs: [{name: web, port: 80}]
`;

function errorOf(text: string): { line: number; message: string } {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ManifestError) return { line: e.line, message: e.reason };
    throw e;
  }
  throw new Error('expected a ManifestError');
}

describe('modelFromDocuments: Gateway API kinds', () => {
  it('reads GatewayClass (cluster-scoped), Gateway and HTTPRoute (v1beta1 is still served: read without a warning); the route goes to the default namespace', () => {
    const { model, warnings } = load(shop);
    expect({
      classes: model.resources.gatewayclasses.map((c) => [c.meta.name, c.meta.namespace, c.controllerName]),
      gateways: model.resources.gateways.map((g) => [g.meta.namespace, g.meta.name, g.listeners[0]?.allowedRoutes.namespaces.from]),
      routes: model.resources.httproutes.map((r) => [r.meta.namespace, r.meta.name, r.rules[0]?.backendRefs[0]?.weight]),
      namespaces: model.resources.namespaces.map((n) => n.meta.name),
      warnings,
    }).toStrictEqual({
      classes: [['envoy', undefined, 'gateway.envoyproxy.io/gatewayclass-controller']],
      gateways: [['infra', 'shop', 'All']],
      routes: [['default', 'store', 1]],
      namespaces: ['default', 'infra'],
      warnings: [],
    });
  });

  it('an alpha version the v1.6 CRDs no longer serve is skipped with a warning naming the version to write', () => {
    const { model, warnings } = load('apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: db, namespace: shop}\nspec: {rules: []}\n');
    expect({ routes: model.resources.tcproutes.length, warnings }).toStrictEqual({
      routes: 0,
      warnings: [
        { file: 'gw.yaml', line: 1, message: 'TCPRoute shop/db skipped: gateway.networking.k8s.io/v1alpha2 is not supported; write it as gateway.networking.k8s.io/v1' },
      ],
    });
  });

  it.each([
    {
      name: 'a weight above 1,000,000 (BackendRef.weight maximum)',
      text: `${shop.replace('{name: web, port: 80}', '{name: web, port: 80, weight: 2000000}')}`,
      line: 20,
      message: 'HTTPRoute default/store: spec.rules[0].backendRefs[0].weight: Too big: expected number to be <=1000000',
    },
    {
      name: 'an upper-case listener hostname (Hostname pattern)',
      text: shop.replace('{name: http, port: 80,', '{name: http, hostname: Shop.Example.com, port: 80,'),
      line: 12,
      message: 'Gateway infra/shop: spec.listeners[0].hostname: expected a hostname (lower case, optionally starting with "*.")',
    },
    {
      name: 'allowedRoutes from: None, which only allowedListeners accepts (RouteNamespaces.from enum All;Selector;Same)',
      text: shop.replace('from: All', 'from: None'),
      line: 12,
      message: 'Gateway infra/shop: spec.listeners[0].allowedRoutes.namespaces.from: Invalid option: expected one of "All"|"Selector"|"Same"',
    },
    {
      name: 'a ReferenceGrant without `to` (ReferenceGrantSpec.to MinItems 1)',
      text: 'apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: payments}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]\n  to: []\n',
      line: 6,
      message: 'ReferenceGrant payments/g: spec.to: a ReferenceGrant needs at least one `to`',
    },
  ])('ManifestError at the line of $name', ({ text, line, message }) => {
    expect(errorOf(text)).toStrictEqual({ line, message });
  });
});

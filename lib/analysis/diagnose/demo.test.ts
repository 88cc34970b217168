// diagnose on the built-in demo shop (examples/demo), which has four planted faults: two Service faults, a
// NetworkPolicy fault (payments admits only app=checkout-v2) that the reachability check finds, and a Gateway API
// fault (an HTTPRoute backendRef into another namespace that no ReferenceGrant admits).

import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { diagnose, formatFindings } from './index';
import { objectText } from './test-helpers';

const DEMO = fileURLToPath(new URL('../../../examples/demo', import.meta.url));

describe('diagnose on the demo shop (examples/demo)', () => {
  let demo: ClusterModel;
  beforeAll(async () => {
    demo = (await loadManifestPaths([DEMO])).model;
  });

  it('finds the four planted faults as the only errors, with what fixes them', () => {
    const report = diagnose(demo, { source: 'manifests' });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => ({ id: f.id, objects: f.objects.map(objectText) }))).toStrictEqual([
      // (d) gateway.yaml: /legacy goes to the ingress-nginx controller's Service, and no ReferenceGrant admits it.
      {
        id: 'gateway-backend-ref-not-permitted:HTTPRoute/shop/storefront:ingress-nginx/ingress-nginx-controller',
        objects: ['HTTPRoute/shop/storefront'],
      },
      // (c) policies.yaml: payments admits only app=checkout-v2, which no pod carries.
      { id: 'service-all-clients-blocked:Service/shop/payments:80/TCP', objects: ['Service/shop/payments'] },
      // (a) cart.yaml: the selector typo app=crat.
      { id: 'service-selector-matches-nothing:Service/shop/cart', objects: ['Service/shop/cart'] },
      // (b) checkout.yaml: targetPort http-api, while the checkout container's port is named http.
      { id: 'service-target-port-name-missing:Service/shop/checkout:80/TCP', objects: ['Service/shop/checkout', 'Pod/shop/checkout-template'] },
    ]);
    const [reference, payments, cart, checkout] = errors;
    expect(reference?.message).toContain('no ReferenceGrant in ingress-nginx lets HTTPRoutes in shop refer to Service ingress-nginx/ingress-nginx-controller');
    expect(reference?.hint).toContain('Create a ReferenceGrant in namespace ingress-nginx');
    expect(payments?.message).toContain(
      'Closest: policy shop/payments ingress rule 1 allows TCP port "http" from pods app=checkout-v2 in namespace shop; app=checkout-v2 required, pod shop/checkout-template has app=checkout.',
    );
    expect(cart?.message).toContain('Service shop/cart selects app=crat, but it matches none of the 8 pods in namespace shop');
    expect(cart?.hint).toContain('Did you mean app=cart (pod shop/cart-template)?');
    expect(checkout?.message).toContain('no selected pod declares a TCP container port named "http-api" (pod shop/checkout-template declares http 8080/TCP)');
    expect(checkout?.hint).toContain('did you mean "http"?');
  });

  it('reports nothing else but two legitimate infos, and skips what manifests cannot tell', () => {
    // The Ingress's TLS Secret shop-tls is deliberately not part of the demo: manifests that declare no Secret in a
    // namespace say nothing about which will exist there, so no TLS finding either.
    const report = diagnose(demo, { source: 'manifests' });
    expect(report.findings.filter((f) => f.severity !== 'error').map((f) => [f.severity, f.id])).toStrictEqual([
      // Not a fault: the ingress-nginx namespace really has no NetworkPolicy (the demo's policies are all in shop),
      // so the controller pod is non-isolated. True, and informational only.
      ['info', 'namespace-without-policy:Namespace/ingress-nginx'],
      // Not a fault either: the demo's manifests name no network plugin, so whether its cluster would enforce the
      // shop's policies is not known.
      ['info', 'network-policy-enforcement-unknown:Namespace/shop'],
    ]);
    expect(report.skipped).toStrictEqual([
      // Manifests have no status, so the LoadBalancer Service's missing address says nothing.
      { check: 'loadbalancer-without-address', reason: 'manifests carry no status, so whether a LoadBalancer Service has an address is not known' },
    ]);
    expect(formatFindings(report)).toContain('4 errors, 0 warnings, 2 info; 1 check skipped.');
  });

  it('without knowing the source, the LoadBalancer of ingress-nginx is reported as having no address (manifests have no status)', () => {
    const ids = diagnose(demo).findings.map((f) => f.id);
    expect(ids).toContain('loadbalancer-without-address:Service/ingress-nginx/ingress-nginx-controller');
  });
});

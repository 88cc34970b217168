// summarizeGateways on the demo shop: what the map and the Gateway panel show.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadManifestPaths } from '@/lib/sources/manifests';
import { summarizeGateways } from './gateway-summary';

const DEMO = fileURLToPath(new URL('../../../examples/demo', import.meta.url));

describe('summarizeGateways on the demo (examples/demo/gateway.yaml)', () => {
  it('lists the listener, the attached route on it, and each rule\'s backends with weight, share and state', async () => {
    const [shop, ...others] = summarizeGateways((await loadManifestPaths([DEMO])).model);
    expect(others).toStrictEqual([]);
    expect({
      gateway: `${shop?.namespace}/${shop?.name} class ${shop?.className}`,
      programmed: shop?.programmed?.reason,
      listeners: shop?.listeners.map((l) => [l.name, l.port, l.protocol, l.hostname, l.routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`)]),
      routes: shop?.routes.map((r) => ({
        route: `${r.namespace}/${r.name}`,
        hostnames: r.hostnames,
        rules: r.rules.map((rule) => [rule.matches.join(' | '), ...rule.backends.map((b) => `${b.namespace}/${b.name}:${b.port} ${b.weight} ${Math.round(b.share * 100)}% ${b.state}`)]),
      })),
      detached: shop?.detached,
    }).toStrictEqual({
      gateway: 'shop/shop class envoy',
      programmed: 'Pending',
      listeners: [['http', 80, 'HTTP', '*.shop.example.com', ['HTTPRoute shop/storefront']]],
      routes: [
        {
          route: 'shop/storefront',
          hostnames: ['next.shop.example.com'],
          rules: [
            ['PathPrefix /api', 'shop/api:80 1 100% ok'],
            ['PathPrefix /legacy', 'ingress-nginx/ingress-nginx-controller:80 1 100% RefNotPermitted'],
            ['PathPrefix /', 'shop/frontend:80 90 90% ok', 'shop/frontend-v2:80 10 10% ok'],
          ],
        },
      ],
      detached: [],
    });
  });
});

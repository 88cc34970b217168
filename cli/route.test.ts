// kube-netmap route through the Gateway API, over the demo's manifests.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli';

const demo = path.resolve(import.meta.dirname, '..', 'examples', 'demo');


describe('kube-netmap route: the Gateway API', () => {
  it.each([
    {
      name: 'the Ingress answer comes first as before; the Gateway takes nothing for shop.example.com',
      argv: ['route', 'http://shop.example.com/api/cart', '--manifests', demo],
      code: 0,
      out: /^ROUTED[\s\S]*Gateway API:\n {2}NOT ROUTED[\s\S]*served by: ingress: Ingress shop\/shop takes it; no Gateway does$/,
    },
    {
      name: 'next.shop.example.com goes through the Gateway, split 90/10 between the frontend versions',
      argv: ['route', 'http://next.shop.example.com/', '--manifests', demo],
      code: 0,
      out: /Service shop\/frontend port 80, weight 90 of 100: 90%[\s\S]*Service shop\/frontend-v2 port 80, weight 10 of 100: 10%[\s\S]*served by: gateway: Gateway shop\/shop takes it; no Ingress does$/,
    },
    {
      name: 'the planted fault: /legacy crosses into ingress-nginx without a ReferenceGrant',
      argv: ['route', 'http://next.shop.example.com/legacy/orders', '--manifests', demo],
      code: 0,
      out: /reason: Service ingress-nginx\/ingress-nginx-controller port 80, weight 1 of 1: 100%: RefNotPermitted: [\s\S]*so for this share the Gateway answers 500/,
    },
    {
      name: '--json prints both answers and which one took the request',
      argv: ['route', 'http://next.shop.example.com/api/cart', '--manifests', demo, '--json'],
      code: 0,
      json: { servedBy: 'gateway', route: { kind: 'HTTPRoute', namespace: 'shop', name: 'storefront' }, rule: 0 },
    },
    {
      name: 'a tcp:// target without a port is a usage error',
      argv: ['route', 'tcp://db.example.com', '--manifests', demo],
      code: 2,
      err: 'kube-netmap route: the URL must name a port: tcp://HOST:PORT',
    },
    {
      name: 'a header line without a name is a usage error',
      argv: ['route', 'http://next.shop.example.com/', '--header', ': yes', '--manifests', demo],
      code: 2,
      err: 'kube-netmap route: --header line 1 must be "Name: value"',
    },
    {
      name: '--gateway must be NAMESPACE/NAME',
      argv: ['route', 'http://next.shop.example.com/', '--gateway', 'shop', '--manifests', demo],
      code: 2,
      err: 'kube-netmap route: --gateway must be NAMESPACE/NAME',
    },
  ])('$name', async ({ argv, code, out, err, json }) => {
    const result = await run(...argv);
    expect({ code: result.code, err: err ? result.err : '' }).toStrictEqual({ code, err: err ?? '' });
    if (out) expect(result.out).toMatch(out);
    if (json) {
      const parsed = JSON.parse(result.out) as { servedBy: string; gateway: { route: unknown; rule: { index: number } } };
      expect({ servedBy: parsed.servedBy, route: parsed.gateway.route, rule: parsed.gateway.rule.index }).toStrictEqual(json);
    }
  });
});

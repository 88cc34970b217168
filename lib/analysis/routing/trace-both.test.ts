// traceRequest through Ingress and the Gateway API, and which one took the request; parseTraceTarget's reading of
// the text people give.
import { describe, expect, it } from 'vitest';
import { gateway, gatewayClass, httpRoute, service, world } from '../gateway/testing';
import { traceRequest } from './trace-request';
import { parseTraceTarget } from './trace-target';

const ingressClass = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}';
const ingress = (host: string, status = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: site, namespace: shop}\nspec: {ingressClassName: nginx, rules: [{host: ${host}, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}${status}`;
const gw = (status = '') => `${gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]')}${status}`;
const route = (host: string) => httpRoute('shop/r', `parentRefs: [{name: gw, namespace: infra}], hostnames: [${host}], rules: [{backendRefs: [{name: web, port: 80}]}]`);

describe('traceRequest: which API took the request', () => {
  it.each([
    { name: 'only an Ingress rule takes the host: ingress', docs: [ingress('shop.example.com'), gw(), route('other.example.com')], host: 'shop.example.com', want: 'ingress' },
    { name: 'only a Gateway route takes the host: gateway', docs: [ingress('other.example.com'), gw(), route('shop.example.com')], host: 'shop.example.com', want: 'gateway' },
    { name: 'both take it: both, and DNS decides', docs: [ingress('shop.example.com'), gw(), route('shop.example.com')], host: 'shop.example.com', want: 'both' },
    {
      name: 'both take it, but the host is the Gateway\'s address: gateway',
      docs: [ingress('10.0.0.5'), gw('\nstatus: {addresses: [{value: 10.0.0.5}]}'), httpRoute('shop/r', 'parentRefs: [{name: gw, namespace: infra}], rules: [{backendRefs: [{name: web, port: 80}]}]')],
      host: '10.0.0.5',
      want: 'gateway',
    },
    { name: 'neither takes it: neither', docs: [ingress('a.example.com'), gw(), route('b.example.com')], host: 'shop.example.com', want: 'neither' },
  ])('$name', ({ docs, host, want }) => {
    const m = world(ingressClass, gatewayClass(), service('shop/web'), ...docs);
    expect(traceRequest(m, { host, path: '/' }).servedBy).toBe(want);
  });

  it('the Ingress answer is unchanged when the Gateway API kinds cannot be read; the verdict says the Gateway side is unknown', () => {
    const m = world(ingressClass, service('shop/web'), ingress('shop.example.com'));
    const unsynced = { ...m, sync: { ...m.sync, gateways: { status: 'syncing' as const } } };
    const ingressPart = (t: ReturnType<typeof traceRequest>) => ({ ...t, gateway: undefined, servedBy: undefined, servedByText: undefined });
    const both = traceRequest(unsynced, { host: 'shop.example.com', path: '/' });
    expect({ same: ingressPart(both), servedByText: both.servedByText }).toStrictEqual({
      same: ingressPart(traceRequest(m, { host: 'shop.example.com', path: '/' })),
      servedByText: 'Ingress shop/site takes it; whether a Gateway also does is unknown: unknown: gateways are still loading',
    });
  });
});

describe('parseTraceTarget', () => {
  it.each([
    { name: 'no scheme is http', text: 'shop.example.com/api?x=1', want: { kind: 'http', input: { host: 'shop.example.com', path: '/api', scheme: 'http', query: 'x=1' } } },
    { name: 'https with a port', text: 'https://shop.example.com:8443/', want: { kind: 'http', input: { host: 'shop.example.com:8443', path: '/', scheme: 'https', port: 8443 } } },
    { name: 'grpc:// names service and method', text: 'grpc://api.example.com:50051/shop.Cart/Add', want: { kind: 'connection', request: { protocol: 'grpc', tls: false, host: 'api.example.com', service: 'shop.Cart', method: 'Add', port: 50051 } } },
    { name: 'tcp:// needs a port, and has one', text: 'tcp://db.example.com:5432', want: { kind: 'connection', request: { protocol: 'tcp', host: 'db.example.com', port: 5432 } } },
  ])('$name', ({ text, want }) => {
    expect(parseTraceTarget(text)).toStrictEqual(want);
  });

  it.each([
    { name: 'an unknown scheme', text: 'ftp://x/', error: 'must use a scheme kube-netmap traces: http://, https://, grpc://, grpcs://, tls://, tcp://, udp://' },
    { name: 'tls:// without a port', text: 'tls://db.example.com', error: 'must name a port: tls://HOST:PORT' },
    { name: 'grpc:// without a method', text: 'grpc://api.example.com/shop.Cart', error: 'must be grpc://HOST[:PORT]/package.Service/Method' },
  ])('error: $name', ({ text, error }) => {
    expect(() => parseTraceTarget(text)).toThrow(error);
  });

  it('method and headers: upper-cased method, lower-cased header names, "Name: value" lines; a bad header line is an error', () => {
    expect(parseTraceTarget('http://a/', { method: 'post', headers: ['X-Canary: yes', 'x-canary: no'] })).toStrictEqual({
      kind: 'http',
      input: { host: 'a', path: '/', scheme: 'http', method: 'POST', headers: { 'x-canary': 'yes' } },
    });
    expect(() => parseTraceTarget('http://a/', { headers: ['no colon'] })).toThrow('a header is "Name: value"');
  });
});

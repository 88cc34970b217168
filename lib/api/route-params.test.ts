// /api/route's query: host and path as before, or a url whose scheme picks the protocol, with the Gateway API's
// further inputs validated (by the validators the CLI uses too) before the engine sees them.
import { describe, expect, it } from 'vitest';
import { parseQuery, routeParams } from './params';

const url = (query: string) => new URL(`http://127.0.0.1/api/route?${query}`);

describe('routeParams', () => {
  it.each([
    { name: 'host and path, as before', query: 'host=shop.example.com&path=/api', want: { ok: true, value: { host: 'shop.example.com', path: '/api' } } },
    { name: 'neither host nor url', query: 'path=/', want: { ok: false, message: 'host: is required (or url)' } },
    { name: 'a url instead', query: `url=${encodeURIComponent('grpc://api.example.com:50051/shop.Cart/Add')}`, want: { ok: true, value: { url: 'grpc://api.example.com:50051/shop.Cart/Add', path: '/' } } },
    { name: 'a url with a scheme kube-netmap does not trace', query: `url=${encodeURIComponent('ftp://a/')}`, want: { ok: false, message: 'url: must use a scheme kube-netmap traces: http://, https://, grpc://, grpcs://, tls://, tcp://, udp://' } },
    { name: 'a tcp url without a port', query: `url=${encodeURIComponent('tcp://db.example.com')}`, want: { ok: false, message: 'url: must name a port: tcp://HOST:PORT' } },
    { name: 'both host and url', query: 'host=a&url=http://b/', want: { ok: false, message: 'url: replaces host and path: give one or the other' } },
    { name: 'a method', query: 'host=a&method=POST', want: { ok: true, value: { host: 'a', path: '/', method: 'POST' } } },
    { name: 'a method HTTPRoute cannot match', query: 'host=a&method=BREW', want: { ok: false, message: 'method: must be one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH' } },
    { name: 'header lines', query: `host=a&headers=${encodeURIComponent('x-canary: yes\nAccept: */*')}`, want: { ok: true, value: { host: 'a', path: '/', headers: 'x-canary: yes\nAccept: */*' } } },
    { name: 'a header line without a name', query: `host=a&headers=${encodeURIComponent(': yes')}`, want: { ok: false, message: 'headers: line 1 must be "Name: value"' } },
    { name: 'a Gateway as NAMESPACE/NAME', query: 'host=a&gateway=infra/gw', want: { ok: true, value: { host: 'a', path: '/', gateway: 'infra/gw' } } },
    { name: 'a Gateway that is not NAMESPACE/NAME', query: 'host=a&gateway=gw', want: { ok: false, message: 'gateway: must be NAMESPACE/NAME' } },
    { name: 'data-plane pods as labels, in a namespace', query: `host=a&gatewayPods=${encodeURIComponent('app=envoy,team=edge')}&gatewayPodsNamespace=edge`, want: { ok: true, value: { host: 'a', path: '/', gatewayPods: 'app=envoy,team=edge', gatewayPodsNamespace: 'edge' } } },
    { name: 'data-plane pods that are not labels', query: 'host=a&gatewayPods=envoy', want: { ok: false, message: 'gatewayPods: must be labels like key=value[,key=value]' } },
    { name: 'a data-plane namespace without the pods', query: 'host=a&gatewayPodsNamespace=edge', want: { ok: false, message: 'gatewayPodsNamespace: needs gatewayPods' } },
  ])('$name', ({ query, want }) => {
    expect(parseQuery(routeParams, url(query))).toEqual(want);
  });
});

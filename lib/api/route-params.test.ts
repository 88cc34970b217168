// /api/route's query: host and path as before, or a url whose scheme picks the protocol, with the Gateway API's
// further inputs validated before the engine sees them.
import { describe, expect, it } from 'vitest';
import { parseQuery, routeParams } from './params';

const url = (query: string) => new URL(`http://127.0.0.1/api/route?${query}`);

describe('routeParams', () => {
  it.each([
    { name: 'host and path, as before', query: 'host=shop.example.com&path=/api', want: { ok: true, value: { host: 'shop.example.com', path: '/api' } } },
    { name: 'neither host nor url', query: 'path=/', want: { ok: false, message: 'host: host is required' } },
    { name: 'a url instead', query: `url=${encodeURIComponent('grpc://api.example.com:50051/shop.Cart/Add')}`, want: { ok: true, value: { url: 'grpc://api.example.com:50051/shop.Cart/Add', path: '/' } } },
    { name: 'both host and url', query: 'host=a&url=http://b/', want: { ok: false, message: 'url: give either url or host and path, not both' } },
    { name: 'a Gateway as NAMESPACE/NAME', query: 'host=a&gateway=infra/gw', want: { ok: true, value: { host: 'a', path: '/', gateway: 'infra/gw' } } },
    { name: 'a Gateway that is not NAMESPACE/NAME', query: 'host=a&gateway=gw', want: { ok: false, message: 'gateway: must be NAMESPACE/NAME' } },
    { name: 'data-plane pods as labels', query: `host=a&gatewayPods=${encodeURIComponent('app=envoy,team=edge')}`, want: { ok: true, value: { host: 'a', path: '/', gatewayPods: 'app=envoy,team=edge' } } },
    { name: 'data-plane pods that are not labels', query: 'host=a&gatewayPods=envoy', want: { ok: false, message: 'gatewayPods: must be labels like key=value[,key=value]' } },
  ])('$name', ({ query, want }) => {
    expect(parseQuery(routeParams, url(query))).toEqual(want);
  });
});

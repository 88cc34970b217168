import { describe, expect, it } from 'vitest';
import type { ApiResource } from './api-resources';
import { discoverServed, servedPath, type ApiGetter } from './discovery';
import { ApiError } from './transport';

const gateways: ApiResource = { group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], resource: 'gateways', optional: true };
const listenerSets: ApiResource = { group: 'gateway.networking.k8s.io', versions: ['v1'], resource: 'listenersets', optional: true };
const cnps: ApiResource = { group: 'policy.networking.k8s.io', versions: ['v1alpha2'], resource: 'clusternetworkpolicies', optional: true };

/** A v1.30+ API server: one aggregated discovery document. */
const aggregated: ApiGetter = async (path, accept) => {
  expect(path).toBe('/apis');
  expect(accept).toContain('as=APIGroupDiscoveryList');
  return {
    kind: 'APIGroupDiscoveryList',
    items: [
      { metadata: { name: 'apps' }, versions: [{ version: 'v1', resources: [{ resource: 'daemonsets' }] }] },
      {
        metadata: { name: 'gateway.networking.k8s.io' },
        versions: [
          { version: 'v1', resources: [{ resource: 'gateways' }, { resource: 'httproutes' }] },
          { version: 'v1beta1', resources: [{ resource: 'gateways' }] },
        ],
      },
    ],
  };
};

/** An older API server: the plain group list, then one request per group version. */
const legacy: ApiGetter = async (path) => {
  if (path === '/apis') return { kind: 'APIGroupList', groups: [{ name: 'gateway.networking.k8s.io', versions: [{ version: 'v1beta1' }] }] };
  if (path === '/apis/gateway.networking.k8s.io/v1beta1') return { resources: [{ name: 'gateways' }, { name: 'gateways/status' }] };
  throw new ApiError(404, `not found: ${path}`);
};

describe('discoverServed and servedPath', () => {
  it.each([
    { rule: 'the preferred version is used when served', get: aggregated, resource: gateways, want: '/apis/gateway.networking.k8s.io/v1/gateways' },
    { rule: 'a served group without the resource (an older CRD bundle) is not served', get: aggregated, resource: listenerSets, want: undefined },
    { rule: 'a group the server does not serve (no CRD) is not served', get: aggregated, resource: cnps, want: undefined },
    { rule: 'an older server: the group version is asked on its own, and a later version is taken', get: legacy, resource: gateways, want: '/apis/gateway.networking.k8s.io/v1beta1/gateways' },
    { rule: 'an older server without the group', get: legacy, resource: cnps, want: undefined },
  ])('$rule', async ({ get, resource, want }) => {
    const served = await discoverServed(get, ['gateway.networking.k8s.io', 'policy.networking.k8s.io']);
    expect(servedPath(resource, served.resources)).toBe(want);
  });

  it.each([
    { rule: 'aggregated discovery: every group the server serves, wanted or not, sorted', get: aggregated, want: ['apps', 'gateway.networking.k8s.io'] },
    { rule: 'an older server: the names of its group list, without asking the groups not wanted', get: legacy, want: ['gateway.networking.k8s.io'] },
  ])('$rule', async ({ get, want }) => {
    expect((await discoverServed(get, ['policy.networking.k8s.io'])).groups).toStrictEqual(want);
  });

  it('lets a refusal through, so the caller can say forbidden or error', async () => {
    const refused: ApiGetter = async () => {
      throw new ApiError(403, 'forbidden');
    };
    await expect(discoverServed(refused, ['gateway.networking.k8s.io'])).rejects.toEqual(new ApiError(403, 'forbidden'));
  });
});

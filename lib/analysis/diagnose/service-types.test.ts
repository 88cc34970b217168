import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { model, service } from '@/lib/analysis/testing/builders';
import { externalNameWithSelectorOrPorts, loadBalancerWithoutAddress } from './service-types';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

interface Case {
  name: string;
  model: ClusterModel;
  expected: ExpectedFinding[];
}

describe('externalname-with-selector-or-ports (core/v1 ServiceSpec.type ExternalName: a CNAME, no endpoints, no proxying)', () => {
  const id = 'externalname-with-selector-or-ports:Service/shop/pay';
  const ext = (init: Parameters<typeof service>[1]) => service('shop/pay', { type: 'ExternalName', externalName: 'pay.example.com', ports: [], ...init });
  const cases: Case[] = [
    {
      name: 'a selector on an ExternalName Service is ignored',
      model: model({ services: [ext({ selector: { app: 'pay' } })] }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Service/shop/pay'],
          message: ['Service shop/pay is of type ExternalName (a DNS CNAME to pay.example.com) but has a selector (app=pay); an ExternalName Service ignores them'],
          hint: ['Remove them', 'ClusterIP'],
        },
      ],
    },
    {
      name: 'ports on an ExternalName Service are ignored',
      model: model({ services: [ext({ ports: [{ name: 'https', port: 443 }] })] }),
      expected: [{ id, severity: 'warning', objects: ['Service/shop/pay'], message: ['has ports (port https 443/TCP → 443)'] }],
    },
    {
      name: 'both are named in one finding',
      model: model({ services: [ext({ selector: { app: 'pay' }, ports: [443] })] }),
      expected: [{ id, severity: 'warning', objects: ['Service/shop/pay'], message: ['has a selector (app=pay) and ports (port 443/TCP → 443)'] }],
    },
    { name: 'healthy: an ExternalName Service with neither', model: model({ services: [ext({})] }), expected: [] },
    { name: 'other types may have both', model: model({ services: [service('shop/web')] }), expected: [] },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(externalNameWithSelectorOrPorts, m), expected);
  });
});

describe('loadbalancer-without-address (core/v1 ServiceStatus.loadBalancer.ingress: ip or hostname)', () => {
  const id = 'loadbalancer-without-address:Service/edge/lb';
  const lb = (init: Parameters<typeof service>[1] = {}) =>
    service('edge/lb', { type: 'LoadBalancer', ports: [{ name: 'https', port: 443, nodePort: 30443 }], ...init });
  const cases: Case[] = [
    {
      name: 'a LoadBalancer Service without an address',
      model: model({ services: [lb()] }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Service/edge/lb'],
          message: ['Service edge/lb is of type LoadBalancer but has no load-balancer address', 'its node ports 30443/TCP still work'],
          hint: ['kubectl describe service', 'MetalLB'],
        },
      ],
    },
    { name: 'an ingress entry with neither ip nor hostname is no address', model: model({ services: [lb({ loadBalancerIngress: [{}] })] }), expected: [{ id, severity: 'warning', objects: ['Service/edge/lb'] }] },
    { name: 'healthy: an IP', model: model({ services: [lb({ loadBalancerIngress: [{ ip: '203.0.113.7' }] })] }), expected: [] },
    { name: 'healthy: a hostname', model: model({ services: [lb({ loadBalancerIngress: [{ hostname: 'lb.example.com' }] })] }), expected: [] },
    { name: 'other types need no address', model: model({ services: [service('edge/np', { type: 'NodePort' })] }), expected: [] },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(loadBalancerWithoutAddress, m), expected);
  });

  it('is skipped for manifests, which carry no status', () => {
    expect(runChecks(loadBalancerWithoutAddress, model({ services: [lb()] }), { source: 'manifests' })).toStrictEqual({
      findings: [],
      skipped: [{ check: 'loadbalancer-without-address', reason: 'manifests carry no status, so whether a LoadBalancer Service has an address is not known' }],
    });
  });

  it('is skipped while Services are syncing', () => {
    expect(runChecks(loadBalancerWithoutAddress, model({ services: [lb()], sync: { services: { status: 'syncing' } } })).skipped).toStrictEqual([
      { check: 'loadbalancer-without-address', reason: 'services are still loading' },
    ]);
  });
});

// Checks on the Service type: ExternalName Services that carry a selector or ports (core/v1 ServiceSpec.type
// ExternalName: "a CNAME ... no proxying is involved"), and LoadBalancer Services without an address
// (core/v1 ServiceStatus.loadBalancer.ingress).

import { describePort, finding, formatLabels, objectOf } from './helpers';
import type { Check, Finding } from './types';
import { qualifiedName } from '@/lib/model/names';

const EXTERNAL_NAME = 'externalname-with-selector-or-ports';
const LOAD_BALANCER = 'loadbalancer-without-address';

export const externalNameWithSelectorOrPorts: Check = {
  check: EXTERNAL_NAME,
  needs: ['services'],
  run({ model }) {
    const findings: Finding[] = [];
    for (const service of model.resources.services) {
      if (service.type !== 'ExternalName') continue;
      const parts: string[] = [];
      if (service.selector) parts.push(`a selector (${formatLabels(service.selector)})`);
      if (service.ports.length > 0) parts.push(`ports (${service.ports.map(describePort).join(', ')})`);
      if (parts.length === 0) continue;
      findings.push(
        finding(EXTERNAL_NAME, 'warning', [objectOf('Service', service)], {
          message:
            `Service ${qualifiedName(service)} is of type ExternalName (a DNS CNAME to ${service.externalName ?? '(no externalName)'}) but ` +
            `has ${parts.join(' and ')}; an ExternalName Service ignores them: it gets no endpoints and no proxying, and clients ` +
            `connect to the external name on whatever port they use.`,
          hint:
            `Remove them, or make it a ClusterIP Service if it should send to the selected pods. ` +
            `(A few Ingress controllers read an ExternalName backend's port by name; for them only the ports matter.)`,
        }),
      );
    }
    return findings;
  },
};

export const loadBalancerWithoutAddress: Check = {
  check: LOAD_BALANCER,
  needs: ['services'],
  run({ model, options }) {
    if (options.source === 'manifests') {
      return { skip: 'manifests carry no status, so whether a LoadBalancer Service has an address is not known' };
    }
    const findings: Finding[] = [];
    for (const service of model.resources.services) {
      if (service.type !== 'LoadBalancer') continue;
      if (service.loadBalancerIngress.some((i) => i.ip || i.hostname)) continue;
      const nodePorts = service.ports.filter((p) => p.nodePort).map((p) => `${p.nodePort}/${p.protocol}`);
      findings.push(
        finding(LOAD_BALANCER, 'warning', [objectOf('Service', service)], {
          message:
            `Service ${qualifiedName(service)} is of type LoadBalancer but has no load-balancer address (status.loadBalancer.ingress is empty), ` +
            `so it cannot be reached from outside through a load balancer${nodePorts.length > 0 ? ` (its node ports ${nodePorts.join(', ')} still work)` : ''}.`,
          hint:
            'A load-balancer implementation (the cloud controller manager, MetalLB, kube-vip, ...) writes the address; while it is ' +
            'provisioning this is expected. Otherwise check the Service events (`kubectl describe service`) and that such an ' +
            'implementation runs in the cluster and supports the Service (loadBalancerClass, annotations, quotas).',
        }),
      );
    }
    return findings;
  },
};

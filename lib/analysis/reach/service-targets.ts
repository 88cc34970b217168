// The Services reachablePeers lists: the ready, usable backends of every port, resolved once per model, and per
// class of pods the Services one of its pods backs, so that a pod's answer reads only the Services its possible
// peers back. Pure; no I/O.

import type { ClusterModel, Pod, Protocol, Service } from '@/lib/model';
import { resolveServicePort } from '../services/service-backends';
import type { EquivalenceClass } from './equivalence';

export interface ServiceTarget {
  service: Service;
  ports: { protocol: Protocol; port: number; backends: { pod?: Pod; address: string; targetPort: number }[] }[];
}

export interface ServiceTargets {
  /** In the model's order of Services. */
  targets: ServiceTarget[];
  /** Per class (by id), the targets (by number in `targets`, ascending) with a backend pod of the class. */
  byClass: number[][];
  /** The targets with a backend that is not a pod of the model (an address), ascending. */
  withAddresses: number[];
}

/**
 * Per Service and port, the backends that receive new connections (ready, with a resolved targetPort and no
 * problem), as explainFlow counts them. ExternalName Services have no endpoints and are left out.
 */
export function serviceTargets(model: ClusterModel, classes: readonly EquivalenceClass[], classOf: ReadonlyMap<Pod, EquivalenceClass>): ServiceTargets {
  const targets: ServiceTarget[] = [];
  const byClass: number[][] = classes.map(() => []);
  const withAddresses: number[] = [];
  for (const service of model.resources.services) {
    if (service.type === 'ExternalName') continue;
    const ports: ServiceTarget['ports'] = [];
    for (const servicePort of service.ports) {
      const resolution = resolveServicePort(model, service, servicePort.port, servicePort.protocol);
      if ('error' in resolution) continue;
      const backends: ServiceTarget['ports'][number]['backends'] = [];
      for (const b of resolution.backends) {
        if (!b.ready || b.problem || b.targetPort === undefined) continue;
        backends.push({ ...(b.pod ? { pod: b.pod } : {}), address: b.address, targetPort: b.targetPort });
      }
      if (backends.length > 0) ports.push({ protocol: servicePort.protocol, port: servicePort.port, backends });
    }
    if (ports.length === 0) continue;
    const number = targets.length;
    targets.push({ service, ports });
    for (const { backends } of ports) {
      for (const { pod } of backends) {
        const c = pod && classOf.get(pod);
        const list = c ? byClass[c.id]! : withAddresses;
        if (list.at(-1) !== number) list.push(number);
      }
    }
  }
  return { targets, byClass, withAddresses };
}

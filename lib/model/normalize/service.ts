import type { Service, ServiceType } from '../types';
import { normalizeLoadBalancer, normalizeMeta, normalizeProtocol } from './common';
import type { RawService } from './raw';

const TYPES = new Set<ServiceType>(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);

export function normalizeService(raw: RawService): Service {
  const spec = raw.spec ?? {};
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? { ...spec.selector } : undefined;
  // A headless Service comes back from the API server with clusterIPs ["None"]: that is no virtual IP, not an address.
  const clusterIPs = (spec.clusterIPs ?? []).filter((ip) => ip !== 'None');
  if (clusterIPs.length === 0 && spec.clusterIP && spec.clusterIP !== 'None') clusterIPs.push(spec.clusterIP);
  const service: Service = {
    meta: normalizeMeta(raw.metadata),
    type: TYPES.has(spec.type as ServiceType) ? (spec.type as ServiceType) : 'ClusterIP',
    ports: (spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      protocol: normalizeProtocol(p.protocol),
      port: p.port ?? 0,
      // The API defaults an omitted targetPort to the Service port.
      targetPort: p.targetPort ?? p.port ?? 0,
      ...(p.nodePort ? { nodePort: p.nodePort } : {}),
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
    clusterIPs,
    ipFamilies: [...(spec.ipFamilies ?? [])],
    externalIPs: [...(spec.externalIPs ?? [])],
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
    loadBalancerIngress: normalizeLoadBalancer(raw.status?.loadBalancer),
  };
  if (selector) service.selector = selector;
  if (spec.clusterIP) service.clusterIP = spec.clusterIP;
  if (spec.externalName) service.externalName = spec.externalName;
  if (spec.externalTrafficPolicy === 'Cluster' || spec.externalTrafficPolicy === 'Local') {
    service.externalTrafficPolicy = spec.externalTrafficPolicy;
  }
  if (spec.internalTrafficPolicy === 'Cluster' || spec.internalTrafficPolicy === 'Local') {
    service.internalTrafficPolicy = spec.internalTrafficPolicy;
  }
  return service;
}

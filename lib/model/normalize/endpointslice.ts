import type { Endpoint, EndpointSlice } from '../types';
import { normalizeMeta, normalizeProtocol } from './common';
import type { RawEndpointSlice } from './raw';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function normalizeEndpointSlice(raw: RawEndpointSlice): EndpointSlice {
  const meta = normalizeMeta(raw.metadata);
  const slice: EndpointSlice = {
    meta,
    addressType: raw.addressType === 'IPv6' || raw.addressType === 'FQDN' ? raw.addressType : 'IPv4',
    endpoints: (raw.endpoints ?? []).map((e) => {
      // The API says an unknown (nil) ready or serving condition is to be read as true, and an unknown terminating
      // condition as false.
      const endpoint: Endpoint = {
        addresses: [...(e.addresses ?? [])],
        conditions: {
          ready: e.conditions?.ready ?? true,
          serving: e.conditions?.serving ?? true,
          terminating: e.conditions?.terminating ?? false,
        },
      };
      if (e.hostname) endpoint.hostname = e.hostname;
      if (e.nodeName) endpoint.nodeName = e.nodeName;
      if (e.zone) endpoint.zone = e.zone;
      if (e.targetRef?.kind && e.targetRef.name) {
        endpoint.targetRef = {
          kind: e.targetRef.kind,
          name: e.targetRef.name,
          ...(e.targetRef.namespace ? { namespace: e.targetRef.namespace } : {}),
          ...(e.targetRef.uid ? { uid: e.targetRef.uid } : {}),
        };
      }
      return endpoint;
    }),
    ports: (raw.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      ...(typeof p.port === 'number' ? { port: p.port } : {}),
      protocol: normalizeProtocol(p.protocol),
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
  };
  const serviceName = meta.labels[SERVICE_NAME_LABEL];
  if (serviceName) slice.serviceName = serviceName;
  return slice;
}

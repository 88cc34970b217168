import type { ClusterModel, Service } from '@/lib/model';

export interface EndpointSummary {
  ready: number;
  notReady: number;
}

export const serviceKey = (s: Pick<Service, 'meta'>) => `${s.meta.namespace ?? ''}/${s.meta.name}`;

/**
 * Endpoints per Service, from the EndpointSlices labelled with its name in its namespace. An address that appears
 * in several slices (as during a slice handover) counts once, ready if any slice says so.
 */
export function endpointSummaries(model: ClusterModel): Map<string, EndpointSummary> {
  const addresses = new Map<string, Map<string, boolean>>();
  for (const slice of model.resources.endpointslices) {
    if (!slice.serviceName) continue;
    const key = `${slice.meta.namespace ?? ''}/${slice.serviceName}`;
    let byAddress = addresses.get(key);
    if (!byAddress) addresses.set(key, (byAddress = new Map()));
    for (const endpoint of slice.endpoints) {
      for (const address of endpoint.addresses) {
        byAddress.set(address, (byAddress.get(address) ?? false) || endpoint.conditions.ready);
      }
    }
  }
  const summaries = new Map<string, EndpointSummary>();
  for (const [key, byAddress] of addresses) {
    let ready = 0;
    for (const isReady of byAddress.values()) if (isReady) ready += 1;
    summaries.set(key, { ready, notReady: byAddress.size - ready });
  }
  return summaries;
}

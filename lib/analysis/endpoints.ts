import type { ClusterModel, Service } from '@/lib/model';
import { serviceEndpoints } from './services/service-backends';

export interface EndpointSummary {
  ready: number;
  notReady: number;
  /** Where the endpoints come from: the EndpointSlices (a live cluster), or the pods the selector matches (manifests). */
  source: 'endpointslices' | 'selector';
}

export const serviceKey = (s: Pick<Service, 'meta'>) => `${s.meta.namespace ?? ''}/${s.meta.name}`;

/** Ready and not-ready endpoints of every Service that has endpoints (ExternalName Services have none). */
export function endpointSummaries(model: ClusterModel): Map<string, EndpointSummary> {
  const summaries = new Map<string, EndpointSummary>();
  for (const service of model.resources.services) {
    if (service.type === 'ExternalName') continue;
    const { endpoints, source } = serviceEndpoints(model, service);
    const ready = endpoints.filter((e) => e.ready).length;
    summaries.set(serviceKey(service), { ready, notReady: endpoints.length - ready, source });
  }
  return summaries;
}

// What the Service panel shows, gathered from the engine: each port with its backends (resolveServicePort), the
// endpoints (serviceEndpoints) and the DNS answers (resolveDns). Pure: no React. Nothing here decides a semantic;
// it only calls the engine once per port and name and labels the results.

import { resolveDns, type DnsAnswer } from '@/lib/analysis/dns/resolve-dns';
import {
  describeServicePort,
  resolveServicePort,
  serviceEndpoints,
  type ServiceEndpoint,
  type ServicePortResolution,
} from '@/lib/analysis/services/service-backends';
import { qualifiedName } from '@/lib/model/names';
import type { ClusterModel, Service } from '@/lib/model';
import { podId } from './elements';

export const CLUSTER_DOMAIN = 'cluster.local';

export type EndpointState = 'ready' | 'not ready' | 'terminating';

/** An endpoint's state as its conditions say: terminating first (it is going away), then ready or not. */
export function endpointState(e: Pick<ServiceEndpoint, 'ready' | 'terminating'>): EndpointState {
  if (e.terminating) return 'terminating';
  return e.ready ? 'ready' : 'not ready';
}

export interface PortBackendRow {
  /** 'pod:ns/name' when the endpoint is a known pod. */
  podId?: string;
  /** "shop/api-1", else the address. */
  label: string;
  address: string;
  state: EndpointState;
  targetPort?: number;
  problem?: string;
}

export interface PortRow {
  /** describeServicePort: "http 80/TCP → http". */
  label: string;
  /** The engine's answer could not be had (an ExternalName Service): why. */
  error?: string;
  backends: PortBackendRow[];
  /** The engine's conclusion for the port (its last note: "2 of 3 backends ready…", "no endpoints: …"). */
  verdict?: string;
  /** The engine's other notes, in order: how the backends were found and resolved. */
  notes: string[];
}

export interface EndpointRow {
  podId?: string;
  label: string;
  address: string;
  hostname?: string;
  state: EndpointState;
}

export interface DnsRow {
  /** The name as a client types it: "api", "api.shop", "api.shop.svc", "api.shop.svc.cluster.local". */
  query: string;
  answer: DnsAnswer;
}

export interface ServiceDetails {
  ports: PortRow[];
  /** Undefined for an ExternalName Service (a DNS alias has no endpoints). */
  endpoints?: { source: 'endpointslices' | 'selector'; rows: EndpointRow[]; notes: string[] };
  dns: DnsRow[];
}

const podRef = (pod: { meta: { namespace?: string; name: string } } | undefined) =>
  pod ? { podId: podId(pod.meta.namespace ?? '', pod.meta.name), label: qualifiedName(pod) } : undefined;

function portRow(model: ClusterModel, service: Service, index: number): PortRow {
  const port = service.ports[index];
  if (!port) return { label: '', backends: [], notes: [] };
  // Service ports are unique by port number and protocol, so this picks exactly this port.
  const resolution = resolveServicePort(model, service, port.port, port.protocol);
  const label = describeServicePort(port);
  if ('error' in resolution) return { label, error: resolution.error, backends: [], notes: [] };
  // resolveServicePort ends its notes with the verdict on the port's backends.
  const verdict = resolution.notes.at(-1);
  return { label, backends: backendRows(resolution), ...(verdict ? { verdict } : {}), notes: resolution.notes.slice(0, -1) };
}

function backendRows(resolution: ServicePortResolution): PortBackendRow[] {
  return resolution.backends.map((b) => {
    const ref = podRef(b.pod);
    return {
      ...(ref ? { podId: ref.podId } : {}),
      label: ref?.label ?? (b.address || '(no address)'),
      address: b.address,
      state: endpointState(b),
      ...(b.targetPort !== undefined ? { targetPort: b.targetPort } : {}),
      ...(b.problem ? { problem: b.problem } : {}),
    };
  });
}

/** The names a client uses for the Service: short (from its own namespace), name.ns, name.ns.svc and the FQDN. */
export function serviceDnsQueries(service: { namespace: string; name: string }, clusterDomain = CLUSTER_DOMAIN): string[] {
  const { namespace, name } = service;
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.${clusterDomain}`];
}

/** Everything the panel shows about a Service, each part as the engine answers it. */
export function serviceDetails(model: ClusterModel, service: Service, clusterDomain = CLUSTER_DOMAIN): ServiceDetails {
  const namespace = service.meta.namespace ?? '';
  const ports = service.ports.map((_, i) => portRow(model, service, i));
  // Every name is resolved from a pod in the Service's own namespace, where the short name works.
  const dns = serviceDnsQueries({ namespace, name: service.meta.name }, clusterDomain).map((query) => ({
    query,
    answer: resolveDns(model, query, namespace, clusterDomain),
  }));
  if (service.type === 'ExternalName') return { ports, dns };
  const { endpoints, source, notes } = serviceEndpoints(model, service);
  const rows = endpoints.map((e): EndpointRow => {
    const ref = podRef(e.pod);
    return {
      ...(ref ? { podId: ref.podId } : {}),
      label: ref?.label ?? (e.address || '(no address)'),
      address: e.address,
      ...(e.hostname ? { hostname: e.hostname } : {}),
      state: endpointState(e),
    };
  });
  return { ports, endpoints: { source, rows, notes }, dns };
}

// Which addresses (and pods, and ports) a Service port sends traffic to, with the reasons. Follows core/v1 Service
// and ServicePort and discovery/v1 EndpointSlice, and the EndpointSlice controller's rules for the selector fallback.

import type { ClusterModel, Endpoint, EndpointSlice, Pod, Protocol, Service, ServicePort } from '@/lib/model';
import { qualifiedName } from '@/lib/model/names';
import { groupBy, indexModel, objectKey } from '../model-index';

export interface ServiceBackend {
  /** The endpoint IP, or the pod IP when read from the selector; empty for a pod that has no IP yet (manifests). */
  address: string;
  /** Resolved from targetRef (kind Pod) or by IP. */
  pod?: Pod;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The port traffic reaches on the pod, resolved. Absent when it cannot be resolved (see `problem`). */
  targetPort?: number;
  protocol: Protocol;
  /** Why this backend receives no traffic on this port, e.g. a named targetPort the pod does not declare. */
  problem?: string;
}

export interface ServicePortResolution {
  service: Service;
  servicePort: ServicePort;
  backends: ServiceBackend[];
  /** Live data has EndpointSlices; manifests may not, and then the pods matched by the selector are used. */
  source: 'endpointslices' | 'selector';
  notes: string[];
}

/** One address of a Service regardless of port, as DNS sees it. */
export interface ServiceEndpoint {
  address: string;
  pod?: Pod;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The endpoint hostname (from the slice, or the pod's hostname when its subdomain is the Service's name). */
  hostname?: string;
}

export interface ServiceEndpoints {
  service: Service;
  endpoints: ServiceEndpoint[];
  source: 'endpointslices' | 'selector';
  notes: string[];
}


export function findService(model: ClusterModel, namespace: string, name: string): Service | undefined {
  return model.resources.services.find((s) => (s.meta.namespace ?? '') === namespace && s.meta.name === name);
}

/** Service selectors are plain equality maps: every pair must be among the pod's labels. */
export function serviceSelects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

const formatSelector = (selector: Record<string, string>) =>
  Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** "http 80/TCP → 8080", or "80/TCP → http" for an unnamed port with a named target. */
export function describeServicePort(p: ServicePort): string {
  return `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol} → ${p.targetPort}`;
}

const portLabel = (p: ServicePort) => (p.name ? `"${p.name}" (${p.port}/${p.protocol})` : `${p.port}/${p.protocol}`);

// ---------------------------------------------------------------------------------------------------------------
// Pods by name and by IP, built once per model (models are immutable).

interface PodLookup {
  byName: Map<string, Pod>;
  /** Built on first use: only endpoints without a targetRef are resolved by address. */
  byIP: () => Map<string, Pod[]>;
}

const lookups = new WeakMap<ClusterModel, PodLookup>();

function podLookup(model: ClusterModel): PodLookup {
  let lookup = lookups.get(model);
  if (lookup) return lookup;
  let byIP: Map<string, Pod[]> | undefined;
  lookup = {
    // The model index's, built the same way (the last pod of a name wins).
    byName: indexModel(model).podByName,
    byIP: () => {
      if (byIP) return byIP;
      byIP = new Map();
      for (const pod of model.resources.pods) {
        for (const ip of pod.podIPs) {
          const pods = byIP.get(ip);
          if (pods) pods.push(pod);
          else byIP.set(ip, [pod]);
        }
      }
      return byIP;
    },
  };
  lookups.set(model, lookup);
  return lookup;
}

/**
 * The pod behind an endpoint: by targetRef when it names a Pod (and nothing else when it names another kind or a
 * pod the model does not have), else by IP, preferring a pod with its own network in the slice's namespace. An IP
 * shared by several such pods (host-network pods share their node's IP) is ambiguous and resolves to none.
 */
function podForEndpoint(model: ClusterModel, endpoint: Endpoint, address: string, sliceNamespace: string): Pod | undefined {
  const lookup = podLookup(model);
  if (endpoint.targetRef) {
    if (endpoint.targetRef.kind !== 'Pod') return undefined;
    return lookup.byName.get(objectKey(endpoint.targetRef.namespace ?? sliceNamespace, endpoint.targetRef.name));
  }
  const candidates = lookup.byIP().get(address) ?? [];
  for (const narrow of [
    (p: Pod) => !p.hostNetwork && !p.meta.deletionTimestamp && p.meta.namespace === sliceNamespace,
    (p: Pod) => !p.hostNetwork && !p.meta.deletionTimestamp,
    (p: Pod) => p.meta.namespace === sliceNamespace,
  ]) {
    const found = candidates.filter(narrow);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Ports

function pickServicePort(service: Service, port: number | string, protocol?: Protocol): ServicePort | { error: string } {
  const ref = qualifiedName(service);
  const declared = service.ports.length === 0 ? 'it declares no ports' : `its ports: ${service.ports.map(describeServicePort).join(', ')}`;
  // An IANA service name always has a letter, so a string of digits is a port number (as from a URL or a form).
  const wanted = typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port;
  if (typeof wanted === 'number') {
    const proto = protocol ?? 'TCP';
    const found = service.ports.find((p) => p.port === wanted && p.protocol === proto);
    if (found) return found;
    return { error: `Service ${ref} has no port ${wanted}/${proto}; ${declared}` };
  }
  const found = service.ports.find((p) => p.name === wanted);
  if (!found) return { error: `Service ${ref} has no port named "${wanted}"; ${declared}` };
  if (protocol && found.protocol !== protocol) {
    return { error: `Service ${ref} port "${wanted}" is ${found.protocol}, not ${protocol}; ${declared}` };
  }
  return found;
}

function describeContainerPorts(pod: Pod): string {
  const ports = pod.containers.flatMap((c) => c.ports);
  if (ports.length === 0) return 'it declares no container ports';
  return `it declares ${ports.map((p) => `${p.name ? `${p.name}/` : ''}${p.protocol} ${p.containerPort}`).join(', ')}`;
}

/**
 * The port on the pod for a Service port: a number is used as is; a name is looked up among the pod's container
 * ports (sidecars included) with the same name and protocol, as kube's FindPort does. So pods may differ.
 */
export function resolveTargetPort(pod: Pod | undefined, servicePort: ServicePort): { port?: number; problem?: string } {
  const target = servicePort.targetPort;
  if (typeof target === 'number') return { port: target };
  if (!pod) return { problem: `named targetPort "${target}" cannot be resolved: the endpoint is not a known pod` };
  const ports = pod.containers.flatMap((c) => c.ports);
  const found = ports.find((p) => p.name === target && p.protocol === servicePort.protocol);
  if (found) return { port: found.containerPort };
  const otherProtocol = ports.find((p) => p.name === target);
  if (otherProtocol) {
    return {
      problem: `named targetPort "${target}" is declared by pod ${qualifiedName(pod)} as ${otherProtocol.protocol} ${otherProtocol.containerPort}, not ${servicePort.protocol}`,
    };
  }
  return { problem: `named targetPort "${target}" is not declared by pod ${qualifiedName(pod)} (${describeContainerPorts(pod)})` };
}

// ---------------------------------------------------------------------------------------------------------------
// Endpoints

const slicesByService = new WeakMap<ClusterModel, Map<string, EndpointSlice[]>>();

/** The Service's EndpointSlices in model order, from the slices grouped once per model (models are immutable). */
function slicesOf(model: ClusterModel, service: Service): EndpointSlice[] {
  let bySlice = slicesByService.get(model);
  if (!bySlice) slicesByService.set(model, (bySlice = groupBy(model.resources.endpointslices, (s) => (s.serviceName === undefined ? '' : objectKey(s.meta.namespace ?? '', s.serviceName)))));
  return bySlice.get(objectKey(service.meta.namespace ?? '', service.meta.name)) ?? [];
}

const FINISHED = new Set<Pod['phase']>(['Succeeded', 'Failed']);

/** The pods the EndpointSlice controller would take: selected by the selector and not finished. */
function selectedPods(model: ClusterModel, service: Service, selector: Record<string, string>, notes: string[]): Pod[] {
  const namespace = service.meta.namespace ?? '';
  const inNamespace = indexModel(model).podsByNamespace.get(namespace) ?? [];
  const matched = inNamespace.filter((p) => serviceSelects(selector, p.meta.labels));
  const finished = matched.filter((p) => FINISHED.has(p.phase));
  if (finished.length > 0) {
    notes.push(`ignored pods that have finished (${finished.map((p) => `${qualifiedName(p)}: ${p.phase}`).join(', ')}): they are never endpoints`);
  }
  if (matched.length === 0) notes.push(noMatchNote(selector, namespace, inNamespace));
  return matched.filter((p) => !FINISHED.has(p.phase));
}

function noMatchNote(selector: Record<string, string>, namespace: string, pods: Pod[]): string {
  const base = `selector ${formatSelector(selector)} matches no pod in namespace ${namespace}`;
  const pairs = Object.entries(selector);
  const near = pods
    .map((p) => ({ p, hits: pairs.filter(([k, v]) => p.meta.labels[k] === v).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || qualifiedName(a.p).localeCompare(qualifiedName(b.p)))
    .slice(0, 3)
    .map(({ p }) => {
      const misses = pairs
        .filter(([k, v]) => p.meta.labels[k] !== v)
        .map(([k]) => (k in p.meta.labels ? `${k}=${p.meta.labels[k]}` : `no ${k} label`));
      return `${qualifiedName(p)} has ${misses.join(', ')}`;
    });
  return near.length > 0 ? `${base}; nearest: ${near.join('; ')}` : base;
}

/** The pod addresses of the Service's IP families (the primary IP when the Service names none). */
function podAddresses(pod: Pod, service: Service): string[] {
  if (service.ipFamilies.length === 0) return pod.podIPs.slice(0, 1);
  const ofFamilies = pod.podIPs.filter((ip) => service.ipFamilies.includes(ip.includes(':') ? 'IPv6' : 'IPv4'));
  return ofFamilies.length > 0 ? ofFamilies : pod.podIPs.slice(0, 1);
}

/** Conditions as the EndpointSlice controller derives them from a pod. */
function podConditions(pod: Pod, service: Service) {
  const terminating = !!pod.meta.deletionTimestamp;
  return { ready: service.publishNotReadyAddresses || (pod.ready && !terminating), serving: pod.ready, terminating };
}

function mergeByAddress<T extends { address: string; ready: boolean; serving: boolean; terminating: boolean; pod?: Pod }>(
  items: T[],
  score: (item: T) => number,
): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    // Pods without an IP have no address to share; keep them apart.
    const k = item.address || `pod:${item.pod ? qualifiedName(item.pod) : merged.size}`;
    const existing = merged.get(k);
    if (!existing) {
      merged.set(k, item);
      continue;
    }
    const [better, other] = score(item) > score(existing) ? [item, existing] : [existing, item];
    const combined: T = {
      ...better,
      ready: better.ready || other.ready,
      serving: better.serving || other.serving,
      terminating: better.terminating && other.terminating,
    };
    const pod = better.pod ?? other.pod;
    if (pod) combined.pod = pod;
    merged.set(k, combined);
  }
  return [...merged.values()];
}

function selectorlessNotes(service: Service, slices: EndpointSlice[], notes: string[]): void {
  notes.push('Service has no selector: endpoints are managed outside Kubernetes');
  if (slices.length === 0) notes.push(`no EndpointSlices for ${qualifiedName(service)}, so it has no endpoints`);
}

function selectorFallbackNote(model: ClusterModel, service: Service, notes: string[]): void {
  notes.push(`no EndpointSlices for ${qualifiedName(service)}; using the pods its selector matches`);
  if (model.sync.endpointslices.status !== 'synced') {
    notes.push('EndpointSlices are not synced, so the live endpoints may differ from what the selector matches');
  }
}

/**
 * Every address of a Service regardless of port (what DNS publishes for a headless Service): from its
 * EndpointSlices, else from the pods its selector matches. An address in several slices counts once, ready if any
 * slice says so. Only IP slices count (FQDN slices are deprecated and hold no addresses).
 */
export function serviceEndpoints(model: ClusterModel, service: Service): ServiceEndpoints {
  const notes: string[] = [];
  const namespace = service.meta.namespace ?? '';
  const slices = slicesOf(model, service);
  if (slices.length > 0 || !service.selector) {
    if (!service.selector) selectorlessNotes(service, slices, notes);
    const items: ServiceEndpoint[] = [];
    for (const s of slices) {
      if (s.addressType === 'FQDN') continue;
      for (const ep of s.endpoints) {
        // The controller writes exactly one address per endpoint, and consumers read only the first.
        const address = ep.addresses[0];
        if (!address) continue;
        const pod = podForEndpoint(model, ep, address, s.meta.namespace ?? namespace);
        items.push({
          address,
          ...(pod ? { pod } : {}),
          ...ep.conditions,
          ...(ep.hostname ? { hostname: ep.hostname } : {}),
        });
      }
    }
    const endpoints = mergeByAddress(items, (e) => (e.ready ? 2 : 0) + (e.hostname ? 1 : 0));
    return { service, endpoints, source: 'endpointslices', notes };
  }
  selectorFallbackNote(model, service, notes);
  const endpoints: ServiceEndpoint[] = [];
  for (const pod of selectedPods(model, service, service.selector, notes)) {
    // The controller sets an endpoint hostname only for pods whose subdomain is this Service's name.
    const hostname = pod.hostname && pod.subdomain === service.meta.name ? pod.hostname : undefined;
    const addresses = podAddresses(pod, service);
    for (const address of addresses.length > 0 ? addresses : ['']) {
      endpoints.push({ address, pod, ...podConditions(pod, service), ...(hostname ? { hostname } : {}) });
    }
  }
  return { service, endpoints, source: 'selector', notes };
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution

/**
 * The backends of one Service port, picked by number (with protocol, TCP by default) or by name. With
 * EndpointSlices, each endpoint's port is the slice port with the Service port's name and protocol: what the
 * controller resolved. Without them, the selector's pods are used and a named targetPort is resolved per pod.
 * A backend with a `problem` receives no traffic on this port.
 */
export function resolveServicePort(
  model: ClusterModel,
  service: Service,
  port: number | string,
  protocol?: Protocol,
): ServicePortResolution | { error: string } {
  const ref = qualifiedName(service);
  if (service.type === 'ExternalName') {
    return {
      error: `Service ${ref} is of type ExternalName: it is a DNS CNAME to ${service.externalName ?? '(no externalName)'} and has no endpoints or ports to resolve`,
    };
  }
  const servicePort = pickServicePort(service, port, protocol);
  if ('error' in servicePort) return servicePort;

  const notes: string[] = [];
  if (typeof servicePort.targetPort === 'string') {
    notes.push(`targetPort "${servicePort.targetPort}" is a name: each pod resolves it from its own ${servicePort.protocol} container ports`);
  }
  const namespace = service.meta.namespace ?? '';
  const slices = slicesOf(model, service);
  let backends: ServiceBackend[];
  let source: ServicePortResolution['source'];

  if (slices.length > 0 || !service.selector) {
    source = 'endpointslices';
    if (!service.selector) selectorlessNotes(service, slices, notes);
    const items: ServiceBackend[] = [];
    for (const s of slices) {
      if (s.addressType === 'FQDN') continue;
      const slicePort = s.ports.find((p) => (p.name ?? '') === (servicePort.name ?? '') && p.protocol === servicePort.protocol);
      if (slicePort && slicePort.port === undefined && s.endpoints.length > 0) {
        notes.push(`EndpointSlice ${qualifiedName(s)} leaves the port of ${portLabel(servicePort)} unspecified; resolved from the Service's targetPort`);
      }
      for (const ep of s.endpoints) {
        const address = ep.addresses[0];
        if (!address) continue;
        const pod = podForEndpoint(model, ep, address, s.meta.namespace ?? namespace);
        const backend: ServiceBackend = { address, ...ep.conditions, protocol: servicePort.protocol };
        if (pod) backend.pod = pod;
        if (slicePort?.port !== undefined) {
          backend.targetPort = slicePort.port;
        } else if (slicePort) {
          const r = resolveTargetPort(pod, servicePort);
          if (r.port !== undefined) backend.targetPort = r.port;
          if (r.problem) backend.problem = r.problem;
        } else {
          // The controller leaves a port out of an endpoint's slice when it cannot resolve it on that pod.
          const r = resolveTargetPort(pod, servicePort);
          const missing = `EndpointSlice ${qualifiedName(s)} lists no port ${portLabel(servicePort)}, so this endpoint receives no traffic on it`;
          backend.problem = r.problem ? `${r.problem}; ${missing}` : missing;
        }
        items.push(backend);
      }
    }
    backends = mergeByAddress(items, (b) => (b.targetPort !== undefined && !b.problem ? 2 : 0) + (b.ready ? 1 : 0));
  } else {
    source = 'selector';
    selectorFallbackNote(model, service, notes);
    backends = [];
    for (const pod of selectedPods(model, service, service.selector, notes)) {
      const r = resolveTargetPort(pod, servicePort);
      const addresses = podAddresses(pod, service);
      for (const address of addresses.length > 0 ? addresses : ['']) {
        const backend: ServiceBackend = { address, pod, ...podConditions(pod, service), protocol: servicePort.protocol };
        if (r.port !== undefined) backend.targetPort = r.port;
        if (r.problem) backend.problem = r.problem;
        backends.push(backend);
      }
    }
    const withoutIP = backends.filter((b) => !b.address && b.pod).map((b) => qualifiedName(b.pod as Pod));
    if (withoutIP.length > 0) notes.push(`pods without an IP yet (as in manifests) are listed without an address: ${withoutIP.join(', ')}`);
    if (service.publishNotReadyAddresses) notes.push('publishNotReadyAddresses is set: pods count as ready even when they are not');
  }

  const usable = backends.filter((b) => !b.problem);
  const ready = usable.filter((b) => b.ready);
  if (backends.length === 0) {
    notes.push(`no endpoints: connections to ${ref} port ${portLabel(servicePort)} are refused`);
  } else if (ready.length === 0) {
    notes.push(`none of the ${backends.length} backends is ready with a resolved port, so connections to ${ref} port ${portLabel(servicePort)} fail`);
  } else {
    notes.push(`${ready.length} of ${backends.length} backends ready with a resolved port`);
  }
  return { service, servicePort, backends, source, notes };
}

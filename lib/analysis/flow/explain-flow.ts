import type { ClusterModel, Pod, Protocol, ResourceKind, Service } from '@/lib/model';
import { resolveDns } from '../dns/resolve-dns';
import { flowInputErrors } from '../errors';
import { indexModel, objectKey, type ModelIndex } from '../model-index';
import { evaluateSide } from '../policy/evaluate-side';
import { formatPeer, type FlowPeer, type SideVerdict } from '../policy/types';
import { resolveServicePort } from '../services/service-backends';
import { formatTarget, parseFlowTarget, type FlowTarget } from './targets';

export type Verdict = 'allowed' | 'denied' | 'unknown';
/** "partial" when a Service's ready endpoints disagree: some connections succeed, some are dropped. */
export type FlowVerdict = Verdict | 'partial';

export interface EndpointRef {
  type: 'pod' | 'ip';
  namespace?: string;
  name?: string;
  ip?: string;
}

export interface FlowPath {
  source: EndpointRef;
  destination: EndpointRef;
  port: number;
  protocol: Protocol;
  /** For a path through a Service: whether this endpoint is ready (only ready ones receive new connections). */
  ready: boolean;
  /** Why traffic cannot reach this endpoint at all, before any policy (an unresolvable targetPort). */
  problem?: string;
  egress: SideVerdict;
  ingress: SideVerdict;
  verdict: Verdict;
}

export interface FlowExplanation {
  verdict: FlowVerdict;
  summary: string;
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  service?: { namespace: string; name: string; port: number; notes: string[] };
  paths: FlowPath[];
  trace: string[];
  /** Why the verdict is unknown: data the model does not have. */
  unknownReasons: string[];
}

export interface FlowRequest {
  from: string | FlowTarget;
  to: string | FlowTarget;
  port: number;
  protocol?: Protocol;
}

type Source = { peer: FlowPeer; label: string };
type Destination = { peer: FlowPeer; port: number; ready: boolean; problem?: string };

/**
 * Can `from` reach `to` on port/protocol, and why. Both sides are evaluated: the source's egress policies and
 * the destination's ingress policies, and the flow is allowed only when both allow it. Through a Service, the
 * policies apply at each endpoint pod on its targetPort, never on the Service port.
 */
export function explainFlow(model: ClusterModel, request: FlowRequest): FlowExplanation {
  const index = indexModel(model);
  const protocol = request.protocol ?? 'TCP';
  const from = typeof request.from === 'string' ? parseOrThrow(request.from) : request.from;
  const to = typeof request.to === 'string' ? parseOrThrow(request.to) : request.to;
  const trace: string[] = [];
  const needed = new Set<ResourceKind>(['networkpolicies', 'pods', 'namespaces']);

  const sources = resolveSources(model, index, from, trace, needed);
  const fromNamespace = sources.find((s) => s.peer.type === 'pod')?.peer;
  const namespaceForDns = fromNamespace?.type === 'pod' ? (fromNamespace.pod.meta.namespace ?? 'default') : 'default';
  const target = resolveDestinations(model, index, to, request.port, protocol, namespaceForDns, trace, needed);

  const paths: FlowPath[] = [];
  for (const source of sources) {
    for (const destination of target.destinations) {
      const query = { port: destination.port, protocol };
      const egress = evaluateSide('egress', source.peer, destination.peer, query, index);
      const ingress = evaluateSide('ingress', destination.peer, source.peer, query, index);
      const allowed = !destination.problem && egress.allowed && ingress.allowed;
      paths.push({
        source: endpointRefOf(source.peer),
        destination: endpointRefOf(destination.peer),
        port: destination.port,
        protocol,
        ready: destination.ready,
        ...(destination.problem ? { problem: destination.problem } : {}),
        egress,
        ingress,
        verdict: allowed ? 'allowed' : 'denied',
      });
      trace.push(`${formatPeer(source.peer)} → ${formatPeer(destination.peer)} ${protocol} ${destination.port}${destination.ready ? '' : ' (endpoint not ready)'}:`);
      if (destination.problem) trace.push(`  ${destination.problem}`);
      trace.push(...egress.trace.map((t) => `  ${t}`), ...ingress.trace.map((t) => `  ${t}`));
    }
  }

  const unknownReasons = [...needed]
    .filter((kind) => model.sync[kind].status !== 'synced')
    .map((kind) => {
      const state = model.sync[kind];
      return `${kind} are ${state.status}${'message' in state ? ` (${state.message})` : ''}: the answer could change once they are known`;
    });
  unknownReasons.push(...target.unknown);
  const verdict = aggregate(paths, unknownReasons, target.noPathReason);
  const summary = summarize(verdict, paths, target.noPathReason, unknownReasons);
  return {
    verdict,
    summary,
    from: formatTarget(from),
    to: formatTarget(to),
    port: request.port,
    protocol,
    ...(target.service ? { service: target.service } : {}),
    paths,
    trace,
    unknownReasons,
  };
}

function parseOrThrow(text: string): FlowTarget {
  const parsed = parseFlowTarget(text);
  if ('error' in parsed) throw flowInputErrors.targetUnreadable(parsed.error);
  return parsed;
}

function endpointRefOf(peer: FlowPeer): EndpointRef {
  if (peer.type === 'ip') return { type: 'ip', ip: peer.ip };
  const ref: EndpointRef = { type: 'pod', namespace: peer.pod.meta.namespace ?? '', name: peer.pod.meta.name };
  if (peer.pod.podIPs[0]) ref.ip = peer.pod.podIPs[0];
  return ref;
}

function findPod(index: ModelIndex, namespace: string, name: string): Pod {
  const pod = index.podByName.get(objectKey(namespace, name));
  if (!pod) throw flowInputErrors.podNotFound(namespace, name);
  return pod;
}

function findService(index: ModelIndex, namespace: string, name: string): Service {
  const service = index.serviceByName.get(objectKey(namespace, name));
  if (!service) throw flowInputErrors.serviceNotFound(namespace, name);
  return service;
}

function peerForIp(index: ModelIndex, ip: string): FlowPeer {
  const pod = index.podByIP.get(ip);
  return pod ? { type: 'pod', pod } : { type: 'ip', ip };
}

function resolveSources(model: ClusterModel, index: ModelIndex, from: FlowTarget, trace: string[], needed: Set<ResourceKind>): Source[] {
  switch (from.kind) {
    case 'pod': {
      const pod = findPod(index, from.namespace, from.name);
      return [{ peer: { type: 'pod', pod }, label: formatTarget(from) }];
    }
    case 'ip': {
      const peer = peerForIp(index, from.ip);
      if (peer.type === 'pod') trace.push(`source ${from.ip} is ${formatPeer(peer)}`);
      return [{ peer, label: from.ip }];
    }
    case 'service': {
      // A Service does not send traffic; its pods do. Each pod its selector matches is a source.
      needed.add('services');
      const service = findService(index, from.namespace, from.name);
      const selector = service.selector;
      if (!selector) throw flowInputErrors.serviceWithoutSelector(from.namespace, from.name);
      const pods = (index.podsByNamespace.get(from.namespace) ?? []).filter((p) =>
        Object.entries(selector).every(([k, v]) => p.meta.labels[k] === v),
      );
      if (pods.length === 0) throw flowInputErrors.serviceSelectsNoPods(from.namespace, from.name);
      trace.push(`source: the ${pods.length} pods of Service ${from.namespace}/${from.name}`);
      return pods.map((pod) => ({ peer: { type: 'pod', pod }, label: `pod/${from.namespace}/${pod.meta.name}` }));
    }
    case 'dns': {
      needed.add('services');
      const answer = resolveDns(model, from.name, 'default');
      if (answer.type === 'NXDOMAIN' || answer.type === 'CNAME' || answer.records.length === 0) {
        throw flowInputErrors.sourceNotResolved(from.name, answer.reasons.join('; ') || answer.type);
      }
      trace.push(`source ${from.name} resolves to ${answer.records.join(', ')} (${answer.name})`);
      return answer.records.map((ip) => ({ peer: peerForIp(index, ip), label: ip }));
    }
  }
}

interface ResolvedTarget {
  destinations: Destination[];
  service?: FlowExplanation['service'];
  unknown: string[];
  /** Why there is no path at all (a Service without endpoints). */
  noPathReason?: string;
}

function resolveDestinations(
  model: ClusterModel,
  index: ModelIndex,
  to: FlowTarget,
  port: number,
  protocol: Protocol,
  dnsNamespace: string,
  trace: string[],
  needed: Set<ResourceKind>,
): ResolvedTarget {
  switch (to.kind) {
    case 'pod':
      return { destinations: [{ peer: { type: 'pod', pod: findPod(index, to.namespace, to.name) }, port, ready: true }], unknown: [] };
    case 'service':
      return throughService(model, findService(index, to.namespace, to.name), port, protocol, index, trace, needed);
    case 'ip': {
      const service = index.serviceByClusterIP.get(to.ip);
      if (service) {
        trace.push(`${to.ip} is the cluster IP of Service ${service.meta.namespace}/${service.meta.name}`);
        return throughService(model, service, port, protocol, index, trace, needed);
      }
      const peer = peerForIp(index, to.ip);
      if (peer.type === 'pod') trace.push(`${to.ip} is ${formatPeer(peer)}`);
      return { destinations: [{ peer, port, ready: true }], unknown: [] };
    }
    case 'dns': {
      needed.add('services');
      const answer = resolveDns(model, to.name, dnsNamespace);
      trace.push(`DNS ${to.name} from namespace ${dnsNamespace}: ${answer.type} ${answer.records.join(', ')}${answer.name ? ` (${answer.name})` : ''}`);
      if (answer.unknown) return { destinations: [], unknown: [answer.unknown], noPathReason: answer.unknown };
      if (answer.type === 'NXDOMAIN') {
        throw flowInputErrors.destinationNotResolved(to.name, dnsNamespace, answer.reasons);
      }
      if (answer.type === 'CNAME') {
        return {
          destinations: [],
          unknown: [`${to.name} is an alias for ${answer.records[0]}, outside the cluster; its address is not known here`],
        };
      }
      if (answer.kind === 'service-clusterip' && answer.service) {
        return throughService(model, answer.service, port, protocol, index, trace, needed);
      }
      // Headless Services and pod records resolve straight to pods: the port is the pod's.
      return { destinations: answer.records.map((ip) => ({ peer: peerForIp(index, ip), port, ready: true })), unknown: [] };
    }
  }
}

function throughService(
  model: ClusterModel,
  service: Service,
  port: number,
  protocol: Protocol,
  index: ModelIndex,
  trace: string[],
  needed: Set<ResourceKind>,
): ResolvedTarget {
  needed.add('services');
  needed.add('endpointslices');
  const name = `${service.meta.namespace}/${service.meta.name}`;
  const resolution = resolveServicePort(model, service, port, protocol);
  if ('error' in resolution) throw flowInputErrors.servicePortUnresolved(resolution.error);
  trace.push(`Service ${name} port ${port}/${protocol} → ${resolution.backends.length} endpoints (from ${resolution.source})`);
  trace.push(...resolution.notes);
  const destinations: Destination[] = resolution.backends.map((backend) => {
    const peer: FlowPeer = backend.pod ? { type: 'pod', pod: backend.pod } : peerForIp(index, backend.address);
    const destination: Destination = { peer, port: backend.targetPort ?? port, ready: backend.ready };
    if (backend.problem) destination.problem = backend.problem;
    else if (backend.targetPort === undefined) destination.problem = `the targetPort of ${name} could not be resolved on ${backend.address}`;
    return destination;
  });
  const ready = destinations.filter((d) => d.ready);
  const serviceInfo = { namespace: service.meta.namespace ?? '', name: service.meta.name, port, notes: resolution.notes };
  if (ready.length === 0) {
    return {
      destinations,
      service: serviceInfo,
      unknown: [],
      noPathReason: `Service ${name} has no ready endpoints: connections to it fail whatever the policies say`,
    };
  }
  return { destinations, service: serviceInfo, unknown: [] };
}

function aggregate(paths: FlowPath[], unknownReasons: string[], noPathReason: string | undefined): FlowVerdict {
  const counted = paths.filter((p) => p.ready);
  const allowed = counted.filter((p) => p.verdict === 'allowed').length;
  // Missing data can only make a verdict less certain: never claim "allowed" (or "denied") without it.
  if (unknownReasons.length > 0) return 'unknown';
  if (noPathReason || counted.length === 0) return 'denied';
  if (allowed === counted.length) return 'allowed';
  return allowed === 0 ? 'denied' : 'partial';
}

function summarize(verdict: FlowVerdict, paths: FlowPath[], noPathReason: string | undefined, unknownReasons: string[]): string {
  if (verdict === 'unknown') return `unknown: ${unknownReasons[0]}`;
  if (noPathReason) return `denied: ${noPathReason}`;
  const counted = paths.filter((p) => p.ready);
  if (counted.length === 1) {
    const path = counted[0]!;
    if (path.verdict === 'allowed') return 'allowed: both the egress and the ingress side allow it';
    if (path.problem) return `denied: ${path.problem}`;
    const blocked = [!path.egress.allowed && 'egress', !path.ingress.allowed && 'ingress'].filter(Boolean).join(' and ');
    return `denied on the ${blocked || 'endpoint'} side`;
  }
  const allowed = counted.filter((p) => p.verdict === 'allowed').length;
  return `${verdict}: allowed to ${allowed} of ${counted.length} ready endpoints`;
}

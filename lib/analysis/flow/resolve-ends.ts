// The two ends of a flow as the policies see them: what a person names (a pod, a Service, an IP, a DNS name)
// resolved to the pods and addresses that send and receive, with the steps taken. Through a Service, each endpoint
// is a destination on its targetPort.

import type { ClusterModel, Pod, Protocol, ResourceKind, Service } from '@/lib/model';
import { resolveDns } from '../dns/resolve-dns';
import { flowInputErrors } from '../errors';
import { objectKey, type ModelIndex } from '../model-index';
import { findPod, podsOfWorkload } from './workload-pods';
import { formatPeer, type FlowPeer } from '../policy/types';
import { resolveServicePort, serviceSelects } from '../services/service-backends';
import { formatTarget, type FlowTarget } from './targets';
import type { FlowTraceStep } from './trace';

/**
 * What the resolution of one question reads and writes, passed whole through its steps: the model and its index,
 * the trace it appends to, and the kinds of objects the answer rests on (their sync state decides "unknown").
 */
export interface FlowContext {
  model: ClusterModel;
  index: ModelIndex;
  protocol: Protocol;
  trace: FlowTraceStep[];
  needed: Set<ResourceKind>;
}

export type Source = { peer: FlowPeer; label: string };
export type Destination = { peer: FlowPeer; port: number; ready: boolean; problem?: string };

export interface ResolvedTarget {
  destinations: Destination[];
  service?: { namespace: string; name: string; port: number; notes: string[] };
  unknown: string[];
  /** Why there is no path at all (a Service without endpoints). */
  noPathReason?: string;
}

const resolved = (context: FlowContext, text: string) => context.trace.push({ kind: 'resolve', text });

function findService(index: ModelIndex, namespace: string, name: string): Service {
  const service = index.serviceByName.get(objectKey(namespace, name));
  if (!service) throw flowInputErrors.serviceNotFound(namespace, name);
  return service;
}

function peerForIp(index: ModelIndex, ip: string): FlowPeer {
  const pod = index.podByIP.get(ip);
  return pod ? { type: 'pod', pod } : { type: 'ip', ip };
}

export function resolveSources(context: FlowContext, from: FlowTarget): Source[] {
  const { index } = context;
  switch (from.kind) {
    case 'pod': {
      const pod = findPod(index, from.namespace, from.name);
      return [{ peer: { type: 'pod', pod }, label: formatTarget(from) }];
    }
    case 'workload': {
      // Like a Service's: each of its pods is a source.
      const pods = podsOfWorkload(index, from);
      resolved(context, `source: the ${countPods(pods)} of ${from.workloadKind} ${from.namespace}/${from.name}`);
      return pods.map((pod) => ({ peer: { type: 'pod', pod }, label: `pod/${from.namespace}/${pod.meta.name}` }));
    }
    case 'ip': {
      const peer = peerForIp(index, from.ip);
      if (peer.type === 'pod') resolved(context, `source ${from.ip} is ${formatPeer(peer)}`);
      return [{ peer, label: from.ip }];
    }
    case 'service': {
      // A Service does not send traffic; its pods do. Each pod its selector matches is a source.
      context.needed.add('services');
      const service = findService(index, from.namespace, from.name);
      const selector = service.selector;
      if (!selector) throw flowInputErrors.serviceWithoutSelector(from.namespace, from.name);
      const pods = (index.podsByNamespace.get(from.namespace) ?? []).filter((p) => serviceSelects(selector, p.meta.labels));
      if (pods.length === 0) throw flowInputErrors.serviceSelectsNoPods(from.namespace, from.name);
      resolved(context, `source: the ${pods.length} pods of Service ${from.namespace}/${from.name}`);
      return pods.map((pod) => ({ peer: { type: 'pod', pod }, label: `pod/${from.namespace}/${pod.meta.name}` }));
    }
    case 'dns': {
      context.needed.add('services');
      const answer = resolveDns(context.model, from.name, 'default');
      if (answer.type === 'NXDOMAIN' || answer.type === 'CNAME' || answer.records.length === 0) {
        throw flowInputErrors.sourceNotResolved(from.name, answer.reasons.join('; ') || answer.type);
      }
      resolved(context, `source ${from.name} resolves to ${answer.records.join(', ')} (${answer.name})`);
      return answer.records.map((ip) => ({ peer: peerForIp(index, ip), label: ip }));
    }
  }
}

export function resolveDestinations(context: FlowContext, to: FlowTarget, port: number, dnsNamespace: string): ResolvedTarget {
  const { index } = context;
  switch (to.kind) {
    case 'pod':
      return { destinations: [{ peer: { type: 'pod', pod: findPod(index, to.namespace, to.name) }, port, ready: true }], unknown: [] };
    case 'service':
      return throughService(context, findService(index, to.namespace, to.name), port);
    case 'workload': {
      // Each of its pods is a destination on the port, straight to the pod (no Service in between).
      const pods = podsOfWorkload(index, to);
      resolved(context, `destination: the ${countPods(pods)} of ${to.workloadKind} ${to.namespace}/${to.name}`);
      return { destinations: pods.map((pod) => ({ peer: { type: 'pod', pod }, port, ready: true })), unknown: [] };
    }
    case 'ip': {
      const service = index.serviceByClusterIP.get(to.ip);
      if (service) {
        resolved(context, `${to.ip} is the cluster IP of Service ${service.meta.namespace}/${service.meta.name}`);
        return throughService(context, service, port);
      }
      const peer = peerForIp(index, to.ip);
      if (peer.type === 'pod') resolved(context, `${to.ip} is ${formatPeer(peer)}`);
      return { destinations: [{ peer, port, ready: true }], unknown: [] };
    }
    case 'dns': {
      context.needed.add('services');
      const answer = resolveDns(context.model, to.name, dnsNamespace);
      resolved(context, `DNS ${to.name} from namespace ${dnsNamespace}: ${answer.type} ${answer.records.join(', ')}${answer.name ? ` (${answer.name})` : ''}`);
      if (answer.unknown) return { destinations: [], unknown: [answer.unknown], noPathReason: answer.unknown };
      if (answer.type === 'NXDOMAIN') throw flowInputErrors.destinationNotResolved(to.name, dnsNamespace, answer.reasons);
      if (answer.type === 'CNAME') {
        return {
          destinations: [],
          unknown: [`${to.name} is an alias for ${answer.records[0]}, outside the cluster; its address is not known here`],
        };
      }
      if (answer.kind === 'service-clusterip' && answer.service) return throughService(context, answer.service, port);
      // Headless Services and pod records resolve straight to pods: the port is the pod's.
      return { destinations: answer.records.map((ip) => ({ peer: peerForIp(index, ip), port, ready: true })), unknown: [] };
    }
  }
}

const countPods = (pods: readonly Pod[]) => (pods.length === 1 ? `pod ${pods[0]!.meta.name}` : `${pods.length} pods`);

function throughService(context: FlowContext, service: Service, port: number): ResolvedTarget {
  const { protocol } = context;
  context.needed.add('services');
  context.needed.add('endpointslices');
  const name = `${service.meta.namespace}/${service.meta.name}`;
  const resolution = resolveServicePort(context.model, service, port, protocol);
  if ('error' in resolution) throw flowInputErrors.servicePortUnresolved(resolution.error);
  resolved(context, `Service ${name} port ${port}/${protocol} → ${resolution.backends.length} endpoints (from ${resolution.source})`);
  for (const note of resolution.notes) resolved(context, note);
  const destinations: Destination[] = resolution.backends.map((backend) => {
    const peer: FlowPeer = backend.pod ? { type: 'pod', pod: backend.pod } : peerForIp(context.index, backend.address);
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

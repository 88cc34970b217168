import type { FlowPeer } from '../policy/types';

/** One end of a flow path in an answer: a pod by name (with its first IP), or an address that is no pod's. */
export interface EndpointRef {
  type: 'pod' | 'ip';
  namespace?: string;
  name?: string;
  ip?: string;
}

export function endpointRefOf(peer: FlowPeer): EndpointRef {
  if (peer.type === 'ip') return { type: 'ip', ip: peer.ip };
  const ref: EndpointRef = { type: 'pod', namespace: peer.pod.meta.namespace ?? '', name: peer.pod.meta.name };
  if (peer.pod.podIPs[0]) ref.ip = peer.pod.podIPs[0];
  return ref;
}

/** `pod NS/NAME`, or the address: as the engine's trace names the end (formatPeer). */
export function formatEndpointRef(ref: EndpointRef): string {
  if (ref.type === 'pod') return `pod ${ref.namespace ?? ''}/${ref.name ?? ''}`;
  return ref.ip ?? '(unknown address)';
}

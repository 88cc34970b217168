import type { Node, Pod } from '@/lib/model';
import type { ModelIndex } from '../model-index';
import type { FlowPeer } from './types';

/** Is the other end the node the pod runs on (its IP, or a host-network pod there)? */
export function isOwnNode(pod: Pod, other: FlowPeer, index: ModelIndex): boolean {
  if (!pod.nodeName) return false;
  if (other.type === 'pod') return other.pod.hostNetwork && other.pod.nodeName === pod.nodeName;
  if (pod.hostIP === other.ip) return true;
  return index.nodeByIP.get(other.ip)?.meta.name === pod.nodeName;
}

/**
 * Whether the other end is a node (a host-network pod, or one of a node's addresses), and which one when the model
 * knows it. Undefined when it is no node: a pod with its own network, or an address no node has.
 */
export function nodeEnd(other: FlowPeer, index: ModelIndex): { node?: Node } | undefined {
  if (other.type === 'pod') {
    if (!other.pod.hostNetwork) return undefined;
    const node = other.pod.nodeName ? index.nodes.get(other.pod.nodeName) : undefined;
    return node ? { node } : {};
  }
  const node = index.nodeByIP.get(other.ip);
  return node ? { node } : undefined;
}

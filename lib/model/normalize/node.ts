import type { Namespace, Node } from '../types';
import { conditionIsTrue, normalizeMeta } from './common';
import type { RawNamespace, RawNode } from './raw';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The node annotations network plugins write, which tell which plugin runs: Cilium (io.cilium.network.*, and
 * network.cilium.io/* since 1.x), Calico (projectcalico.org/*) and flannel (flannel.alpha.coreos.com/*). Only these
 * are kept: other annotations can be large, and say nothing the model needs.
 */
export const NODE_PLUGIN_ANNOTATION_PREFIXES = ['io.cilium.network.', 'network.cilium.io/', 'projectcalico.org/', 'flannel.alpha.coreos.com/'] as const;

export function normalizeNode(raw: RawNode): Node {
  const meta = normalizeMeta(raw.metadata);
  const podCIDRs = [...(raw.spec?.podCIDRs ?? [])];
  if (podCIDRs.length === 0 && raw.spec?.podCIDR) podCIDRs.push(raw.spec.podCIDR);
  const node: Node = {
    meta,
    addresses: (raw.status?.addresses ?? [])
      .filter((a) => a.type && a.address)
      .map((a) => ({ type: a.type as string, address: a.address as string })),
    podCIDRs,
    ready: conditionIsTrue(raw.status?.conditions, 'Ready'),
    unschedulable: raw.spec?.unschedulable === true,
  };
  const zone = meta.labels[ZONE_LABEL];
  if (zone) node.zone = zone;
  const annotations = Object.entries(raw.metadata?.annotations ?? {}).filter(
    ([key, value]) => typeof value === 'string' && NODE_PLUGIN_ANNOTATION_PREFIXES.some((p) => key.startsWith(p)),
  );
  if (annotations.length > 0) node.pluginAnnotations = Object.fromEntries(annotations);
  return node;
}

export function normalizeNamespace(raw: RawNamespace): Namespace {
  const meta = normalizeMeta(raw.metadata);
  // The API server sets this immutable label on every namespace; manifests often leave it out.
  meta.labels[NAMESPACE_NAME_LABEL] ??= meta.name;
  const phase = raw.status?.phase;
  return { meta, phase: phase === 'Terminating' ? 'Terminating' : phase === undefined || phase === 'Active' ? 'Active' : 'Unknown' };
}

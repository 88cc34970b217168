import type { Namespace, Node } from '../types';
import { conditionIsTrue, normalizeMeta } from './common';
import type { RawNamespace, RawNode } from './raw';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

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
  return node;
}

export function normalizeNamespace(raw: RawNamespace): Namespace {
  const meta = normalizeMeta(raw.metadata);
  // The API server sets this immutable label on every namespace; manifests often leave it out.
  meta.labels[NAMESPACE_NAME_LABEL] ??= meta.name;
  const phase = raw.status?.phase;
  return { meta, phase: phase === 'Terminating' ? 'Terminating' : phase === undefined || phase === 'Active' ? 'Active' : 'Unknown' };
}

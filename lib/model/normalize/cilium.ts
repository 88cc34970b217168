import type { CiliumPolicy, CiliumRule, CiliumSectionName } from '../cilium-types';
import { normalizeSectionEntry } from './cilium-entry';
import { normalizeMeta, normalizeOptionalSelector } from './common';
import type { RawLabelSelector, RawObject } from './raw';

/** A rule of cilium.io/v2 CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy (api.Rule). */
export interface RawCiliumRule {
  endpointSelector?: RawLabelSelector | null;
  nodeSelector?: RawLabelSelector | null;
  ingress?: unknown[] | null;
  ingressDeny?: unknown[] | null;
  egress?: unknown[] | null;
  egressDeny?: unknown[] | null;
  enableDefaultDeny?: { ingress?: boolean | null; egress?: boolean | null } | null;
}

export interface RawCiliumPolicy extends RawObject {
  spec?: RawCiliumRule | null;
  specs?: RawCiliumRule[] | null;
}

/** Both kinds share the shape: a rule in `spec`, more in `specs`, all of which apply. */
export function normalizeCiliumPolicy(raw: RawCiliumPolicy): CiliumPolicy {
  const rules = [...(raw.spec ? [raw.spec] : []), ...(Array.isArray(raw.specs) ? raw.specs : [])].map(normalizeRule);
  return { meta: normalizeMeta(raw.metadata), rules };
}

function normalizeRule(raw: RawCiliumRule): CiliumRule {
  const section = (name: CiliumSectionName) => (Array.isArray(raw[name]) ? raw[name] : []).map((entry) => normalizeSectionEntry(entry, name));
  const rule: CiliumRule = {
    ingress: section('ingress'),
    ingressDeny: section('ingressDeny'),
    egress: section('egress'),
    egressDeny: section('egressDeny'),
    enableDefaultDeny: {},
  };
  for (const direction of ['ingress', 'egress'] as const) {
    const value = raw.enableDefaultDeny?.[direction];
    if (typeof value === 'boolean') rule.enableDefaultDeny[direction] = value;
  }
  const endpointSelector = normalizeOptionalSelector(raw.endpointSelector);
  const nodeSelector = normalizeOptionalSelector(raw.nodeSelector);
  if (endpointSelector) rule.endpointSelector = endpointSelector;
  if (nodeSelector) rule.nodeSelector = nodeSelector;
  return rule;
}

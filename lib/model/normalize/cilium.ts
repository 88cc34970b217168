import type { CiliumPolicy, CiliumRule } from '../cilium-types';
import { normalizeMeta, normalizeOptionalSelector } from './common';
import type { RawLabelSelector, RawObject } from './raw';

/** A rule of cilium.io/v2 CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy, the fields kube-netmap reads. */
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
  const rules = [...(raw.spec ? [raw.spec] : []), ...(raw.specs ?? [])].map(normalizeRule);
  return { meta: normalizeMeta(raw.metadata), rules };
}

function normalizeRule(raw: RawCiliumRule): CiliumRule {
  const rule: CiliumRule = {
    ingress: raw.ingress != null || raw.ingressDeny != null || raw.enableDefaultDeny?.ingress === true,
    egress: raw.egress != null || raw.egressDeny != null || raw.enableDefaultDeny?.egress === true,
  };
  const endpointSelector = normalizeOptionalSelector(raw.endpointSelector);
  const nodeSelector = normalizeOptionalSelector(raw.nodeSelector);
  if (endpointSelector) rule.endpointSelector = endpointSelector;
  if (nodeSelector) rule.nodeSelector = nodeSelector;
  return rule;
}

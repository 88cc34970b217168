import type { CalicoPolicy } from '../calico-types';
import type { PolicyType } from '../types';
import { normalizeMeta } from './common';
import type { RawObject } from './raw';

/** Calico's NetworkPolicy and GlobalNetworkPolicy spec, the fields kube-netmap reads (the same in v3 and crd v1). */
export interface RawCalicoPolicy extends RawObject {
  spec?: {
    selector?: string | null;
    namespaceSelector?: string | null;
    serviceAccountSelector?: string | null;
    types?: string[] | null;
    order?: number | null;
    tier?: string | null;
    ingress?: unknown[] | null;
    egress?: unknown[] | null;
  };
}

export function normalizeCalicoPolicy(raw: RawCalicoPolicy): CalicoPolicy {
  const spec = raw.spec ?? {};
  const ingressRules = spec.ingress?.length ?? 0;
  const egressRules = spec.egress?.length ?? 0;
  const policy: CalicoPolicy = {
    meta: normalizeMeta(raw.metadata),
    apiGroup: groupOf(raw.apiVersion),
    selector: spec.selector?.trim() ?? '',
    serviceAccountSelector: spec.serviceAccountSelector?.trim() ?? '',
    types: calicoPolicyTypes(spec.types, ingressRules > 0, egressRules > 0),
    tier: spec.tier || 'default',
    ingressRules,
    egressRules,
  };
  if (typeof spec.order === 'number') policy.order = spec.order;
  return policy;
}

export function normalizeCalicoGlobalPolicy(raw: RawCalicoPolicy): CalicoPolicy {
  return { ...normalizeCalicoPolicy(raw), namespaceSelector: raw.spec?.namespaceSelector?.trim() ?? '' };
}

/**
 * Calico's defaulting of `types` (libcalico-go defaultPolicyTypesField), which differs from NetworkPolicy's: with
 * no egress rules, Ingress (even with no rules at all); with egress rules only, Egress; with both, both.
 */
export function calicoPolicyTypes(raw: string[] | null | undefined, hasIngressRules: boolean, hasEgressRules: boolean): PolicyType[] {
  const given = (raw ?? []).filter((t): t is PolicyType => t === 'Ingress' || t === 'Egress');
  if (given.length > 0) return [...new Set(given)];
  if (!hasEgressRules) return ['Ingress'];
  return hasIngressRules ? ['Ingress', 'Egress'] : ['Egress'];
}

const groupOf = (apiVersion: string | undefined) => (apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

import type { LabelSelector, LabelSelectorRequirement, LoadBalancerIngress, ObjectMeta, Protocol } from '../types';
import type { RawLabelSelector, RawLoadBalancerStatus, RawMeta } from './raw';

export function normalizeMeta(raw: RawMeta | undefined): ObjectMeta {
  const meta: ObjectMeta = {
    // Manifests carry no uid; namespace/name is unique per kind, which is all a manifest model needs.
    uid: raw?.uid ?? `${raw?.namespace ?? ''}/${raw?.name ?? ''}`,
    name: raw?.name ?? '',
    labels: { ...(raw?.labels ?? {}) },
    resourceVersion: raw?.resourceVersion ?? '',
  };
  if (raw?.namespace) meta.namespace = raw.namespace;
  if (raw?.creationTimestamp) meta.creationTimestamp = raw.creationTimestamp;
  if (raw?.deletionTimestamp) meta.deletionTimestamp = raw.deletionTimestamp;
  return meta;
}

/** The API defaults an omitted protocol to TCP everywhere a protocol appears (ports, policy ports). */
export function normalizeProtocol(raw: string | undefined): Protocol {
  return raw === 'UDP' || raw === 'SCTP' ? raw : 'TCP';
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export function normalizeLabelSelector(raw: RawLabelSelector | null | undefined): LabelSelector {
  const matchExpressions: LabelSelectorRequirement[] = (raw?.matchExpressions ?? []).map((e) => ({
    key: e.key ?? '',
    // An unknown operator is kept as "In" with no values, which matches nothing: never wider than intended.
    operator: OPERATORS.has(e.operator ?? '') ? (e.operator as LabelSelectorRequirement['operator']) : 'In',
    values: OPERATORS.has(e.operator ?? '') ? [...(e.values ?? [])] : [],
  }));
  return { matchLabels: { ...(raw?.matchLabels ?? {}) }, matchExpressions };
}

/** Keeps "absent" (undefined) apart from "present but empty" ({}), which select different things in a peer. */
export function normalizeOptionalSelector(raw: RawLabelSelector | null | undefined): LabelSelector | undefined {
  return raw == null ? undefined : normalizeLabelSelector(raw);
}

export function normalizeLoadBalancer(raw: RawLoadBalancerStatus | undefined): LoadBalancerIngress[] {
  return (raw?.ingress ?? []).map((i) => {
    const entry: LoadBalancerIngress = {};
    if (i.ip) entry.ip = i.ip;
    if (i.hostname) entry.hostname = i.hostname;
    return entry;
  });
}

export function conditionIsTrue(conditions: { type?: string; status?: string }[] | null | undefined, type: string) {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

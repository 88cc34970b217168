// Builders of a network plugin's own policies for the analysis tests (see builders.ts for the conventions).

import type { CalicoPolicy, CiliumPolicy, CiliumRule, PolicyType } from '@/lib/model';
import { DEFAULT_NAMESPACE, splitRef } from './builders';

export type CalicoPolicyInit = Partial<Omit<CalicoPolicy, 'meta'>> & { types?: PolicyType[] };

/** A Calico NetworkPolicy (namespaced, "namespace/name"): selector all() and types [Ingress] unless given. */
export function calicoPolicy(ref: string, init: CalicoPolicyInit = {}): CalicoPolicy {
  const { namespace, name } = splitRef(ref, DEFAULT_NAMESPACE);
  return {
    meta: { uid: `CalicoNetworkPolicy/${namespace}/${name}`, name, namespace, labels: {}, resourceVersion: '1' },
    apiGroup: 'projectcalico.org',
    selector: '',
    serviceAccountSelector: '',
    types: ['Ingress'],
    tier: 'default',
    ingressRules: 0,
    egressRules: 0,
    ...init,
  };
}

/** A Calico GlobalNetworkPolicy (cluster-scoped): namespaceSelector '' (every namespace) unless given. */
export function calicoGlobalPolicy(name: string, init: CalicoPolicyInit = {}): CalicoPolicy {
  const policy = calicoPolicy(`x/${name}`, { namespaceSelector: '', ...init });
  const meta = { ...policy.meta, uid: `CalicoGlobalNetworkPolicy/${name}` };
  delete meta.namespace;
  return { ...policy, meta };
}

/** A CiliumNetworkPolicy ("namespace/name") with the given rules (a rule's directions default to ingress only). */
export function ciliumPolicy(ref: string, ...rules: Partial<CiliumRule>[]): CiliumPolicy {
  const { namespace, name } = splitRef(ref, DEFAULT_NAMESPACE);
  return {
    meta: { uid: `CiliumNetworkPolicy/${namespace}/${name}`, name, namespace, labels: {}, resourceVersion: '1' },
    rules: rules.map((r) => ({ ingress: true, egress: false, ...r })),
  };
}

/** A CiliumClusterwideNetworkPolicy (cluster-scoped). */
export function ciliumClusterwidePolicy(name: string, ...rules: Partial<CiliumRule>[]): CiliumPolicy {
  return {
    meta: { uid: `CiliumClusterwideNetworkPolicy/${name}`, name, labels: {}, resourceVersion: '1' },
    rules: rules.map((r) => ({ ingress: true, egress: false, ...r })),
  };
}

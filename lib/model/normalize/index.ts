import type { ResourceKind, ResourceTypes } from '../types';
import { normalizeCalicoGlobalPolicy, normalizeCalicoPolicy, type RawCalicoPolicy } from './calico';
import { normalizeCiliumPolicy, type RawCiliumPolicy } from './cilium';
import { normalizeEndpointSlice } from './endpointslice';
import { normalizeIngress, normalizeIngressClass } from './ingress';
import { normalizeNetworkPolicy } from './networkpolicy';
import { normalizeNamespace, normalizeNode } from './node';
import { normalizePod } from './pod';
import { normalizeSecretName } from './secret';
import type {
  RawEndpointSlice, RawIngress, RawIngressClass, RawNamespace, RawNetworkPolicy, RawNode, RawObject, RawPod, RawService,
} from './raw';
import { normalizeService } from './service';

interface RawByKind {
  namespaces: RawNamespace;
  nodes: RawNode;
  pods: RawPod;
  services: RawService;
  endpointslices: RawEndpointSlice;
  ingresses: RawIngress;
  ingressclasses: RawIngressClass;
  networkpolicies: RawNetworkPolicy;
  secrets: RawObject;
  caliconetworkpolicies: RawCalicoPolicy;
  calicoglobalnetworkpolicies: RawCalicoPolicy;
  ciliumnetworkpolicies: RawCiliumPolicy;
  ciliumclusterwidenetworkpolicies: RawCiliumPolicy;
}

const normalizers: { [K in ResourceKind]: (raw: RawByKind[K]) => ResourceTypes[K] } = {
  namespaces: normalizeNamespace,
  nodes: normalizeNode,
  pods: normalizePod,
  services: normalizeService,
  endpointslices: normalizeEndpointSlice,
  ingresses: normalizeIngress,
  ingressclasses: normalizeIngressClass,
  networkpolicies: normalizeNetworkPolicy,
  secrets: normalizeSecretName,
  caliconetworkpolicies: normalizeCalicoPolicy,
  calicoglobalnetworkpolicies: normalizeCalicoGlobalPolicy,
  ciliumnetworkpolicies: normalizeCiliumPolicy,
  ciliumclusterwidenetworkpolicies: normalizeCiliumPolicy,
};

/** Normalises one API object of the given kind. The normalisers tolerate any missing or null field. */
export function normalize<K extends ResourceKind>(kind: K, raw: RawObject): ResourceTypes[K] {
  const fn = normalizers[kind] as (raw: RawObject) => ResourceTypes[K];
  return fn(raw);
}

export type { RawObject } from './raw';

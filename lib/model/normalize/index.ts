import type { ResourceKind, ResourceTypes } from '../types';
import { normalizeDaemonSet } from './daemonset';
import { normalizeAdminNetworkPolicy, normalizeBaselineAdminNetworkPolicy, normalizeClusterNetworkPolicy } from './cluster-network-policy';
import { normalizeCalicoGlobalPolicy, normalizeCalicoPolicy, type RawCalicoPolicy } from './calico';
import { normalizeCiliumPolicy, type RawCiliumPolicy } from './cilium';
import { normalizeEndpointSlice } from './endpointslice';
import {
  normalizeBackendTLSPolicy, normalizeGateway, normalizeGatewayClass, normalizeGRPCRoute, normalizeHTTPRoute, normalizeListenerSet,
  normalizeReferenceGrant, normalizeTCPRoute, normalizeTLSRoute, normalizeUDPRoute,
  type RawBackendTLSPolicy, type RawGateway, type RawGatewayClass, type RawGRPCRoute, type RawHTTPRoute, type RawL4Route,
  type RawListenerSet, type RawReferenceGrant,
} from './gateway';
import { normalizeIngress, normalizeIngressClass } from './ingress';
import { normalizeNetworkPolicy } from './networkpolicy';
import { normalizeNamespace, normalizeNode } from './node';
import { normalizePod } from './pod';
import { normalizeSecretName } from './secret';
import type {
  RawClusterWidePolicy,
  RawDaemonSet,
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
  clusternetworkpolicies: RawClusterWidePolicy;
  adminnetworkpolicies: RawClusterWidePolicy;
  baselineadminnetworkpolicies: RawClusterWidePolicy;
  secrets: RawObject;
  daemonsets: RawDaemonSet;
  gatewayclasses: RawGatewayClass;
  gateways: RawGateway;
  listenersets: RawListenerSet;
  httproutes: RawHTTPRoute;
  grpcroutes: RawGRPCRoute;
  tlsroutes: RawL4Route;
  tcproutes: RawL4Route;
  udproutes: RawL4Route;
  referencegrants: RawReferenceGrant;
  backendtlspolicies: RawBackendTLSPolicy;
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
  clusternetworkpolicies: normalizeClusterNetworkPolicy,
  adminnetworkpolicies: normalizeAdminNetworkPolicy,
  baselineadminnetworkpolicies: normalizeBaselineAdminNetworkPolicy,
  secrets: normalizeSecretName,
  daemonsets: normalizeDaemonSet,
  gatewayclasses: normalizeGatewayClass,
  gateways: normalizeGateway,
  listenersets: normalizeListenerSet,
  httproutes: normalizeHTTPRoute,
  grpcroutes: normalizeGRPCRoute,
  tlsroutes: normalizeTLSRoute,
  tcproutes: normalizeTCPRoute,
  udproutes: normalizeUDPRoute,
  referencegrants: normalizeReferenceGrant,
  backendtlspolicies: normalizeBackendTLSPolicy,
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
export { DAEMONSET_SETTINGS } from './daemonset';
export { NODE_PLUGIN_ANNOTATION_PREFIXES } from './node';

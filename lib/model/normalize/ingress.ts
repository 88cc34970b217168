import type { Ingress, IngressBackend, IngressClass, IngressPathType } from '../types';
import { normalizeLoadBalancer, normalizeMeta } from './common';
import type { RawIngress, RawIngressBackend, RawIngressClass } from './raw';

const PATH_TYPES = new Set<IngressPathType>(['Exact', 'Prefix', 'ImplementationSpecific']);
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export function normalizeIngress(raw: RawIngress): Ingress {
  const spec = raw.spec ?? {};
  const ingress: Ingress = {
    meta: normalizeMeta(raw.metadata),
    rules: (spec.rules ?? []).map((r) => ({
      ...(r.host ? { host: r.host } : {}),
      paths: (r.http?.paths ?? []).map((p) => ({
        ...(p.path ? { path: p.path } : {}),
        // pathType is required in networking.k8s.io/v1; manifests that omit it get the most permissive reading.
        pathType: PATH_TYPES.has(p.pathType as IngressPathType) ? (p.pathType as IngressPathType) : 'ImplementationSpecific',
        backend: normalizeBackend(p.backend),
      })),
    })),
    tls: (spec.tls ?? []).map((t) => ({ hosts: [...(t.hosts ?? [])], ...(t.secretName ? { secretName: t.secretName } : {}) })),
    loadBalancerIngress: normalizeLoadBalancer(raw.status?.loadBalancer),
  };
  if (spec.ingressClassName) ingress.ingressClassName = spec.ingressClassName;
  const annotation = raw.metadata?.annotations?.[CLASS_ANNOTATION];
  if (annotation) ingress.classAnnotation = annotation;
  if (spec.defaultBackend) ingress.defaultBackend = normalizeBackend(spec.defaultBackend);
  return ingress;
}

function normalizeBackend(raw: RawIngressBackend | undefined): IngressBackend {
  const backend: IngressBackend = {};
  if (raw?.service) {
    const port: { number?: number; name?: string } = {};
    if (typeof raw.service.port?.number === 'number') port.number = raw.service.port.number;
    if (raw.service.port?.name) port.name = raw.service.port.name;
    backend.service = { name: raw.service.name ?? '', port };
  }
  if (raw?.resource?.kind && raw.resource.name) {
    backend.resource = {
      kind: raw.resource.kind,
      name: raw.resource.name,
      ...(raw.resource.apiGroup ? { apiGroup: raw.resource.apiGroup } : {}),
    };
  }
  return backend;
}

export function normalizeIngressClass(raw: RawIngressClass): IngressClass {
  return {
    meta: normalizeMeta(raw.metadata),
    controller: raw.spec?.controller ?? '',
    isDefault: raw.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  };
}

// The backends of a route rule: each backendRef's share of traffic (weight / sum of weights; weight 0 receives
// nothing), whether the reference is valid (a core Service, in the route's namespace or admitted by a
// ReferenceGrant, with the port), and then the Service port, targetPort and endpoints, as for Ingress. An invalid
// reference's share is answered by the Gateway itself: 500 for HTTP (BackendRef: "500 status codes MUST be
// returned for requests that would have otherwise been routed to an invalid backend"), rejected for L4 routes.

import type { BackendRef, BackendTLSPolicy, ClusterModel, Protocol, Service } from '@/lib/model';
import { GATEWAY_GROUP } from '@/lib/model';
import { describeServicePort, findService, resolveServicePort, type ServicePortResolution } from '@/lib/analysis/services/service-backends';
import { checkReference } from './reference-grant';
import { isServiceRef, refText, type AnyRoute } from './refs';

export type BackendState =
  /** Takes its share; `ready` says whether any endpoint is ready. */
  | 'ok'
  /** Weight 0: receives nothing. */
  | 'no-traffic'
  /** Cross-namespace without a ReferenceGrant. */
  | 'RefNotPermitted'
  /** The Service does not exist. */
  | 'BackendNotFound'
  /** Not a core Service: kube-netmap does not follow it (the implementation may, or may answer InvalidKind). */
  | 'InvalidKind'
  /** The Service has no such port (or none was given). */
  | 'NoSuchPort';

export interface BackendTrace {
  ref: BackendRef;
  /** The namespace the ref points into. */
  namespace: string;
  /** weight / sum of the rule's weights, 0..1; 0 when every weight is 0. */
  share: number;
  state: BackendState;
  /** What happens to this share, in words. */
  text: string;
  service?: Service;
  resolution?: ServicePortResolution;
  /** True when some endpoint of the port is ready and has no problem. */
  ready?: boolean;
  /** The grant that admits a cross-namespace ref. */
  referenceGrant?: { namespace: string; name: string };
  /** A BackendTLSPolicy aimed at the Service: the Gateway connects with TLS and checks this hostname. */
  backendTLS?: { policy: { namespace: string; name: string }; hostname: string };
}

/** What an invalid share gets, per route kind. */
export function failureAnswer(kind: AnyRoute['kind']): string {
  if (kind === 'HTTPRoute') return 'the Gateway answers 500';
  if (kind === 'GRPCRoute') return 'the Gateway answers UNAVAILABLE';
  return 'the Gateway rejects the connection';
}

/** A share (0..1) as people read it: "90%", "33.3%". */
export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

function tlsPolicyFor(model: ClusterModel, service: Service, port: number): BackendTLSPolicy | undefined {
  const servicePort = service.ports.find((p) => p.port === port);
  return model.resources.backendtlspolicies.find(
    (p) =>
      (p.meta.namespace ?? '') === (service.meta.namespace ?? '') &&
      p.targetRefs.some((t) => isServiceRef(t) && t.name === service.meta.name && (t.sectionName === undefined || t.sectionName === servicePort?.name)),
  );
}

/** Each backendRef of a rule, with its share and what becomes of it. */
export function traceBackends(model: ClusterModel, r: AnyRoute, backendRefs: readonly BackendRef[]): BackendTrace[] {
  const total = backendRefs.reduce((sum, b) => sum + b.weight, 0);
  const routeNamespace = r.route.meta.namespace ?? '';
  const protocol: Protocol = r.kind === 'UDPRoute' ? 'UDP' : 'TCP';
  const fail = failureAnswer(r.kind);
  return backendRefs.map((ref) => {
    const namespace = ref.namespace ?? routeNamespace;
    const share = total === 0 ? 0 : ref.weight / total;
    const what = `${ref.kind} ${namespace}/${ref.name}${ref.port !== undefined ? ` port ${ref.port}` : ''}`;
    const base = { ref, namespace, share };
    const weight = total === 0 ? 'every weight of the rule is 0' : `weight ${ref.weight} of ${total}: ${percent(share)}`;
    if (ref.weight === 0) return { ...base, state: 'no-traffic', text: `${what}: weight 0, receives nothing` };

    if (!isServiceRef(ref)) {
      return { ...base, state: 'InvalidKind', text: `${what} (group "${ref.group}"), ${weight}: not a Service, so kube-netmap does not follow it; an implementation that does not support it answers as for an invalid backend (${fail})` };
    }
    const grant = checkReference(model, { group: GATEWAY_GROUP, kind: r.kind, namespace: routeNamespace }, { group: '', kind: 'Service', namespace, name: ref.name });
    if (!grant.permitted) return { ...base, state: 'RefNotPermitted', text: `${what}, ${weight}: ${grant.text}, so for this share ${fail}` };
    const granted = grant.sameNamespace ? {} : { referenceGrant: { namespace: grant.grant.meta.namespace ?? '', name: grant.grant.meta.name } };
    const grantText = grant.sameNamespace ? '' : ` (${grant.text})`;

    const service = findService(model, namespace, ref.name);
    if (!service) return { ...base, ...granted, state: 'BackendNotFound', text: `${what}, ${weight}: Service ${namespace}/${ref.name} does not exist (BackendNotFound), so for this share ${fail}` };
    if (ref.port === undefined) {
      return { ...base, ...granted, service, state: 'NoSuchPort', text: `${what}, ${weight}: a Service backendRef needs a port, so for this share ${fail}` };
    }
    const policy = tlsPolicyFor(model, service, ref.port);
    const backendTLS = policy ? { backendTLS: { policy: { namespace: policy.meta.namespace ?? '', name: policy.meta.name }, hostname: policy.hostname } } : {};
    const tlsText = policy ? `; the Gateway connects with TLS and checks the certificate for ${policy.hostname} (BackendTLSPolicy ${refText(policy)})` : '';
    if (service.type === 'ExternalName') {
      return {
        ...base, ...granted, ...backendTLS, service, state: 'ok',
        text: `${what}, ${weight}: ExternalName → ${service.externalName ?? '(none)'}; implementations SHOULD NOT support ExternalName backends, and those that do proxy to that name; not followed further${grantText}`,
      };
    }
    const resolution = resolveServicePort(model, service, ref.port, protocol);
    if ('error' in resolution) {
      return { ...base, ...granted, ...backendTLS, service, state: 'NoSuchPort', text: `${what}, ${weight}: ${resolution.error}, so for this share ${fail}` };
    }
    const ready = resolution.backends.some((b) => b.ready && !b.problem);
    const readyText = ready ? '' : `; no ready endpoint, so for this share the Gateway answers 503 (or rejects the connection)`;
    return {
      ...base, ...granted, ...backendTLS, service, resolution, ready, state: 'ok',
      text: `${what}, ${weight}: Service port ${describeServicePort(resolution.servicePort)}, ${resolution.backends.filter((b) => b.ready && !b.problem).length} ready of ${resolution.backends.length} endpoints${readyText}${tlsText}${grantText}`,
    };
  });
}

// Services without endpoints to send to: none ready among the selected pods (core/v1 ServiceSpec.selector and
// discovery/v1 EndpointConditions.ready), and selector-less Services nobody writes EndpointSlices for.

import type { Pod } from '@/lib/model';
import { serviceEndpoints, type ServiceEndpoint } from '@/lib/analysis/services/service-backends';
import { finding, isFinished, listText, objectOf, podsOf, selectorServices } from './helpers';
import type { Check, Finding } from './types';
import { qualifiedName } from '@/lib/model/names';

const NO_READY = 'service-no-ready-endpoints';
const SELECTORLESS = 'service-selectorless-no-endpoints';

type Cause = 'pending' | 'not-ready' | 'terminating' | 'finished' | 'no-ip' | 'stale' | 'unknown';

/** Why a pod is not a ready endpoint, and in which family of causes. */
function podState(pod: Pod): { text: string; cause: Cause } {
  const reason = pod.notReadyReason;
  if (pod.meta.deletionTimestamp) return { text: 'terminating', cause: 'terminating' };
  if (isFinished(pod)) return { text: `${pod.phase}: a finished pod is never an endpoint`, cause: 'finished' };
  if (pod.phase === 'Pending') return { text: `Pending${reason && reason !== 'Phase Pending' ? ` (${reason})` : ''}`, cause: 'pending' };
  if (!pod.ready) return { text: `not ready${reason ? ` (${reason})` : ''}`, cause: 'not-ready' };
  if (pod.podIPs.length === 0) return { text: 'ready, but it has no IP yet', cause: 'no-ip' };
  return { text: 'ready, but its endpoint is not (the EndpointSlice may lag behind the pod)', cause: 'stale' };
}

function endpointState(e: ServiceEndpoint): { who: string; text: string; cause: Cause } {
  const who = e.pod ? `pod ${qualifiedName(e.pod)}` : `endpoint ${e.address}`;
  if (e.terminating) {
    const serving = e.serving ? ' (still serving: kube-proxy falls back to it while no endpoint is ready)' : '';
    return { who, text: `terminating${serving}`, cause: 'terminating' };
  }
  if (e.pod) return { who, ...podState(e.pod) };
  return { who, text: 'not ready', cause: 'unknown' };
}

const HINTS: Record<Cause, string> = {
  pending: 'Pending pods are not scheduled or not started yet: `kubectl describe pod` shows why (resources, node selectors, taints, image pulls).',
  'not-ready': 'Pods that run but are not ready fail their readiness probe or have containers not ready: check the probes and the container logs.',
  terminating: 'Terminating pods leave the Service: check that replacements are being created (the rollout, the ReplicaSet).',
  finished: 'Pods that have finished (Succeeded, Failed) never serve: a Service should select long-running pods.',
  'no-ip': 'The pods have no IP yet: the network plugin has not set them up; check the pod events and the CNI.',
  stale: 'The pods are ready but their endpoints are not: the EndpointSlice controller lags behind; check the control plane.',
  unknown: 'The endpoints are not ready; whoever writes these EndpointSlices decides their conditions.',
};

const MAX_LISTED = 8;

export const serviceNoReadyEndpoints: Check = {
  check: NO_READY,
  needs: ['services', 'pods', 'endpointslices'],
  run({ model, index }) {
    const findings: Finding[] = [];
    for (const service of selectorServices(model.resources.services)) {
      const { matched, active } = podsOf(index, service);
      // No pod matches at all: service-selector-matches-nothing says so.
      if (matched.length === 0) continue;
      const { endpoints, source } = serviceEndpoints(model, service);
      if (endpoints.some((e) => e.ready)) continue;

      const states =
        endpoints.length > 0
          ? endpoints.map(endpointState)
          : matched.map((p) => ({ who: `pod ${qualifiedName(p)}`, ...podState(p) }));
      const from =
        endpoints.length > 0
          ? source === 'endpointslices'
            ? 'its EndpointSlices list no ready endpoint'
            : 'none of the pods its selector matches is ready'
          : active.length === 0
            ? 'its selector matches only pods that have finished'
            : 'its EndpointSlices list no endpoint, although its selector matches pods';
      const listed = states.slice(0, MAX_LISTED).map((s) => `${s.who}: ${s.text}`);
      if (states.length > MAX_LISTED) listed.push(`and ${states.length - MAX_LISTED} more`);
      const causes = [...new Set(states.map((s) => s.cause))];
      const pods = [...new Set(endpoints.length > 0 ? endpoints.flatMap((e) => (e.pod ? [e.pod] : [])) : matched)];
      findings.push(
        finding(NO_READY, 'error', [objectOf('Service', service), ...pods.map((p) => objectOf('Pod', p))], {
          message: `Service ${qualifiedName(service)} has no ready endpoint: ${from}; ${listed.join('; ')}. Connections to it fail.`,
          hint: `A Service sends traffic only to ready endpoints. ${causes.map((c) => HINTS[c]).join(' ')}`,
        }),
      );
    }
    return findings;
  },
};

export const serviceSelectorlessNoEndpoints: Check = {
  check: SELECTORLESS,
  needs: ['services', 'endpointslices'],
  run({ model }) {
    const findings: Finding[] = [];
    for (const service of model.resources.services) {
      if (service.type === 'ExternalName' || service.selector) continue;
      const namespace = service.meta.namespace ?? '';
      const slices = model.resources.endpointslices.filter(
        (s) => s.serviceName === service.meta.name && (s.meta.namespace ?? '') === namespace,
      );
      const addresses = slices.filter((s) => s.addressType !== 'FQDN').flatMap((s) => s.endpoints.filter((e) => e.addresses.length > 0));
      if (addresses.length > 0) continue;
      const what =
        slices.length === 0
          ? 'no EndpointSlice belongs to it'
          : `its EndpointSlices (${listText(slices.map(qualifiedName).sort())}) list no endpoint`;
      findings.push(
        finding(SELECTORLESS, 'warning', [objectOf('Service', service), ...slices.map((s) => objectOf('EndpointSlice', s))], {
          message: `Service ${qualifiedName(service)} has no selector and ${what}, so it has no endpoints and connections to it fail.`,
          hint:
            `A Service without a selector gets endpoints only from EndpointSlices someone else writes (labelled ` +
            `kubernetes.io/service-name=${service.meta.name}), or from a core/v1 Endpoints object named ${service.meta.name}, ` +
            'which the control plane mirrors into EndpointSlices. Add a selector if the backends are pods of the cluster; ' +
            'use type ExternalName if it should point at a DNS name.',
        }),
      );
    }
    return findings;
  },
};

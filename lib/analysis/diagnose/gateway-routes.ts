// Gateway API routes that attach to nothing, or whose hostnames no listener takes, computed from spec the way a
// Gateway controller decides attachment (ParentReference, Listener.allowedRoutes, hostnames), with the reason its
// status would carry: NotAllowedByListeners, NoMatchingListenerHostname, NoMatchingParent.

import { attachRoute, describeStatus, type ParentAttachment } from '@/lib/analysis/gateway/attachment';
import { intersectHostnames } from '@/lib/analysis/gateway/hostnames';
import { routeHostnames, routesOf, type AnyRoute } from '@/lib/analysis/gateway/refs';
import { finding, listText, objectOf } from './helpers';
import { qualifiedName } from '@/lib/model/names';
import type { Check, Finding } from './types';

const NOT_ATTACHED = 'gateway-route-not-attached';
const HOSTNAME_UNSERVED = 'gateway-route-hostname-unserved';

export const ROUTE_NEEDS = ['gateways', 'listenersets', 'namespaces', 'httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes'] as const;

const HINTS: Record<Exclude<ParentAttachment['reason'], 'Accepted'>, string> = {
  NotAllowedByListeners:
    "Allow the route on a listener (its allowedRoutes.namespaces: from All, or a Selector matching the route's namespace; allowedRoutes.kinds including the route's kind), or move the route into a namespace the listener admits.",
  NoMatchingListenerHostname: "Give the route a hostname the listener takes (or none, to take the listener's), or change the listener's hostname.",
  NoMatchingParent: 'Point the parentRef at an existing Gateway (or ListenerSet) and, if set, at a sectionName and port one of its listeners has.',
  RouteConflict: 'Give the HTTPRoute and the GRPCRoute different hostnames, or attach them to different listeners.',
};

function parentText(a: ParentAttachment, routeNamespace: string): string {
  const p = a.parentRef;
  return `${p.kind} ${p.namespace ?? routeNamespace}/${p.name}${p.sectionName ? ` section ${p.sectionName}` : ''}${p.port ? ` port ${p.port}` : ''}`;
}

export const gatewayRouteNotAttached: Check = {
  check: NOT_ATTACHED,
  needs: ROUTE_NEEDS,
  run({ model }) {
    const findings: Finding[] = [];
    for (const r of routesOf(model)) {
      const ns = r.route.meta.namespace ?? '';
      const route = objectOf(r.kind, r.route);
      if (r.route.parentRefs.length === 0) {
        findings.push(
          finding(NOT_ATTACHED, 'warning', [route], {
            message: `${r.kind} ${qualifiedName(r.route)} has no parentRefs, so no Gateway routes by it.`,
            hint: 'Add a parentRef naming the Gateway (and, if it should bind to one listener, its sectionName).',
          }),
        );
        continue;
      }
      const attachments = attachRoute(model, r).filter((a) => !a.notGateway);
      const attachedSomewhere = attachments.some((a) => a.reason === 'Accepted');
      for (const a of attachments) {
        if (a.reason === 'Accepted') continue;
        const status = describeStatus(a.status);
        const parent = a.listenerSet ? objectOf('ListenerSet', a.listenerSet) : a.gateway ? objectOf('Gateway', a.gateway) : undefined;
        findings.push(
          finding(
            NOT_ATTACHED,
            attachedSomewhere ? 'warning' : 'error',
            parent ? [route, parent] : [route],
            {
              message:
                `${r.kind} ${qualifiedName(r.route)} does not attach to ${parentText(a, ns)} (${a.reason}): ${a.message}.` +
                (attachedSomewhere ? ' It attaches through another parentRef.' : ' It attaches to nothing, so none of its rules take traffic.') +
                (status ? ` The route's ${status}.` : ''),
              hint: HINTS[a.reason],
            },
            `${a.parentRef.namespace ?? ns}/${a.parentRef.name}${a.parentRef.sectionName ? `/${a.parentRef.sectionName}` : ''}`,
          ),
        );
      }
    }
    return findings;
  },
};

/** The route's hostnames that none of the listeners it attached to takes: the Gateway ignores them. */
function unservedHostnames(r: AnyRoute, attachments: ParentAttachment[]): string[] {
  const listeners = attachments.flatMap((a) => a.listeners.map((l) => l.entry.listener));
  return routeHostnames(r).filter((h) => !listeners.some((l) => (intersectHostnames(l.hostname, [h]) ?? ['*']).length > 0));
}

export const gatewayRouteHostnameUnserved: Check = {
  check: HOSTNAME_UNSERVED,
  needs: ROUTE_NEEDS,
  run({ model }) {
    const findings: Finding[] = [];
    for (const r of routesOf(model, ['HTTPRoute', 'GRPCRoute', 'TLSRoute'])) {
      const attachments = attachRoute(model, r).filter((a) => a.reason === 'Accepted');
      // A route attached nowhere is gateway-route-not-attached.
      if (attachments.length === 0) continue;
      const unserved = unservedHostnames(r, attachments);
      if (unserved.length === 0) continue;
      const listeners = [...new Set(attachments.flatMap((a) => a.listeners.map((l) => `"${l.entry.listener.name}" (${l.entry.listener.hostname ?? 'any hostname'})`)))];
      const gateways = [...new Map(attachments.filter((a) => a.gateway).map((a) => [qualifiedName(a.gateway!), objectOf('Gateway', a.gateway!)])).values()];
      findings.push(
        finding(
          HOSTNAME_UNSERVED,
          'warning',
          [objectOf(r.kind, r.route), ...gateways],
          {
            message: `${r.kind} ${qualifiedName(r.route)} names ${listText(unserved, 6)}, which no listener it attaches to takes (${listText(listeners, 6)}): requests for ${unserved.length === 1 ? 'it' : 'them'} reach no rule of this route.`,
            hint: 'Add a listener for the hostname (or a wildcard covering it), or remove the hostname from the route.',
          },
          unserved.join(','),
        ),
      );
    }
    return findings;
  },
};

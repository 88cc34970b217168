// Gateway API backendRefs that lead nowhere (BackendObjectReference, BackendRef.weight, ReferenceGrant): a Service
// that does not exist or lacks the port, a Service in another namespace that no ReferenceGrant admits
// (RefNotPermitted), and rules whose every weight is 0. Each of these makes the Gateway answer 500 (or reject the
// connection) for the share of traffic concerned.

import { failureAnswer } from '@/lib/analysis/gateway/backends';
import { checkReference } from '@/lib/analysis/gateway/reference-grant';
import { isServiceRef, routesOf, type AnyRoute } from '@/lib/analysis/gateway/refs';
import { GATEWAY_GROUP, type BackendRef, type ClusterModel } from '@/lib/model';
import { describePort, finding, listText, objectOf, typoOf } from './helpers';
import { qualifiedName } from '@/lib/model/names';
import type { Check, Finding } from './types';

const BACKEND_MISSING = 'gateway-backend-missing';
const REF_NOT_PERMITTED = 'gateway-backend-ref-not-permitted';
const WEIGHTS_ZERO = 'gateway-backend-weights-zero';

const ALL_ROUTES = ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes', 'udproutes'] as const;

interface RuleRefs {
  r: AnyRoute;
  ruleIndex: number;
  refs: readonly BackendRef[];
}

function rulesOf(r: AnyRoute): RuleRefs[] {
  return r.route.rules.map((rule, ruleIndex) => ({ r, ruleIndex, refs: rule.backendRefs }));
}

const ruleText = (rr: RuleRefs) => `${rr.r.kind} ${qualifiedName(rr.r.route)} rule ${rr.ruleIndex + 1}`;

interface RouteRef {
  r: AnyRoute;
  rr: RuleRefs;
  ref: BackendRef;
  /** The ref's namespace, the route's own when it names none. */
  ns: string;
  routeNs: string;
}

/**
 * Each backendRef of each route, with its namespace resolved, once per route for each key a check gives it (the
 * same backend named by several rules is one finding); a ref the check does not look at has no key.
 */
function* refsOf(model: ClusterModel, keyOf: (ref: RouteRef) => string | undefined): Generator<RouteRef> {
  for (const r of routesOf(model)) {
    const routeNs = r.route.meta.namespace ?? '';
    const seen = new Set<string>();
    for (const rr of rulesOf(r)) {
      for (const ref of rr.refs) {
        const routeRef = { r, rr, ref, ns: ref.namespace ?? routeNs, routeNs };
        const key = keyOf(routeRef);
        if (key === undefined || seen.has(key)) continue;
        seen.add(key);
        yield routeRef;
      }
    }
  }
}

export const gatewayBackendMissing: Check = {
  check: BACKEND_MISSING,
  needs: [...ALL_ROUTES, 'services'],
  run({ model, index }) {
    const findings: Finding[] = [];
    const keyOf = ({ ref, ns }: RouteRef) => (isServiceRef(ref) && ref.weight !== 0 ? `${ns}/${ref.name}:${ref.port ?? ''}` : undefined);
    for (const { r, rr, ref, ns } of refsOf(model, keyOf)) {
      const service = index.serviceByName.get(`${ns}/${ref.name}`);
      if (!service) {
        const names = model.resources.services.filter((s) => (s.meta.namespace ?? '') === ns).map((s) => s.meta.name);
        const guess = typoOf(ref.name, names);
        findings.push(
          finding(BACKEND_MISSING, 'error', [objectOf(r.kind, r.route)], {
            message: `${ruleText(rr)} sends traffic to Service ${ns}/${ref.name}, which does not exist (BackendNotFound), so for that share ${failureAnswer(r.kind)}.`,
            hint: `${guess ? `Did you mean Service ${guess}? ` : ''}Fix the backendRef's name${ref.namespace ? ' and namespace' : ''}, or create the Service.`,
          }, `${ns}/${ref.name}`),
        );
        continue;
      }
      if (service.type === 'ExternalName') continue;
      const protocol = r.kind === 'UDPRoute' ? 'UDP' : 'TCP';
      if (ref.port !== undefined && service.ports.some((p) => p.port === ref.port && p.protocol === protocol)) continue;
      const declared = service.ports.length === 0 ? 'it declares no ports' : `its ports: ${service.ports.map(describePort).join(', ')}`;
      const viaTarget = service.ports.find((p) => p.targetPort === ref.port);
      findings.push(
        finding(BACKEND_MISSING, 'error', [objectOf(r.kind, r.route), objectOf('Service', service)], {
          message:
            ref.port === undefined
              ? `${ruleText(rr)} names Service ${qualifiedName(service)} without a port, which a Service backendRef needs, so for that share ${failureAnswer(r.kind)} (${declared}).`
              : `${ruleText(rr)} sends traffic to Service ${qualifiedName(service)} port ${ref.port}/${protocol}, which it does not have (${declared}), so for that share ${failureAnswer(r.kind)}.`,
          hint:
            (viaTarget ? `${ref.port} is the targetPort of its ${describePort(viaTarget)}: a backendRef names the Service's port, not the container's. ` : '') +
            "Set the backendRef's port to one of the Service's ports.",
        }, `${ns}/${ref.name}`, ref.port ?? 'no-port'),
      );
    }
    return findings;
  },
};

export const gatewayBackendRefNotPermitted: Check = {
  check: REF_NOT_PERMITTED,
  needs: [...ALL_ROUTES, 'referencegrants'],
  run({ model }) {
    const findings: Finding[] = [];
    const keyOf = ({ ref, ns, routeNs }: RouteRef) => (ns === routeNs ? undefined : `${ns}/${ref.kind}/${ref.name}`);
    for (const { r, rr, ref, ns, routeNs } of refsOf(model, keyOf)) {
      const verdict = checkReference(model, { group: GATEWAY_GROUP, kind: r.kind, namespace: routeNs }, { group: ref.group, kind: ref.kind, namespace: ns, name: ref.name });
      if (verdict.permitted) continue;
      findings.push(
        finding(REF_NOT_PERMITTED, 'error', [objectOf(r.kind, r.route)], {
          message: `${ruleText(rr)} sends ${ref.weight === 0 ? 'no traffic (weight 0) yet' : 'traffic'} to ${ref.kind} ${ns}/${ref.name} in another namespace, and ${verdict.text.replace(/^RefNotPermitted: /, '')}: the reference is not permitted (RefNotPermitted), so for that share ${failureAnswer(r.kind)}.`,
          hint:
            `Create a ReferenceGrant in namespace ${ns} with from: [{group: ${GATEWAY_GROUP}, kind: ${r.kind}, namespace: ${routeNs}}] and ` +
            `to: [{group: "${ref.group}", kind: ${ref.kind}${isServiceRef(ref) ? `, name: ${ref.name}` : ''}}], or move the backend into namespace ${routeNs}.`,
        }, `${ns}/${ref.name}`),
      );
    }
    return findings;
  },
};

export const gatewayBackendWeightsZero: Check = {
  check: WEIGHTS_ZERO,
  needs: [...ALL_ROUTES],
  run({ model }) {
    const findings: Finding[] = [];
    for (const r of routesOf(model)) {
      for (const rr of rulesOf(r)) {
        if (rr.refs.length === 0 || rr.refs.some((b) => b.weight > 0)) continue;
        findings.push(
          finding(WEIGHTS_ZERO, 'error', [objectOf(r.kind, r.route)], {
            message: `Every backendRef of ${ruleText(rr)} (${listText(rr.refs.map((b) => b.name), 4)}) has weight 0, so none receives traffic and ${failureAnswer(r.kind)} for every request the rule takes.`,
            hint: 'Give at least one backendRef a weight above 0 (an omitted weight is 1).',
          }, `rule-${rr.ruleIndex + 1}`),
        );
      }
    }
    return findings;
  },
};

// service-all-clients-blocked: a Service none of whose ready endpoints any pod of the cluster may connect to on the
// targetPort, because of the endpoints' own ingress policies (networking/v1: a flow needs the source's egress AND
// the destination's ingress to allow it; through a Service, policies apply at the endpoint pod on its targetPort).
// Endpoints no policy isolates are not reported: then it is the clients' egress that decides, one client at a time.
// Nor are NodePort and LoadBalancer Services whose endpoints admit addresses outside the cluster: their clients
// may well all be outside.

import type { ClusterModel, Pod, Protocol, Service, ServicePort } from '@/lib/model';
import { enforcementNote } from '@/lib/analysis/enforcement/note';
import type { ModelIndex } from '@/lib/analysis/model-index';
import { allowedConnections } from '@/lib/analysis/policy/allowed-connections';
import { evaluateSide } from '@/lib/analysis/policy/evaluate-side';
import { formatPolicy, type FlowPeer } from '@/lib/analysis/policy/types';
import { podEquivalence } from '@/lib/analysis/reach/equivalence';
import { admitsClient } from '@/lib/analysis/reach/admits-client';
import { resolveServicePort } from '@/lib/analysis/services/service-backends';
import { POLICY_KINDS } from '@/lib/analysis/policy/kinds';
import { describePort, finding, listText, objectOf, portKey } from './helpers';
import type { Check, Finding } from './types';

const CHECK = 'service-all-clients-blocked';

interface Endpoint {
  pod: Pod;
  targetPort: number;
}

export const serviceAllClientsBlocked: Check = {
  check: CHECK,
  needs: ['services', 'endpointslices', ...POLICY_KINDS],
  run: ({ model, index }) => {
    const findings: Finding[] = [];
    for (const service of model.resources.services) {
      if (!service.selector || service.type === 'ExternalName') continue;
      for (const port of service.ports) {
        const resolution = resolveServicePort(model, service, port.port, port.protocol);
        if ('error' in resolution) continue;
        const endpoints: Endpoint[] = resolution.backends
          .filter((b) => b.ready && b.pod && b.targetPort !== undefined && !b.problem)
          .map((b) => ({ pod: b.pod!, targetPort: b.targetPort! }));
        // Without a ready, resolvable endpoint the Service is broken for other reasons, which other checks report.
        if (endpoints.length === 0 || hasAdmittedClient(model, service, endpoints, port)) continue;
        findings.push(blocked(model, service, port, endpoints, index));
      }
    }
    return findings;
  },
};

/**
 * Whether the Service has a client its endpoints' policies let in: some pod on the targetPort, or, for a Service
 * exposed outside the cluster, some outside address. Endpoints alike under the policies are asked once.
 */
function hasAdmittedClient(model: Parameters<typeof podEquivalence>[0], service: Service, endpoints: Endpoint[], port: ServicePort): boolean {
  const { classOf, index } = podEquivalence(model);
  const exposed = service.type === 'NodePort' || service.type === 'LoadBalancer';
  const asked = new Set<number>();
  for (const { pod, targetPort } of endpoints) {
    const cls = classOf.get(pod)?.id;
    if (cls !== undefined) {
      if (asked.has(cls)) continue;
      asked.add(cls);
    }
    if (!isolatedForIngress(model, pod, cls, index)) return true;
    if (admitsClient(model, pod, { protocol: port.protocol, port: targetPort, addresses: exposed })) return true;
  }
  return false;
}

/**
 * Where the network plugin does not enforce NetworkPolicy, the clients' traffic flows all the same: the finding
 * stays (it will break the day a plugin enforces them) but as a warning that says so.
 */
function blocked(model: ClusterModel, service: Service, port: ServicePort, endpoints: Endpoint[], index: ModelIndex): Finding {
  const note = enforcementNote(model);
  const name = `${service.meta.namespace}/${service.meta.name}`;
  const { pod, targetPort } = endpoints[0]!;
  const endpoint: FlowPeer = { type: 'pod', pod };
  const query = { port: targetPort, protocol: port.protocol };
  // The clients the owners most likely meant are pods whose own egress lets them reach the endpoint; the flow from
  // one of them is blocked at the endpoint's ingress, and the closest rule there says why.
  const intended = intendedClient(model, pod, port.protocol, targetPort, index);
  const ingress = evaluateSide('ingress', endpoint, intended ? { type: 'pod', pod: intended } : endpoint, query, index);
  const policies = ingress.isolatingPolicies.map(formatPolicy);
  const closest = intended && ingress.nearMisses[0] ? ` Closest: ${ingress.nearMisses[0].text}.` : '';
  const count = `${endpoints.length} ready endpoint${endpoints.length === 1 ? ' is' : 's are'}`;
  const outcome = note
    ? `The policies let no pod in the cluster connect to Service ${name} ${describePort(port)} (${note.text} today; once a plugin enforces them, none will)`
    : `No pod in the cluster may connect to Service ${name} ${describePort(port)}`;
  return finding(
    CHECK,
    note ? 'warning' : 'error',
    [objectOf('Service', service)],
    {
      message: `${outcome}: its ${count} isolated for ingress by ${listText(policies)}, and no rule admits any pod on ${port.protocol} ${targetPort}.${closest}`,
      hint: `Fix an ingress rule of ${listText(policies, 5, 'or')} so that it admits the Service's clients on ${port.protocol} ${targetPort} (the targetPort, not the Service port ${port.port}). kube-netmap explain --from pod/NS/CLIENT --to svc/${name} --port ${port.port} shows the closest rule for a given client.`,
    },
    portKey(port),
  );
}

/**
 * The first pod of the model (but the endpoint, and host-network pods) whose own egress lets it reach the endpoint
 * on the targetPort. Pods of one class share their egress side against an endpoint that does not use the host
 * network (the own-node exception needs one), so each class is asked once, through the sides kept with the model,
 * and only until a class whose first pod comes after the one found.
 */
function intendedClient(model: ClusterModel, endpoint: Pod, protocol: Protocol, targetPort: number, index: ModelIndex): Pod | undefined {
  const allows = (p: Pod) => allowedConnections('egress', { type: 'pod', pod: p }, { type: 'pod', pod: endpoint }, index).allowed.allows(protocol, targetPort);
  if (endpoint.hostNetwork) return model.resources.pods.find((p) => p !== endpoint && !p.hostNetwork && allows(p));
  const { classes, classOf, sides } = podEquivalence(model);
  const place = modelOrder(model);
  const destination = classOf.get(endpoint)!;
  let found: Pod | undefined;
  let foundAt = Infinity;
  for (const c of classes) {
    if (c.hostNetwork) continue;
    // Classes come in the order of their first pods.
    if (place.get(c.pods[0]!)! > foundAt) break;
    const first = c.pods.find((p) => p !== endpoint);
    if (!first || place.get(first)! >= foundAt) continue;
    if (sides.side('egress', c, destination).allowed.allows(protocol, targetPort)) {
      found = first;
      foundAt = place.get(first)!;
    }
  }
  return found;
}

const orders = new WeakMap<ClusterModel, Map<Pod, number>>();

/** Each pod's place in the model's list, once per model. */
function modelOrder(model: ClusterModel): Map<Pod, number> {
  let order = orders.get(model);
  if (!order) orders.set(model, (order = new Map(model.resources.pods.map((p, i) => [p, i]))));
  return order;
}

const isolation = new WeakMap<ClusterModel, Map<number, boolean>>();

/**
 * Whether policies isolate the endpoint for ingress, once per class and model: every Service port with endpoints of
 * the class asks. Pods of one class are isolated alike (their isolating policies are part of the class key).
 */
function isolatedForIngress(model: ClusterModel, pod: Pod, cls: number | undefined, index: ModelIndex): boolean {
  const ask = () => allowedConnections('ingress', { type: 'pod', pod }, { type: 'pod', pod }, index).isolated;
  if (cls === undefined) return ask();
  let known = isolation.get(model);
  if (!known) isolation.set(model, (known = new Map()));
  let isolated = known.get(cls);
  if (isolated === undefined) known.set(cls, (isolated = ask()));
  return isolated;
}

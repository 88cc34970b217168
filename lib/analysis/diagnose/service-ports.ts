// The Service's targetPort against the container ports of the pods it selects (core/v1 ServicePort.targetPort and
// ServicePort.protocol, core/v1 ContainerPort.name/containerPort/protocol). A named targetPort is looked up in each
// pod by name and protocol (sidecars included), as the EndpointSlice controller does; a pod without it gets no
// endpoint port. A numeric one is used as is, declared or not.

import type { ContainerPort, Pod, Service, ServicePort } from '@/lib/model';
import { describePort, finding, listText, objectOf, podsOf, portKey, selectorServices, typoOf } from './helpers';
import type { Check, CheckContext, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const NAME_MISSING = 'service-target-port-name-missing';
const NUMBER_UNDECLARED = 'service-target-port-number-undeclared';
const PROTOCOL_MISMATCH = 'service-protocol-mismatch';

const portsOf = (pod: Pod): ContainerPort[] => pod.containers.flatMap((c) => c.ports);

const describeContainerPort = (p: ContainerPort) => `${p.name ? `${p.name} ` : ''}${p.containerPort}/${p.protocol}`;

function declared(pod: Pod): string {
  const ports = portsOf(pod);
  return ports.length === 0 ? 'declares no container ports' : `declares ${ports.map(describeContainerPort).join(', ')}`;
}

/** "pod a declares x; pods b, c and 2 more declare y": pods grouped by what is said about them. */
function grouped(pods: readonly Pod[], say: (pod: Pod) => string, max = 3): string {
  const groups = new Map<string, string[]>();
  for (const pod of pods) {
    const text = say(pod);
    const names = groups.get(text);
    if (names) names.push(qualifiedName(pod));
    else groups.set(text, [qualifiedName(pod)]);
  }
  return [...groups.entries()]
    .map(([text, names]) => {
      const sorted = names.sort(byCodeUnits);
      return `${sorted.length === 1 ? 'pod' : 'pods'} ${listText(sorted, max)} ${sorted.length === 1 ? text : text.replace(/^declares/, 'declare')}`;
    })
    .join('; ');
}

/** Every (Service, port, active selected pods) to check: Services with a selector that matches running pods. */
function* servicePorts({ model, index }: CheckContext): Generator<{ service: Service; port: ServicePort; pods: Pod[] }> {
  for (const service of selectorServices(model.resources.services)) {
    const { active } = podsOf(index, service);
    // No pod to compare with: service-selector-matches-nothing or service-no-ready-endpoints says why.
    if (active.length === 0) continue;
    for (const port of service.ports) yield { service, port, pods: active };
  }
}

const podObjects = (pods: readonly Pod[]) => pods.map((p) => objectOf('Pod', p));

export const serviceTargetPortNameMissing: Check = {
  check: NAME_MISSING,
  needs: ['services', 'pods'],
  run(context) {
    const findings: Finding[] = [];
    for (const { service, port, pods } of servicePorts(context)) {
      const target = port.targetPort;
      if (typeof target !== 'string') continue;
      const lacking = pods.filter((p) => !portsOf(p).some((c) => c.name === target && c.protocol === port.protocol));
      if (lacking.length === 0) continue;
      const all = lacking.length === pods.length;
      const say = (pod: Pod) => {
        const other = portsOf(pod).find((c) => c.name === target);
        return other ? `declares "${target}" as ${other.containerPort}/${other.protocol}, not ${port.protocol}` : declared(pod);
      };
      const names = pods.flatMap((p) => portsOf(p).filter((c) => c.protocol === port.protocol && c.name).map((c) => c.name as string));
      // A typo of a declared name, else the only name declared: anything further off would be a guess.
      const guess = typoOf(target, names) ?? (new Set(names).size === 1 ? names[0] : undefined);
      const head = `Service ${qualifiedName(service)} ${describePort(port)}`;
      const message = all
        ? `${head}: no selected pod declares a ${port.protocol} container port named "${target}" (${grouped(lacking, say)}), ` +
          `so no endpoint gets this port and connections to ${qualifiedName(service)}:${port.port} fail.`
        : `${head}: ${lacking.length} of ${pods.length} selected pods do not declare a ${port.protocol} container port named "${target}" ` +
          `(${grouped(lacking, say)}); they get no traffic on this port.`;
      const hint =
        `Set targetPort to a port name the pods declare${guess ? ` (did you mean "${guess}"?)` : ''} or to a number, or name the ` +
        `container port "${target}" (protocol ${port.protocol}) in the pod template. A named targetPort is looked up in each pod ` +
        `by name and protocol.${all ? '' : ' Pods that differ usually come from two versions of a template (a rollout in progress?).'}`;
      findings.push(finding(NAME_MISSING, all ? 'error' : 'warning', [objectOf('Service', service), ...podObjects(lacking)], { message, hint }, portKey(port)));
    }
    return findings;
  },
};

/** The pods' declarations of a numeric targetPort: with the Service's protocol, only with others, or not at all. */
function numericDeclarations(port: ServicePort & { targetPort: number }, pods: readonly Pod[]) {
  const same: Pod[] = [];
  const other: Pod[] = [];
  const none: Pod[] = [];
  for (const pod of pods) {
    const matching = portsOf(pod).filter((c) => c.containerPort === port.targetPort);
    if (matching.length === 0) none.push(pod);
    else if (matching.some((c) => c.protocol === port.protocol)) same.push(pod);
    else other.push(pod);
  }
  return { same, other, none };
}

const isNumeric = (p: ServicePort): p is ServicePort & { targetPort: number } => typeof p.targetPort === 'number';

export const serviceTargetPortNumberUndeclared: Check = {
  check: NUMBER_UNDECLARED,
  needs: ['services', 'pods'],
  run(context) {
    const findings: Finding[] = [];
    for (const { service, port, pods } of servicePorts(context)) {
      if (!isNumeric(port)) continue;
      const { none } = numericDeclarations(port, pods);
      if (none.length < pods.length) continue;
      const candidates = [...new Set(pods.flatMap((p) => portsOf(p).filter((c) => c.protocol === port.protocol).map((c) => c.containerPort)))];
      const guess = candidates.length === 1 ? candidates[0] : undefined;
      findings.push(
        finding(
          NUMBER_UNDECLARED,
          'warning',
          [objectOf('Service', service), ...podObjects(pods)],
          {
            message:
              `Service ${qualifiedName(service)} ${describePort(port)}: no selected pod declares container port ${port.targetPort} ` +
              `(${grouped(pods, declared)}).`,
            hint:
              `It may still work: a container can listen on a port it does not declare (containerPort is informational). ` +
              `If the pods listen on ${port.targetPort}, declare it (containerPort: ${port.targetPort}, protocol: ${port.protocol}) ` +
              `so that it is documented and can be named; else fix targetPort${guess !== undefined ? ` (did you mean ${guess}?)` : ''}.`,
          },
          portKey(port),
        ),
      );
    }
    return findings;
  },
};

export const serviceProtocolMismatch: Check = {
  check: PROTOCOL_MISMATCH,
  needs: ['services', 'pods'],
  run(context) {
    const findings: Finding[] = [];
    for (const { service, port, pods } of servicePorts(context)) {
      // A named targetPort is matched by name and protocol: another protocol is service-target-port-name-missing.
      if (!isNumeric(port)) continue;
      const { same, other } = numericDeclarations(port, pods);
      if (other.length === 0) continue;
      const all = same.length === 0;
      const say = (pod: Pod) => {
        const protocols = [...new Set(portsOf(pod).filter((c) => c.containerPort === port.targetPort).map((c) => c.protocol))];
        return `declares ${port.targetPort} only as ${protocols.join(' and ')}`;
      };
      const head = `Service ${qualifiedName(service)} ${describePort(port)} sends ${port.protocol}`;
      findings.push(
        finding(
          PROTOCOL_MISMATCH,
          all ? 'error' : 'warning',
          [objectOf('Service', service), ...podObjects(other)],
          {
            message: all
              ? `${head}, but ${grouped(other, say)}${other.length < pods.length ? ' and the other selected pods do not declare it' : ''}.`
              : `${head}, but ${other.length} of ${pods.length} selected pods do not declare it as ${port.protocol}: ${grouped(other, say)}.`,
            hint:
              `Give the Service port the protocol the container serves, or declare the container port with protocol ${port.protocol} ` +
              `(a server on both, like DNS, needs one Service port and one container port per protocol). The protocol defaults ` +
              `to TCP on both sides when it is left out.`,
          },
          portKey(port),
        ),
      );
    }
    return findings;
  },
};

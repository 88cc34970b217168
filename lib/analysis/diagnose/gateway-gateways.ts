// Gateways that cannot serve: a GatewayClass that is missing or not Accepted, listeners that conflict (the same
// port and hostname with different protocols, or the same port, protocol and hostname: GatewaySpec.listeners
// "Distinct Listeners"), and what the status a controller wrote says: not Programmed, or no address. The default
// status the CRD gives a Gateway no controller has seen (Pending) is not a finding.

import { gatewayListeners } from '@/lib/analysis/gateway/listeners';
import type { Condition, Gateway } from '@/lib/model';
import { finding, listText, objectOf, typoOf } from './helpers';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';
import type { Check, Finding } from './types';

const CLASS_MISSING = 'gateway-class-missing';
const CLASS_NOT_ACCEPTED = 'gateway-class-not-accepted';
const LISTENERS_CONFLICT = 'gateway-listeners-conflict';
const NOT_PROGRAMMED = 'gateway-not-programmed';
const NO_ADDRESS = 'gateway-without-address';

const conditionText = (c: Condition) => `${c.type} ${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`;
const written = (c: Condition | undefined) => c !== undefined && !(c.status === 'Unknown' && c.reason === 'Pending');

export const gatewayClassMissing: Check = {
  check: CLASS_MISSING,
  needs: ['gateways', 'gatewayclasses'],
  run({ model }) {
    const names = model.resources.gatewayclasses.map((c) => c.meta.name).sort(byCodeUnits);
    return model.resources.gateways
      .filter((g) => !names.includes(g.gatewayClassName))
      .map((g) => {
        const guess = typoOf(g.gatewayClassName, names);
        return finding(CLASS_MISSING, 'error', [objectOf('Gateway', g)], {
          message: `Gateway ${qualifiedName(g)} names GatewayClass "${g.gatewayClassName}", which does not exist (${names.length > 0 ? `GatewayClasses: ${listText(names, 6)}` : 'there are no GatewayClasses'}), so no controller serves it.`,
          hint: `${guess ? `Did you mean "${guess}"? ` : ''}Fix spec.gatewayClassName, or install the Gateway implementation that provides the class.`,
        });
      });
  },
};

export const gatewayClassNotAccepted: Check = {
  check: CLASS_NOT_ACCEPTED,
  needs: ['gateways', 'gatewayclasses'],
  run({ model }) {
    const findings: Finding[] = [];
    for (const c of model.resources.gatewayclasses) {
      const accepted = c.conditions.find((x) => x.type === 'Accepted');
      if (accepted?.status !== 'False') continue;
      const users = model.resources.gateways.filter((g) => g.gatewayClassName === c.meta.name);
      findings.push(
        finding(CLASS_NOT_ACCEPTED, users.length > 0 ? 'error' : 'warning', [objectOf('GatewayClass', c), ...users.map((g) => objectOf('Gateway', g))], {
          message: `GatewayClass ${c.meta.name} (controller ${c.controllerName}) is not accepted: ${conditionText(accepted)}${users.length > 0 ? `; its Gateways ${listText(users.map(qualifiedName), 6)} are not served` : ''}.`,
          hint: `Read the condition's message: the controller ${c.controllerName} rejected the class (often its parametersRef is invalid, or the controller does not support this API version).`,
        }),
      );
    }
    return findings;
  },
};

export const gatewayListenersConflict: Check = {
  check: LISTENERS_CONFLICT,
  needs: ['gateways', 'listenersets', 'namespaces'],
  run({ model }) {
    const findings: Finding[] = [];
    for (const g of model.resources.gateways) {
      for (const l of gatewayListeners(model, g)) {
        if (!l.conflict) continue;
        const owner = l.owner.kind === 'Gateway' ? objectOf('Gateway', g) : { kind: 'ListenerSet', namespace: l.owner.namespace, name: l.owner.name };
        findings.push(
          finding(LISTENERS_CONFLICT, 'error', l.owner.kind === 'Gateway' ? [owner] : [owner, objectOf('Gateway', g)], {
            message:
              `${l.owner.kind} ${l.owner.namespace}/${l.owner.name} listener "${l.listener.name}" ${l.conflict}. Conflicted listeners take no traffic` +
              (l.owner.kind === 'Gateway' ? ' (none of a Gateway\'s conflicting listeners is picked as the winner).' : ' (the listener that comes first keeps the port).'),
            hint: 'Give the listeners different ports, or different hostnames where the protocol matches by hostname (HTTP, HTTPS, TLS).',
          }, l.listener.name),
        );
      }
    }
    return findings;
  },
};

function programmed(g: Gateway): Condition | undefined {
  return g.conditions.find((c) => c.type === 'Programmed');
}

export const gatewayNotProgrammed: Check = {
  check: NOT_PROGRAMMED,
  needs: ['gateways'],
  run({ model }) {
    return model.resources.gateways
      .filter((g) => programmed(g)?.status === 'False')
      .map((g) =>
        finding(NOT_PROGRAMMED, 'error', [objectOf('Gateway', g)], {
          message: `Gateway ${qualifiedName(g)} is not programmed, as its status says: ${conditionText(programmed(g)!)}; it does not carry traffic.`,
          hint: "Read the condition's reason and message; check the controller's logs for the Gateway.",
        }),
      );
  },
};

export const gatewayWithoutAddress: Check = {
  check: NO_ADDRESS,
  needs: ['gateways'],
  run({ model }) {
    return model.resources.gateways
      .filter((g) => written(programmed(g)) && g.statusAddresses.length === 0)
      .map((g) =>
        finding(NO_ADDRESS, 'warning', [objectOf('Gateway', g)], {
          message: `Gateway ${qualifiedName(g)} has no address in its status (${conditionText(programmed(g)!)}): clients have nowhere to send traffic to it.`,
          hint: `Check the controller's address allocation (a LoadBalancer Service needs a load-balancer implementation${g.addresses.length > 0 ? `; the addresses asked for in spec.addresses, ${g.addresses.map((a) => a.value).join(', ')}, may be unavailable` : ''}).`,
        }),
      );
  },
};

// Ingress backends that lead nowhere (networking/v1 IngressServiceBackend.name and .port): the Service does not
// exist in the Ingress's namespace, or has no such port (ServiceBackendPort.number or .name, a port of the Service,
// not of the container). Rule paths and spec.defaultBackend alike.

import type { Ingress, IngressServiceBackend, Service } from '@/lib/model';
import { editDistance } from '@/lib/analysis/dns/names';
import { groupBy } from '@/lib/analysis/model-index';
import { describePort, finding, listText, objectOf, typoOf } from './helpers';
import type { Check, Finding } from './types';
import { byCodeUnits, qualifiedName } from '@/lib/model/names';

const SERVICE_MISSING = 'ingress-backend-service-missing';
const PORT_MISSING = 'ingress-backend-port-missing';

interface BackendUse {
  backend: IngressServiceBackend;
  /** "shop.example.com/api (Prefix)" or "the defaultBackend". */
  where: string;
}

function serviceBackends(ingress: Ingress): BackendUse[] {
  const uses: BackendUse[] = [];
  if (ingress.defaultBackend?.service) uses.push({ backend: ingress.defaultBackend.service, where: 'the defaultBackend' });
  for (const rule of ingress.rules) {
    for (const p of rule.paths) {
      if (!p.backend.service) continue;
      uses.push({ backend: p.backend.service, where: `${rule.host || '(any host)'}${p.path || '/'} (${p.pathType})` });
    }
  }
  return uses;
}

const portOf = (b: IngressServiceBackend) => b.port.number ?? b.port.name;

const whereText = (uses: BackendUse[]) => listText([...new Set(uses.map((u) => u.where))], 4);

/** Why the Service has no such port for an Ingress (which proxies HTTP, so TCP), or undefined when it has. */
function portProblem(service: Service, port: number | string): { problem: string; hint?: string } | undefined {
  const ports = service.ports;
  const declared = ports.length === 0 ? 'it declares no ports' : `its ports: ${ports.map(describePort).join(', ')}`;
  const found = typeof port === 'number' ? ports.find((p) => p.port === port) : ports.find((p) => p.name === port);
  const what = typeof port === 'number' ? `port ${port}` : `port named "${port}"`;
  if (found && found.protocol === 'TCP') return undefined;
  if (found) return { problem: `its ${what} is ${found.protocol}, and an Ingress controller proxies HTTP over TCP (${declared})` };
  // A common mistake: naming the container's port (the Service's targetPort) instead of the Service's own.
  const viaTarget = ports.find((p) => p.targetPort === port && p.protocol === 'TCP');
  if (viaTarget) {
    return {
      problem: `it has no ${what} (${declared})`,
      hint:
        `${typeof port === 'number' ? port : `"${port}"`} is the targetPort of its ${describePort(viaTarget)}: an Ingress backend names ` +
        `the Service's port, not the container's; use port ${viaTarget.name ? `name "${viaTarget.name}" or ` : ''}number ${viaTarget.port}.`,
    };
  }
  const names = ports.filter((p) => p.protocol === 'TCP' && p.name).map((p) => p.name as string);
  const tcp = ports.filter((p) => p.protocol === 'TCP');
  const guess =
    typeof port === 'string'
      ? typoOf(port, names)
      : tcp.length === 1
        ? String(tcp[0]?.port)
        : undefined;
  return { problem: `it has no ${what} (${declared})`, ...(guess ? { hint: `Did you mean ${typeof port === 'string' ? `"${guess}"` : guess}?` } : {}) };
}

export const ingressBackendServiceMissing: Check = {
  check: SERVICE_MISSING,
  needs: ['ingresses', 'services'],
  run({ model, index }) {
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      const namespace = ingress.meta.namespace ?? '';
      const missing = serviceBackends(ingress).filter((u) => !index.serviceByName.has(`${namespace}/${u.backend.name}`));
      for (const [name, uses] of groupBy(missing, (u) => u.backend.name)) {
        const inNamespace = model.resources.services.filter((s) => (s.meta.namespace ?? '') === namespace).map((s) => s.meta.name);
        const guess = typoOf(name, inNamespace);
        const others = [...inNamespace].sort((a, b) => editDistance(a, name) - editDistance(b, name) || byCodeUnits(a, b));
        findings.push(
          finding(
            SERVICE_MISSING,
            'error',
            [objectOf('Ingress', ingress)],
            {
              message:
                `Ingress ${qualifiedName(ingress)} sends ${whereText(uses)} to Service ${namespace}/${name}, which does not exist, ` +
                'so the controller answers those requests with an error (typically 503).',
              hint:
                (guess ? `Did you mean Service ${guess}? ` : '') +
                `An Ingress backend names a Service of the Ingress's own namespace (${namespace}); ` +
                (others.length > 0 ? `Services there: ${listText(others, 6)}. ` : 'there is none there. ') +
                `Fix the backend's service.name, or create the Service.`,
            },
            name,
          ),
        );
      }
    }
    return findings;
  },
};

export const ingressBackendPortMissing: Check = {
  check: PORT_MISSING,
  needs: ['ingresses', 'services'],
  run({ model, index }) {
    const findings: Finding[] = [];
    for (const ingress of model.resources.ingresses) {
      const namespace = ingress.meta.namespace ?? '';
      const uses = serviceBackends(ingress).filter((u) => portOf(u.backend) !== undefined);
      for (const [, group] of groupBy(uses, (u) => `${u.backend.name}:${portOf(u.backend)}`)) {
        const first = group[0];
        if (!first) continue;
        const port = portOf(first.backend) as number | string;
        const service = index.serviceByName.get(`${namespace}/${first.backend.name}`);
        // A missing Service is ingress-backend-service-missing; an ExternalName Service has no ports that matter.
        if (!service || service.type === 'ExternalName') continue;
        const problem = portProblem(service, port);
        if (!problem) continue;
        findings.push(
          finding(
            PORT_MISSING,
            'error',
            [objectOf('Ingress', ingress), objectOf('Service', service)],
            {
              message:
                `Ingress ${qualifiedName(ingress)} sends ${whereText(group)} to Service ${qualifiedName(service)} ` +
                `${typeof port === 'number' ? `port ${port}` : `port "${port}"`}, but ${problem.problem}; the controller has no ` +
                'backend for those requests and answers them with an error (typically 503).',
              hint:
                (problem.hint ? `${problem.hint} ` : '') +
                "Set the backend's service.port.number or service.port.name to one of the Service's ports, or add the port to the Service.",
            },
            service.meta.name,
            port,
          ),
        );
      }
    }
    return findings;
  },
};

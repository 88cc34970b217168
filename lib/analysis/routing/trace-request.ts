import type { ClusterModel } from '@/lib/model';
import { FlowInputError } from '../errors';
import { explainFlow, type FlowExplanation } from '../flow/explain-flow';
import type { DataPlaneOption } from '../gateway/data-plane';
import { requestHostname } from '../gateway/hostnames';
import { traceGatewayRequest, type GatewayTrace } from '../gateway/trace-gateway';
import { ingressControllerPods } from './controller-pods';
import { routeRequest, type RouteResult } from './route-request';

/** Which API took the request: an Ingress, a Gateway (its routes), both, neither, or unknown (data not synced). */
export type ServedBy = 'ingress' | 'gateway' | 'both' | 'neither' | 'unknown';

export interface RequestTrace extends RouteResult {
  /** From one pod of the Ingress's controller to the backend Service, when the controller's pods are known. */
  controllerFlow?: FlowExplanation;
  /** Why there is no controllerFlow. */
  controllerNote?: string;
  /** The same request through the Gateway API (the Ingress answer above is unchanged by it). */
  gateway: GatewayTrace;
  servedBy: ServedBy;
  /** Why, in words (and, when both take it, what decides). */
  servedByText: string;
}

export interface TraceRequestInput {
  host: string;
  path: string;
  ingressClass?: string;
  /** For the Gateway API: http (the default) or https, the port (else from the host, else 80/443), and the rest. */
  scheme?: 'http' | 'https';
  port?: number;
  /** The query string, without "?". */
  query?: string;
  method?: string;
  headers?: Record<string, string>;
  /** Only this Gateway. */
  gateway?: { namespace: string; name: string };
  /** The Gateway's data-plane pods, when the usual labels do not find them. */
  gatewayPods?: DataPlaneOption;
}

function ingressTrace(model: ClusterModel, request: TraceRequestInput): RouteResult & Pick<RequestTrace, 'controllerFlow' | 'controllerNote'> {
  const route = routeRequest(model, { host: request.host, path: request.path, ...(request.ingressClass ? { ingressClass: request.ingressClass } : {}) });
  if (!route.matched || !route.service || !route.rule) return route;
  if (!route.ingressClass) return { ...route, controllerNote: 'the Ingress has no known IngressClass, so its controller pods are unknown' };
  const controllers = ingressControllerPods(model, route.ingressClass);
  const controller = controllers.find((p) => p.ready) ?? controllers[0];
  if (!controller) {
    return { ...route, controllerNote: `no pods of controller ${route.ingressClass.controller} (IngressClass ${route.ingressClass.meta.name}) were found` };
  }
  const port = route.resolution?.servicePort.port;
  if (port === undefined) return route;
  try {
    const controllerFlow = explainFlow(model, {
      from: { kind: 'pod', namespace: controller.meta.namespace ?? '', name: controller.meta.name },
      to: { kind: 'service', namespace: route.service.meta.namespace ?? '', name: route.service.meta.name },
      port,
      protocol: route.resolution!.servicePort.protocol,
    });
    return { ...route, controllerFlow };
  } catch (error) {
    if (error instanceof FlowInputError) return { ...route, controllerNote: error.message };
    throw error;
  }
}

/** The port written in the host ("shop.example.com:8080"), if any. */
function hostPort(host: string): number | undefined {
  const m = /:(\d+)$/.exec(host.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Both APIs may take the same host: each has its own address, and DNS decides. When the host is one of those
 * addresses, that one serves it.
 */
function decide(model: ClusterModel, request: TraceRequestInput, ingress: RouteResult, gateway: GatewayTrace): Pick<RequestTrace, 'servedBy' | 'servedByText'> {
  const ingressTook = ingress.rule !== undefined;
  const gatewayTook = gateway.matched;
  const ingressName = ingress.ingress ? `Ingress ${ingress.ingress.meta.namespace}/${ingress.ingress.meta.name}` : 'an Ingress';
  const gatewayName = gateway.gateway ? `Gateway ${gateway.gateway.namespace}/${gateway.gateway.name}` : 'a Gateway';
  if (ingressTook && gatewayTook) {
    const host = requestHostname(request.host);
    const ingressAddresses = (ingress.ingress?.loadBalancerIngress ?? []).flatMap((a) => [a.ip, a.hostname]).filter((a): a is string => !!a);
    const gw = model.resources.gateways.find((g) => g.meta.namespace === gateway.gateway?.namespace && g.meta.name === gateway.gateway?.name);
    const gatewayAddresses = [...(gw?.statusAddresses ?? []), ...(gw?.addresses ?? [])].map((a) => a.value);
    if (ingressAddresses.includes(host)) return { servedBy: 'ingress', servedByText: `${host} is the address of ${ingressName}` };
    if (gatewayAddresses.includes(host)) return { servedBy: 'gateway', servedByText: `${host} is the address of ${gatewayName}` };
    const where = (name: string, addresses: string[]) => `${name}${addresses.length > 0 ? ` (${addresses.join(', ')})` : ''}`;
    return {
      servedBy: 'both',
      servedByText: `both ${where(ingressName, ingressAddresses)} and ${where(gatewayName, gatewayAddresses)} take this request; which one serves it depends on where DNS sends ${host}`,
    };
  }
  if (ingressTook) {
    return { servedBy: 'ingress', servedByText: `${ingressName} takes it${gateway.unknown ? `; whether a Gateway also does is unknown: ${gateway.unknown}` : '; no Gateway does'}` };
  }
  if (gatewayTook) {
    return { servedBy: 'gateway', servedByText: `${gatewayName} takes it${ingress.unknown ? `; whether an Ingress also does is unknown: ${ingress.unknown}` : '; no Ingress does'}` };
  }
  const unknowns = [ingress.unknown, gateway.unknown].filter((u): u is string => !!u);
  if (unknowns.length > 0) return { servedBy: 'unknown', servedByText: `neither an Ingress nor a Gateway is known to take it: ${unknowns.join('; ')}` };
  return { servedBy: 'neither', servedByText: 'no Ingress and no Gateway takes this request' };
}

/**
 * Where an HTTP request goes, through Ingress and through the Gateway API, and which of them took it. For the
 * Ingress: routeRequest, then the policies from the ingress controller's pod to the backend Service (its
 * endpoints, on their targetPorts), when the controller's pods can be found. For the Gateway API:
 * traceGatewayRequest.
 */
export function traceRequest(model: ClusterModel, request: TraceRequestInput): RequestTrace {
  const ingress = ingressTrace(model, request);
  const scheme = request.scheme ?? 'http';
  const port = request.port ?? hostPort(request.host);
  const gateway = traceGatewayRequest(
    model,
    {
      protocol: scheme,
      host: request.host,
      path: request.path,
      ...(port !== undefined ? { port } : {}),
      ...(request.query ? { query: request.query } : {}),
      ...(request.method ? { method: request.method } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
    },
    { ...(request.gateway ? { gateway: request.gateway } : {}), ...(request.gatewayPods ? { dataPlane: request.gatewayPods } : {}) },
  );
  return { ...ingress, gateway, ...decide(model, request, ingress, gateway) };
}

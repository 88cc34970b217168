import type { ClusterModel } from '@/lib/model';
import { FlowInputError } from '../errors';
import { explainFlow, type FlowExplanation } from '../flow/explain-flow';
import { ingressControllerPods } from './controller-pods';
import { routeRequest, type RouteResult } from './route-request';

export interface RequestTrace extends RouteResult {
  /** From one pod of the Ingress's controller to the backend Service, when the controller's pods are known. */
  controllerFlow?: FlowExplanation;
  /** Why there is no controllerFlow. */
  controllerNote?: string;
}

/**
 * routeRequest, then the last hop policies decide: the ingress controller's pod connecting to the backend Service
 * (its endpoints, on their targetPorts), when the controller's pods can be found in the model.
 */
export function traceRequest(model: ClusterModel, request: { host: string; path: string; ingressClass?: string }): RequestTrace {
  const route = routeRequest(model, request);
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

// The Gateway API engine: routing computed from spec (status shown beside), for traces, diagnose, the map and the
// Gateway panel. The entry points; the other modules are its parts.
export { traceGatewayRequest, type GatewayRequest, type HTTPGatewayRequest, type GRPCGatewayRequest, type GatewayTrace, type GatewayTraceOptions, type GatewayBackend, type GatewayStep, type GatewayStepKind } from './trace-gateway';
export { summarizeGateway, summarizeGateways, type GatewaySummary, type ListenerSummary, type RouteSummary, type RuleSummary, type BackendSummary } from './gateway-summary';
export { attachRoute, attachParent, type ParentAttachment, type AttachmentReason, type AttachedListener } from './attachment';
export { gatewayListeners, listenerSetsOf, chooseListener, type GatewayListener, type ListenerOwner } from './listeners';
export { checkReference, type ReferenceVerdict } from './reference-grant';
export { traceBackends, percent, type BackendTrace, type BackendState } from './backends';
export { dataPlanePods, type DataPlaneOption, type DataPlane } from './data-plane';
export { routesOf, type AnyRoute, type RouteKind } from './refs';

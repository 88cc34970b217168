// The checks diagnose() runs, in order. To add one, write a Check (see types.ts) in its own file and list it here;
// the runner takes care of sync state (via `needs`), sorting and ids.

import { backendTLSPolicyTargetMissing } from './backend-tls-policy';
import { gatewayBackendMissing, gatewayBackendRefNotPermitted, gatewayBackendWeightsZero } from './gateway-backends';
import { gatewayClassMissing, gatewayClassNotAccepted, gatewayListenersConflict, gatewayNotProgrammed, gatewayWithoutAddress } from './gateway-gateways';
import { gatewayRouteHostnameUnserved, gatewayRouteNotAttached } from './gateway-routes';
import { ingressBackendPortMissing, ingressBackendServiceMissing } from './ingress-backends';
import { ingressClassMissing, ingressClassUnknown } from './ingress-class';
import { ingressTlsSecretMissing } from './ingress-tls';
import { serviceAllClientsBlocked } from './service-clients';
import { namespaceWithoutPolicy } from './namespace-policy';
import { networkPolicyEnforcementUnknown, networkPolicyNotEnforced } from './network-policy-enforcement';
import { policyNotEvaluated } from './policy-not-evaluated';
import { serviceNoReadyEndpoints, serviceSelectorlessNoEndpoints } from './service-endpoints';
import { serviceProtocolMismatch, serviceTargetPortNameMissing, serviceTargetPortNumberUndeclared } from './service-ports';
import { serviceSelectorMatchesNothing } from './service-selector';
import { externalNameWithSelectorOrPorts, loadBalancerWithoutAddress } from './service-types';
import type { Check } from './types';

export const CHECKS: readonly Check[] = [
  // Services and their endpoints
  serviceSelectorMatchesNothing,
  serviceNoReadyEndpoints,
  serviceTargetPortNameMissing,
  serviceTargetPortNumberUndeclared,
  serviceProtocolMismatch,
  serviceSelectorlessNoEndpoints,
  externalNameWithSelectorOrPorts,
  loadBalancerWithoutAddress,
  // Reachability
  serviceAllClientsBlocked,
  // Ingresses
  ingressBackendServiceMissing,
  ingressBackendPortMissing,
  ingressClassMissing,
  ingressClassUnknown,
  ingressTlsSecretMissing,
  // The Gateway API
  gatewayClassMissing,
  gatewayClassNotAccepted,
  gatewayListenersConflict,
  gatewayNotProgrammed,
  gatewayWithoutAddress,
  gatewayRouteNotAttached,
  gatewayRouteHostnameUnserved,
  gatewayBackendMissing,
  gatewayBackendRefNotPermitted,
  gatewayBackendWeightsZero,
  backendTLSPolicyTargetMissing,
  // NetworkPolicies
  namespaceWithoutPolicy,
  networkPolicyNotEnforced,
  networkPolicyEnforcementUnknown,
  policyNotEvaluated,
];

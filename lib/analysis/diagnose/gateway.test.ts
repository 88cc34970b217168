// The Gateway API checks, case by case; each case names the rule it proves.
import { describe, it } from 'vitest';
import { gateway, gatewayClass, httpRoute, referenceGrant, service, world } from '@/lib/analysis/gateway/testing';
import { backendTLSPolicyTargetMissing } from './backend-tls-policy';
import { gatewayBackendMissing, gatewayBackendRefNotPermitted, gatewayBackendWeightsZero } from './gateway-backends';
import { gatewayClassMissing, gatewayClassNotAccepted, gatewayListenersConflict, gatewayNotProgrammed, gatewayWithoutAddress } from './gateway-gateways';
import { gatewayRouteHostnameUnserved, gatewayRouteNotAttached } from './gateway-routes';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';
import type { Check } from './types';

interface Case {
  name: string;
  check: Check;
  docs: string[];
  expected: ExpectedFinding[];
}

const GW = gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP, hostname: "*.example.com", allowedRoutes: {namespaces: {from: All}}}]');
const parent = 'parentRefs: [{name: gw, namespace: infra}]';
const to = (backendRefs: string) => `rules: [{backendRefs: ${backendRefs}}]`;
const V1 = 'apiVersion: gateway.networking.k8s.io/v1';

describe('Gateway API checks', () => {
  it.each<Case>([
    {
      name: 'gateway-route-not-attached: a route in a namespace the listener does not admit (NotAllowedByListeners)',
      check: gatewayRouteNotAttached,
      docs: [gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP}]'), httpRoute('shop/r', `${parent}, ${to('[{name: web, port: 80}]')}`)],
      expected: [
        {
          id: 'gateway-route-not-attached:HTTPRoute/shop/r:infra/gw',
          severity: 'error',
          objects: ['HTTPRoute/shop/r', 'Gateway/infra/gw'],
          message: ['(NotAllowedByListeners)', 'admits routes from namespace infra only (from: Same), not from shop', 'attaches to nothing'],
          hint: ['allowedRoutes.namespaces'],
        },
      ],
    },
    {
      name: 'gateway-route-not-attached: a parentRef to a Gateway that does not exist (NoMatchingParent)',
      check: gatewayRouteNotAttached,
      docs: [GW, httpRoute('shop/r', `parentRefs: [{name: gw}], ${to('[{name: web, port: 80}]')}`)],
      expected: [{ id: 'gateway-route-not-attached:HTTPRoute/shop/r:shop/gw', severity: 'error', objects: ['HTTPRoute/shop/r'], message: ['Gateway shop/gw does not exist'] }],
    },
    {
      name: 'gateway-route-not-attached: hostnames that do not intersect (NoMatchingListenerHostname)',
      check: gatewayRouteNotAttached,
      docs: [GW, httpRoute('shop/r', `${parent}, hostnames: [shop.example.net], ${to('[{name: web, port: 80}]')}`)],
      expected: [{ id: 'gateway-route-not-attached:HTTPRoute/shop/r:infra/gw', severity: 'error', objects: ['HTTPRoute/shop/r', 'Gateway/infra/gw'], message: ['(NoMatchingListenerHostname)'] }],
    },
    {
      name: 'gateway-route-not-attached: a route without parentRefs is a warning',
      check: gatewayRouteNotAttached,
      docs: [GW, httpRoute('shop/r', to('[{name: web, port: 80}]'))],
      expected: [{ id: 'gateway-route-not-attached:HTTPRoute/shop/r', severity: 'warning', objects: ['HTTPRoute/shop/r'], message: ['has no parentRefs'] }],
    },
    {
      name: 'gateway-route-not-attached: nothing for an attached route',
      check: gatewayRouteNotAttached,
      docs: [GW, httpRoute('shop/r', `${parent}, ${to('[{name: web, port: 80}]')}`)],
      expected: [],
    },
    {
      name: 'gateway-route-hostname-unserved: one of the route\'s hostnames no listener takes',
      check: gatewayRouteHostnameUnserved,
      docs: [GW, httpRoute('shop/r', `${parent}, hostnames: [shop.example.com, shop.example.net], ${to('[{name: web, port: 80}]')}`)],
      expected: [{ id: 'gateway-route-hostname-unserved:HTTPRoute/shop/r:shop.example.net', severity: 'warning', objects: ['HTTPRoute/shop/r', 'Gateway/infra/gw'], message: ['names shop.example.net, which no listener'] }],
    },
    {
      name: 'gateway-backend-missing: a Service that does not exist (BackendNotFound), with the typo',
      check: gatewayBackendMissing,
      docs: [GW, service('shop/web'), httpRoute('shop/r', `${parent}, ${to('[{name: wen, port: 80}]')}`)],
      expected: [{ id: 'gateway-backend-missing:HTTPRoute/shop/r:shop/wen', severity: 'error', objects: ['HTTPRoute/shop/r'], message: ['Service shop/wen, which does not exist', 'the Gateway answers 500'], hint: ['Did you mean Service web?'] }],
    },
    {
      name: 'gateway-backend-missing: a port the Service lacks, the targetPort named instead of the port',
      check: gatewayBackendMissing,
      docs: [GW, service('shop/web'), httpRoute('shop/r', `${parent}, ${to('[{name: web, port: 8080}]')}`)],
      expected: [
        { id: 'gateway-backend-missing:HTTPRoute/shop/r:shop/web:8080', severity: 'error', objects: ['HTTPRoute/shop/r', 'Service/shop/web'], message: ['port 8080/TCP, which it does not have'], hint: ['8080 is the targetPort'] },
      ],
    },
    {
      name: 'gateway-backend-missing: weight 0 refs are not checked (they receive nothing)',
      check: gatewayBackendMissing,
      docs: [GW, service('shop/web'), httpRoute('shop/r', `${parent}, ${to('[{name: web, port: 80}, {name: gone, port: 80, weight: 0}]')}`)],
      expected: [],
    },
    {
      name: 'gateway-backend-ref-not-permitted: a Service in another namespace without a ReferenceGrant',
      check: gatewayBackendRefNotPermitted,
      docs: [GW, service('payments/api'), httpRoute('shop/r', `${parent}, ${to('[{name: api, namespace: payments, port: 80}]')}`)],
      expected: [
        {
          id: 'gateway-backend-ref-not-permitted:HTTPRoute/shop/r:payments/api',
          severity: 'error',
          objects: ['HTTPRoute/shop/r'],
          message: ['Service payments/api in another namespace', 'there is no ReferenceGrant in payments', '(RefNotPermitted)'],
          hint: ['Create a ReferenceGrant in namespace payments', 'kind: HTTPRoute, namespace: shop', 'name: api'],
        },
      ],
    },
    {
      name: 'gateway-backend-ref-not-permitted: nothing once the ReferenceGrant exists',
      check: gatewayBackendRefNotPermitted,
      docs: [GW, service('payments/api'), httpRoute('shop/r', `${parent}, ${to('[{name: api, namespace: payments, port: 80}]')}`), referenceGrant('payments/g', '[{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]', '[{group: "", kind: Service}]')],
      expected: [],
    },
    {
      name: 'gateway-backend-weights-zero: every weight of a rule is 0',
      check: gatewayBackendWeightsZero,
      docs: [GW, service('shop/web'), httpRoute('shop/r', `${parent}, ${to('[{name: web, port: 80, weight: 0}]')}`)],
      expected: [{ id: 'gateway-backend-weights-zero:HTTPRoute/shop/r:rule-1', severity: 'error', objects: ['HTTPRoute/shop/r'], message: ['has weight 0', 'the Gateway answers 500'] }],
    },
    {
      name: 'gateway-class-missing: a class that does not exist, with the typo',
      check: gatewayClassMissing,
      docs: [gatewayClass('envoy'), gateway('infra/gw', '[{name: web, port: 80, protocol: HTTP}]').replace('gatewayClassName: envoy', 'gatewayClassName: envyo')],
      expected: [{ id: 'gateway-class-missing:Gateway/infra/gw', severity: 'error', objects: ['Gateway/infra/gw'], message: ['GatewayClass "envyo", which does not exist (GatewayClasses: envoy)'], hint: ['Did you mean "envoy"?'] }],
    },
    {
      name: 'gateway-class-not-accepted: the controller set Accepted False; the class\'s Gateways are named',
      check: gatewayClassNotAccepted,
      docs: [`${V1}\nkind: GatewayClass\nmetadata: {name: envoy}\nspec: {controllerName: example.com/gateway}\nstatus: {conditions: [{type: Accepted, status: "False", reason: InvalidParameters, message: bad ref}]}`, GW],
      expected: [{ id: 'gateway-class-not-accepted:GatewayClass/envoy', severity: 'error', objects: ['GatewayClass/envoy', 'Gateway/infra/gw'], message: ['Accepted False (InvalidParameters: bad ref)'] }],
    },
    {
      name: 'gateway-class-not-accepted: the default Pending status is not a finding',
      check: gatewayClassNotAccepted,
      docs: [GW],
      expected: [],
    },
    {
      name: 'gateway-listeners-conflict: the same port and hostname with different protocols; both are reported',
      check: gatewayListenersConflict,
      docs: [gateway('infra/gw', '[{name: a, port: 443, protocol: HTTPS, hostname: x.example.com, tls: {}}, {name: b, port: 443, protocol: TLS, hostname: x.example.com, tls: {mode: Passthrough}}]')],
      expected: [
        { id: 'gateway-listeners-conflict:Gateway/infra/gw:a', severity: 'error', objects: ['Gateway/infra/gw'], message: ['is HTTPS on one and TLS on the other'] },
        { id: 'gateway-listeners-conflict:Gateway/infra/gw:b', severity: 'error', objects: ['Gateway/infra/gw'] },
      ],
    },
    {
      name: 'gateway-listeners-conflict: different hostnames on one port are distinct',
      check: gatewayListenersConflict,
      docs: [gateway('infra/gw', '[{name: a, port: 443, protocol: HTTPS, hostname: x.example.com, tls: {}}, {name: b, port: 443, protocol: TLS, hostname: y.example.com, tls: {mode: Passthrough}}]')],
      expected: [],
    },
    {
      name: 'gateway-not-programmed: status Programmed False',
      check: gatewayNotProgrammed,
      docs: [`${GW}\nstatus: {conditions: [{type: Programmed, status: "False", reason: Invalid, message: no listeners valid}]}`],
      expected: [{ id: 'gateway-not-programmed:Gateway/infra/gw', severity: 'error', objects: ['Gateway/infra/gw'], message: ['Programmed False (Invalid: no listeners valid)'] }],
    },
    {
      name: 'gateway-without-address: a controller wrote status but no address',
      check: gatewayWithoutAddress,
      docs: [`${GW}\nstatus: {conditions: [{type: Programmed, status: "False", reason: AddressNotAssigned}]}`],
      expected: [{ id: 'gateway-without-address:Gateway/infra/gw', severity: 'warning', objects: ['Gateway/infra/gw'], message: ['has no address in its status'] }],
    },
    {
      name: 'gateway-without-address: no finding while the status is the CRD default (Pending), as from manifests',
      check: gatewayWithoutAddress,
      docs: [GW],
      expected: [],
    },
    {
      name: 'backend-tls-policy-target-missing: a target Service that does not exist',
      check: backendTLSPolicyTargetMissing,
      docs: [service('shop/payments'), `${V1}\nkind: BackendTLSPolicy\nmetadata: {name: tls, namespace: shop}\nspec: {targetRefs: [{group: "", kind: Service, name: paymnets}], validation: {hostname: payments.example.com, wellKnownCACertificates: System}}`],
      expected: [{ id: 'backend-tls-policy-target-missing:BackendTLSPolicy/shop/tls:paymnets', severity: 'warning', objects: ['BackendTLSPolicy/shop/tls'], message: ['Service shop/paymnets, which does not exist'], hint: ['Did you mean Service payments?'] }],
    },
    {
      name: 'backend-tls-policy-target-missing: a sectionName that is no port name of the Service',
      check: backendTLSPolicyTargetMissing,
      docs: [service('shop/payments'), `${V1}\nkind: BackendTLSPolicy\nmetadata: {name: tls, namespace: shop}\nspec: {targetRefs: [{group: "", kind: Service, name: payments, sectionName: https}], validation: {hostname: payments.example.com, wellKnownCACertificates: System}}`],
      expected: [{ id: 'backend-tls-policy-target-missing:BackendTLSPolicy/shop/tls:payments:https', severity: 'warning', objects: ['BackendTLSPolicy/shop/tls', 'Service/shop/payments'], message: ['no port of that name (named ports: http)'] }],
    },
  ])('$name', ({ check, docs, expected }) => {
    // Every world has the GatewayClass envoy, unless the case writes its own.
    const withClass = docs.some((d) => d.includes('kind: GatewayClass')) ? docs : [gatewayClass(), ...docs];
    expectFindings(runChecks(check, world(...withClass)), expected);
  });
});

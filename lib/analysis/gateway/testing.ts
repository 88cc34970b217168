// Small Gateway API worlds for the tests, written as the YAML people apply and read the way kube-netmap reads
// manifests, so every object carries the CRDs' defaults exactly as the normalisers apply them.

import type { ClusterModel } from '@/lib/model';
import { modelFromDocuments } from '@/lib/sources/manifests';

const V1 = 'apiVersion: gateway.networking.k8s.io/v1';

/** A model of the given YAML documents (flow-style YAML keeps the cases short); throws on any warning. */
export function world(...documents: string[]): ClusterModel {
  const { model, warnings } = modelFromDocuments([{ file: 'test.yaml', text: documents.join('\n---\n') }]);
  if (warnings.length > 0) throw new Error(`unexpected warnings: ${warnings.map((w) => `${w.line}: ${w.message}`).join('; ')}`);
  return model;
}

const meta = (ref: string, extra = '') => {
  const [namespace, name] = ref.includes('/') ? ref.split('/') : ['default', ref];
  return `metadata: {name: ${name}, namespace: ${namespace}${extra}}`;
};

export const gatewayClass = (name = 'envoy') => `${V1}\nkind: GatewayClass\nmetadata: {name: ${name}}\nspec: {controllerName: example.com/gateway}`;

/** A Gateway of class envoy; `listeners` is a YAML flow list. */
export const gateway = (ref: string, listeners: string, spec = '') => `${V1}\nkind: Gateway\n${meta(ref)}\nspec: {gatewayClassName: envoy, listeners: ${listeners}${spec ? `, ${spec}` : ''}}`;

/** An HTTPRoute; `spec` is the inside of a YAML flow mapping. `created` sets its creationTimestamp. */
export const httpRoute = (ref: string, spec: string, created?: string) =>
  `${V1}\nkind: HTTPRoute\n${meta(ref, created ? `, creationTimestamp: "${created}"` : '')}\nspec: {${spec}}`;

export const route = (kind: 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute', ref: string, spec: string, created?: string) =>
  `${V1}\nkind: ${kind}\n${meta(ref, created ? `, creationTimestamp: "${created}"` : '')}\nspec: {${spec}}`;

export const listenerSet = (ref: string, parent: string, listeners: string, created?: string) =>
  `${V1}\nkind: ListenerSet\n${meta(ref, created ? `, creationTimestamp: "${created}"` : '')}\nspec: {parentRef: ${parent}, listeners: ${listeners}}`;

export const referenceGrant = (ref: string, from: string, to: string) => `${V1}\nkind: ReferenceGrant\n${meta(ref)}\nspec: {from: ${from}, to: ${to}}`;

export const namespace = (name: string, labels = '{}') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}`;

/** A Service selecting app=<name> on the given ports, with one ready pod behind it (a Deployment's template pod). */
export const service = (ref: string, ports = '[{name: http, port: 80, targetPort: 8080}]') => {
  const [ns, name] = ref.includes('/') ? ref.split('/') : ['default', ref];
  return [
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {selector: {app: ${name}}, ports: ${ports}}`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: app, image: x, ports: [{name: http, containerPort: 8080}]}]}}}`,
  ].join('\n---\n');
};

import { describe, expect, it } from 'vitest';
import type { IngressClass } from '@/lib/model';
import {
  httpPath,
  ingress,
  ingressClass,
  ingressRule,
  model,
  namespace,
  networkPolicy,
  peer,
  pod,
  policyIngress,
  service,
  serviceBackend,
} from '../testing/builders';
import { ingressControllerPods } from './controller-pods';
import { traceRequest } from './trace-request';

const controller = pod('ingress/controller', { labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'edge' }, ip: '10.0.9.1' });
const traefik = pod('ingress/traefik', { labels: { 'app.kubernetes.io/name': 'traefik' }, ip: '10.0.9.2' });
const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.1.1', ports: [{ name: 'http', containerPort: 8080 }] });
const nginxClass = ingressClass('nginx', { controller: 'k8s.io/ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'edge' } });
const route = ingress('shop/site', { ingressClassName: 'nginx', rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', serviceBackend('web', 80)))] });
const webService = service('shop/web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });

const cluster = (policies: ReturnType<typeof networkPolicy>[], classes: IngressClass[] = [nginxClass]) =>
  model({
    namespaces: [namespace('shop'), namespace('ingress')],
    pods: [controller, traefik, web],
    services: [webService],
    ingresses: [route],
    ingressclasses: classes,
    networkpolicies: policies,
  });

describe('ingressControllerPods (no API field links a class to its pods: Helm labels, then known controllers)', () => {
  it.each([
    { name: 'the labels the IngressClass shares with the controller pods, as Helm charts set them', cls: nginxClass, want: ['controller'] },
    {
      name: 'a well-known controller value when the class has no such labels',
      cls: ingressClass('traefik', { controller: 'traefik.io/ingress-controller' }),
      want: ['traefik'],
    },
    { name: 'nothing for an unknown controller', cls: ingressClass('other', { controller: 'example.com/lb' }), want: [] },
  ])('$name', ({ cls, want }) => {
    expect(ingressControllerPods(cluster([]), cls).map((p) => p.meta.name)).toEqual(want);
  });
});

describe('traceRequest: the route, then the policies from the controller pod to the backend', () => {
  it('allowed when the backend admits the controller namespace on the targetPort (networking/v1 NetworkPolicyPeer)', () => {
    const result = traceRequest(
      cluster([networkPolicy('shop/web', { podSelector: { app: 'web' }, ingress: [policyIngress({ from: [peer({ namespaces: { 'kubernetes.io/metadata.name': 'ingress' } })], ports: ['http'] })] })]),
      { host: 'shop.example.com', path: '/' },
    );
    expect(result.matched).toBe(true);
    expect(result.controllerFlow?.from).toBe('pod/ingress/controller');
    expect(result.controllerFlow?.verdict).toBe('allowed');
    expect(result.controllerFlow?.paths.map((p) => p.port)).toEqual([8080]);
  });

  it('denied with the closest rule when the backend admits only its own namespace', () => {
    const result = traceRequest(
      cluster([networkPolicy('shop/web', { podSelector: { app: 'web' }, ingress: [policyIngress({ from: [peer({ pods: {} })] })] })]),
      { host: 'shop.example.com', path: '/' },
    );
    expect(result.controllerFlow?.verdict).toBe('denied');
    expect(result.controllerFlow?.paths[0]!.ingress.nearMisses[0]!.text).toContain('the peer selects pods in namespace shop only; the pod is in ingress');
  });

  it('says why the policies were not checked when the controller pods are unknown', () => {
    const result = traceRequest(cluster([], [ingressClass('nginx', { controller: 'example.com/lb' })]), { host: 'shop.example.com', path: '/' });
    expect(result.controllerFlow).toBeUndefined();
    expect(result.controllerNote).toBe('no pods of controller example.com/lb (IngressClass nginx) were found');
  });
});

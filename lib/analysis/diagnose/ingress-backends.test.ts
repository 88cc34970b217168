import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { httpPath, ingress, ingressRule, model, resourceBackend, service, serviceBackend } from '@/lib/analysis/testing/builders';
import { ingressBackendPortMissing, ingressBackendServiceMissing } from './ingress-backends';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

interface Case {
  name: string;
  model: ClusterModel;
  expected: ExpectedFinding[];
}

const api = service('shop/api', { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
const site = (...paths: Parameters<typeof ingressRule>[1][]) => ingress('shop/site', { rules: [ingressRule('shop.example.com', ...paths)] });

describe('ingress-backend-service-missing (networking/v1 IngressServiceBackend.name: a Service of the Ingress’s namespace)', () => {
  const cases: Case[] = [
    {
      name: 'a rule path to a Service that does not exist, with the nearest name',
      model: model({ services: [api, service('shop/web')], ingresses: [site(httpPath('/api', 'Prefix', serviceBackend('apii', 80)))] }),
      expected: [
        {
          id: 'ingress-backend-service-missing:Ingress/shop/site:apii',
          severity: 'error',
          objects: ['Ingress/shop/site'],
          message: ['Ingress shop/site sends shop.example.com/api (Prefix) to Service shop/apii, which does not exist', '503'],
          hint: ['Did you mean Service api?', 'Services there: api and web'],
        },
      ],
    },
    {
      name: 'the defaultBackend (IngressSpec.defaultBackend) and every path to the same missing Service make one finding',
      model: model({
        services: [api],
        ingresses: [
          ingress('shop/site', {
            defaultBackend: serviceBackend('front', 80),
            rules: [ingressRule('shop.example.com', httpPath('/', 'Prefix', serviceBackend('front', 80)), httpPath('/x', 'Exact', serviceBackend('front', 'http')))],
          }),
        ],
      }),
      expected: [
        {
          id: 'ingress-backend-service-missing:Ingress/shop/site:front',
          severity: 'error',
          objects: ['Ingress/shop/site'],
          message: ['sends the defaultBackend, shop.example.com/ (Prefix) and shop.example.com/x (Exact) to Service shop/front'],
        },
      ],
    },
    {
      name: 'a Service of the same name in another namespace does not count',
      model: model({ services: [service('other/api')], ingresses: [site(httpPath('/', 'Prefix', serviceBackend('api', 80)))] }),
      expected: [
        { id: 'ingress-backend-service-missing:Ingress/shop/site:api', severity: 'error', objects: ['Ingress/shop/site'], hint: ['there is none there'] },
      ],
    },
    {
      name: 'healthy: the Service exists; resource backends are not Services',
      model: model({
        services: [api],
        ingresses: [site(httpPath('/', 'Prefix', serviceBackend('api', 80)), httpPath('/static', 'Prefix', resourceBackend('StorageBucket', 'assets', 'k8s.example.com')))],
      }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(ingressBackendServiceMissing, m), expected);
  });
});

describe('ingress-backend-port-missing (networking/v1 ServiceBackendPort.number/.name: a port of the Service)', () => {
  const cases: Case[] = [
    {
      name: 'a port number the Service does not have; it is the container port (targetPort), a common mix-up',
      model: model({ services: [api], ingresses: [site(httpPath('/', 'Prefix', serviceBackend('api', 8080)))] }),
      expected: [
        {
          id: 'ingress-backend-port-missing:Ingress/shop/site:api:8080',
          severity: 'error',
          objects: ['Ingress/shop/site', 'Service/shop/api'],
          message: ['sends shop.example.com/ (Prefix) to Service shop/api port 8080, but it has no port 8080 (its ports: port http 80/TCP → 8080)'],
          hint: ['8080 is the targetPort of its port http 80/TCP → 8080', 'use port name "http" or number 80'],
        },
      ],
    },
    {
      name: 'a port name the Service does not have, with the nearest name',
      model: model({ services: [api], ingresses: [site(httpPath('/', 'Prefix', serviceBackend('api', 'htp')))] }),
      expected: [
        {
          id: 'ingress-backend-port-missing:Ingress/shop/site:api:htp',
          severity: 'error',
          objects: ['Ingress/shop/site', 'Service/shop/api'],
          message: ['port "htp", but it has no port named "htp"'],
          hint: ['Did you mean "http"?'],
        },
      ],
    },
    {
      name: 'a UDP port cannot take HTTP (ServicePort.protocol)',
      model: model({
        services: [service('shop/dns', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] })],
        ingresses: [site(httpPath('/', 'Prefix', serviceBackend('dns', 53)))],
      }),
      expected: [{ id: 'ingress-backend-port-missing:Ingress/shop/site:dns:53', severity: 'error', objects: ['Ingress/shop/site', 'Service/shop/dns'], message: ['its port 53 is UDP'] }],
    },
    {
      name: 'healthy: by number and by name; a missing Service is the other check’s; an ExternalName Service’s ports are not checked',
      model: model({
        services: [api, service('shop/ext', { type: 'ExternalName', externalName: 'x.example.com', ports: [] })],
        ingresses: [
          site(
            httpPath('/a', 'Prefix', serviceBackend('api', 80)),
            httpPath('/b', 'Prefix', serviceBackend('api', 'http')),
            httpPath('/c', 'Prefix', serviceBackend('nothing', 80)),
            httpPath('/d', 'Prefix', serviceBackend('ext', 443)),
          ),
        ],
      }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(ingressBackendPortMissing, m), expected);
  });

  it.each([ingressBackendServiceMissing, ingressBackendPortMissing])('$check is skipped while Services are syncing (a missing Service proves nothing then)', (check) => {
    const m = model({ ingresses: [site(httpPath('/', 'Prefix', serviceBackend('api', 80)))], sync: { services: { status: 'syncing' } } });
    expect(runChecks(check, m)).toStrictEqual({ findings: [], skipped: [{ check: check.check, reason: 'services are still loading' }] });
  });
});

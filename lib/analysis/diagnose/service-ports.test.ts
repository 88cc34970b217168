import { describe, expect, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { model, pod, service } from '@/lib/analysis/testing/builders';
import { serviceProtocolMismatch, serviceTargetPortNameMissing, serviceTargetPortNumberUndeclared } from './service-ports';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

interface Case {
  name: string;
  model: ClusterModel;
  expected: ExpectedFinding[];
}

const labels = { app: 'web' };
const named = (targetPort: string, protocol: 'TCP' | 'UDP' = 'TCP') => service('shop/web', { ports: [{ name: 'web', port: 80, targetPort, protocol }] });
const numbered = (targetPort: number, protocol: 'TCP' | 'UDP' = 'TCP', port = 80) => service('shop/web', { ports: [{ port, targetPort, protocol }] });

describe('service-target-port-name-missing (core/v1 ServicePort.targetPort: a name is looked up among the pods’ ContainerPort.name with the same protocol)', () => {
  const id = 'service-target-port-name-missing:Service/shop/web:80/TCP';
  const cases: Case[] = [
    {
      name: 'named targetPort must be declared by the pods with the same name and protocol: none does → error, with the names they declare',
      model: model({
        services: [named('http-api')],
        pods: [pod('shop/web-1', { labels, ports: [{ name: 'http', containerPort: 8080 }, 9090] }), pod('shop/web-2', { labels, ports: [{ name: 'http', containerPort: 8080 }, 9090] })],
      }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1', 'Pod/shop/web-2'],
          message: [
            'Service shop/web port web 80/TCP → http-api: no selected pod declares a TCP container port named "http-api"',
            'pods shop/web-1 and shop/web-2 declare http 8080/TCP, 9090/TCP',
            'connections to shop/web:80 fail',
          ],
          hint: ['did you mean "http"?', 'name the container port "http-api" (protocol TCP)'],
        },
      ],
    },
    {
      name: 'named targetPort declared by some pods only → warning naming the pods that lack it',
      model: model({
        services: [named('http')],
        pods: [pod('shop/web-1', { labels, ports: [{ name: 'http', containerPort: 8080 }] }), pod('shop/web-2', { labels, ports: [{ name: 'web', containerPort: 8080 }] })],
      }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Service/shop/web', 'Pod/shop/web-2'],
          message: ['1 of 2 selected pods do not declare a TCP container port named "http" (pod shop/web-2 declares web 8080/TCP)', 'no traffic on this port'],
          hint: ['rollout'],
        },
      ],
    },
    {
      name: 'a port of that name with another protocol does not count (ServicePort.protocol)',
      model: model({ services: [named('dns', 'UDP')], pods: [pod('shop/web-1', { labels, ports: [{ name: 'dns', containerPort: 53 }] })] }),
      expected: [
        {
          id: 'service-target-port-name-missing:Service/shop/web:80/UDP',
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1'],
          message: ['pod shop/web-1 declares "dns" as 53/TCP, not UDP'],
        },
      ],
    },
    {
      name: 'pods that declare no ports at all are said to',
      model: model({ services: [named('http')], pods: [pod('shop/web-1', { labels })] }),
      expected: [{ id, severity: 'error', objects: ['Service/shop/web', 'Pod/shop/web-1'], message: ['pod shop/web-1 declares no container ports'] }],
    },
    {
      name: 'only the failing port of a multi-port Service is reported, with its port in the id',
      model: model({
        services: [service('shop/web', { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] })],
        pods: [pod('shop/web-1', { labels, ports: [{ name: 'http', containerPort: 8080 }] })],
      }),
      expected: [{ id: 'service-target-port-name-missing:Service/shop/web:9090/TCP', severity: 'error', objects: ['Service/shop/web', 'Pod/shop/web-1'] }],
    },
    {
      name: 'healthy: declared by a native sidecar (an init container with restartPolicy Always serves ports too)',
      model: model({
        services: [named('proxy')],
        pods: [pod('shop/web-1', { labels, containers: [{ name: 'app', ports: [8080] }, { name: 'envoy', sidecar: true, ports: [{ name: 'proxy', containerPort: 15001 }] }] })],
      }),
      expected: [],
    },
    {
      name: 'finished pods are not endpoints, so their ports do not count; without running pods the check has nothing to say',
      model: model({ services: [named('http')], pods: [pod('shop/web-1', { labels, phase: 'Failed', ready: false })] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceTargetPortNameMissing, m), expected);
  });
});

describe('service-target-port-number-undeclared (core/v1 ServicePort.targetPort as a number; ContainerPort is informational)', () => {
  const id = 'service-target-port-number-undeclared:Service/shop/web:80/TCP';
  const cases: Case[] = [
    {
      name: 'a numeric targetPort no container declares → warning that it may still work, with the one declared port suggested',
      model: model({ services: [numbered(8000)], pods: [pod('shop/web-1', { labels, ports: [{ name: 'http', containerPort: 8080 }] })] }),
      expected: [
        {
          id,
          severity: 'warning',
          objects: ['Service/shop/web', 'Pod/shop/web-1'],
          message: ['Service shop/web port 80/TCP → 8000: no selected pod declares container port 8000 (pod shop/web-1 declares http 8080/TCP)'],
          hint: ['It may still work: a container can listen on a port it does not declare', '(did you mean 8080?)'],
        },
      ],
    },
    {
      name: 'pods without any declared port: still a warning',
      model: model({ services: [numbered(80)], pods: [pod('shop/web-1', { labels })] }),
      expected: [{ id, severity: 'warning', objects: ['Service/shop/web', 'Pod/shop/web-1'], message: ['declares no container ports'] }],
    },
    {
      name: 'healthy: declared by at least one selected pod',
      model: model({ services: [numbered(8080)], pods: [pod('shop/web-1', { labels, ports: [8080] }), pod('shop/web-2', { labels })] }),
      expected: [],
    },
    {
      name: 'declared with another protocol only is a protocol mismatch, not undeclared',
      model: model({ services: [numbered(53, 'UDP', 53)], pods: [pod('shop/web-1', { labels, ports: [53] })] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceTargetPortNumberUndeclared, m), expected);
  });
});

describe('service-protocol-mismatch (core/v1 ServicePort.protocol vs ContainerPort.protocol of the targetPort)', () => {
  const id = 'service-protocol-mismatch:Service/shop/web:53/UDP';
  const cases: Case[] = [
    {
      name: 'Service UDP 53 → the container declares 53 TCP only → error',
      model: model({ services: [numbered(53, 'UDP', 53)], pods: [pod('shop/web-1', { labels, ports: [{ name: 'dns-tcp', containerPort: 53 }] })] }),
      expected: [
        {
          id,
          severity: 'error',
          objects: ['Service/shop/web', 'Pod/shop/web-1'],
          message: ['Service shop/web port 53/UDP → 53 sends UDP, but pod shop/web-1 declares 53 only as TCP'],
          hint: ['declare the container port with protocol UDP', 'defaults to TCP'],
        },
      ],
    },
    {
      name: 'some pods declare it with the right protocol → warning naming the others',
      model: model({
        services: [numbered(53, 'UDP', 53)],
        pods: [pod('shop/web-1', { labels, ports: [{ containerPort: 53, protocol: 'UDP' }] }), pod('shop/web-2', { labels, ports: [53] })],
      }),
      expected: [
        { id, severity: 'warning', objects: ['Service/shop/web', 'Pod/shop/web-2'], message: ['1 of 2 selected pods do not declare it as UDP: pod shop/web-2 declares 53 only as TCP'] },
      ],
    },
    {
      name: 'healthy: a DNS Service with a TCP and a UDP port, and pods declaring both',
      model: model({
        services: [service('shop/web', { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] })],
        pods: [pod('shop/web-1', { labels, ports: [{ containerPort: 53, protocol: 'UDP' }, 53] })],
      }),
      expected: [],
    },
    {
      name: 'a named targetPort is resolved with its protocol, so it never mismatches here',
      model: model({ services: [named('dns', 'UDP')], pods: [pod('shop/web-1', { labels, ports: [{ name: 'dns', containerPort: 53 }] })] }),
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ model: m, expected }) => {
    expectFindings(runChecks(serviceProtocolMismatch, m), expected);
  });
});

describe('the port checks and sync state', () => {
  it.each([serviceTargetPortNameMissing, serviceTargetPortNumberUndeclared, serviceProtocolMismatch])('$check is skipped while pods are forbidden', (check) => {
    const m = model({ services: [named('http')], sync: { pods: { status: 'forbidden', message: 'no list on pods' } } });
    expect(runChecks(check, m)).toStrictEqual({ findings: [], skipped: [{ check: check.check, reason: 'pods cannot be read (forbidden: no list on pods)' }] });
  });
});

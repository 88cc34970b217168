import { describe, it } from 'vitest';
import type { ClusterModel } from '@/lib/model';
import { clusterPolicy, clusterRule, model, namespace, networkPolicy, peer, pod, podsPeer, policyIngress, service } from '@/lib/analysis/testing/builders';
import { flannelDaemonSet } from '@/lib/analysis/testing/network-plugins';
import { calicoPolicy } from '@/lib/analysis/testing/plugin-builders';
import { serviceAllClientsBlocked } from './service-clients';
import { expectFindings, runChecks, type ExpectedFinding } from './test-helpers';

const api = pod('shop/api', { labels: { app: 'api' }, ip: '10.0.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
const web = pod('shop/web', { labels: { app: 'web' }, ip: '10.0.1.1' });
const svc = (type: 'ClusterIP' | 'LoadBalancer' = 'ClusterIP') =>
  service('shop/api', { type, selector: { app: 'api' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
const deny = networkPolicy('shop/default-deny', { policyTypes: ['Ingress'] });
const cluster = (policies = [deny], type: 'ClusterIP' | 'LoadBalancer' = 'ClusterIP'): ClusterModel =>
  model({ namespaces: [namespace('shop')], pods: [api, web], services: [svc(type)], networkpolicies: policies });

const blocked = (policies: string): ExpectedFinding => ({
  id: 'service-all-clients-blocked:Service/shop/api:80/TCP',
  severity: 'error',
  objects: ['Service/shop/api'],
  message: [`its 1 ready endpoint is isolated for ingress by ${policies}, and no rule admits any pod on TCP 8080`],
  hint: ['(the targetPort, not the Service port 80)'],
});

describe('service-all-clients-blocked (networking/v1 NetworkPolicySpec.ingress; core/v1 ServicePort.targetPort)', () => {
  it.each([
    { name: 'isolated endpoints that no rule opens to any pod are reported', model: cluster(), want: [blocked('shop/default-deny')] },
    {
      name: 'a rule admitting one pod on the targetPort is enough',
      model: cluster([deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [8080] })] })]),
      want: [],
    },
    {
      name: 'a rule on the Service port (80) does not count: policies apply at the endpoint on the targetPort (8080)',
      model: cluster([deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } })], ports: [80] })] })]),
      want: [blocked('shop/default-deny and shop/api')],
    },
    { name: 'endpoints no policy isolates are not reported (the clients decide, one by one)', model: cluster([]), want: [] },
    {
      name: 'a LoadBalancer whose endpoints admit outside addresses has clients outside the cluster: not reported',
      model: cluster([deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: '0.0.0.0/0' })] })] })], 'LoadBalancer'),
      want: [],
    },
    {
      name: 'a ClusterIP Service admitting only outside addresses is reported: its clients are pods',
      model: cluster([deny, networkPolicy('shop/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ ipBlock: '192.0.2.0/24' })] })] })]),
      want: [blocked('shop/default-deny and shop/api')],
    },
    {
      name: 'a client whose verdict is unknown (Admin policies of one priority disagree) may be admitted: not reported',
      model: model({
        namespaces: [namespace('shop')],
        pods: [api, web],
        services: [svc()],
        networkpolicies: [deny],
        clusternetworkpolicies: [
          clusterPolicy('accept-all', { priority: 1, ingress: [clusterRule('Accept', [podsPeer()])] }),
          clusterPolicy('deny-all', { priority: 1, ingress: [clusterRule('Deny', [podsPeer()])] }),
        ],
      }),
      want: [],
    },
    {
      name: 'where the network plugin does not enforce NetworkPolicy (flannel alone), the clients connect today: a warning that says so',
      model: { ...cluster(), resources: { ...cluster().resources, daemonsets: [flannelDaemonSet] } },
      want: [
        {
          ...blocked('shop/default-deny'),
          severity: 'warning' as const,
          message: ['The policies let no pod in the cluster connect to Service shop/api', 'denied by policy, but not enforced by flannel: traffic flows today; once a plugin enforces them, none will'],
        },
      ],
    },
    {
      name: 'endpoints a Calico policy selects for ingress are unknown, not blocked: not reported',
      model: model({ namespaces: [namespace('shop')], pods: [api, web], services: [svc()], networkpolicies: [deny], caliconetworkpolicies: [calicoPolicy('shop/api', { selector: "app == 'api'" })] }),
      want: [],
    },
  ])('$name', ({ model: m, want }) => {
    expectFindings(runChecks(serviceAllClientsBlocked, m), want);
  });
});

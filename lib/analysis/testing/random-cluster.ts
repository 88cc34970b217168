// A seeded random cluster for the reach, connectivity and diff property tests: two namespaces of workloads with
// random replica counts, labels, IPs, nodes and container ports, one host-network DaemonSet pod, and a subset of a
// fixed list of NetworkPolicies that exercise isolation, named ports, namespace selectors, ipBlocks with except and
// matchExpressions. The same seed gives the same cluster on every run.

import type { ClusterModel, NetworkPolicy, Pod } from '@/lib/model';
import { ipBlock, model, namespace, type ModelInit, networkPolicy, node, peer, pod, policyEgress, policyIngress, policyPort, requirement } from './builders';
import { prng } from './prng';

type Random = ReturnType<typeof prng>;

/** Deployments web, api and db and bare job pods in namespaces a and b, and the host-network DaemonSet pod b/agent. */
export function randomPods(rnd: Random): Pod[] {
  const pods: Pod[] = [];
  let n = 0;
  for (const ns of ['a', 'b']) {
    for (const app of ['web', 'api', 'db', 'job']) {
      const replicas = 1 + Math.floor(rnd.next() * 3);
      for (let r = 0; r < replicas; r++) {
        n += 1;
        const nodeName = rnd.pick(['n1', 'n2']);
        pods.push(
          pod(`${ns}/${app}-${r}`, {
            labels: { app, ...(rnd.next() < 0.3 ? { canary: 'true' } : {}), 'pod-template-hash': `h${r}` },
            workload: app === 'job' ? { kind: 'Pod', name: `${app}-${r}` } : { kind: 'Deployment', name: app },
            ip: `10.0.${rnd.pick([0, 1])}.${n}`,
            nodeName,
            ports: [{ name: 'http', containerPort: rnd.pick([8080, 8081]) }, { name: 'dns', containerPort: 53, protocol: 'UDP' }],
          }),
        );
      }
    }
  }
  pods.push(pod('b/agent', { labels: { app: 'agent' }, workload: { kind: 'DaemonSet', name: 'agent' }, hostNetwork: true, ip: '172.18.0.2', nodeName: 'n1', hostIP: '172.18.0.2' }));
  return pods;
}

/** The NetworkPolicies a random cluster picks from. */
export const CANDIDATE_POLICIES: readonly NetworkPolicy[] = [
  networkPolicy('a/deny', { policyTypes: ['Ingress', 'Egress'] }),
  networkPolicy('b/deny-ingress', { policyTypes: ['Ingress'] }),
  networkPolicy('a/dns', { policyTypes: ['Egress'], egress: [policyEgress({ to: [peer({ namespaces: {} })], ports: [policyPort('dns', 'UDP')] })] }),
  networkPolicy('a/web', { podSelector: { app: 'web' }, egress: [policyEgress({ to: [peer({ pods: { app: 'api' } }), peer({ ipBlock: ipBlock('0.0.0.0/0', '10.0.1.0/24') })], ports: ['http'] })] }),
  networkPolicy('a/api', { podSelector: { app: 'api' }, ingress: [policyIngress({ from: [peer({ pods: { app: 'web' } }), peer({ namespaces: { team: 'b' }, pods: { canary: 'true' } })], ports: [policyPort(8080, 'TCP', 8080)] })] }),
  networkPolicy('b/db', { podSelector: { app: 'db' }, ingress: [policyIngress({ from: [peer({ ipBlock: ipBlock('10.0.0.0/16', '10.0.1.0/24') })] })] }),
  networkPolicy('b/api', { podSelector: { matchLabels: {}, matchExpressions: [requirement('canary', 'DoesNotExist')] }, ingress: [policyIngress({ from: [peer({ namespaces: { team: 'a' } })], ports: ['http'] })] }),
];

/** The pods and policies with the namespaces (labelled team=a, team=b) and the two nodes they name. */
export function clusterOf(pods: Pod[], policies: NetworkPolicy[], more: ModelInit = {}): ClusterModel {
  return model({
    namespaces: [namespace('a', { labels: { team: 'a' } }), namespace('b', { labels: { team: 'b' } })],
    nodes: [node('n1', { ip: '172.18.0.2' }), node('n2', { ip: '172.18.0.3' })],
    pods,
    networkpolicies: policies,
    ...more,
  });
}

/** Random pods, and each candidate policy with probability 0.7. */
export function randomCluster(seed: number): ClusterModel {
  const rnd = prng(seed);
  const pods = randomPods(rnd);
  return clusterOf(pods, CANDIDATE_POLICIES.filter(() => rnd.next() < 0.7));
}

// The shapes of the generated cluster's objects: pod specs, bare pods, Deployment names, NetworkPolicies
// (population.ts creates them).

import type { V1NetworkPolicy, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { BENCH_LABEL, IMAGE, RUN_LABEL, benchLabels, runId } from './common.ts';

export function podSpec(): V1PodSpec {
  return {
    nodeSelector: { [RUN_LABEL]: runId },
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds: 0,
    containers: [{ name: 'app', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }] }],
  };
}

export function barePod(namespace: string, name: string): V1Pod {
  return { metadata: { name, namespace, labels: { app: name, ...benchLabels } }, spec: podSpec() };
}

export const deploymentName = (i: number) => `d${String(i).padStart(2, '0')}`;

export function policies(namespace: string): V1NetworkPolicy[] {
  const app = (name: string) => ({ matchLabels: { app: name } });
  const meta = (name: string) => ({ name, namespace, labels: benchLabels });
  // The typed models call a rule's `from` `_from`; the client serialises it back to `from`.
  return [
    { metadata: meta('default-deny-ingress'), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    {
      metadata: meta('allow-d01-from-d00'),
      spec: { podSelector: app('d01'), policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: app('d00') }], ports: [{ protocol: 'TCP', port: 8080 }] }] },
    },
    {
      metadata: meta('allow-d00-in-namespace'),
      spec: { podSelector: app('d00'), policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 'http' }] }] },
    },
    {
      metadata: meta('allow-d06-from-bench'),
      spec: {
        podSelector: app('d06'),
        policyTypes: ['Ingress'],
        ingress: [{ _from: [{ namespaceSelector: { matchLabels: { [BENCH_LABEL]: 'ui' } }, podSelector: app('d02') }] }],
      },
    },
  ];
}

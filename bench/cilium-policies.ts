// The benchmark's Cilium policies (cilium.io/v2), as the API server would list them: what a team on a Cilium cluster
// writes beside (or instead of) NetworkPolicies. Most are namespaced CiliumNetworkPolicies: L3/L4 allows between
// tiers by endpoint labels and ports, egress to the world by entity and CIDR set with an except, and a few with L7
// rules or toFQDNs (whose egress the engine answers "unknown" for outside addresses); one in ten is a
// CiliumClusterwideNetworkPolicy with deny rules that win over every allow.

import type { RawObject } from '@/lib/model/normalize/raw';

export interface CiliumNames {
  nsName: (i: number) => string;
  namespaces: number;
}

type Meta = (name: string, namespace?: string) => RawObject['metadata'];

const tcp = (port: number, endPort?: number) => ({ port: String(port), protocol: 'TCP', ...(endPort ? { endPort } : {}) });

export function generateCiliumPolicies(count: number, { nsName, namespaces }: CiliumNames, meta: Meta): { namespaced: RawObject[]; clusterwide: RawObject[] } {
  const namespaced: RawObject[] = [];
  const clusterwide: RawObject[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      clusterwide.push({
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumClusterwideNetworkPolicy',
        metadata: meta(`platform-deny-${i}`),
        spec: {
          endpointSelector: { matchLabels: { 'k8s:io.kubernetes.pod.namespace': nsName(1 + (i % (namespaces - 1))) } },
          ingressDeny: [{ fromEntities: ['world'], toPorts: [{ ports: [tcp(22)] }] }],
          egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
        },
      });
      continue;
    }
    const namespace = nsName(1 + (i % (namespaces - 1)));
    const kind = i % 5;
    let spec: Record<string, unknown>;
    if (kind === 0) {
      spec = {
        endpointSelector: { matchLabels: { tier: 'db' } },
        ingress: [{ fromEndpoints: [{ matchLabels: { tier: 'api' } }, { matchLabels: { tier: 'worker' } }], toPorts: [{ ports: [tcp(5432)] }] }],
      };
    } else if (kind === 1) {
      spec = {
        endpointSelector: { matchLabels: { tier: 'api' } },
        ingress: [
          { fromEndpoints: [{ matchLabels: { tier: 'web' } }], toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/.*' }] } }] },
          { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': nsName(0), app: 'prometheus' } }], toPorts: [{ ports: [{ port: 'metrics', protocol: 'TCP' }] }] },
        ],
      };
    } else if (kind === 2) {
      spec = {
        endpointSelector: { matchLabels: { tier: 'web' } },
        egress: [
          { toEntities: ['world'], toPorts: [{ ports: [tcp(443)] }] },
          { toCIDRSet: [{ cidr: '10.244.0.0/16', except: ['10.244.7.0/24'] }], toPorts: [{ ports: [tcp(8000, 8999)] }] },
          { toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': nsName(0), app: 'coredns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] },
        ],
      };
    } else if (kind === 3) {
      spec = {
        endpointSelector: { matchLabels: { tier: 'worker' } },
        egress: [{ toFQDNs: [{ matchPattern: '*.payments.example.com' }], toPorts: [{ ports: [tcp(443)] }] }],
      };
    } else {
      spec = {
        endpointSelector: { matchLabels: { tier: 'cache' } },
        ingress: [{ fromEndpoints: [{}], toPorts: [{ ports: [tcp(6379)] }] }],
        enableDefaultDeny: { egress: false },
      };
    }
    namespaced.push({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: meta(`cnp-${i}`, namespace), spec } as RawObject);
  }
  return { namespaced, clusterwide };
}

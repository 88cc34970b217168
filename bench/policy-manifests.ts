// Manifests like those np-guard is measured on (issue 13): N workloads (Deployments) with distinct labels in M
// namespaces, about ten NetworkPolicies per namespace (three for the namespace, and one for three or four workloads
// in ten: about 2,400 at 5,000 workloads in 200 namespaces), with named ports, endPort ranges and ipBlocks with
// except. Generated deterministically from a seeded PRNG as manifest text (one YAML stream of JSON documents per
// namespace), so the bench reads them as the CLI reads `--manifests`, and np-guard can be run on the same files
// (bench/connectivity.ts --out DIR).
//
// Per namespace:
// - default deny for ingress; egress to the cluster's DNS (namespace 0's `dns` workload) and within the namespace
//   only; the front tiers' egress to the production namespaces on port ranges;
// - for three or four workloads in ten, in turn: an ingress policy from one or two workloads of the namespace on a
//   named port; an ingress policy from a tier of another team's namespaces on port ranges (endPort); an egress
//   policy to one workload of another namespace on a named port, and to the internet (an ipBlock with except) on
//   443 and a range; an ingress policy from a partner network (an ipBlock with except) on a named port and a range
//   (in every other namespace).

import { prng } from '@/lib/analysis/testing/prng';

export interface PolicyManifestOptions {
  workloads: number;
  namespaces: number;
  seed: number;
}

export interface PolicyManifests {
  /** One YAML stream per namespace, named as the file it would be. */
  files: { file: string; text: string }[];
  counts: { namespaces: number; workloads: number; networkPolicies: number };
}

type Tier = 'frontend' | 'backend' | 'db' | 'cache' | 'worker' | 'gateway';
const TIERS: readonly Tier[] = ['frontend', 'backend', 'backend', 'db', 'cache', 'worker', 'gateway', 'frontend'];
const TEAMS = 20;

const CONTAINER_PORTS: Record<Tier, { name: string; containerPort: number; protocol?: string }[]> = {
  frontend: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }],
  backend: [{ name: 'http', containerPort: 8081 }, { name: 'grpc', containerPort: 50051 }, { name: 'metrics', containerPort: 9090 }],
  db: [{ name: 'postgres', containerPort: 5432 }, { name: 'metrics', containerPort: 9187 }],
  cache: [{ name: 'redis', containerPort: 6379 }],
  worker: [{ name: 'metrics', containerPort: 9090 }, { name: 'statsd', containerPort: 8125, protocol: 'UDP' }],
  gateway: [{ name: 'https', containerPort: 8443 }, { name: 'http', containerPort: 8080 }],
};

/** The port a workload of the tier serves its clients on, by name. */
const SERVING_PORT: Record<Tier, string> = { frontend: 'http', backend: 'grpc', db: 'postgres', cache: 'redis', worker: 'metrics', gateway: 'https' };

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** Partner networks, each with a hole: the ipBlocks of the ingress policies. */
const PARTNERS = [
  { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] },
  { cidr: '198.51.100.0/24', except: ['198.51.100.0/28', '198.51.100.200/29'] },
  { cidr: '100.64.0.0/10', except: ['100.64.0.0/16'] },
  { cidr: '172.20.0.0/14', except: ['172.21.0.0/16'] },
];

const nsName = (i: number) => `ns-${String(i).padStart(3, '0')}`;
const teamOf = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;

interface Workload {
  namespace: number;
  name: string;
  tier: Tier;
  app: string;
}

export function generatePolicyManifests({ workloads, namespaces, seed }: PolicyManifestOptions): PolicyManifests {
  const rnd = prng(seed);
  const byNamespace: Workload[][] = Array.from({ length: namespaces }, () => []);
  for (let w = 0; w < workloads; w++) {
    const namespace = w % namespaces;
    const list = byNamespace[namespace]!;
    const tier = namespace === 0 && list.length === 0 ? 'backend' : TIERS[(list.length + namespace) % TIERS.length]!;
    const name = namespace === 0 && list.length === 0 ? 'dns' : `${tier}-${list.length}`;
    list.push({ namespace, name, tier, app: `${nsName(namespace)}-${name}` });
  }
  const dns = byNamespace[0]![0]!;

  let networkPolicies = 0;
  const files = byNamespace.map((list, n) => {
    const namespace = nsName(n);
    const docs: object[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { team: teamOf(n), env: n % 4 === 0 ? 'staging' : 'prod' } } },
    ];
    for (const w of list) docs.push(deployment(w, namespace, 1 + rnd.int(3)));
    const policy = (name: string, spec: object) => {
      networkPolicies += 1;
      docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });
    };
    const app = (w: Workload) => ({ matchLabels: { app: w.app } });
    const named = (w: Workload) => ({ port: SERVING_PORT[w.tier], protocol: CONTAINER_PORTS[w.tier].find((p) => p.name === SERVING_PORT[w.tier])?.protocol ?? 'TCP' });

    policy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
    // Egress, denied but for DNS and the namespace itself (which isolates every pod for egress too).
    policy('egress-dns-and-namespace', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsName(0) } }, podSelector: app(dns) }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }, { port: 'grpc' }] },
        { to: [{ podSelector: {} }] },
      ],
    });
    // The front tiers call into the production namespaces on port ranges (which their partner-team policies admit).
    policy('egress-front-to-prod', {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'gateway'] }] },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }], ports: [{ port: 8000, endPort: 8100 }, { port: 50000, endPort: 50100 }] }],
    });
    list.forEach((w, i) => {
      const pick = () => list[rnd.int(list.length)]!;
      switch (i % 10) {
        case 0:
          policy(`${w.name}-from-namespace`, {
            podSelector: app(w),
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ podSelector: app(pick()) }, { podSelector: app(pick()) }], ports: [named(w), { port: 'metrics' }] }],
          });
          break;
        case 3:
          policy(`${w.name}-from-partner-team`, {
            podSelector: app(w),
            policyTypes: ['Ingress'],
            ingress: [
              {
                from: [{ namespaceSelector: { matchLabels: { team: teamOf(n + 1 + rnd.int(TEAMS - 1)) } }, podSelector: { matchLabels: { tier: rnd.pick(['frontend', 'gateway']) } } }],
                ports: [{ port: 8000, endPort: 8100 }, { port: 50000, endPort: 50100 }],
              },
            ],
          });
          break;
        case 5: {
          const other = rnd.pick(byNamespace[rnd.int(namespaces)]!);
          policy(`${w.name}-egress`, {
            podSelector: app(w),
            policyTypes: ['Egress'],
            egress: [
              { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsName(other.namespace) } }, podSelector: app(other) }], ports: [named(other)] },
              { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE } }], ports: [{ port: 443 }, { port: 8443, endPort: 8453 }] },
            ],
          });
          break;
        }
        case 8: {
          if (n % 2 === 0) break;
          const partner = PARTNERS[(n + i) % PARTNERS.length]!;
          policy(`${w.name}-from-partner-network`, {
            podSelector: app(w),
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ ipBlock: partner }], ports: [named(w), { protocol: 'UDP', port: 5000, endPort: 5100 }] }],
          });
          break;
        }
        default:
          // The others have no policy of their own: the namespace's defaults govern them, and the
          // policies of others name them as peers.
          break;
      }
    });
    const text = docs.map((d) => `---\n${JSON.stringify(d)}\n`).join('');
    return { file: `${namespace}.yaml`, text };
  });
  return { files, counts: { namespaces, workloads, networkPolicies } };
}

function deployment(w: Workload, namespace: string, replicas: number): object {
  const labels = { app: w.app, tier: w.tier };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: w.app } },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: `example/${w.tier}:1.0`, ports: CONTAINER_PORTS[w.tier] }] } },
    },
  };
}

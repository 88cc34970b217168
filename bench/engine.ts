// Analysis engine benchmark on a synthetic cluster: --pods N (5,000) in one namespace for 25 pods (200; at most
// 1,000), five Services a namespace with their EndpointSlices (at most 2,000 in all), five NetworkPolicies a
// namespace, 200 cluster-wide policies (--cluster-policies N), 500 Cilium policies (--cilium-policies N) and a node
// for 200 pods (at least 50), generated deterministically from a seeded PRNG as raw API JSON objects. At 50,000
// pods that is 1,000 namespaces, 2,000 Services and 5,700 policies, and the targets are issue 13's for that size.
// It times building the model from a full snapshot (normalise every object, then one replace per kind, as the live
// source does on a relist), explainFlow, reachablePeers, connectivity and the page's connectivity matrix, and
// prints each figure with its target and PASS or MISS. A benchmark, not a test: it exits 0 whatever the figures.
//
// Run it with tsx, which resolves the @/ paths of the tsconfig:
//   node --import tsx bench/engine.ts [--pods N] [--seed N] [--cluster-policies N] [--cilium-policies N] [--no-connectivity]
//
// --no-connectivity leaves connectivity out (at 50,000 pods it is out of reach).

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
// Leaf modules, not the '@/lib/model' barrel: tsx loads lib/ as CommonJS, and names re-exported with `export *`
// are not visible to this ES module.
import { applyChanges, emptyModel, type ModelChange } from '@/lib/model/changes';
import { normalize } from '@/lib/model/normalize';
import { WATCHED_KINDS, type ClusterModel, type ResourceKind } from '@/lib/model/types';
import type {
  RawEndpointSlice,
  RawNamespace,
  RawNetworkPolicy,
  RawNetworkPolicyRule,
  RawNode,
  RawObject,
  RawPod,
  RawService,
} from '@/lib/model/normalize/raw';
import { explainFlow, type FlowRequest } from '@/lib/analysis/flow/explain-flow';
import { connectivity } from '@/lib/analysis/reach/connectivity';
import { namespaceMatrix, workloadMatrix, workloadPodCounts } from '@/lib/analysis/reach/connectivity-matrix';
import { podEquivalence } from '@/lib/analysis/reach/equivalence';
import { reachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { prng } from '@/lib/analysis/testing/prng';
import { percentile } from './stats.ts';
import { generateClusterWidePolicies } from './cluster-wide-policies.ts';
import { generateCiliumPolicies } from './cilium-policies.ts';

const PODS_PER_NAMESPACE = 25;
const MAX_NAMESPACES = 1000;
const MAX_SERVICES = 2000;
const PODS_PER_NODE = 200;
const FLOW_QUERIES = 1000;
const REACH_QUERIES = 20;

/** The cluster's shape for a number of pods: 200 namespaces of 25 pods, 1,000 Services and 50 nodes at 5,000. */
interface Shape {
  pods: number;
  namespaces: number;
  podsPerNamespace: number;
  servicesPerNamespace: number;
  nodes: number;
}

function shapeFor(pods: number): Shape {
  const namespaces = Math.max(2, Math.min(MAX_NAMESPACES, Math.round(pods / PODS_PER_NAMESPACE)));
  const podsPerNamespace = Math.max(4, Math.round(pods / namespaces));
  return {
    pods: namespaces * podsPerNamespace,
    namespaces,
    podsPerNamespace,
    servicesPerNamespace: Math.max(1, Math.min(5, Math.floor(MAX_SERVICES / namespaces))),
    // A node's /24 holds 252 pods: about 200 each on average leaves room for the random spread.
    nodes: Math.max(50, Math.ceil(pods / PODS_PER_NODE)),
  };
}

/** Targets: the engine's own at 5,000 pods, issue 13's at 50,000 and above. */
function targetsFor(pods: number) {
  return pods >= 50_000 ? { buildMs: 1000, flowMs: 1, reachMedianMs: 20, reachMaxMs: 50 } : { buildMs: 500, flowMs: 1, reachMedianMs: 50, reachMaxMs: 50 };
}
// ---------------------------------------------------------------------------------------------------------------
// The synthetic cluster, as the API server would list it.

type Tier = 'web' | 'api' | 'db' | 'cache' | 'worker';
const TIERS: readonly Tier[] = ['web', 'api', 'db', 'cache', 'worker'];
const TEAMS = 20;

const CONTAINER_PORTS: Record<Tier, { name: string; containerPort: number; protocol?: string }[]> = {
  web: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9102 }],
  api: [{ name: 'http', containerPort: 8080 }, { name: 'grpc', containerPort: 9090 }, { name: 'metrics', containerPort: 9102 }],
  db: [{ name: 'postgres', containerPort: 5432 }, { name: 'metrics', containerPort: 9102 }],
  cache: [{ name: 'redis', containerPort: 6379 }],
  worker: [{ name: 'metrics', containerPort: 9102 }, { name: 'stats', containerPort: 8125, protocol: 'UDP' }],
};

const SERVICE_PORTS: Record<Tier, { name: string; port: number; targetPort: number | string; protocol?: string }[]> = {
  web: [{ name: 'http', port: 80, targetPort: 'http' }],
  api: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'grpc', port: 9090, targetPort: 9090 }],
  db: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }],
  cache: [{ name: 'redis', port: 6379, targetPort: 6379 }],
  worker: [{ name: 'metrics', port: 9102, targetPort: 'metrics' }, { name: 'stats', port: 8125, targetPort: 'stats', protocol: 'UDP' }],
};

interface Snapshot {
  namespaces: RawNamespace[];
  nodes: RawNode[];
  pods: RawPod[];
  services: RawService[];
  endpointslices: RawEndpointSlice[];
  ingresses: RawObject[];
  ingressclasses: RawObject[];
  networkpolicies: RawNetworkPolicy[];
  daemonsets: RawObject[];
  clusternetworkpolicies: RawObject[];
  ciliumnetworkpolicies: RawObject[];
  ciliumclusterwidenetworkpolicies: RawObject[];
  adminnetworkpolicies: RawObject[];
  baselineadminnetworkpolicies: RawObject[];
}

interface Workload {
  namespace: string;
  name: string;
  tier: Tier;
  labels: Record<string, string>;
  pods: RawPod[];
}

const nsName = (i: number) => `ns-${String(i).padStart(3, '0')}`;
const teamOf = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;
const podIP = (node: number, host: number) => `10.${244 + (node >> 8)}.${node & 255}.${host}`;
const podCIDR = (node: number) => `${podIP(node, 0)}/24`;
const nodeIP = (i: number) => `192.168.${Math.floor(i / 240)}.${10 + (i % 240)}`;
const selectorOf = (matchLabels: Record<string, string>) => ({ matchLabels });
const inTiers = (...tiers: Tier[]) => ({ matchExpressions: [{ key: 'tier', operator: 'In', values: tiers }] });

function generate(seed: number, shape: Shape, clusterPolicies: number, ciliumPolicies: number): Snapshot {
  const rnd = prng(seed);
  let uid = 0;
  const meta = (name: string, namespace?: string, labels: Record<string, string> = {}) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`,
    resourceVersion: String(1000 + uid),
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels,
  });

  const nodes: RawNode[] = Array.from({ length: shape.nodes }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(`node-${String(i).padStart(2, '0')}`, undefined, { 'topology.kubernetes.io/zone': `zone-${i % 3}` }),
    spec: { podCIDR: podCIDR(i), podCIDRs: [podCIDR(i)] },
    status: {
      addresses: [{ type: 'InternalIP', address: nodeIP(i) }, { type: 'Hostname', address: `node-${i}` }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  }));
  const nextHost = new Array<number>(shape.nodes).fill(2);
  // A random node, or the next one with room when its /24 is full.
  const nodeFor = () => {
    let node = rnd.int(shape.nodes);
    while (nextHost[node]! > 253) node = (node + 1) % shape.nodes;
    return node;
  };

  const namespaces: RawNamespace[] = Array.from({ length: shape.namespaces }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: meta(nsName(i), undefined, { 'kubernetes.io/metadata.name': nsName(i), team: teamOf(i), env: i % 4 === 0 ? 'staging' : 'prod' }),
    status: { phase: 'Active' },
  }));

  const makePod = (w: Workload, name: string, owner: { kind: string; name: string } | undefined, labels: Record<string, string>, node: number, hostNetwork = false): RawPod => {
    const ready = rnd.next() > 0.03;
    const ip = hostNetwork ? nodeIP(node) : podIP(node, nextHost[node]!++);
    const ports = hostNetwork ? [{ name: 'metrics', containerPort: 9100 }] : CONTAINER_PORTS[w.tier];
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...meta(name, w.namespace, labels), ...(owner ? { ownerReferences: [{ ...owner, controller: true, uid: `owner-${owner.name}` }] } : {}) },
      spec: { nodeName: `node-${String(node).padStart(2, '0')}`, hostNetwork, containers: [{ name: 'main', ports }] },
      status: {
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        hostIP: nodeIP(node),
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ name: 'main', ready }],
      },
    };
  };

  const workloads: Workload[][] = [];
  const pods: RawPod[] = [];
  for (let n = 0; n < shape.namespaces; n++) {
    const namespace = nsName(n);
    const list: Workload[] = [];
    let count = 0;
    const add = (name: string, tier: Tier, kind: 'Deployment' | 'StatefulSet' | 'Pod' | 'DaemonSet', replicas: number, extra: Record<string, string> = {}) => {
      const labels = { app: name, tier, team: teamOf(n), ...extra };
      const w: Workload = { namespace, name, tier, labels, pods: [] };
      const hash = rnd.hex(10);
      for (let r = 0; r < replicas; r++) {
        let pod: RawPod;
        if (kind === 'Deployment') {
          pod = makePod(w, `${name}-${hash}-${rnd.hex(5)}`, { kind: 'ReplicaSet', name: `${name}-${hash}` }, { ...labels, 'pod-template-hash': hash }, nodeFor());
        } else if (kind === 'StatefulSet') {
          pod = makePod(w, `${name}-${r}`, { kind: 'StatefulSet', name }, { ...labels, 'apps.kubernetes.io/pod-index': String(r) }, nodeFor());
        } else if (kind === 'DaemonSet') {
          pod = makePod(w, `${name}-${rnd.hex(5)}`, { kind: 'DaemonSet', name }, labels, r, true);
        } else {
          pod = makePod(w, name, undefined, labels, nodeFor());
        }
        w.pods.push(pod);
        pods.push(pod);
      }
      count += replicas;
      list.push(w);
    };
    if (n === 0) {
      // The cluster's shared services: DNS, monitoring, and a host-network agent on half the nodes.
      add('coredns', 'api', 'Deployment', 2);
      add('prometheus', 'worker', 'StatefulSet', 1);
      add('node-agent', 'worker', 'DaemonSet', shape.podsPerNamespace - 3);
    } else {
      let k = 0;
      while (count < shape.podsPerNamespace) {
        const replicas = Math.min(1 + rnd.int(5), shape.podsPerNamespace - count);
        const roll = rnd.next();
        const kind = replicas === 1 && roll > 0.9 ? 'Pod' : roll < 0.75 ? 'Deployment' : 'StatefulSet';
        const tier = TIERS[k % TIERS.length] as Tier;
        add(`${tier}-${k}`, tier, kind, replicas);
        k += 1;
      }
    }
    workloads.push(list);
  }

  const services: RawService[] = [];
  const endpointslices: RawEndpointSlice[] = [];
  let serviceIndex = 0;
  for (const list of workloads) {
    for (let s = 0; s < shape.servicesPerNamespace; s++) {
      const w = list[s % list.length] as Workload;
      const name = s < list.length ? w.name : `${w.name}-alt${s}`;
      const ports = SERVICE_PORTS[w.tier];
      serviceIndex += 1;
      const clusterIP = `10.96.${serviceIndex >> 8}.${serviceIndex & 255}`;
      services.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(name, w.namespace, { app: w.name }),
        spec: { type: 'ClusterIP', selector: { app: w.name }, ports, clusterIP, clusterIPs: [clusterIP], ipFamilies: ['IPv4'], sessionAffinity: 'None' },
      });
      const containerPorts = CONTAINER_PORTS[w.tier];
      endpointslices.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: meta(`${name}-${rnd.hex(5)}`, w.namespace, { 'kubernetes.io/service-name': name }),
        addressType: 'IPv4',
        endpoints: w.pods.map((p) => {
          const ready = p.status?.conditions?.[0]?.status === 'True';
          return {
            addresses: [p.status?.podIP ?? ''],
            conditions: { ready, serving: ready, terminating: false },
            nodeName: p.spec?.nodeName,
            targetRef: { kind: 'Pod', name: p.metadata?.name, namespace: w.namespace, uid: p.metadata?.uid },
          };
        }),
        ports: ports.map((sp) => ({
          name: sp.name,
          protocol: sp.protocol ?? 'TCP',
          port: typeof sp.targetPort === 'number' ? sp.targetPort : containerPorts.find((c) => c.name === sp.targetPort)?.containerPort,
        })),
      });
    }
  }

  const networkpolicies: RawNetworkPolicy[] = [];
  const policy = (namespace: string, name: string, spec: RawNetworkPolicy['spec']) =>
    networkpolicies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, namespace), spec });
  const dnsRule: RawNetworkPolicyRule = {
    to: [{ namespaceSelector: selectorOf({ 'kubernetes.io/metadata.name': nsName(0) }), podSelector: selectorOf({ app: 'coredns' }) }],
    ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
  };
  const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
  // Five policies per namespace.
  for (let n = 0; n < shape.namespaces; n++) {
    const namespace = nsName(n);
    if (n === 0) {
      policy(namespace, 'coredns', { podSelector: selectorOf({ app: 'coredns' }), ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] });
      policy(namespace, 'prometheus', {
        podSelector: selectorOf({ app: 'prometheus' }),
        policyTypes: ['Ingress', 'Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'metrics' }] }, { to: [{ ipBlock: { cidr: '192.168.0.0/24' } }], ports: [{ port: 9100 }] }, dnsRule],
      });
      policy(namespace, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
      policy(namespace, 'allow-ingress-same-namespace', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
      policy(namespace, 'node-agent-scrape', { podSelector: selectorOf({ app: 'prometheus' }), ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24', except: ['192.168.0.10/32'] } }] }] });
      continue;
    }
    const otherTeam = teamOf(n + 1 + rnd.int(TEAMS - 1));
    // 1: deny everything, in most namespaces; the others admit anything.
    if (rnd.next() < 0.9) policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    else policy(namespace, 'allow-all-ingress', { podSelector: {}, ingress: [{}] });
    // 2: DNS, and anything within the namespace.
    policy(namespace, 'allow-dns-and-namespace', { podSelector: {}, policyTypes: ['Egress'], egress: [dnsRule, { to: [{ podSelector: {} }] }] });
    // 3: the API tier takes the web tier, of this namespace on a named port and of another team's on a port range.
    policy(namespace, 'api-ingress', {
      podSelector: selectorOf({ tier: 'api' }),
      ingress: [
        { from: [{ podSelector: selectorOf({ tier: 'web' }) }], ports: [{ port: 'http' }] },
        { from: [{ namespaceSelector: selectorOf({ team: otherTeam }), podSelector: selectorOf({ tier: 'web' }) }], ports: [{ port: 8080, endPort: 8090 }] },
      ],
    });
    // 4: data stores take the api and worker tiers.
    policy(namespace, 'data-ingress', {
      podSelector: inTiers('db', 'cache'),
      ingress: [{ from: [{ podSelector: selectorOf({ tier: 'api' }) }, { podSelector: selectorOf({ tier: 'worker' }) }], ports: [{ port: 'postgres' }, { port: 6379 }] }],
    });
    // 5: one of three: egress to the internet (and to part of the pod network), metrics scraping, or a team's web.
    const roll = rnd.next();
    if (roll < 0.35) {
      policy(namespace, 'egress-external', {
        podSelector: inTiers('web', 'worker'),
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: privateRanges } }], ports: [{ port: 443 }] },
          { to: [{ ipBlock: { cidr: '10.244.0.0/16', except: [`10.244.${rnd.pick([3, 7])}.0/24`] } }], ports: [{ port: 8000, endPort: 8999 }] },
        ],
      });
    } else if (roll < 0.7) {
      policy(namespace, 'allow-scrape', {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: selectorOf({ 'kubernetes.io/metadata.name': nsName(0) }), podSelector: selectorOf({ app: 'prometheus' }) }, { ipBlock: { cidr: '192.168.0.0/24' } }], ports: [{ port: 'metrics' }] },
        ],
      });
    } else {
      policy(namespace, 'team-web', {
        podSelector: selectorOf({ tier: 'web' }),
        ingress: [{ from: [{ namespaceSelector: selectorOf({ team: teamOf(n) }) }], ports: [{ port: 'http' }, { protocol: 'UDP', port: 5000, endPort: 5100 }] }],
      });
    }
  }

  const cilium = generateCiliumPolicies(ciliumPolicies, { nsName, namespaces: shape.namespaces }, meta);
  return {
    namespaces, nodes, pods, services, endpointslices, ingresses: [], ingressclasses: [], networkpolicies, daemonsets: [],
    clusternetworkpolicies: generateClusterWidePolicies(clusterPolicies, { teamOf, nsName }, (name) => meta(name)),
    ciliumnetworkpolicies: cilium.namespaced,
    ciliumclusterwidenetworkpolicies: cilium.clusterwide,
    adminnetworkpolicies: [], baselineadminnetworkpolicies: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The model from a full snapshot: what the live source does on a relist of every kind.

function buildModel(snapshot: Snapshot): ClusterModel {
  const changes: ModelChange[] = [];
  for (const kind of WATCHED_KINDS) {
    // Kinds the generator does not make (the Gateway API, Calico's and Cilium's policies) are listed empty, as on a cluster without them.
    const objects = ((snapshot as unknown as Partial<Record<string, RawObject[]>>)[kind] ?? []).map((raw) => normalize(kind, raw));
    changes.push({ op: 'replace', kind, objects } as ModelChange);
    changes.push({ op: 'sync', kind, state: { status: 'synced' } });
  }
  return applyChanges(emptyModel(), changes);
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring and reporting.

const time = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
};
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const line = (label: string, value: string, target?: { limit: number; actual: number; text: string }) =>
  console.log(`${label.padEnd(50)} ${value.padEnd(30)}${target ? ` target ${target.text.padEnd(10)} ${target.actual < target.limit ? 'PASS' : 'MISS'}` : ''}`);

function main() {
  const { values } = parseArgs({
    options: {
      pods: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '20250101' },
      'cluster-policies': { type: 'string', default: '200' },
      'cilium-policies': { type: 'string', default: '500' },
      connectivity: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const seed = Number(values.seed);
  const podCount = Number(values.pods);
  const clusterPolicies = Number(values['cluster-policies']);
  const ciliumPolicies = Number(values['cilium-policies']);
  if (!Number.isInteger(seed) || !Number.isInteger(podCount) || podCount < 8 || ![clusterPolicies, ciliumPolicies].every((n) => Number.isInteger(n) && n >= 0)) {
    console.error('usage: bench/engine.ts [--pods N (at least 8)] [--seed N] [--cluster-policies N] [--cilium-policies N] [--no-connectivity]');
    process.exit(2);
  }
  console.log(`kube-netmap analysis engine benchmark (seed ${seed}, Node ${process.version})`);
  const shape = shapeFor(podCount);
  const targets = targetsFor(shape.pods);
  const snapshot = generate(seed, shape, clusterPolicies, ciliumPolicies);

  const [model, buildMs] = time(() => buildModel(snapshot));
  const count = (kind: ResourceKind) => model.resources[kind].length;
  console.log(
    `model: ${count('pods')} pods in ${count('namespaces')} namespaces, ${count('nodes')} nodes, ${count('services')} Services, ` +
      `${count('endpointslices')} EndpointSlices, ${count('networkpolicies')} NetworkPolicies, ${count('clusternetworkpolicies')} ClusterNetworkPolicies, ` +
      `${count('ciliumnetworkpolicies') + count('ciliumclusterwidenetworkpolicies')} Cilium policies`,
  );
  line('model build from a full snapshot', fmt(buildMs), { limit: targets.buildMs, actual: buildMs, text: `< ${targets.buildMs} ms` });
  line('heap used after building the model', mb(process.memoryUsage().heapUsed));

  // explainFlow: pod -> pod on one of the destination's ports, and pod -> Service on one of its ports; half of each
  // within the source's namespace (where policies allow most), half anywhere.
  const rnd = prng(seed + 1);
  const pods = model.resources.pods;
  const services = model.resources.services;
  const groupBy = <T extends { meta: { namespace?: string } }>(items: T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of items) groups.set(item.meta.namespace ?? '', [...(groups.get(item.meta.namespace ?? '') ?? []), item]);
    return groups;
  };
  const podsIn = groupBy(pods);
  const servicesIn = groupBy(services);
  const flowTimes: number[] = [];
  const verdicts = new Map<string, number>();
  for (let i = 0; i < FLOW_QUERIES; i++) {
    const from = rnd.pick(pods);
    const namespace = from.meta.namespace ?? '';
    const source = { kind: 'pod' as const, namespace, name: from.meta.name };
    let request: FlowRequest;
    if (i % 2 === 0) {
      const to = rnd.pick(i % 4 === 0 ? (podsIn.get(namespace) ?? pods) : pods);
      const port = rnd.pick(to.containers.flatMap((c) => c.ports));
      const destination = { kind: 'pod' as const, namespace: to.meta.namespace ?? '', name: to.meta.name };
      request = { from: source, to: destination, port: port?.containerPort ?? 8080, protocol: port?.protocol ?? 'TCP' };
    } else {
      const to = rnd.pick(i % 4 === 1 ? (servicesIn.get(namespace) ?? services) : services);
      const port = rnd.pick(to.ports);
      const destination = { kind: 'service' as const, namespace: to.meta.namespace ?? '', name: to.meta.name };
      request = { from: source, to: destination, port: port?.port ?? 80, protocol: port?.protocol ?? 'TCP' };
    }
    const [explanation, ms] = time(() => explainFlow(model, request));
    flowTimes.push(ms);
    verdicts.set(explanation.verdict, (verdicts.get(explanation.verdict) ?? 0) + 1);
  }
  const flowMedian = percentile(flowTimes, 50);
  line(`explainFlow median over ${FLOW_QUERIES} queries`, fmt(flowMedian), { limit: targets.flowMs, actual: flowMedian, text: `< ${targets.flowMs} ms` });
  line(`explainFlow p95`, fmt(percentile(flowTimes, 95)));
  console.log(`  verdicts: ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(', ')}`);

  // reachablePeers: the classes are built on first use and cached per model; timed apart, then 20 pods.
  const [equivalence, classMs] = time(() => podEquivalence(model));
  line('equivalence classes (once per model)', `${fmt(classMs)}, ${equivalence.classes.length} classes`);
  const reachTimes: number[] = [];
  let peers = 0;
  for (let i = 0; i < REACH_QUERIES; i++) {
    const pod = rnd.pick(pods);
    const [result, ms] = time(() => reachablePeers(model, { namespace: pod.meta.namespace ?? '', name: pod.meta.name }));
    reachTimes.push(ms);
    peers += result.egress.length + result.ingress.length;
  }
  const reachMedian = percentile(reachTimes, 50);
  const reachMax = Math.max(...reachTimes);
  line(`reachablePeers median over ${REACH_QUERIES} pods`, fmt(reachMedian), { limit: targets.reachMedianMs, actual: reachMedian, text: `< ${targets.reachMedianMs} ms` });
  line(`reachablePeers max (the first resolves Services)`, fmt(reachMax), { limit: targets.reachMaxMs, actual: reachMax, text: `< ${targets.reachMaxMs} ms` });
  console.log(`  peers listed on average: ${(peers / REACH_QUERIES).toFixed(0)}`);

  line('heap used after reachablePeers', mb(process.memoryUsage().heapUsed));
  if (!values.connectivity) return;
  // connectivity on a fresh copy of the model, so it pays for its index and classes like a first question does.
  const fresh: ClusterModel = { ...model };
  const cpuStart = process.cpuUsage();
  const [report, connMs] = time(() => connectivity(fresh));
  const cpu = process.cpuUsage(cpuStart);
  // The CPU time beside it: on a shared machine the wall time grows with the load, the CPU time much less.
  line('connectivity, whole model (cold)', `${fmt(connMs)} (CPU ${fmt((cpu.user + cpu.system) / 1000)})`, { limit: 5000, actual: connMs, text: '< 5 s' });
  console.log(
    `  ${report.entries.length} entries (${report.entries.filter((e) => e.partial).length} partial); ${report.stats.pods} pods, ` +
      `${report.stats.classes} classes, ${report.stats.workloads} workloads, ${report.stats.pairsEvaluated} pairs evaluated`,
  );
  line('heap used after connectivity', mb(process.memoryUsage().heapUsed));

  // The page's matrix tab: connectivity's report summed up by namespace, then the pairs behind its largest cell.
  const podCounts = workloadPodCounts(fresh);
  const [matrix, matrixMs] = time(() => namespaceMatrix(report, podCounts));
  line('connectivity matrix by namespace (after it)', fmt(matrixMs), { limit: 200, actual: matrixMs, text: '< 200 ms' });
  const largest = matrix.cells.flat().reduce((a, b) => (b.pairs > a.pairs ? b : a));
  const [drill, drillMs] = time(() => workloadMatrix(report, podCounts, largest.source, largest.destination));
  line('matrix drill-down, largest cell', fmt(drillMs), { limit: 200, actual: drillMs, text: '< 200 ms' });
  console.log(`  ${matrix.groups.length} groups; largest cell ${largest.pairs} pairs (${drill.rows.length} × ${drill.columns.length})`);
}

main();

// The engine benchmark's synthetic cluster (see engine.ts): --pods N in namespaces of 25 pods (at most 1,000), five
// Services a namespace with their EndpointSlices (at most 2,000), five NetworkPolicies a namespace, cluster-wide and
// Cilium policies, and a node for 200 pods, generated deterministically from a seeded PRNG as raw API JSON objects,
// and the model built from it as the live source builds it on a relist.

import { applyChanges, emptyModel, type ModelChange } from '@/lib/model/changes';
import { normalize } from '@/lib/model/normalize';
import { WATCHED_KINDS, type ClusterModel } from '@/lib/model/types';
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
import { prng } from '@/lib/analysis/testing/prng';
import { generateClusterWidePolicies } from './cluster-wide-policies.ts';
import { generateCiliumPolicies } from './cilium-policies.ts';

const PODS_PER_NAMESPACE = 25;
const MAX_NAMESPACES = 1000;
const MAX_SERVICES = 2000;
const PODS_PER_NODE = 200;

/** The cluster's shape for a number of pods: 200 namespaces of 25 pods, 1,000 Services and 50 nodes at 5,000. */
export interface Shape {
  pods: number;
  namespaces: number;
  podsPerNamespace: number;
  servicesPerNamespace: number;
  nodes: number;
}

export function shapeFor(pods: number): Shape {
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

export interface Snapshot {
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

export function generate(seed: number, shape: Shape, clusterPolicies: number, ciliumPolicies: number): Snapshot {
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

export function buildModel(snapshot: Snapshot): ClusterModel {
  const changes: ModelChange[] = [];
  for (const kind of WATCHED_KINDS) {
    // Kinds the generator does not make (the Gateway API, Calico's and Cilium's policies) are listed empty, as on a cluster without them.
    const objects = ((snapshot as unknown as Partial<Record<string, RawObject[]>>)[kind] ?? []).map((raw) => normalize(kind, raw));
    changes.push({ op: 'replace', kind, objects } as ModelChange);
    changes.push({ op: 'sync', kind, state: { status: 'synced' } });
  }
  return applyChanges(emptyModel(), changes);
}

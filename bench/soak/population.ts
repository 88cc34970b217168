import type { RawObject } from '@/lib/model/normalize/raw';
import { inParallel, isReady, until } from './kube-util';
import type { KubeWriter } from './kube-writer';

export const POPULATION_LABEL = 'kube-netmap.dev/bench';
export const POPULATION_VALUE = 'population';
const PODS_PER_NAMESPACE = 250;
/** A kwok node's /24 holds about 250 pod addresses; 200 leaves room for the soak's own pods. */
const PODS_PER_NODE = 200;
const APPS = 10;
const SERVICES_PER_NAMESPACE = 5;
const IMAGE = 'registry.k8s.io/pause:3.10';
/** Writes in flight while the population is created: enough to keep the API server busy on 2 cores. */
const IN_FLIGHT = 48;
/** The API server's paging size when the population is counted. */
const PAGE = 5000;

const namespaceName = (i: number) => `bench-pop-${String(i).padStart(3, '0')}`;
const nodeName = (i: number) => `bench-pop-node-${String(i).padStart(3, '0')}`;
const podName = (namespace: number, i: number) => `p-${namespace}-${i}`;
const app = (i: number) => `a${i % APPS}`;
const labels = { [POPULATION_LABEL]: POPULATION_VALUE };

/**
 * A still population of `size` pods under the soak (`--pods N`), so that the dashboard is measured at scale: kwok
 * nodes, namespaces of 250 pods with Services and NetworkPolicies, and bare pods created already bound to their node
 * (spec.nodeName). Binding them skips the scheduler, which on 2 cores binds about 10 pods a second; the API server
 * takes creations many times faster. setup() is resumable: it creates only what is missing, so an interrupted
 * setup of 50,000 pods goes on where it stopped.
 */
export class Population {
  constructor(
    private readonly writer: KubeWriter,
    private readonly size: number,
  ) {}

  private get namespaces(): number {
    return Math.ceil(this.size / PODS_PER_NAMESPACE);
  }

  private get nodes(): number {
    return Math.ceil(this.size / PODS_PER_NODE);
  }

  async setup(progress: (line: string) => void): Promise<string[]> {
    if (this.size === 0) return [];
    const created = { nodes: 0, namespaces: 0, objects: 0, pods: 0 };
    // `count += await ...` would read the count before awaiting and lose the other workers' increments.
    const count = (what: keyof typeof created) => (n: number) => void (created[what] += n);
    await inParallel(this.nodes, IN_FLIGHT, (i) => this.writer.createUnlessExists('/api/v1/nodes', node(i)).then(count('nodes')));
    await inParallel(this.namespaces, 8, (i) => this.ensureNamespace(namespaceName(i)).then(count('namespaces')));
    await inParallel(this.namespaces, 8, async (i) => {
      const ns = namespaceName(i);
      for (let s = 0; s < SERVICES_PER_NAMESPACE; s++) count('objects')(await this.writer.createUnlessExists(`/api/v1/namespaces/${ns}/services`, service(`svc-${s}`, app(s))));
      for (const [p, policy] of policies().entries()) {
        count('objects')(await this.writer.createUnlessExists(`/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`, { ...policy, metadata: { name: `np-${p}`, labels } }));
      }
    });
    const existing = await this.podNames();
    const missing: { namespace: number; index: number }[] = [];
    for (let i = 0; i < this.size; i++) {
      const namespace = Math.floor(i / PODS_PER_NAMESPACE);
      const index = i % PODS_PER_NAMESPACE;
      if (!existing.has(`${namespaceName(namespace)}/${podName(namespace, index)}`)) missing.push({ namespace, index });
    }
    const start = performance.now();
    let lastReport = start;
    await inParallel(missing.length, IN_FLIGHT, async (k) => {
      const { namespace, index } = missing[k]!;
      count('pods')(await this.writer.createUnlessExists(`/api/v1/namespaces/${namespaceName(namespace)}/pods`, pod(podName(namespace, index), app(index), nodeName((namespace * PODS_PER_NAMESPACE + index) % this.nodes))));
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        progress(`population: ${created.pods} of ${missing.length} pods created (${(created.pods / ((lastReport - start) / 1000)).toFixed(0)}/s)`);
      }
    });
    const podsPerSecond = missing.length ? ` at ${(created.pods / ((performance.now() - start) / 1000)).toFixed(0)}/s` : '';
    await this.waitForReady(progress);
    return [
      `population of ${this.size} pods in ${this.namespaces} namespaces on ${this.nodes} kwok nodes: created ${created.nodes} nodes, ` +
        `${created.namespaces} namespaces, ${created.objects} Services and NetworkPolicies, ${created.pods} pods${podsPerSecond} (the rest were there)`,
    ];
  }

  /** Deletes the population's namespaces (with everything in them) and its nodes. */
  async cleanup(): Promise<void> {
    const selector = encodeURIComponent(`${POPULATION_LABEL}=${POPULATION_VALUE}`);
    const namespaces = await this.writer.get(`/api/v1/namespaces?labelSelector=${selector}`);
    await inParallel(namespaces.items?.length ?? 0, 8, (i) => this.writer.delete(`/api/v1/namespaces/${namespaces.items![i]!.metadata!.name}`).catch(() => undefined));
    const nodes = await this.writer.get(`/api/v1/nodes?labelSelector=${selector}`);
    await inParallel(nodes.items?.length ?? 0, 8, (i) => this.writer.delete(`/api/v1/nodes/${nodes.items![i]!.metadata!.name}`).catch(() => undefined));
  }

  /** namespace/name of every population pod that exists and is not being deleted, read page by page. */
  private async podNames(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const pod of await this.listPods()) {
      if (!pod.metadata?.deletionTimestamp) names.add(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    }
    return names;
  }

  private async listPods(): Promise<RawObject[]> {
    const selector = encodeURIComponent(`${POPULATION_LABEL}=${POPULATION_VALUE}`);
    const pods: RawObject[] = [];
    let next: string | undefined;
    do {
      const page = await this.writer.get(`/api/v1/pods?labelSelector=${selector}&limit=${PAGE}${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
      pods.push(...(page.items ?? []));
      next = (page.metadata as { continue?: string } | undefined)?.continue || undefined;
    } while (next);
    return pods;
  }

  private async waitForReady(progress: (line: string) => void): Promise<void> {
    let ready = 0;
    await until(`${this.size} population pods Ready`, Math.max(120_000, this.size * 20), async () => {
      const count = (await this.listPods()).filter(isReady).length;
      if (count !== ready) progress(`population: ${count} of ${this.size} pods Ready`);
      ready = count;
      return count >= this.size;
    }, 5000);
  }

  /** Creates the namespace unless it exists; pods are refused until its default ServiceAccount exists. */
  private async ensureNamespace(name: string): Promise<number> {
    const created = await this.writer.createUnlessExists('/api/v1/namespaces', { metadata: { name, labels } });
    await until(`the default ServiceAccount of ${name}`, 60_000, () =>
      this.writer.get(`/api/v1/namespaces/${name}/serviceaccounts/default`).then(() => true, () => false),
    );
    return created;
  }
}

function node(i: number): RawObject {
  const name = nodeName(i);
  // Outside the cluster's own 10.244.0.0/16, so that no address is handed out twice.
  const cidr = `10.${245 + Math.floor(i / 256)}.${i % 256}.0/24`;
  return {
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { ...labels, 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', type: 'kwok' },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr] },
  };
}

function pod(name: string, appLabel: string, node: string): RawObject {
  return {
    metadata: { name, labels: { ...labels, app: appLabel } },
    spec: {
      nodeName: node,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'app', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }] }],
    },
  };
}

function service(name: string, appLabel: string): RawObject {
  return { metadata: { name, labels }, spec: { selector: { app: appLabel }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } };
}

/** Per namespace: a default deny of ingress, and three allowances between its apps. */
function policies(): RawObject[] {
  const select = (i: number) => ({ matchLabels: { app: app(i) } });
  const allow = (to: number, from: number) => ({
    spec: { podSelector: select(to), policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: select(from) }], ports: [{ protocol: 'TCP', port: 'http' }] }] },
  });
  return [{ spec: { podSelector: {}, policyTypes: ['Ingress'] } }, allow(1, 0), allow(2, 1), allow(3, 2)] as RawObject[];
}

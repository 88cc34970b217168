import type { RawObject } from '@/lib/model/normalize/raw';
import { statusCodeOf } from '@/lib/sources/live/transport';
import { deleteKey, upsertKey } from './lag';
import type { KubeWriter } from './kube-writer';
import { inParallel, isReady, until } from './kube-util';

export const SOAK_LABEL = 'kube-netmap.dev/bench';
export const SOAK_VALUE = 'soak';
const NAMESPACES = ['bench-soak-0', 'bench-soak-1', 'bench-soak-2', 'bench-soak-3'];
const APPS = 8;
const SERVICES_PER_NAMESPACE = 5;
const POLICIES_PER_NAMESPACE = 3;
/** The pod population: set up at BASE, and kept between MIN and MAX while pods are created and deleted. */
const BASE_PODS = 120;
const MIN_PODS = 90;
const MAX_PODS = 150;
const IMAGE = 'registry.k8s.io/pause:3.10';
/** Out of 10 changes: pods created, deleted and relabelled; Services and NetworkPolicies edited. */
type Op = 'create' | 'delete' | 'relabel' | 'service' | 'policy';
const MIX: readonly Op[] = ['create', 'create', 'delete', 'delete', 'relabel', 'relabel', 'relabel', 'relabel', 'service', 'policy'];

interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

const app = (i: number) => `a${i % APPS}`;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/**
 * The soak's workload: a fixed set of namespaces, Services and NetworkPolicies, and a population of bare pods.
 * setup() is idempotent (what exists is kept, pods left by an earlier run are adopted), so an interrupted run can
 * simply be started again. change() makes one change and reports the key its arrival will carry.
 */
export class Churn {
  readonly counts: Record<Op, number> = { create: 0, delete: 0, relabel: 0, service: 0, policy: 0 };
  failures = 0;
  readonly firstFailures: string[] = [];
  private readonly pods = new Map<string, PodRef>();
  private readonly runId = Date.now().toString(36);
  private serial = 0;

  constructor(
    private readonly writer: KubeWriter,
    private readonly onWrite: (key: string, at: number) => void,
  ) {}

  get podCount(): number {
    return this.pods.size;
  }

  async setup(): Promise<string[]> {
    const notes: string[] = [];
    for (const namespace of NAMESPACES) await this.ensureNamespace(namespace);
    let created = 0;
    for (const namespace of NAMESPACES) {
      for (let i = 0; i < SERVICES_PER_NAMESPACE; i++) created += await this.writer.createUnlessExists(`/api/v1/namespaces/${namespace}/services`, service(`svc-${i}`, app(i)));
      for (let i = 0; i < POLICIES_PER_NAMESPACE; i++) {
        created += await this.writer.createUnlessExists(`/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`, policy(`np-${i}`, app(i), app(i + 1)));
      }
    }
    notes.push(`${NAMESPACES.length} namespaces, ${created} Services and NetworkPolicies created (the rest were there)`);
    // Pods of an earlier run that are Ready are kept; the others (a node that went NotReady while the API server
    // was down can leave them unready for minutes) are replaced.
    const existing = await this.listPods();
    const stale = existing.filter((pod) => !isReady(pod));
    for (const pod of existing) if (isReady(pod)) this.track(pod);
    await inParallel(stale.length, 8, (i) =>
      this.writer.delete(`/api/v1/namespaces/${stale[i]!.metadata!.namespace}/pods/${stale[i]!.metadata!.name}`).catch(() => undefined),
    );
    const adopted = this.pods.size;
    const missing = Math.max(0, BASE_PODS - adopted);
    await inParallel(missing, 8, (i) => this.createPod(NAMESPACES[i % NAMESPACES.length]!, i));
    notes.push(`${adopted} Ready pods from an earlier run adopted, ${stale.length} unready ones replaced, ${missing} created`);
    await this.waitForReadyPods();
    return notes;
  }

  /** One change of the mix, kept within the pod population's bounds. */
  async change(index: number): Promise<void> {
    let op = pick(MIX);
    if (op === 'create' && this.pods.size >= MAX_PODS) op = 'delete';
    if (op === 'delete' && this.pods.size <= MIN_PODS) op = 'create';
    if (op === 'relabel' && this.pods.size === 0) op = 'create';
    this.counts[op] += 1;
    try {
      await this.run(op, index);
    } catch (error) {
      this.failures += 1;
      if (this.firstFailures.length < 5) this.firstFailures.push(`${op}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Deletes the soak's namespaces, with everything in them. */
  async cleanup(): Promise<void> {
    for (const namespace of NAMESPACES) await this.writer.delete(`/api/v1/namespaces/${namespace}`).catch(() => undefined);
  }

  private async run(op: Op, index: number): Promise<void> {
    const value = `c${++this.serial}`;
    switch (op) {
      case 'create':
        return this.createPod(pick(NAMESPACES), index);
      case 'delete': {
        const pod = pick([...this.pods.values()]);
        // Out of the population first, so that no relabel is sent to a pod being deleted.
        this.pods.delete(`${pod.namespace}/${pod.name}`);
        await this.writer.delete(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`);
        return this.onWrite(deleteKey('pods', pod.uid), performance.now());
      }
      case 'relabel': {
        const pod = pick([...this.pods.values()]);
        const labels = { app: app(Math.floor(Math.random() * APPS)), churn: value };
        return this.report('pods', await this.writer.mergePatch(`/api/v1/namespaces/${pod.namespace}/pods/${pod.name}`, { metadata: { labels } }));
      }
      case 'service': {
        const path = `/api/v1/namespaces/${pick(NAMESPACES)}/services/svc-${Math.floor(Math.random() * SERVICES_PER_NAMESPACE)}`;
        const body = { metadata: { labels: { churn: value } }, spec: { selector: { app: app(Math.floor(Math.random() * APPS)) } } };
        return this.report('services', await this.writer.mergePatch(path, body));
      }
      case 'policy': {
        const path = `/apis/networking.k8s.io/v1/namespaces/${pick(NAMESPACES)}/networkpolicies/np-${Math.floor(Math.random() * POLICIES_PER_NAMESPACE)}`;
        const body = { metadata: { labels: { churn: value } }, spec: { podSelector: { matchLabels: { app: app(Math.floor(Math.random() * APPS)) } } } };
        return this.report('networkpolicies', await this.writer.mergePatch(path, body));
      }
    }
  }

  private report(kind: string, object: RawObject): void {
    this.onWrite(upsertKey(kind, object.metadata?.uid ?? '', object.metadata?.resourceVersion ?? ''), performance.now());
  }

  private async createPod(namespace: string, index: number): Promise<void> {
    const name = `p-${this.runId}-${index}-${++this.serial}`;
    const created = await this.writer.post(`/api/v1/namespaces/${namespace}/pods`, pod(name, app(index)));
    this.report('pods', created);
    this.track(created);
  }

  private track(pod: RawObject): void {
    const { namespace, name, uid } = pod.metadata ?? {};
    if (namespace && name && uid) this.pods.set(`${namespace}/${name}`, { namespace, name, uid });
  }

  private async listPods(): Promise<RawObject[]> {
    const list = await this.writer.get(`/api/v1/pods?labelSelector=${encodeURIComponent(`${SOAK_LABEL}=${SOAK_VALUE}`)}`);
    return (list.items ?? []).filter((p) => NAMESPACES.includes(p.metadata?.namespace ?? ''));
  }

  /** Creates the namespace unless it exists; one still terminating from an earlier cleanup is waited out first. */
  private async ensureNamespace(name: string): Promise<void> {
    const current = await this.writer.get(`/api/v1/namespaces/${name}`).catch((error: unknown) => {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    });
    if ((current?.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      await until(`namespace ${name} to finish terminating`, 120_000, async () =>
        this.writer.get(`/api/v1/namespaces/${name}`).then(() => false, (error: unknown) => statusCodeOf(error) === 404),
      );
    }
    await this.writer.createUnlessExists('/api/v1/namespaces', { metadata: { name, labels: { [SOAK_LABEL]: SOAK_VALUE } } });
    // Pods are refused until the namespace's default ServiceAccount exists.
    await until(`the default ServiceAccount of ${name}`, 60_000, () =>
      this.writer.get(`/api/v1/namespaces/${name}/serviceaccounts/default`).then(() => true, () => false),
    );
  }

  private async waitForReadyPods(): Promise<void> {
    await until(`${this.pods.size} soak pods Ready`, 120_000, async () => {
      const pods = await this.listPods();
      return pods.filter(isReady).length >= this.pods.size;
    });
  }
}

function pod(name: string, appLabel: string): RawObject {
  return {
    metadata: { name, labels: { [SOAK_LABEL]: SOAK_VALUE, app: appLabel, churn: 'c0' } },
    spec: {
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'app', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }] }],
    },
  };
}

function service(name: string, appLabel: string): RawObject {
  return {
    metadata: { name, labels: { [SOAK_LABEL]: SOAK_VALUE } },
    spec: { selector: { app: appLabel }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
  };
}

function policy(name: string, appLabel: string, fromApp: string): RawObject {
  return {
    metadata: { name, labels: { [SOAK_LABEL]: SOAK_VALUE } },
    spec: {
      podSelector: { matchLabels: { app: appLabel } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: fromApp } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    },
  };
}

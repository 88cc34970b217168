// The generated cluster, created fast: every pod is created already bound to one of the bench's own kwok nodes
// (spec.nodeName), with many writes in flight, instead of through the controllers and the scheduler (which create
// and bind about 10 pods a second on 2 cores). The pods of each Deployment still have real owners, so that the map
// sees workloads (it folds a workload of more than 3 pods): a paused Deployment, a ReplicaSet the bench creates
// for it as the Deployment controller would, and pods whose controller is that ReplicaSet.
//
// Why this order can be trusted: while the bench creates them, an admission policy refuses any unbound pod in the
// run's namespaces, so the ReplicaSet controller, which sees a ReplicaSet of N replicas before its N pods exist,
// cannot add pods of its own (its attempts are refused and counted); once the N pods are there it has nothing to
// do. Pods created by anything else, deleted by the garbage collector, or replaced are counted at the end of the
// setup and again at the end of the run.

import type { V1Pod } from '@kubernetes/client-node';
import { ApiStatusError, type ApiWriter, METADATA_ONLY, TABLE } from './api-writer.ts';
import {
  BARE_PODS,
  BENCH_NODES,
  NAMESPACES,
  PODS_PER_NAMESPACE,
  REPLICAS,
  RUN_LABEL,
  TOTAL_PODS,
  WRITES_IN_FLIGHT,
  benchLabels,
  errorText,
  inParallel,
  namespaceNames,
  prefix,
  progress,
  runId,
  until,
} from './common.ts';
import { barePod, deploymentName, podSpec, policies } from './generated-cluster.ts';
import { nodeOf } from './placement.ts';

const POLICY = `${prefix}-pods-bound`;
const ADMISSION = '/apis/admissionregistration.k8s.io/v1';
/** Namespaces set up at once; their writes share WRITES_IN_FLIGHT. */
const NAMESPACES_AT_ONCE = 16;
/** The characters of a pod-template-hash and of a generated name's suffix (no vowels, as Kubernetes' own). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const randomName = (length: number) => Array.from({ length }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
export const nodeName = (i: number) => `${prefix}-node-${String(i).padStart(String(BENCH_NODES - 1).length, '0')}`;

/** At most `limit` calls in flight, whoever makes them. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** The pods the bench created, namespace/name -> uid: what the checks compare the cluster with. */
export type CreatedPods = Map<string, string>;

export async function createNodes(writer: ApiWriter): Promise<void> {
  const limiter = new Limiter(WRITES_IN_FLIGHT);
  await inParallel(
    Array.from({ length: BENCH_NODES }, (_, i) => i),
    WRITES_IN_FLIGHT,
    async (i) => {
      const name = nodeName(i);
      // Apart from the cluster's own nodes (10.244.0.0/16) and the soak's population (10.245.0.0/16 and up).
      const cidr = `10.${200 + Math.floor(i / 256)}.${i % 256}.0/24`;
      await limiter.run(() =>
        writer.post('/api/v1/nodes', {
          metadata: {
            name,
            annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
            labels: { ...benchLabels, 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
          },
          spec: { podCIDR: cidr, podCIDRs: [cidr] },
        }),
      );
      const address = `172.18.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
      await limiter.run(() =>
        writer.mergePatch(`/api/v1/nodes/${name}/status`, { status: { addresses: [{ type: 'InternalIP', address }, { type: 'Hostname', address: name }] } }),
      );
    },
  );
  await until(`${BENCH_NODES} Ready bench nodes`, 60_000 + BENCH_NODES * 200, 500, async () => {
    const nodes = await writer.listAll(`/api/v1/nodes?labelSelector=${encodeURIComponent(`${RUN_LABEL}=${runId}`)}`);
    const ready = nodes.filter((n) => {
      const { status, spec } = n as { status?: { conditions?: { type: string; status: string }[] }; spec?: { taints?: { effect: string }[] } };
      return status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !spec?.taints?.some((t) => t.effect === 'NoSchedule');
    });
    return ready.length === BENCH_NODES ? true : undefined;
  });
}

/** Refuses, in the run's namespaces, every pod created without spec.nodeName: the controllers' own. */
async function guardAgainstControllerPods(writer: ApiWriter): Promise<void> {
  await writer.post(`${ADMISSION}/validatingadmissionpolicies`, {
    metadata: { name: POLICY, labels: benchLabels },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] },
      validations: [
        {
          expression: "has(object.spec.nodeName) && object.spec.nodeName != ''",
          message: 'the UI bench creates every pod of its namespaces already bound; no controller may add one while it sets up',
        },
      ],
    },
  });
  await writer.post(`${ADMISSION}/validatingadmissionpolicybindings`, {
    metadata: { name: POLICY, labels: benchLabels },
    spec: { policyName: POLICY, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { [RUN_LABEL]: runId } } } },
  });
}

/** Waits until the API server applies the policy: a dry-run unbound pod in the namespace is refused. */
async function waitForGuard(writer: ApiWriter, namespace: string): Promise<void> {
  await until('the admission policy in force', 60_000, 250, async () => {
    try {
      await writer.post(`/api/v1/namespaces/${namespace}/pods?dryRun=All`, barePod(namespace, 'guard-probe'));
      return undefined;
    } catch (error) {
      if (error instanceof ApiStatusError && error.message.includes('UI bench')) return true;
      throw error;
    }
  });
}

/** Removes the policy (after the setup: the watch step's pods come through the scheduler, as before). */
export async function removeGuard(writer: ApiWriter, selector: string): Promise<void> {
  const query = `labelSelector=${encodeURIComponent(selector)}`;
  for (const kind of ['validatingadmissionpolicybindings', 'validatingadmissionpolicies']) {
    for (const item of await writer.listAll(`${ADMISSION}/${kind}?${query}`)) await writer.delete(`${ADMISSION}/${kind}/${item.metadata!.name!}`);
  }
}

async function createNamespace(writer: ApiWriter, limiter: Limiter, namespace: string): Promise<void> {
  await limiter.run(() => writer.post('/api/v1/namespaces', { metadata: { name: namespace, labels: benchLabels } }));
  // Pods are refused until the namespace's default ServiceAccount exists; the controller that adds it works
  // through a queue at 20 writes a second, so the bench adds it itself (a 409 if the controller was first).
  await limiter.run(() => writer.createUnlessExists(`/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name: 'default' } }));
}

/**
 * One namespace's objects: the Deployments (paused, so that their controller creates no ReplicaSet of its own),
 * a ReplicaSet for each as their controller would write it (named <deployment>-<pod-template-hash>, owned by the
 * Deployment, with its revision annotations), their pods owned by the ReplicaSet, bare pods, Services,
 * NetworkPolicies.
 */
async function populateNamespace(writer: ApiWriter, limiter: Limiter, n: number, created: CreatedPods): Promise<void> {
  const namespace = namespaceNames[n]!;
  const base = `/api/v1/namespaces/${namespace}`;
  const apps = `/apis/apps/v1/namespaces/${namespace}`;
  let slot = 0;
  const nextNode = () => nodeName(nodeOf(n * PODS_PER_NAMESPACE + slot++, TOTAL_PODS));
  const createPod = async (pod: V1Pod) => {
    const body = { ...pod, spec: { ...pod.spec, nodeName: nextNode() } };
    const result = await limiter.run(() => writer.post(`${base}/pods`, body));
    created.set(`${namespace}/${pod.metadata!.name!}`, result.metadata!.uid!);
  };
  const tasks: Promise<unknown>[] = [];
  REPLICAS.forEach((replicas, i) => {
    const name = deploymentName(i);
    const labels = { app: name, ...benchLabels };
    const hash = randomName(10);
    const rsName = `${name}-${hash}`;
    const rsLabels = { ...labels, 'pod-template-hash': hash };
    const surge = Math.ceil(replicas / 4);
    const podNodes = Array.from({ length: replicas }, nextNode);
    tasks.push(
      (async () => {
        const deployment = await limiter.run(() =>
          writer.post(`${apps}/deployments`, {
            metadata: { name, labels, annotations: { 'deployment.kubernetes.io/revision': '1' } },
            spec: { replicas, paused: true, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: podSpec() } },
          }),
        );
        const replicaSet = await limiter.run(() =>
          writer.post(`${apps}/replicasets`, {
            metadata: {
              name: rsName,
              labels: rsLabels,
              annotations: {
                'deployment.kubernetes.io/revision': '1',
                'deployment.kubernetes.io/desired-replicas': String(replicas),
                'deployment.kubernetes.io/max-replicas': String(replicas + surge),
              },
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployment.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
            },
            spec: { replicas, selector: { matchLabels: { app: name, 'pod-template-hash': hash } }, template: { metadata: { labels: rsLabels }, spec: podSpec() } },
          }),
        );
        const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: replicaSet.metadata!.uid!, controller: true, blockOwnerDeletion: true };
        await Promise.all(
          podNodes.map(async (node) => {
            const podName = `${rsName}-${randomName(5)}`;
            const body = { metadata: { name: podName, labels: rsLabels, ownerReferences: [owner] }, spec: { ...podSpec(), nodeName: node } };
            const result = await limiter.run(() => writer.post(`${base}/pods`, body));
            created.set(`${namespace}/${podName}`, result.metadata!.uid!);
          }),
        );
      })(),
    );
  });
  for (let i = 0; i < BARE_PODS; i++) tasks.push(createPod(barePod(namespace, `solo-${i}`)));
  for (const [name, app] of [
    ['svc-a', 'd00'],
    ['svc-b', 'd06'],
  ] as const) {
    tasks.push(limiter.run(() => writer.post(`${base}/services`, { metadata: { name, labels: benchLabels }, spec: { selector: { app }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } })));
  }
  for (const policy of policies(namespace)) {
    // The typed model's `_from` is the API's `from`.
    const body = JSON.parse(JSON.stringify(policy).replaceAll('"_from"', '"from"')) as object;
    tasks.push(limiter.run(() => writer.post(`/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`, body)));
  }
  await Promise.all(tasks);
}

/** Creates the whole population: nodes, the guard, namespaces and their objects. Returns the pods created. */
export async function createPopulation(writer: ApiWriter): Promise<CreatedPods> {
  const created: CreatedPods = new Map();
  const limiter = new Limiter(WRITES_IN_FLIGHT);
  await createNodes(writer);
  await guardAgainstControllerPods(writer);
  await createNamespace(writer, limiter, namespaceNames[0]!);
  await waitForGuard(writer, namespaceNames[0]!);
  const start = performance.now();
  let lastReport = start;
  await inParallel(
    Array.from({ length: NAMESPACES }, (_, n) => n),
    NAMESPACES_AT_ONCE,
    async (n) => {
      if (n > 0) await createNamespace(writer, limiter, namespaceNames[n]!);
      await populateNamespace(writer, limiter, n, created);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`${created.size} of ${TOTAL_PODS} pods created (${(created.size / ((lastReport - start) / 1000)).toFixed(0)}/s)`);
      }
    },
  );
  progress(`${created.size} pods created in ${((performance.now() - start) / 1000).toFixed(0)} s (${(created.size / ((performance.now() - start) / 1000)).toFixed(0)}/s)`);
  return created;
}

/** Waits until every bench pod is Ready (kwok marks them so), reading only kubectl's table columns. */
export async function waitForReady(writer: ApiWriter, timeoutMs: number): Promise<void> {
  let lastReport = 0;
  await until(`${TOTAL_PODS} Ready bench pods`, timeoutMs, TOTAL_PODS > 20_000 ? 5000 : 2000, async () => {
    const rows = await writer.listAll(`/api/v1/pods?labelSelector=${encodeURIComponent(`${RUN_LABEL}=${runId}`)}&includeObject=None`, TABLE);
    const ready = rows.filter((r) => r.columns?.Status === 'Running' && r.columns.Ready === '1/1').length;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      progress(`${rows.length} bench pods, ${ready} Ready`);
    }
    return ready >= TOTAL_PODS ? true : undefined;
  });
}

/**
 * Compares the run's pods with what the bench created: pods nobody asked the bench for (a controller's), pods
 * missing (the garbage collector's), pods replaced (another uid), pods being deleted. `extra` names the pods the
 * bench created later (the watch step's).
 */
export async function checkPopulation(writer: ApiWriter, created: CreatedPods, extra: (name: string) => boolean): Promise<{ ok: boolean; line: string }> {
  const pods = await writer.listAll(`/api/v1/pods?labelSelector=${encodeURIComponent(`${RUN_LABEL}=${runId}`)}`, METADATA_ONLY);
  const seen = new Set<string>();
  let foreign = 0;
  let replaced = 0;
  let deleting = 0;
  for (const pod of pods) {
    const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
    seen.add(key);
    const uid = created.get(key);
    if (pod.metadata!.deletionTimestamp) deleting += 1;
    if (uid === undefined) {
      if (!extra(pod.metadata!.name!)) foreign += 1;
    } else if (uid !== pod.metadata!.uid) replaced += 1;
  }
  const missing = [...created.keys()].filter((key) => !seen.has(key)).length;
  const ok = foreign + replaced + deleting + missing === 0;
  return { ok, line: `${pods.length} pods: ${foreign} created by anyone but the bench, ${missing} gone, ${replaced} replaced, ${deleting} being deleted` };
}

/** How often the ReplicaSet controller tried to create a pod in the run's namespaces and was refused. */
export async function refusedControllerCreates(writer: ApiWriter): Promise<number> {
  const events = await writer.listAll(`/api/v1/events?fieldSelector=${encodeURIComponent('reason=FailedCreate')}`);
  return events.filter((e) => e.metadata?.namespace?.startsWith(prefix)).reduce((sum, e) => sum + ((e as { count?: number }).count ?? 1), 0);
}

/**
 * Deletes the bench's objects matching the selector: the guard, then the namespaces (a terminating namespace takes
 * no new pods), then their pods at once (grace 0, not at the namespace controller's pace), then, once the pods are
 * gone (kwok returns their addresses to the node's pool only while the node exists), the nodes.
 */
export async function deleteBench(writer: ApiWriter, selector: string): Promise<void> {
  const query = `labelSelector=${encodeURIComponent(selector)}`;
  await removeGuard(writer, selector).catch((error: unknown) => progress(`cleanup: the admission policy: ${errorText(error)}`));
  const namespaces = (await writer.listAll(`/api/v1/namespaces?${query}`)).map((n) => n.metadata!.name!);
  await inParallel(namespaces, WRITES_IN_FLIGHT, async (namespace) => {
    await writer.delete(`/api/v1/namespaces/${namespace}`);
    await writer.delete(`/api/v1/namespaces/${namespace}/pods?gracePeriodSeconds=0`).catch(() => undefined);
  });
  const count = async () => (await writer.get(`/api/v1/pods?${query}&limit=1`, METADATA_ONLY)).items?.length ?? 0;
  await until('the bench pods gone', 60_000 + TOTAL_PODS * 5, 1000, async () => ((await count()) === 0 ? true : undefined)).catch((error: unknown) =>
    progress(`cleanup: ${errorText(error)}`),
  );
  const nodes = (await writer.listAll(`/api/v1/nodes?${query}`)).map((n) => n.metadata!.name!);
  await inParallel(nodes, WRITES_IN_FLIGHT, (name) => writer.delete(`/api/v1/nodes/${name}`).catch(() => undefined));
}

// The generated cluster, as the benchmark creates it through the API: kwok nodes, namespaces with Deployments,
// bare pods, Services and NetworkPolicies, and their deletion.

import { PatchStrategy, setHeaderOptions, type V1NetworkPolicy, type V1Node, type V1Pod, type V1PodSpec } from '@kubernetes/client-node';
import { BARE_PODS, BENCH_LABEL, BENCH_NODES, IMAGE, IN_FLIGHT, type Kube, REPLICAS, RUN_LABEL, TOTAL_PODS, benchLabels, errorText, inParallel, isReady, namespaceNames, prefix, progress, runId, statusCode, until } from './common.ts';

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

export async function createNodes(kube: Kube): Promise<void> {
  await inParallel(
    Array.from({ length: BENCH_NODES }, (_, i) => i),
    IN_FLIGHT,
    async (i) => {
      const name = `${prefix}-node-${String(i).padStart(String(BENCH_NODES - 1).length, '0')}`;
      // Apart from the cluster's own nodes (10.244.0.0/16) and the soak's population (10.245.0.0/16 and up).
      const cidr = `10.${200 + Math.floor(i / 256)}.${i % 256}.0/24`;
      const node: V1Node = {
        metadata: {
          name,
          annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
          labels: { ...benchLabels, 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
        },
        spec: { podCIDR: cidr, podCIDRs: [cidr] },
      };
      await kube.core.createNode({ body: node });
      await kube.core.patchNodeStatus(
        { name, body: { status: { addresses: [{ type: 'InternalIP', address: `172.18.1.${i + 1}` }, { type: 'Hostname', address: name }] } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    },
  );
  await until(`${BENCH_NODES} Ready bench nodes`, 60_000, 250, async () => {
    const nodes = (await kube.core.listNode({ labelSelector: `${RUN_LABEL}=${runId}` })).items;
    const ready = nodes.filter(
      (n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !n.spec?.taints?.some((t) => t.effect === 'NoSchedule'),
    );
    return ready.length === BENCH_NODES ? true : undefined;
  });
}

export async function createCluster(kube: Kube): Promise<void> {
  await inParallel(namespaceNames, IN_FLIGHT, (name) => kube.core.createNamespace({ body: { metadata: { name, labels: benchLabels } } }));
  // Pods are refused until a namespace's default ServiceAccount exists; the ReplicaSet controller would back off.
  await until('the default ServiceAccount in every bench namespace', 60_000, 250, async () => {
    const accounts = await kube.core.listServiceAccountForAllNamespaces({ fieldSelector: 'metadata.name=default' });
    const have = new Set(accounts.items.map((a) => a.metadata?.namespace));
    return namespaceNames.every((n) => have.has(n)) ? true : undefined;
  });

  const tasks: (() => Promise<unknown>)[] = [];
  for (const namespace of namespaceNames) {
    // Deployments first (the controllers create their pods at their own pace), then the rest.
    REPLICAS.forEach((replicas, i) => {
      const name = deploymentName(i);
      const labels = { app: name, ...benchLabels };
      tasks.push(() =>
        kube.apps.createNamespacedDeployment({
          namespace,
          body: {
            metadata: { name, labels },
            spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: podSpec() } },
          },
        }),
      );
    });
  }
  for (const namespace of namespaceNames) {
    for (let i = 0; i < BARE_PODS; i++) tasks.push(() => kube.core.createNamespacedPod({ namespace, body: barePod(namespace, `solo-${i}`) }));
    for (const [name, app] of [
      ['svc-a', 'd00'],
      ['svc-b', 'd06'],
    ] as const) {
      tasks.push(() =>
        kube.core.createNamespacedService({
          namespace,
          body: { metadata: { name, labels: benchLabels }, spec: { selector: { app }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } },
        }),
      );
    }
    for (const policy of policies(namespace)) tasks.push(() => kube.net.createNamespacedNetworkPolicy({ namespace, body: policy }));
  }
  await inParallel(tasks, IN_FLIGHT, (task) => task());
}

export async function waitForPods(kube: Kube, timeoutMs: number): Promise<void> {
  let lastReport = 0;
  await until(`${TOTAL_PODS} Ready bench pods`, timeoutMs, 2000, async () => {
    const pods = (await kube.core.listPodForAllNamespaces({ labelSelector: `${RUN_LABEL}=${runId}`, resourceVersion: '0' })).items;
    const ready = pods.filter(isReady).length;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      progress(`${pods.length} bench pods, ${ready} Ready`);
    }
    return ready >= TOTAL_PODS ? true : undefined;
  });
}

/**
 * Deletes the bench's namespaces and nodes matching the selector: namespaces first (a terminating namespace takes
 * no new pods, so the ReplicaSet controller cannot recreate them), then their pods at once (grace 0, not at the
 * namespace controller's pace), then, once the pods are gone (kwok returns their addresses to the node's pool only
 * while the node exists), the nodes.
 */
export async function deleteBench(kube: Kube, selector: string): Promise<void> {
  const namespaces = (await kube.core.listNamespace({ labelSelector: selector })).items.map((n) => n.metadata!.name!);
  await inParallel(namespaces, IN_FLIGHT, async (namespace) => {
    await kube.core.deleteNamespace({ name: namespace }).catch((e: unknown) => {
      if (statusCode(e) !== 404) throw e;
    });
    await kube.core.deleteCollectionNamespacedPod({ namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  });
  await until('the bench pods gone', 60_000, 500, async () =>
    (await kube.core.listPodForAllNamespaces({ labelSelector: selector, limit: 1 })).items.length === 0 ? true : undefined,
  ).catch((error: unknown) => progress(`cleanup: ${errorText(error)}`));
  const nodes = (await kube.core.listNode({ labelSelector: selector })).items.map((n) => n.metadata!.name!);
  await inParallel(nodes, IN_FLIGHT, (name) => kube.core.deleteNode({ name }).catch(() => undefined));
}

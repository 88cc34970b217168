import { AppsV1Api, CoreV1Api, DiscoveryV1Api, KubeConfig, NetworkingV1Api, PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';

/** The admin side of the tests: it creates and changes what the dashboard must then show. */
export function adminConfig(): KubeConfig {
  const file = process.env.E2E_KUBECONFIG;
  if (!file) throw new Error('E2E_KUBECONFIG is not set (scripts/test-e2e.sh sets it)');
  const config = new KubeConfig();
  config.loadFromFile(file);
  return config;
}

export const RUN_LABEL = 'kube-netmap.dev/e2e-run';

/**
 * The image of every pod the suite creates. kwok runs no containers, so any name works there; on kind the pause
 * image is already on every node (it is the pod sandbox), so pods start without pulling anything.
 */
export const E2E_IMAGE = process.env.E2E_IMAGE ?? 'registry.k8s.io/pause:3.10';

export class Cluster {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly networking: NetworkingV1Api;

  constructor(readonly config: KubeConfig = adminConfig()) {
    this.core = config.makeApiClient(CoreV1Api);
    this.apps = config.makeApiClient(AppsV1Api);
    this.networking = config.makeApiClient(NetworkingV1Api);
  }

  /** A fresh namespace labelled with this run's id, so that teardown deletes exactly what the run created. */
  async createNamespace(prefix: string): Promise<string> {
    const name = `${prefix}-${Math.random().toString(36).slice(2, 7)}`;
    await this.core.createNamespace({ body: { metadata: { name, labels: { [RUN_LABEL]: runId() } } } });
    // Pods are refused until the namespace's default ServiceAccount exists.
    await eventually(() => this.core.readNamespacedServiceAccount({ name: 'default', namespace: name }), 30_000);
    return name;
  }

  async deleteNamespace(name: string): Promise<void> {
    await this.core.deleteNamespace({ name }).catch(() => undefined);
  }

  async createDeployment(namespace: string, name: string, replicas: number, port = 8080): Promise<void> {
    const labels = { app: name };
    await this.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name, labels },
        spec: {
          replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: 'app', image: E2E_IMAGE, ports: [{ name: 'http', containerPort: port }] }] },
          },
        },
      },
    });
  }

  async scaleDeployment(namespace: string, name: string, replicas: number): Promise<void> {
    await this.apps.patchNamespacedDeploymentScale(
      { namespace, name, body: { spec: { replicas } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }

  async createService(namespace: string, name: string, selectorApp: string, port = 80, targetPort: number | string = 'http') {
    await this.core.createNamespacedService({
      namespace,
      body: { metadata: { name }, spec: { selector: { app: selectorApp }, ports: [{ name: 'web', port, targetPort }] } },
    });
  }

  async createSecret(namespace: string, name: string, stringData: Record<string, string>, type = 'Opaque'): Promise<void> {
    await this.core.createNamespacedSecret({ namespace, body: { metadata: { name }, type, stringData } });
  }

  /** An Ingress that serves host over TLS with the certificate of Secret secretName, and sends it to one Service. */
  async createTlsIngress(namespace: string, name: string, host: string, secretName: string, service: string): Promise<void> {
    await this.networking.createNamespacedIngress({
      namespace,
      body: {
        metadata: { name },
        spec: {
          tls: [{ hosts: [host], secretName }],
          rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: { number: 80 } } } }] } }],
        },
      },
    });
  }

  async readyPods(namespace: string, app: string): Promise<V1Pod[]> {
    const pods = await this.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
    return pods.items.filter(
      (p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
  }

  async waitForReadyPods(namespace: string, app: string, count: number): Promise<V1Pod[]> {
    return eventually(async () => {
      const pods = await this.readyPods(namespace, app);
      if (pods.length !== count) throw new Error(`${pods.length} of ${count} pods of ${app} ready`);
      return pods;
    }, 60_000);
  }

  /**
   * Until the Service's EndpointSlices list `count` ready endpoints: the EndpointSlice controller's work, which a
   * test of the dashboard should wait for rather than time (after an API server restart it may take a while).
   */
  async waitForReadyEndpoints(namespace: string, service: string, count: number): Promise<void> {
    const discovery = this.config.makeApiClient(DiscoveryV1Api);
    await eventually(async () => {
      const slices = await discovery.listNamespacedEndpointSlice({ namespace, labelSelector: `kubernetes.io/service-name=${service}` });
      const ready = slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready).length;
      if (ready !== count) throw new Error(`${ready} of ${count} endpoints of ${service} ready`);
    }, 60_000);
  }
}

export function runId(): string {
  const id = process.env.E2E_RUN_ID;
  if (!id) throw new Error('E2E_RUN_ID is not set (the global setup sets it)');
  return id;
}

export async function eventually<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

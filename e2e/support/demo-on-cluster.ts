import fs from 'node:fs';
import path from 'node:path';
import { KubernetesObjectApi, loadYaml, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments, stringify } from 'yaml';
import { E2E_IMAGE, RUN_LABEL } from './kube';

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'examples', 'demo');

export interface DemoNames {
  shop: string;
  ingress: string;
  ingressClass: string;
  gatewayClass: string;
  /** The demo's ClusterNetworkPolicy (cluster-scoped, so renamed per run like the classes). */
  clusterPolicy: string;
  /** The shop's host, shop.example.com in the demo: unique per run, so that no other Ingress can route it. */
  host: string;
}

const DEMO_HOST = 'shop.example.com';

/**
 * The demo under names of this run's own, so that it can be applied to any cluster (a user's kind too) without
 * touching what is there: its namespaces, its IngressClass, its GatewayClass and its ClusterNetworkPolicy are renamed, the IngressClass is not
 * made the cluster's default, and its host (and the names under it) is made unique. The same renamed documents feed the manifests source, so both
 * sides describe one thing.
 */
export function renamedDemo(suffix: string): { names: DemoNames; objects: KubernetesObject[]; manifests: { file: string; text: string }[] } {
  const names: DemoNames = {
    shop: `e2e-shop-${suffix}`,
    ingress: `e2e-ingress-${suffix}`,
    ingressClass: `e2e-nginx-${suffix}`,
    gatewayClass: `e2e-envoy-${suffix}`,
    clusterPolicy: `e2e-guardrails-${suffix}`,
    host: `shop-${suffix}.example.com`,
  };
  const namespaceMap: Record<string, string> = { shop: names.shop, 'ingress-nginx': names.ingress };
  const objects: KubernetesObject[] = [];
  const manifests: { file: string; text: string }[] = [];
  for (const file of fs.readdirSync(DEMO_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const renamed = parseAllDocuments(fs.readFileSync(path.join(DEMO_DIR, file), 'utf8'))
      .map((doc) => doc.toJS() as KubernetesObject | null)
      .filter((o): o is KubernetesObject => o !== null)
      .map((o) => rename(o, namespaceMap, names));
    objects.push(...renamed);
    manifests.push({ file, text: renamed.map((o) => stringify(o)).join('---\n') });
  }
  return { names, objects, manifests };
}

function rename(object: KubernetesObject, namespaces: Record<string, string>, names: DemoNames): KubernetesObject {
  // Renames namespace references wherever the demo makes them: metadata, Namespace names, and the
  // kubernetes.io/metadata.name label that its policies select namespaces by.
  const json = JSON.stringify(object, (key, value: unknown) => {
    if (typeof value !== 'string') return value;
    // The model ignores images; a real cluster needs one it can run.
    if (key === 'image') return E2E_IMAGE;
    if ((key === 'namespace' || key === 'kubernetes.io/metadata.name') && namespaces[value]) return namespaces[value];
    // The host and the names under it (the Gateway's *.shop.example.com, its route's next.shop.example.com).
    if (value === DEMO_HOST || value.endsWith(`.${DEMO_HOST}`)) return value.slice(0, -DEMO_HOST.length) + names.host;
    return value;
  });
  const renamed = JSON.parse(json) as KubernetesObject & { spec?: { ingressClassName?: string; gatewayClassName?: string } };
  if (renamed.kind === 'Namespace' && renamed.metadata?.name && namespaces[renamed.metadata.name]) {
    renamed.metadata.name = namespaces[renamed.metadata.name];
  }
  if (renamed.kind === 'IngressClass' && renamed.metadata) {
    renamed.metadata.name = names.ingressClass;
    delete renamed.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'];
  }
  if (renamed.kind === 'Ingress' && renamed.spec?.ingressClassName) renamed.spec.ingressClassName = names.ingressClass;
  if (renamed.kind === 'GatewayClass' && renamed.metadata) renamed.metadata.name = names.gatewayClass;
  if (renamed.kind === 'ClusterNetworkPolicy' && renamed.metadata) renamed.metadata.name = names.clusterPolicy;
  if (renamed.kind === 'Gateway' && renamed.spec?.gatewayClassName) renamed.spec.gatewayClassName = names.gatewayClass;
  if (renamed.kind === 'StatefulSet') dropVolumeClaims(renamed as StatefulSetLike);
  return renamed;
}

interface StatefulSetLike {
  spec?: {
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
    template?: { spec?: { containers?: { volumeMounts?: { name?: string }[] }[] } };
  };
}

/**
 * The local control plane has no storage provisioner, so a StatefulSet's claims would never bind and its pods
 * never schedule. Volumes play no part in the network model; the claims and their mounts are left out.
 */
function dropVolumeClaims(statefulSet: StatefulSetLike): void {
  const claims = new Set((statefulSet.spec?.volumeClaimTemplates ?? []).map((c) => c.metadata?.name));
  delete statefulSet.spec?.volumeClaimTemplates;
  for (const container of statefulSet.spec?.template?.spec?.containers ?? []) {
    container.volumeMounts = container.volumeMounts?.filter((m) => !claims.has(m.name));
  }
}

/** Creates the objects through the API, namespaces and cluster-scoped ones first. */
export async function applyObjects(admin: KubeConfig, objects: KubernetesObject[], runId: string): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(admin);
  const first = (o: KubernetesObject) => (o.kind === 'Namespace' || o.kind === 'IngressClass' || o.kind === 'GatewayClass' ? 0 : 1);
  for (const object of [...objects].sort((a, b) => first(a) - first(b))) {
    if (object.kind === 'Namespace') object.metadata = { ...object.metadata, labels: { ...object.metadata?.labels, [RUN_LABEL]: runId } };
    // create() serialises through client-node's typed models, whose field names differ from the wire's where the
    // wire name is a reserved word (NetworkPolicy `from` is `_from`): a plain object would silently lose those
    // fields. loadYaml turns the wire JSON into the typed model first.
    await api.create(loadYaml<KubernetesObject>(JSON.stringify(object)));
  }
}

export async function deleteDemo(admin: KubeConfig, names: DemoNames): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(admin);
  for (const object of [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.shop } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names.ingress } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: names.ingressClass } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: names.gatewayClass } },
    { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: names.clusterPolicy } },
  ]) {
    await api.delete(object).catch(() => undefined);
  }
}

import { emptyModel, GATEWAY_KINDS, normalize, RESOURCE_KIND_NAMES, type ClusterModel, type GatewayKind, type OwnerRef, type ResourceKind, type ResourceTypes } from '@/lib/model';
import type { RawObject, RawPod } from '@/lib/model/normalize/raw';
import { byCodeUnits } from '@/lib/model/names';
import { ManifestError, type ManifestWarning } from './errors';
import { isPlainObject, parseManifestText, type LocatedObject } from './parse';
import { isInertKind } from './inert-kinds';
import { acceptPluginPolicy } from './plugin-policies';
import { checkShape, formatPath, type ReadKind } from './schema';

export interface ManifestSource {
  /** How the file is named in errors and warnings. */
  file: string;
  text: string;
  /** Found by a directory scan rather than named: documents that are not Kubernetes objects are skipped with a warning. */
  scanned?: boolean;
}

export interface ManifestLoadResult {
  model: ClusterModel;
  warnings: ManifestWarning[];
  /**
   * Objects left out without a warning because they cannot change an answer, counted by kind: ConfigMaps, RBAC and
   * the like, a ReplicaSet whose Deployment is read, a workload whose own pods are read (a `kubectl get` dump).
   */
  ignored: Record<string, number>;
}

/** The suffix of a workload's representative pod: `api` (a Deployment) is shown as pod `api-template`. */
export const TEMPLATE_POD_SUFFIX = '-template';

type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

interface KindRule {
  /** The apiVersion the current API serves. */
  apiVersion: string;
  /**
   * Other apiVersions of the same kind: retired ones are read with a warning when their schema matches ('read'),
   * else skipped ('skip'); 'alias' is one still served with the same schema, read without a warning.
   */
  retired: Record<string, 'read' | 'skip' | 'alias'>;
  namespaced: boolean;
  /** The model collection, or "workload" for kinds that become one representative pod. */
  into: ResourceKind | 'workload';
  /** A workload kind the model also keeps as itself (DaemonSets, which tell the network plugin). */
  keep?: ResourceKind;
}

const KINDS: Record<ReadKind, KindRule> = {
  Namespace: { apiVersion: 'v1', retired: {}, namespaced: false, into: 'namespaces' },
  Node: { apiVersion: 'v1', retired: {}, namespaced: false, into: 'nodes' },
  Pod: { apiVersion: 'v1', retired: {}, namespaced: true, into: 'pods' },
  Service: { apiVersion: 'v1', retired: {}, namespaced: true, into: 'services' },
  // v1beta1 put the node and zone under `topology`; the fields kube-netmap reads are otherwise the same.
  EndpointSlice: { apiVersion: 'discovery.k8s.io/v1', retired: { 'discovery.k8s.io/v1beta1': 'read' }, namespaced: true, into: 'endpointslices' },
  // Before networking.k8s.io/v1 a backend was `serviceName`/`servicePort`: reading it as v1 would lose every backend.
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    retired: { 'networking.k8s.io/v1beta1': 'skip', 'extensions/v1beta1': 'skip' },
    namespaced: true,
    into: 'ingresses',
  },
  IngressClass: { apiVersion: 'networking.k8s.io/v1', retired: { 'networking.k8s.io/v1beta1': 'read' }, namespaced: false, into: 'ingressclasses' },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', retired: { 'extensions/v1beta1': 'read' }, namespaced: true, into: 'networkpolicies' },
  // sigs.k8s.io/network-policy-api v0.3.0 serves v1beta1 (storage) and v1alpha2 with one schema.
  ClusterNetworkPolicy: {
    apiVersion: 'policy.networking.k8s.io/v1beta1',
    retired: { 'policy.networking.k8s.io/v1alpha2': 'alias' },
    namespaced: false,
    into: 'clusternetworkpolicies',
  },
  AdminNetworkPolicy: { apiVersion: 'policy.networking.k8s.io/v1alpha1', retired: {}, namespaced: false, into: 'adminnetworkpolicies' },
  BaselineAdminNetworkPolicy: { apiVersion: 'policy.networking.k8s.io/v1alpha1', retired: {}, namespaced: false, into: 'baselineadminnetworkpolicies' },
  // Only that it exists (for Ingress TLS): normalize('secrets') keeps the name and drops the rest.
  Secret: { apiVersion: 'v1', retired: {}, namespaced: true, into: 'secrets' },
  Deployment: { apiVersion: 'apps/v1', retired: appsRetired(), namespaced: true, into: 'workload' },
  StatefulSet: { apiVersion: 'apps/v1', retired: appsRetired(), namespaced: true, into: 'workload' },
  DaemonSet: { apiVersion: 'apps/v1', retired: appsRetired(), namespaced: true, into: 'workload', keep: 'daemonsets' },
  ReplicaSet: { apiVersion: 'apps/v1', retired: appsRetired(), namespaced: true, into: 'workload' },
  ReplicationController: { apiVersion: 'v1', retired: {}, namespaced: true, into: 'workload' },
  Job: { apiVersion: 'batch/v1', retired: {}, namespaced: true, into: 'workload' },
  CronJob: { apiVersion: 'batch/v1', retired: { 'batch/v1beta1': 'read' }, namespaced: true, into: 'workload' },
  // The Gateway API, standard channel v1.6: v1beta1 is still served (same schema) for four kinds; the alpha
  // versions are no longer served by the v1.6 CRDs.
  GatewayClass: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired('v1beta1'), namespaced: false, into: 'gatewayclasses' },
  Gateway: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired('v1beta1'), namespaced: true, into: 'gateways' },
  ListenerSet: { apiVersion: 'gateway.networking.k8s.io/v1', retired: { 'gateway.networking.x-k8s.io/v1alpha1': 'skip' }, namespaced: true, into: 'listenersets' },
  HTTPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired('v1beta1'), namespaced: true, into: 'httproutes' },
  GRPCRoute: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired(), namespaced: true, into: 'grpcroutes' },
  TLSRoute: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired(), namespaced: true, into: 'tlsroutes' },
  TCPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired(), namespaced: true, into: 'tcproutes' },
  UDPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired(), namespaced: true, into: 'udproutes' },
  ReferenceGrant: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired('v1beta1'), namespaced: true, into: 'referencegrants' },
  BackendTLSPolicy: { apiVersion: 'gateway.networking.k8s.io/v1', retired: gatewayRetired(), namespaced: true, into: 'backendtlspolicies' },
};

function gatewayRetired(served?: 'v1beta1'): Record<string, 'skip' | 'alias'> {
  const versions: Record<string, 'skip' | 'alias'> = {
    'gateway.networking.k8s.io/v1alpha2': 'skip',
    'gateway.networking.k8s.io/v1alpha3': 'skip',
    'gateway.networking.k8s.io/v1beta1': 'skip',
  };
  if (served) versions[`gateway.networking.k8s.io/${served}`] = 'alias';
  return versions;
}

function appsRetired(): Record<string, 'read'> {
  return { 'apps/v1beta1': 'read', 'apps/v1beta2': 'read', 'extensions/v1beta1': 'read' };
}

/** The workload kinds whose pods are made through another workload; an owned one is represented by its owner. */
const OWNER_OF: Partial<Record<WorkloadKind, WorkloadKind>> = { ReplicaSet: 'Deployment', Job: 'CronJob' };

const DEFAULT_NAMESPACE = 'default';

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

/** An object the loader keeps, before it becomes part of the model. */
interface Accepted {
  source: LocatedObject;
  kind: ReadKind;
  rule: KindRule;
  name: string;
  namespace: string | undefined;
}

interface Entry<T> {
  object: T;
  file: string;
  line: number;
  /** `Service shop/api`, or `Deployment shop/api` for a representative pod. */
  origin: string;
}

/**
 * Builds the model of a set of manifests, every kind synced. Objects of kinds the model holds are normalised as the
 * API server would default them; each workload (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob) becomes one representative pod `<name>-template` from its pod template; a
 * DaemonSet is also kept as itself, since it tells which network plugin the cluster runs. A workload whose own pods
 * are in the sources too (a `kubectl get -o yaml` dump) is represented by those pods instead.
 * Namespaced objects without a namespace go to `default`, as `kubectl apply` would put them, and namespaces used
 * but not declared are added. Of a Secret, only its name is kept. Kinds that cannot change an answer are counted in
 * `ignored`; other kinds are skipped with a warning. Throws a ManifestError for anything the API server would
 * reject outright, and when the sources hold no object at all.
 */
export function modelFromDocuments(sources: readonly ManifestSource[]): ManifestLoadResult {
  const warnings: ManifestWarning[] = [];
  const warn = (o: { file: string; line: number }, message: string) => warnings.push({ file: o.file, line: o.line, message });
  const ignored: Record<string, number> = {};
  const ignore = (kind: string) => (ignored[kind] = (ignored[kind] ?? 0) + 1);

  const accepted: Accepted[] = [];
  const builder = new ModelBuilder(warn);
  let objects = 0;
  for (const source of sources) {
    for (const located of parseManifestText(source.file, source.text, warnings, source.scanned)) {
      objects += 1;
      if (isInertKind(located.raw.apiVersion, located.raw.kind)) {
        ignore(located.raw.kind);
        continue;
      }
      const policy = acceptPluginPolicy(located, DEFAULT_NAMESPACE, warn);
      if (policy) {
        builder.add(policy.into, normalize(policy.into, policy.raw), located, policy.label);
        continue;
      }
      const object = accept(located, warn);
      if (object) accepted.push(object);
    }
  }
  // An empty model would answer every question ("no findings"), as if the cluster were empty: say so instead.
  if (objects === 0) throw new ManifestError(nameFiles(sources), 0, NO_OBJECTS);

  // Objects first, workloads after: a workload whose pods were read is represented by them.
  const podsOf = new Set<string>();
  for (const { source, kind, rule, name, namespace } of accepted) {
    if (rule.into === 'workload') continue;
    const metadata: Record<string, unknown> = { ...manifestMetadata(source.raw), name, namespace, uid: uidOf(kind, namespace, name) };
    if (namespace === undefined) delete metadata.namespace;
    const raw = { ...source.raw, metadata } as RawObject;
    if (rule.into === 'pods' && raw.status === undefined) raw.status = runningStatus((raw as RawPod).spec ?? {});
    const object = normalize(rule.into, raw);
    if (rule.into === 'pods') {
      const pod = object as ResourceTypes['pods'];
      podsOf.add(workloadKey(pod.workload.kind, namespace, pod.workload.name));
    }
    builder.add(rule.into, object, source, `${kind} ${qualified(namespace, name)}`);
  }

  const present = new Set(accepted.map((a) => workloadKey(a.kind, a.namespace, a.name)));
  for (const { source, kind, rule, name, namespace } of accepted) {
    if (rule.into !== 'workload') continue;
    const label = `${kind} ${qualified(namespace, name)}`;
    const metadata: Record<string, unknown> = { ...manifestMetadata(source.raw), name, namespace };
    const raw = { ...source.raw, metadata } as RawObject;

    if (rule.keep) {
      // Its representative pod below warns about a redefinition once; the kept object must not warn again.
      builder.add(rule.keep, normalize(rule.keep, { ...raw, metadata: { ...metadata, uid: uidOf(kind, namespace, name) } }), source, label, false);
    }
    const workload = kind as WorkloadKind;
    const controller = controllerOf(source.raw);
    const ownerKind = OWNER_OF[workload];
    const managedBy = ownerKind && controller?.kind === ownerKind ? { kind: ownerKind, name: controller.name } : undefined;
    // Its own pods, or its owner (or the owner's pods), stand for the pods it runs: its template pod would add a twin.
    const ownerKey = managedBy && workloadKey(managedBy.kind, namespace, managedBy.name);
    if (podsOf.has(workloadKey(kind, namespace, name)) || (ownerKey && (present.has(ownerKey) || podsOf.has(ownerKey)))) {
      if (!rule.keep) ignore(kind);
      continue;
    }
    if ((source.raw.spec as { replicas?: number | null }).replicas === 0) {
      warn(source, `${label} has replicas: 0; its representative pod stands for the pods it runs when scaled up`);
    }
    const pod = representativePod(workload, raw, namespace ?? DEFAULT_NAMESPACE, name);
    // A ReplicaSet's pods belong to its Deployment, a Job's to its CronJob, as a person names them.
    pod.workload = managedBy ?? { kind, name };
    builder.add('pods', pod, source, label);
  }
  return { model: builder.build(), warnings, ignored };
}

const NO_OBJECTS = 'no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null';

/** The files of an error about all of them: the first few by name. */
function nameFiles(sources: readonly ManifestSource[]): string {
  const shown = sources.slice(0, 3).map((s) => s.file);
  if (shown.length === 0) return '(no files)';
  return sources.length > shown.length ? `${shown.join(', ')} and ${sources.length - shown.length} more` : shown.join(', ');
}

/** Decides whether the loader reads an object, and checks those it reads. Returns undefined for skipped ones. */
function accept(located: LocatedObject, warn: (o: LocatedObject, message: string) => void): Accepted | undefined {
  const { raw } = located;
  const metadata = isPlainObject(raw.metadata) ? raw.metadata : undefined;
  const rawName = typeof metadata?.name === 'string' && metadata.name ? metadata.name : undefined;
  const rawNamespace = typeof metadata?.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined;
  const label = `${raw.kind} ${rawName ? qualified(rawNamespace, rawName) : '(unnamed)'}`;

  const kind = Object.hasOwn(KINDS, raw.kind) ? (raw.kind as ReadKind) : undefined;
  const rule = kind ? KINDS[kind] : undefined;
  const group = groupOf(raw.apiVersion);
  const retired = rule ? rule.retired[raw.apiVersion] : undefined;
  const sameKind = rule && (groupOf(rule.apiVersion) === group || retired !== undefined);
  if (!kind || !rule || !sameKind) {
    warn(located, `${label} (${raw.apiVersion}) skipped: kube-netmap does not model this kind`);
    return undefined;
  }
  // kubectl sends a namespaced object without a namespace to the default one; cluster-scoped kinds have none.
  const namespace = rule.namespaced ? (rawNamespace ?? DEFAULT_NAMESPACE) : undefined;
  const known = `${kind} ${rawName ? qualified(namespace, rawName) : '(unnamed)'}`;
  if (raw.apiVersion !== rule.apiVersion && retired !== 'alias') {
    if (retired === 'read') {
      warn(located, `${known}: ${raw.apiVersion} is no longer served by Kubernetes; read as ${rule.apiVersion}`);
    } else {
      warn(located, `${known} skipped: ${raw.apiVersion} is not supported; write it as ${rule.apiVersion}`);
      return undefined;
    }
  }

  if (!metadata || !rawName) {
    throw new ManifestError(located.file, located.lineOf(['metadata', 'name']), `${kind}: metadata.name is required`);
  }
  const problem = checkShape(kind, raw);
  if (problem) {
    throw new ManifestError(located.file, located.lineOf(problem.path), `${known}: ${formatPath(problem.path)}: ${problem.message}`);
  }
  return { source: located, kind, rule, name: rawName, namespace };
}

/** The pod a workload's template describes, as it would run: scheduled, running and ready, with no IPs yet. */
function representativePod(kind: WorkloadKind, raw: RawObject, namespace: string, workloadName: string) {
  const spec = raw.spec as {
    template?: PodTemplate;
    jobTemplate?: { spec?: { template?: PodTemplate } };
    serviceName?: string;
  };
  const template = (kind === 'CronJob' ? spec.jobTemplate?.spec?.template : spec.template) ?? {};
  const podSpec = { ...(template.spec ?? {}) };
  // The StatefulSet controller puts its pods in the DNS subdomain of the governing Service.
  if (kind === 'StatefulSet' && spec.serviceName) podSpec.subdomain = spec.serviceName;
  const name = `${workloadName}${TEMPLATE_POD_SUFFIX}`;
  const pod: RawPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: uidOf('Pod', namespace, name),
      labels: { ...(template.metadata?.labels ?? {}) },
      ownerReferences: [{ kind, name: workloadName, controller: true }],
    },
    spec: podSpec,
    status: runningStatus(podSpec),
  };
  return normalize('pods', pod);
}

/**
 * Manifests describe pods as they would run: a pod without a status is read as Running with every container
 * ready, like the representative pods of workloads, rather than as a Pending pod that no analysis would count.
 */
function runningStatus(podSpec: NonNullable<RawPod['spec']>): NonNullable<RawPod['status']> {
  const containerNames = [
    ...(podSpec.containers ?? []),
    ...(podSpec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ].flatMap((c) => (c.name ? [c.name] : []));
  return {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: containerNames.map((n) => ({ name: n, ready: true })),
  };
}

type PodTemplate = { metadata?: { labels?: Record<string, string> | null }; spec?: NonNullable<RawPod['spec']> };

/**
 * An object's metadata without the uids of its owner references: manifests carry no uids that mean anything (the
 * loader gives every object its own), and no analysis reads them, so a dump's odd one (a number) is no error.
 */
function manifestMetadata(raw: LocatedObject['raw']): Record<string, unknown> {
  const metadata = raw.metadata as Record<string, unknown>;
  const refs = metadata.ownerReferences;
  if (!Array.isArray(refs)) return metadata;
  const withoutUid = (ref: Record<string, unknown>) => {
    const copy = { ...ref };
    delete copy.uid;
    return copy;
  };
  return { ...metadata, ownerReferences: refs.map((ref: unknown) => (isPlainObject(ref) ? withoutUid(ref) : ref)) };
}

function controllerOf(raw: RawObject): OwnerRef | undefined {
  const refs = raw.metadata?.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref?.kind && ref.name ? { kind: ref.kind, name: ref.name } : undefined;
}

/**
 * Manifests carry no uids (and copied ones may repeat), so every object gets one from what identifies it:
 * `Service/shop/api`, `Namespace/shop`. Qualified by kind, so ids stay unique across kinds too.
 */
function uidOf(kind: string, namespace: string | undefined, name: string): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

function workloadKey(kind: string, namespace: string | undefined, name: string) {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function qualified(namespace: string | undefined, name: string) {
  return namespace === undefined ? name : `${namespace}/${name}`;
}

class ModelBuilder {
  private readonly collections = new Map<ResourceKind, Map<string, Entry<ResourceTypes[ResourceKind]>>>();

  constructor(private readonly warn: (o: { file: string; line: number }, message: string) => void) {}

  /** Adds an object; a later object with the same kind, namespace and name replaces the earlier one. */
  add<K extends ResourceKind>(kind: K, object: ResourceTypes[K], source: LocatedObject, origin: string, warnOnReplace = true): void {
    let collection = this.collections.get(kind);
    if (!collection) this.collections.set(kind, (collection = new Map()));
    const key = qualified(object.meta.namespace, object.meta.name);
    const previous = collection.get(key);
    if (previous && warnOnReplace) {
      const where = `${previous.file}:${previous.line}`;
      this.warn(
        source,
        previous.origin === origin
          ? `${origin} is defined again; this definition replaces the one at ${where}`
          : `${RESOURCE_KIND_NAMES[kind]} ${key} of ${origin} replaces the one of ${previous.origin} at ${where}`,
      );
    }
    collection.set(key, { object, file: source.file, line: source.line, origin });
  }

  build(): ClusterModel {
    const model = emptyModel({ status: 'synced' });
    const objects = <K extends ResourceKind>(kind: K) =>
      [...(this.collections.get(kind)?.values() ?? [])].map((e) => e.object as ResourceTypes[K]);
    model.resources.nodes = objects('nodes');
    model.resources.pods = objects('pods');
    model.resources.services = objects('services');
    model.resources.endpointslices = objects('endpointslices');
    model.resources.ingresses = objects('ingresses');
    model.resources.ingressclasses = objects('ingressclasses');
    model.resources.networkpolicies = objects('networkpolicies');
    model.resources.clusternetworkpolicies = objects('clusternetworkpolicies');
    model.resources.adminnetworkpolicies = objects('adminnetworkpolicies');
    model.resources.baselineadminnetworkpolicies = objects('baselineadminnetworkpolicies');
    model.resources.secrets = objects('secrets');
    model.resources.daemonsets = objects('daemonsets');
    for (const kind of GATEWAY_KINDS) (model.resources as Record<GatewayKind, unknown[]>)[kind] = objects(kind);
    model.resources.caliconetworkpolicies = objects('caliconetworkpolicies');
    model.resources.calicoglobalnetworkpolicies = objects('calicoglobalnetworkpolicies');
    model.resources.ciliumnetworkpolicies = objects('ciliumnetworkpolicies');
    model.resources.ciliumclusterwidenetworkpolicies = objects('ciliumclusterwidenetworkpolicies');

    // A namespace that objects use but no manifest declares is one `kubectl apply` needs to exist already.
    const namespaces = objects('namespaces');
    const declared = new Set(namespaces.map((n) => n.meta.name));
    const used = new Set<string>();
    for (const kind of ['pods', 'services', 'endpointslices', 'ingresses', 'networkpolicies', 'secrets', 'caliconetworkpolicies', 'ciliumnetworkpolicies', ...GATEWAY_KINDS] as const) {
      for (const o of model.resources[kind]) if (o.meta.namespace) used.add(o.meta.namespace);
    }
    const missing = [...used].filter((n) => !declared.has(n)).sort(byCodeUnits);
    for (const name of missing) {
      namespaces.push(normalize('namespaces', { metadata: { name, uid: uidOf('Namespace', undefined, name) } }));
    }
    model.resources.namespaces = namespaces;
    return model;
  }
}

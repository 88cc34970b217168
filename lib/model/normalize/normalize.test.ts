// Over 400 lines as one idea: the tests of the normalisers, kind by kind.
// Table-driven tests of the normalisers. Every case names the rule it proves and the field of the Kubernetes API
// reference (v1.36, as printed by `kubectl explain` against the API server the fixtures came from) that states it.
//
// The fixtures under ./fixtures hold real objects: "server" is what kube-apiserver v1.36.3 returned (defaulting
// applied), "manifest" is the same object as it was written. Where a case needs a state the fixture cluster could not
// produce (dual-stack, an old server without podIPs, a waiting container, ...), it edits a copy of a real object and
// says so in its name.
import { describe } from 'vitest';
import type { RawDaemonSet, RawEndpointSlice, RawNode, RawObject, RawPod, RawService } from '@/lib/model/normalize/raw';
import { normalizeTable as table, type NormalizeCase as Case } from './normalize-table';
import daemonSetsJson from './fixtures/daemonsets.json';
import endpointSlicesJson from './fixtures/endpointslices.json';
import ingressClassesJson from './fixtures/ingressclasses.json';
import ingressesJson from './fixtures/ingresses.json';
import namespacesJson from './fixtures/namespaces.json';
import networkPoliciesJson from './fixtures/networkpolicies.json';
import nodesJson from './fixtures/nodes.json';
import podsJson from './fixtures/pods.json';
import servicesJson from './fixtures/services.json';

interface FixtureFile {
  server: Record<string, RawObject>;
  manifest?: Record<string, RawObject>;
}

/** A deep copy of one fixture object, so a case may edit it without affecting the others. */
function fixture<T extends RawObject = RawObject>(file: unknown, form: 'server' | 'manifest', name: string): T {
  const raw = (file as FixtureFile)[form]?.[name];
  if (!raw) throw new Error(`no ${form} fixture named ${name}`);
  return structuredClone(raw) as T;
}

/** A fixture copy changed by `edit`: for states the fixture cluster could not produce. */
function edited<T extends RawObject>(raw: T, edit: (raw: T) => void): T {
  edit(raw);
  return raw;
}

const pod = (name: string) => fixture<RawPod>(podsJson, 'server', name);
const service = (name: string) => fixture<RawService>(servicesJson, 'server', name);
const slice = (name: string) => fixture<RawEndpointSlice>(endpointSlicesJson, 'server', name);
const node = (name: string) => fixture<RawNode>(nodesJson, 'server', name);
const daemonSet = (name: string) => fixture<RawDaemonSet>(daemonSetsJson, 'server', name);

describe('normalize("pods")', () => {
  table('pods', [
    {
      name: 'Pod: controller ReplicaSet named <deployment>-<pod-template-hash> gives the Deployment as workload (core/v1 ObjectMeta.ownerReferences[].controller; apps/v1 pod-template-hash label)',
      raw: pod('deployment-pod'),
      pick: (p) => ({ owner: p.owner, workload: p.workload }),
      want: {
        owner: { kind: 'ReplicaSet', name: 'api-58877b6fdf', uid: '0c1adcad-9639-4720-8a26-fa2bb7c32fc2' },
        workload: { kind: 'Deployment', name: 'api' },
      },
    },
    {
      name: 'Pod: a ReplicaSet created without a Deployment (no pod-template-hash label) is itself the workload (core/v1 ObjectMeta.ownerReferences)',
      raw: pod('replicaset-pod'),
      pick: (p) => ({ owner: p.owner, workload: p.workload }),
      want: {
        owner: { kind: 'ReplicaSet', name: 'legacy-rs', uid: 'c6ca7ef3-fc5c-4b44-8825-25bc3dbdf457' },
        workload: { kind: 'ReplicaSet', name: 'legacy-rs' },
      },
    },
    {
      name: 'Pod (edited): a pod-template-hash label that is not the ReplicaSet name suffix does not invent a Deployment (core/v1 ObjectMeta.ownerReferences)',
      raw: edited(pod('replicaset-pod'), (r) => {
        r.metadata!.labels = { ...r.metadata!.labels, 'pod-template-hash': '58877b6fdf' };
      }),
      pick: (p) => p.workload,
      want: { kind: 'ReplicaSet', name: 'legacy-rs' },
    },
    {
      name: 'Pod: StatefulSet controller is the workload; hostname and subdomain come from the spec (core/v1 ObjectMeta.ownerReferences, PodSpec.hostname, PodSpec.subdomain)',
      raw: pod('statefulset-pod'),
      pick: (p) => ({ owner: p.owner, workload: p.workload, hostname: p.hostname, subdomain: p.subdomain }),
      want: {
        owner: { kind: 'StatefulSet', name: 'db', uid: '982c5096-c1ff-446b-80e8-c0fffc7d6518' },
        workload: { kind: 'StatefulSet', name: 'db' },
        hostname: 'db-0',
        subdomain: 'db',
      },
    },
    {
      name: 'Pod: Job controller is the workload (core/v1 ObjectMeta.ownerReferences[].controller)',
      raw: pod('job-pod'),
      pick: (p) => ({ workload: p.workload, phase: p.phase }),
      want: { workload: { kind: 'Job', name: 'migrate' }, phase: 'Succeeded' },
    },
    {
      name: 'Pod: a bare pod has no owner and is its own workload (core/v1 ObjectMeta.ownerReferences absent)',
      raw: pod('sidecar-pod'),
      pick: (p) => ({ owner: p.owner, workload: p.workload }),
      want: { owner: undefined, workload: { kind: 'Pod', name: 'sidecar-pod' } },
    },
    {
      name: 'Pod (edited): the reference with controller=true is the owner even when a non-controller reference comes first (core/v1 OwnerReference.controller "points to the managing controller")',
      raw: edited(pod('statefulset-pod'), (r) => {
        r.metadata!.ownerReferences = [
          { kind: 'ConfigMap', name: 'db-config', uid: '11111111-2222-3333-4444-555555555555' },
          ...(r.metadata!.ownerReferences ?? []),
        ];
      }),
      pick: (p) => ({ owner: p.owner, workload: p.workload }),
      want: {
        owner: { kind: 'StatefulSet', name: 'db', uid: '982c5096-c1ff-446b-80e8-c0fffc7d6518' },
        workload: { kind: 'StatefulSet', name: 'db' },
      },
    },
    {
      name: 'Pod: metadata name, namespace, uid, resourceVersion, creationTimestamp and labels are carried over (meta/v1 ObjectMeta)',
      raw: pod('deployment-pod'),
      pick: (p) => p.meta,
      want: {
        uid: 'dd8cc886-db55-429f-a651-9d3a1f18e66d',
        name: 'api-58877b6fdf-kv97k',
        namespace: 'unit-fixtures',
        labels: { app: 'api', 'pod-template-hash': '58877b6fdf', 'topology.kubernetes.io/zone': 'zone-2' },
        resourceVersion: '323',
        creationTimestamp: '2026-11-24T13:04:12Z',
      },
    },
    {
      name: 'Pod: podIPs is used when present, with nodeName and hostIP (core/v1 PodStatus.podIPs, PodStatus.hostIP, PodSpec.nodeName)',
      raw: pod('deployment-pod'),
      pick: (p) => ({ podIPs: p.podIPs, hostIP: p.hostIP, nodeName: p.nodeName }),
      want: { podIPs: ['10.244.2.2'], hostIP: '172.18.0.3', nodeName: 'kwok-node-2' },
    },
    {
      name: 'Pod (edited): dual-stack podIPs keep both families in order, podIPs[0] matching podIP (core/v1 PodStatus.podIPs "at most 1 value for each of IPv4 and IPv6")',
      raw: edited(pod('deployment-pod'), (r) => {
        r.status!.podIPs = [{ ip: '10.244.2.2' }, { ip: 'fd00:10:244:2::2' }];
      }),
      pick: (p) => p.podIPs,
      want: ['10.244.2.2', 'fd00:10:244:2::2'],
    },
    {
      name: 'Pod (edited): without podIPs (older servers) podIP is the only address (core/v1 PodStatus.podIP)',
      raw: edited(pod('deployment-pod'), (r) => {
        delete r.status!.podIPs;
      }),
      pick: (p) => p.podIPs,
      want: ['10.244.2.2'],
    },
    {
      name: 'Pod: Ready condition True makes the pod ready with no reason (core/v1 PodStatus.conditions type Ready)',
      raw: pod('deployment-pod'),
      pick: (p) => ({ ready: p.ready, notReadyReason: p.notReadyReason, phase: p.phase }),
      want: { ready: true, notReadyReason: undefined, phase: 'Running' },
    },
    {
      name: 'Pod: Ready condition False (set by the node lifecycle controller) makes the pod not ready even though every container is ready (core/v1 PodStatus.conditions type Ready)',
      raw: pod('node-lost-pod'),
      pick: (p) => ({ ready: p.ready, containersReady: p.containers.map((c) => c.ready), notReadyReason: p.notReadyReason }),
      want: { ready: false, containersReady: [true], notReadyReason: 'Ready condition is not True' },
    },
    {
      name: 'Pod: a pod with deletionTimestamp is not ready, reason "Terminating", although its Ready condition is still True (meta/v1 ObjectMeta.deletionTimestamp)',
      raw: pod('terminating-pod'),
      pick: (p) => ({ ready: p.ready, notReadyReason: p.notReadyReason, deletionTimestamp: p.meta.deletionTimestamp }),
      want: { ready: false, notReadyReason: 'Terminating', deletionTimestamp: '2026-11-24T13:04:17Z' },
    },
    {
      name: 'Pod: a pending pod the scheduler could not place is not ready, reason from PodScheduled=False, no node and no IPs (core/v1 PodStatus.conditions type PodScheduled; PodStatus.podIPs "empty if no IPs have been allocated yet")',
      raw: pod('unschedulable-pod'),
      pick: (p) => ({ phase: p.phase, ready: p.ready, notReadyReason: p.notReadyReason, nodeName: p.nodeName, podIPs: p.podIPs }),
      want: { phase: 'Pending', ready: false, notReadyReason: 'Not scheduled: Unschedulable', nodeName: undefined, podIPs: [] },
    },
    {
      name: 'Pod (edited): a waiting container names its wait reason (core/v1 ContainerStateWaiting.reason)',
      raw: edited(pod('deployment-pod'), (r) => {
        r.status!.conditions = [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }];
        r.status!.containerStatuses = [{ name: 'api', ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } }];
      }),
      pick: (p) => ({ ready: p.ready, notReadyReason: p.notReadyReason }),
      want: { ready: false, notReadyReason: 'Container api waiting: ImagePullBackOff' },
    },
    {
      name: 'Pod: hostNetwork pod uses the node address; the server defaulted hostPort to containerPort (core/v1 PodSpec.hostNetwork, ContainerPort.hostPort)',
      raw: pod('host-network-pod'),
      pick: (p) => ({ hostNetwork: p.hostNetwork, podIPs: p.podIPs, hostIP: p.hostIP, ports: p.containers[0]?.ports }),
      want: {
        hostNetwork: true,
        podIPs: ['172.18.0.2'],
        hostIP: '172.18.0.2',
        ports: [{ name: 'agent', containerPort: 9100, protocol: 'TCP', hostPort: 9100 }],
      },
    },
    {
      name: 'Pod (manifest): unspecified hostPort of a hostNetwork pod defaults to containerPort (core/v1 PodSpec.hostNetwork "unspecified hostPort fields ... are defaulted to match containerPort")',
      raw: fixture(podsJson, 'manifest', 'hostnet'),
      pick: (p) => ({ hostNetwork: p.hostNetwork, ports: p.containers[0]?.ports }),
      want: { hostNetwork: true, ports: [{ name: 'agent', containerPort: 9100, protocol: 'TCP', hostPort: 9100 }] },
    },
    {
      name: 'Pod: a pod without hostNetwork is not on the host network and its ports have no hostPort (core/v1 PodSpec.hostNetwork "Default to false")',
      raw: pod('deployment-pod'),
      pick: (p) => ({ hostNetwork: p.hostNetwork, hostPorts: p.containers.flatMap((c) => c.ports.map((port) => port.hostPort)) }),
      want: { hostNetwork: false, hostPorts: [undefined, undefined] },
    },
    {
      name: 'Pod: container ports keep name, number and protocol, UDP included (core/v1 ContainerPort.name, containerPort, protocol)',
      raw: pod('deployment-pod'),
      pick: (p) => p.containers,
      want: [
        {
          name: 'api',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
          ready: true,
          sidecar: false,
        },
      ],
    },
    ...(['server', 'manifest'] as const).map((form): Case<'pods'> => ({
      name: `Pod (${form}): an omitted container port protocol is TCP (core/v1 ContainerPort.protocol "Defaults to TCP")`,
      raw: fixture(podsJson, form, 'sidecar-pod'),
      pick: (p) => p.containers.find((c) => c.name === 'app')?.ports,
      want: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'pods'> => ({
      name: `Pod (${form}): a native sidecar (init container with restartPolicy Always) serves its ports; a plain init container does not (core/v1 Container.restartPolicy in PodSpec.initContainers)`,
      raw: fixture(podsJson, form, 'sidecar-pod'),
      pick: (p) => p.containers.map((c) => ({ name: c.name, sidecar: c.sidecar, ports: c.ports })),
      want: [
        { name: 'app', sidecar: false, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
        { name: 'proxy', sidecar: true, ports: [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }] },
      ],
    })),
    {
      name: 'Pod (edited): a sidecar takes its readiness from initContainerStatuses (core/v1 PodStatus.initContainerStatuses[].ready)',
      raw: edited(pod('sidecar-pod'), (r) => {
        r.status!.initContainerStatuses = [
          { name: 'migrate', ready: false, state: { terminated: { reason: 'Completed' } } },
          { name: 'proxy', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ];
      }),
      pick: (p) => p.containers.map((c) => ({ name: c.name, ready: c.ready })),
      want: [
        { name: 'app', ready: true },
        { name: 'proxy', ready: false },
      ],
    },
    {
      name: 'Pod: serviceAccountName is carried over (core/v1 PodSpec.serviceAccountName)',
      raw: pod('deployment-pod'),
      pick: (p) => p.serviceAccountName,
      want: 'default',
    },
  ]);
});

describe('normalize("services")', () => {
  table('services', [
    {
      name: 'Service (manifest): omitted type is ClusterIP (core/v1 ServiceSpec.type "Defaults to ClusterIP")',
      raw: fixture(servicesJson, 'manifest', 'api'),
      pick: (s) => s.type,
      want: 'ClusterIP',
    },
    {
      name: 'Service (server): the defaulted type ClusterIP is kept (core/v1 ServiceSpec.type)',
      raw: service('api'),
      pick: (s) => s.type,
      want: 'ClusterIP',
    },
    {
      name: 'Service: a selector is copied (core/v1 ServiceSpec.selector)',
      raw: service('api'),
      pick: (s) => s.selector,
      want: { app: 'api' },
    },
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): an absent selector means no selector (core/v1 ServiceSpec.selector "If empty or not present ... an external process managing its endpoints")`,
      raw: fixture(servicesJson, form, 'manual'),
      pick: (s) => ({ hasSelector: 'selector' in s, selector: s.selector }),
      want: { hasSelector: false, selector: undefined },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): an empty selector {} also means no selector (core/v1 ServiceSpec.selector "If empty or not present")`,
      raw: fixture(servicesJson, form, 'empty-selector'),
      pick: (s) => ({ hasSelector: 'selector' in s, selector: s.selector }),
      want: { hasSelector: false, selector: undefined },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): omitted targetPort defaults to port, a named targetPort stays a string, omitted protocol is TCP (core/v1 ServicePort.targetPort, ServicePort.protocol)`,
      raw: fixture(servicesJson, form, 'api'),
      pick: (s) => s.ports,
      want: [
        { name: 'web', protocol: 'TCP', port: 80, targetPort: 80 },
        { name: 'alt', protocol: 'TCP', port: 8081, targetPort: 'http' },
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
      ],
    })),
    {
      name: 'Service (manifest): an unnamed port with no targetPort or protocol gets port and TCP (core/v1 ServicePort.targetPort, ServicePort.protocol)',
      raw: fixture(servicesJson, 'manifest', 'empty-selector'),
      pick: (s) => s.ports,
      want: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
    },
    {
      name: 'Service: ClusterIP service has its clusterIP and clusterIPs, sessionAffinity None (core/v1 ServiceSpec.clusterIP, clusterIPs, sessionAffinity)',
      raw: service('api'),
      pick: (s) => ({ clusterIP: s.clusterIP, clusterIPs: s.clusterIPs, ipFamilies: s.ipFamilies, sessionAffinity: s.sessionAffinity }),
      want: { clusterIP: '10.96.244.45', clusterIPs: ['10.96.244.45'], ipFamilies: ['IPv4'], sessionAffinity: 'None' },
    },
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): headless clusterIP "None" keeps clusterIP "None" and gives clusterIPs [] (core/v1 ServiceSpec.clusterIP/clusterIPs "Setting this to None makes a headless service (no virtual IP)")`,
      raw: fixture(servicesJson, form, 'db'),
      pick: (s) => ({ type: s.type, clusterIP: s.clusterIP, clusterIPs: s.clusterIPs }),
      want: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: [] },
    })),
    {
      name: 'Service (edited): without clusterIPs (older servers) clusterIP is the only virtual IP (core/v1 ServiceSpec.clusterIPs "If this field is not specified, it will be initialized from the clusterIP field")',
      raw: edited(service('api'), (r) => {
        delete r.spec!.clusterIPs;
      }),
      pick: (s) => s.clusterIPs,
      want: ['10.96.244.45'],
    },
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): ExternalName keeps externalName, has no virtual IP and no ports (core/v1 ServiceSpec.externalName, ServiceSpec.type ExternalName)`,
      raw: fixture(servicesJson, form, 'upstream'),
      pick: (s) => ({ type: s.type, externalName: s.externalName, clusterIP: s.clusterIP, clusterIPs: s.clusterIPs, ports: s.ports, selector: s.selector }),
      want: { type: 'ExternalName', externalName: 'db.example.com', clusterIP: undefined, clusterIPs: [], ports: [], selector: undefined },
    })),
    {
      name: 'Service: LoadBalancer keeps nodePort and the status ingress points, by ip or hostname (core/v1 ServicePort.nodePort, LoadBalancerStatus.ingress)',
      raw: service('edge'),
      pick: (s) => ({ type: s.type, ports: s.ports, loadBalancerIngress: s.loadBalancerIngress }),
      want: {
        type: 'LoadBalancer',
        ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 8443, nodePort: 32221 }],
        loadBalancerIngress: [{ ip: '203.0.113.10' }, { hostname: 'edge.lb.example.com' }],
      },
    },
    {
      name: 'Service: a Service with no load balancer status has no ingress points (core/v1 ServiceStatus.loadBalancer)',
      raw: service('api'),
      pick: (s) => s.loadBalancerIngress,
      want: [],
    },
    ...(['server', 'manifest'] as const).map((form): Case<'services'> => ({
      name: `Service (${form}): externalTrafficPolicy and internalTrafficPolicy "Local" are kept (core/v1 ServiceSpec.externalTrafficPolicy, internalTrafficPolicy)`,
      raw: fixture(servicesJson, form, 'edge'),
      pick: (s) => ({ externalTrafficPolicy: s.externalTrafficPolicy, internalTrafficPolicy: s.internalTrafficPolicy }),
      want: { externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local' },
    })),
    {
      name: 'Service (server): the server-defaulted internalTrafficPolicy "Cluster" is kept, no externalTrafficPolicy on a ClusterIP Service (core/v1 ServiceSpec.internalTrafficPolicy "The default value, Cluster")',
      raw: service('api'),
      pick: (s) => ({ externalTrafficPolicy: s.externalTrafficPolicy, internalTrafficPolicy: s.internalTrafficPolicy }),
      want: { externalTrafficPolicy: undefined, internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'Service (edited): an unknown traffic policy value is dropped, not passed through (core/v1 ServiceSpec.externalTrafficPolicy enum Cluster|Local)',
      raw: edited(service('edge'), (r) => {
        r.spec!.externalTrafficPolicy = 'Nearest';
      }),
      pick: (s) => s.externalTrafficPolicy,
      want: undefined,
    },
  ]);
});

describe('normalize("endpointslices")', () => {
  table('endpointslices', [
    {
      name: 'EndpointSlice: the Service name comes from the kubernetes.io/service-name label (discovery/v1 EndpointSlice, well-known label kubernetes.io/service-name)',
      raw: slice('api'),
      pick: (s) => ({ serviceName: s.serviceName, addressType: s.addressType }),
      want: { serviceName: 'api', addressType: 'IPv4' },
    },
    {
      name: 'EndpointSlice: a slice without the kubernetes.io/service-name label belongs to no Service; FQDN address type kept (discovery/v1 EndpointSlice.addressType)',
      raw: slice('orphan'),
      pick: (s) => ({ hasServiceName: 'serviceName' in s, addressType: s.addressType, addresses: s.endpoints.map((e) => e.addresses) }),
      want: { hasServiceName: false, addressType: 'FQDN', addresses: [['db.example.com']] },
    },
    {
      name: 'EndpointSlice: controller-managed endpoints keep their conditions, node, zone and Pod targetRef; a terminating pod is not ready but still serving (discovery/v1 Endpoint.conditions, nodeName, zone, targetRef)',
      raw: slice('api'),
      pick: (s) => s.endpoints,
      want: [
        {
          addresses: ['10.244.2.2'],
          conditions: { ready: true, serving: true, terminating: false },
          nodeName: 'kwok-node-2',
          zone: 'zone-2',
          targetRef: { kind: 'Pod', name: 'api-58877b6fdf-kv97k', namespace: 'unit-fixtures', uid: 'dd8cc886-db55-429f-a651-9d3a1f18e66d' },
        },
        {
          addresses: ['10.244.1.4'],
          conditions: { ready: false, serving: true, terminating: true },
          nodeName: 'kwok-node-1',
          zone: 'zone-1',
          targetRef: { kind: 'Pod', name: 'draining', namespace: 'unit-fixtures', uid: '33082da3-dbd2-4b80-aa6b-0bc485e6c279' },
        },
      ],
    },
    {
      name: 'EndpointSlice: endpoint hostname of a headless Service endpoint is kept (discovery/v1 Endpoint.hostname)',
      raw: slice('db'),
      pick: (s) => s.endpoints.map((e) => e.hostname),
      want: ['db-0'],
    },
    ...(['server', 'manifest'] as const).map((form): Case<'endpointslices'> => ({
      name: `EndpointSlice (${form}): nil ready -> true, nil serving -> true, nil terminating -> false (discovery/v1 EndpointConditions.ready/serving "A nil value should be interpreted as true", terminating "as false")`,
      raw: fixture(endpointSlicesJson, form, 'manual-1'),
      pick: (s) => s.endpoints.map((e) => e.conditions),
      want: [
        { ready: true, serving: true, terminating: false },
        { ready: false, serving: true, terminating: false },
        { ready: false, serving: true, terminating: true },
      ],
    })),
    {
      name: 'EndpointSlice (manifest): an endpoint without any conditions object reads as ready, serving, not terminating (discovery/v1 Endpoint.conditions)',
      raw: fixture(endpointSlicesJson, 'manifest', 'orphan'),
      pick: (s) => s.endpoints.map((e) => e.conditions),
      want: [{ ready: true, serving: true, terminating: false }],
    },
    {
      name: 'EndpointSlice: a targetRef without uid keeps kind, name and namespace (discovery/v1 Endpoint.targetRef)',
      raw: slice('manual-1'),
      pick: (s) => s.endpoints.map((e) => e.targetRef),
      want: [undefined, undefined, { kind: 'Pod', name: 'legacy-1', namespace: 'unit-fixtures' }],
    },
    {
      name: 'EndpointSlice: ports keep name, number and protocol; the resolved target port of a named targetPort appears as a number (discovery/v1 EndpointPort.name, port, protocol)',
      raw: slice('api'),
      pick: (s) => s.ports,
      want: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'web', port: 80, protocol: 'TCP' },
        { name: 'alt', port: 8080, protocol: 'TCP' },
      ],
    },
    ...(['server', 'manifest'] as const).map((form): Case<'endpointslices'> => ({
      name: `EndpointSlice (${form}): an omitted port protocol is TCP (discovery/v1 EndpointPort.protocol "Default is TCP")`,
      raw: fixture(endpointSlicesJson, form, 'manual-1'),
      pick: (s) => s.ports,
      want: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    })),
    {
      name: 'EndpointSlice (edited): a port with a nil port number means all ports and is kept without a number; an empty name is dropped (discovery/v1 EndpointPort.port "may have a nil port")',
      raw: edited(slice('manual-1'), (r) => {
        r.ports = [{ name: '', protocol: 'TCP' }];
      }),
      pick: (s) => s.ports,
      want: [{ protocol: 'TCP' }],
    },
  ]);
});

describe('normalize("ingresses")', () => {
  table('ingresses', [
    ...(['server', 'manifest'] as const).map((form): Case<'ingresses'> => ({
      name: `Ingress (${form}): rules keep host, path, pathType and a service backend by port number or by port name, or a resource backend (networking/v1 IngressRule.host, HTTPIngressPath.path/pathType, IngressServiceBackend.port)`,
      raw: fixture(ingressesJson, form, 'shop'),
      pick: (i) => i.rules,
      want: [
        {
          host: 'shop.example.com',
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
            { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'web' } } } },
          ],
        },
        {
          paths: [
            {
              path: '/static',
              pathType: 'ImplementationSpecific',
              backend: { resource: { apiGroup: 'storage.example.com', kind: 'Bucket', name: 'static-assets' } },
            },
          ],
        },
      ],
    })),
    {
      name: 'Ingress: ingressClassName, defaultBackend, tls and the load balancer status are kept (networking/v1 IngressSpec.ingressClassName, defaultBackend, tls; IngressStatus.loadBalancer)',
      raw: fixture(ingressesJson, 'server', 'shop'),
      pick: (i) => ({
        ingressClassName: i.ingressClassName,
        classAnnotation: i.classAnnotation,
        defaultBackend: i.defaultBackend,
        tls: i.tls,
        loadBalancerIngress: i.loadBalancerIngress,
      }),
      want: {
        ingressClassName: 'unit-fixtures-default',
        classAnnotation: undefined,
        defaultBackend: { service: { name: 'api', port: { number: 80 } } },
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        loadBalancerIngress: [{ ip: '203.0.113.20' }],
      },
    },
    ...(['server', 'manifest'] as const).map((form): Case<'ingresses'> => ({
      name: `Ingress (${form}): the deprecated kubernetes.io/ingress.class annotation is kept apart from ingressClassName; a defaultBackend-only Ingress has no rules (networking/v1 IngressSpec.ingressClassName "controllers should still honor that annotation")`,
      raw: fixture(ingressesJson, form, 'legacy'),
      pick: (i) => ({ ingressClassName: i.ingressClassName, classAnnotation: i.classAnnotation, defaultBackend: i.defaultBackend, rules: i.rules, tls: i.tls }),
      want: {
        ingressClassName: undefined,
        classAnnotation: 'nginx',
        defaultBackend: { service: { name: 'api', port: { name: 'web' } } },
        rules: [],
        tls: [],
      },
    })),
    {
      name: 'Ingress (edited): a path without pathType (invalid in v1) reads as ImplementationSpecific (networking/v1 HTTPIngressPath.pathType enum)',
      raw: edited(fixture(ingressesJson, 'manifest', 'shop'), (r) => {
        const spec = r.spec as { rules: { http: { paths: { pathType?: string }[] } }[] };
        delete spec.rules[0]!.http.paths[0]!.pathType;
      }),
      pick: (i) => i.rules[0]?.paths[0]?.pathType,
      want: 'ImplementationSpecific',
    },
  ]);
});

describe('normalize("ingressclasses")', () => {
  table('ingressclasses', [
    {
      name: 'IngressClass: the ingressclass.kubernetes.io/is-default-class annotation "true" marks the default class (networking/v1 IngressClass, annotation ingressclass.kubernetes.io/is-default-class)',
      raw: fixture(ingressClassesJson, 'server', 'unit-fixtures-default'),
      pick: (c) => ({ name: c.meta.name, namespace: c.meta.namespace, controller: c.controller, isDefault: c.isDefault }),
      want: { name: 'unit-fixtures-default', namespace: undefined, controller: 'example.com/ingress-controller', isDefault: true },
    },
    {
      name: 'IngressClass: without the annotation the class is not the default (networking/v1 IngressClassSpec.controller)',
      raw: fixture(ingressClassesJson, 'server', 'unit-fixtures-other'),
      pick: (c) => ({ controller: c.controller, isDefault: c.isDefault }),
      want: { controller: 'example.com/other-controller', isDefault: false },
    },
    {
      name: 'IngressClass (edited): only the exact value "true" marks the default (annotation ingressclass.kubernetes.io/is-default-class)',
      raw: edited(fixture(ingressClassesJson, 'server', 'unit-fixtures-default'), (r) => {
        r.metadata!.annotations = { 'ingressclass.kubernetes.io/is-default-class': 'yes' };
      }),
      pick: (c) => c.isDefault,
      want: false,
    },
  ]);
});

const policy = (form: 'server' | 'manifest', name: string) => fixture(networkPoliciesJson, form, name);
const everything = { matchLabels: {}, matchExpressions: [] };

describe('normalize("networkpolicies")', () => {
  table('networkpolicies', [
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): without policyTypes and without egress rules policyTypes is [Ingress]; empty podSelector selects all pods (networking/v1 NetworkPolicySpec.policyTypes, podSelector)`,
      raw: policy(form, 'default-deny'),
      pick: (p) => ({ policyTypes: p.policyTypes, podSelector: p.podSelector, ingress: p.ingress, egress: p.egress }),
      want: { policyTypes: ['Ingress'], podSelector: everything, ingress: [], egress: [] },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): without policyTypes, egress rules add Egress: [Ingress, Egress] (networking/v1 NetworkPolicySpec.policyTypes "policies that contain an egress section are assumed to affect egress")`,
      raw: policy(form, 'egress-rules'),
      pick: (p) => ({ policyTypes: p.policyTypes, egress: p.egress }),
      want: {
        policyTypes: ['Ingress', 'Egress'],
        egress: [
          {
            ports: [{ protocol: 'UDP', port: 53 }],
            peers: [
              {
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' }, matchExpressions: [] },
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' }, matchExpressions: [] },
              },
            ],
          },
        ],
      },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): "egress: []" has no egress rule, so policyTypes stays [Ingress] (networking/v1 NetworkPolicySpec.policyTypes)`,
      raw: policy(form, 'empty-egress'),
      pick: (p) => ({ policyTypes: p.policyTypes, egress: p.egress }),
      want: { policyTypes: ['Ingress'], egress: [] },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): explicit policyTypes [Egress] is kept although the policy has ingress rules (networking/v1 NetworkPolicySpec.policyTypes "you must explicitly specify policyTypes [Egress]")`,
      raw: policy(form, 'egress-only'),
      pick: (p) => ({ policyTypes: p.policyTypes, ingress: p.ingress }),
      want: { policyTypes: ['Egress'], ingress: [{ ports: [], peers: [{ podSelector: everything }] }] },
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): absent and empty podSelector/namespaceSelector in peers are kept apart; ipBlock keeps except (networking/v1 NetworkPolicyPeer.podSelector/namespaceSelector "if present but empty, it selects all", IPBlock.except)`,
      raw: policy(form, 'peers'),
      pick: (p) => p.ingress[0]?.peers,
      want: [
        { podSelector: everything },
        { namespaceSelector: everything },
        {
          podSelector: { matchLabels: { role: 'scraper' }, matchExpressions: [] },
          namespaceSelector: { matchLabels: { team: 'ops' }, matchExpressions: [] },
        },
        { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } },
      ],
    })),
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): ports default protocol TCP, keep named ports as strings, keep endPort, and a port-less entry means all ports of its protocol (networking/v1 NetworkPolicyPort.protocol, port, endPort)`,
      raw: policy(form, 'peers'),
      pick: (p) => p.ingress[0]?.ports,
      want: [
        { protocol: 'TCP', port: 8080 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 'http' },
        { protocol: 'TCP', port: 32000, endPort: 32768 },
        { protocol: 'SCTP' },
      ],
    })),
    {
      name: 'NetworkPolicy: a matchExpressions podSelector is kept (meta/v1 LabelSelector.matchExpressions)',
      raw: policy('server', 'peers'),
      pick: (p) => p.podSelector,
      want: { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'db'] }] },
    },
    ...(['server', 'manifest'] as const).map((form): Case<'networkpolicies'> => ({
      name: `NetworkPolicy (${form}): "ingress: [{}]" is one rule with empty ports and peers: all ports from all sources (networking/v1 NetworkPolicyIngressRule.from/ports "If this field is empty or missing, this rule matches all")`,
      raw: policy(form, 'allow-all-ingress'),
      pick: (p) => ({ policyTypes: p.policyTypes, ingress: p.ingress }),
      want: { policyTypes: ['Ingress'], ingress: [{ ports: [], peers: [] }] },
    })),
    {
      name: 'NetworkPolicy (edited): null selectors in a peer read as absent, not as empty (meta/v1 LabelSelector "A null label selector matches no objects")',
      raw: edited(policy('manifest', 'peers'), (r) => {
        (r.spec as { ingress: { from: unknown[] }[] }).ingress[0]!.from = [{ podSelector: null, namespaceSelector: { matchLabels: { team: 'ops' } } }];
      }),
      pick: (p) => p.ingress[0]?.peers,
      want: [{ namespaceSelector: { matchLabels: { team: 'ops' }, matchExpressions: [] } }],
    },
    {
      name: 'NetworkPolicy (edited): an omitted podSelector defaults to the empty selector (networking/v1 NetworkPolicySpec.podSelector "If it is not specified, it defaults to an empty selector")',
      raw: edited(policy('manifest', 'default-deny'), (r) => {
        delete (r.spec as { podSelector?: unknown }).podSelector;
      }),
      pick: (p) => p.podSelector,
      want: everything,
    },
  ]);
});

describe('normalize("namespaces")', () => {
  table('namespaces', [
    {
      name: 'Namespace (server): the kubernetes.io/metadata.name label set by the server is kept, phase Active (core/v1 NamespaceStatus.phase; well-known label kubernetes.io/metadata.name)',
      raw: fixture(namespacesJson, 'server', 'active'),
      pick: (n) => ({ name: n.meta.name, namespace: n.meta.namespace, labels: n.meta.labels, phase: n.phase }),
      want: { name: 'unit-fixtures', namespace: undefined, labels: { 'kubernetes.io/metadata.name': 'unit-fixtures' }, phase: 'Active' },
    },
    {
      name: 'Namespace (manifest): the kubernetes.io/metadata.name label is added when missing, and a missing status reads as Active (well-known label kubernetes.io/metadata.name: "the API server sets this label on all namespaces")',
      raw: fixture(namespacesJson, 'manifest', 'unit-fixtures'),
      pick: (n) => ({ labels: n.meta.labels, phase: n.phase }),
      want: { labels: { 'kubernetes.io/metadata.name': 'unit-fixtures' }, phase: 'Active' },
    },
    {
      name: 'Namespace: a namespace being deleted is Terminating and keeps its deletionTimestamp (core/v1 NamespaceStatus.phase "Terminating"; meta/v1 ObjectMeta.deletionTimestamp)',
      raw: fixture(namespacesJson, 'server', 'terminating'),
      pick: (n) => ({ phase: n.phase, deletionTimestamp: n.meta.deletionTimestamp }),
      want: { phase: 'Terminating', deletionTimestamp: '2026-11-24T13:04:23Z' },
    },
  ]);
});

describe('normalize("nodes")', () => {
  table('nodes', [
    {
      name: 'Node: addresses keep type and address in order; podCIDRs kept (core/v1 NodeStatus.addresses, NodeSpec.podCIDRs)',
      raw: node('kwok-node-1'),
      pick: (n) => ({ addresses: n.addresses, podCIDRs: n.podCIDRs }),
      want: {
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: 'kwok-node-1' },
        ],
        podCIDRs: ['10.244.1.0/24'],
      },
    },
    {
      name: 'Node: Ready condition True makes the node ready; schedulable when spec.unschedulable is absent (core/v1 NodeStatus.conditions type Ready, NodeSpec.unschedulable)',
      raw: node('kwok-node-1'),
      pick: (n) => ({ ready: n.ready, unschedulable: n.unschedulable }),
      want: { ready: true, unschedulable: false },
    },
    {
      name: 'Node (edited): Ready condition Unknown (node lifecycle controller lost the kubelet) is not ready; cordoned node is unschedulable (core/v1 NodeCondition status Unknown, NodeSpec.unschedulable)',
      raw: edited(node('kwok-node-1'), (r) => {
        r.spec!.unschedulable = true;
        r.status!.conditions = [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }];
      }),
      pick: (n) => ({ ready: n.ready, unschedulable: n.unschedulable }),
      want: { ready: false, unschedulable: true },
    },
    {
      name: 'Node: zone comes from the topology.kubernetes.io/zone label (well-known label topology.kubernetes.io/zone)',
      raw: node('kwok-node-1'),
      pick: (n) => ({ zone: n.zone, namespace: n.meta.namespace, uid: n.meta.uid }),
      want: { zone: 'zone-1', namespace: undefined, uid: 'd1d5f3b7-cefc-4fd1-9e8b-b12c7ef36043' },
    },
    {
      name: 'Node (edited): no zone label means no zone (well-known label topology.kubernetes.io/zone)',
      raw: edited(node('kwok-node-1'), (r) => {
        delete r.metadata!.labels!['topology.kubernetes.io/zone'];
      }),
      pick: (n) => ({ hasZone: 'zone' in n, zone: n.zone }),
      want: { hasZone: false, zone: undefined },
    },
    {
      name: 'Node (edited): the annotations Cilium, Calico and flannel write are kept, no other (so the network plugin can be told)',
      raw: edited(node('kwok-node-1'), (r) => {
        r.metadata!.annotations = {
          'network.cilium.io/ipv4-cilium-host': '10.244.1.187',
          'io.cilium.network.ipv4-pod-cidr': '10.244.1.0/24',
          'projectcalico.org/IPv4Address': '172.18.0.2/16',
          'flannel.alpha.coreos.com/backend-type': 'vxlan',
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
        };
      }),
      pick: (n) => n.pluginAnnotations,
      want: {
        'network.cilium.io/ipv4-cilium-host': '10.244.1.187',
        'io.cilium.network.ipv4-pod-cidr': '10.244.1.0/24',
        'projectcalico.org/IPv4Address': '172.18.0.2/16',
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
      },
    },
    {
      name: 'Node: without a plugin annotation there is no pluginAnnotations field',
      raw: node('kwok-node-1'),
      pick: (n) => 'pluginAnnotations' in n,
      want: false,
    },
    {
      name: 'Node (edited): without podCIDRs (older servers) podCIDR is the only range (core/v1 NodeSpec.podCIDR, podCIDRs "If this field is specified, the 0th entry must match the podCIDR field")',
      raw: edited(node('kwok-node-1'), (r) => {
        delete r.spec!.podCIDRs;
      }),
      pick: (n) => n.podCIDRs,
      want: ['10.244.1.0/24'],
    },
  ]);
});

describe('normalize("daemonsets")', () => {
  table('daemonsets', [
    {
      name: 'DaemonSet (Cilium 1.16 by Helm): name, labels, template labels, container images and status counts; init containers are not kept (apps/v1 DaemonSetSpec.template, DaemonSetStatus)',
      raw: daemonSet('cilium'),
      pick: (d) => ({ ref: `${d.meta.namespace}/${d.meta.name}`, labels: d.meta.labels, podLabels: d.podLabels, containers: d.containers, desired: d.desiredNumberScheduled, ready: d.numberReady }),
      want: {
        ref: 'kube-system/cilium',
        labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium', 'k8s-app': 'cilium' },
        podLabels: { 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium', 'k8s-app': 'cilium' },
        // --config-dir and the env vars are not enforcement settings: none is kept.
        containers: [
          { name: 'cilium-agent', image: 'quay.io/cilium/cilium:v1.16.5@sha256:758ca0793f5995bb938a2fa219dcce63dc0b3fa7fc4ce5cc851125281fb7361d', settings: {} },
        ],
        desired: 3,
        ready: 2,
      },
    },
    {
      name: 'DaemonSet (AWS VPC CNI with its network policy agent): of the args and env only --enable-network-policy is kept',
      raw: daemonSet('aws-node'),
      pick: (d) => d.containers,
      want: [
        { name: 'aws-node', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1', settings: {} },
        {
          name: 'aws-eks-nodeagent',
          image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1',
          settings: { '--enable-network-policy': 'true' },
        },
      ],
    },
    {
      name: 'DaemonSet (edited): a bare flag is "true", a single-dash flag reads as its double-dash form, env only with a literal value',
      raw: edited(daemonSet('cilium'), (r) => {
        const agent = r.spec!.template!.spec!.containers![0]!;
        agent.args = ['--config-dir=/tmp/cilium/config-map', '-enable-policy=never', '--network-policy'];
        agent.env = [{ name: 'CILIUM_ENABLE_POLICY', valueFrom: { configMapKeyRef: { name: 'cilium-config', key: 'enable-policy' } } }, { name: 'SECRET_TOKEN', value: 's3cr3t' }];
      }),
      pick: (d) => d.containers[0]?.settings,
      want: { '--enable-policy': 'never', '--network-policy': 'true' },
    },
    {
      name: 'DaemonSet (manifest without status): counts are 0; fields of the wrong type are ignored, never thrown on',
      raw: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', namespace: 'ops' }, spec: { template: { spec: { containers: [{ name: 'x', image: 7, args: 'oops', env: { a: 1 } }] } } } } as RawObject,
      pick: (d) => ({ containers: d.containers, desired: d.desiredNumberScheduled, ready: d.numberReady, podLabels: d.podLabels }),
      want: { containers: [{ name: 'x', image: '', settings: {} }], desired: 0, ready: 0, podLabels: {} },
    },
  ]);
});

// Table-driven tests of the pure core: manifest text in, model and warnings (or a ManifestError) out. Over 400 lines
// as one idea: the tests of one function, modelFromDocuments.
import { describe, expect, it } from 'vitest';
import { RESOURCE_KINDS } from '@/lib/model';
import { ManifestError, modelFromDocuments, type ManifestLoadResult } from '.';

/** Strips the indentation common to all lines, and the first line break, so line 1 is the first line written. */
function text(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = raw.split('\n');
  const indent = lines.filter((l) => l.trim()).reduce((min, l) => Math.min(min, /^ */.exec(l)![0].length), Infinity);
  return lines.map((l) => l.slice(indent)).join('\n');
}

const load = (...files: [string, string][]) => modelFromDocuments(files.map(([file, t]) => ({ file, text: t })));

const deployment = text`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: api
    labels: {team: core}
  spec:
    replicas: 3
    selector: {matchLabels: {app: api}}
    template:
      metadata:
        labels: {app: api, tier: backend}
      spec:
        serviceAccountName: api
        containers:
          - name: api
            image: registry.invalid/api:1
            ports:
              - {name: http, containerPort: 8080}
              - {name: metrics, containerPort: 9090, protocol: TCP}
        initContainers:
          - name: proxy
            image: registry.invalid/proxy:1
            restartPolicy: Always
            ports: [{name: proxy, containerPort: 15001}]
          - name: migrate
            image: registry.invalid/migrate:1
`;

interface Case {
  name: string;
  files: [string, string][];
  pick: (r: ManifestLoadResult) => unknown;
  want: unknown;
}

function table(cases: Case[]) {
  it.each(cases)('$name', ({ files, pick, want }) => {
    expect(pick(load(...files))).toStrictEqual(want);
  });
}

const names = (objects: { meta: { namespace?: string; name: string } }[]) =>
  objects.map((o) => (o.meta.namespace ? `${o.meta.namespace}/${o.meta.name}` : o.meta.name));

describe('modelFromDocuments: reading documents', () => {
  table([
    {
      name: 'multi-document YAML: every document is read in order; empty --- sections and comment-only documents are skipped',
      files: [
        [
          'multi.yaml',
          text`
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: shop}
            ---
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: shop}
            ---
          `,
        ],
      ],
      pick: (r) => ({ services: names(r.model.resources.services), warnings: r.warnings }),
      want: { services: ['shop/a', 'shop/b'], warnings: [] },
    },
    {
      name: 'an empty file and a file of --- only, beside one with an object, add nothing and warn of nothing',
      files: [['empty.yaml', ''], ['dashes.yaml', '---\n---\n'], ['ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n']],
      pick: (r) => ({ counts: RESOURCE_KINDS.map((k) => r.model.resources[k].length), warnings: r.warnings }),
      want: { counts: RESOURCE_KINDS.map((k) => (k === 'namespaces' ? 1 : 0)), warnings: [] },
    },
    {
      name: 'JSON: a .json file (tab-indented) is read like YAML, with the API defaults applied (protocol TCP, targetPort = port)',
      files: [
        [
          'svc.json',
          '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {"name": "web", "namespace": "shop"},\n\t"spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}\n}\n',
        ],
      ],
      pick: (r) => r.model.resources.services.map((s) => ({ name: s.meta.name, selector: s.selector, ports: s.ports })),
      want: [{ name: 'web', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] }],
    },
    {
      name: 'kind: List: each item is read with its own kind',
      files: [
        [
          'list.yaml',
          text`
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
              - apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec: {podSelector: {}}
          `,
        ],
      ],
      pick: (r) => ({ services: names(r.model.resources.services), policies: names(r.model.resources.networkpolicies) }),
      want: { services: ['shop/web'], policies: ['shop/deny'] },
    },
    {
      name: 'typed lists (PodList, as the API server returns them): items without kind or apiVersion take the list\'s',
      files: [
        [
          'pods.json',
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'PodList',
            metadata: { resourceVersion: '42' },
            items: [
              { metadata: { name: 'p1', namespace: 'shop' }, spec: { containers: [{ name: 'c' }] }, status: { podIP: '10.0.0.5' } },
              { metadata: { name: 'p2', namespace: 'shop' }, spec: { containers: [{ name: 'c' }] } },
            ],
          }),
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => ({ name: p.meta.name, podIPs: p.podIPs, workload: p.workload })),
      want: [
        { name: 'p1', podIPs: ['10.0.0.5'], workload: { kind: 'Pod', name: 'p1' } },
        { name: 'p2', podIPs: [], workload: { kind: 'Pod', name: 'p2' } },
      ],
    },
    {
      name: 'YAML 1.1 merge keys (<<) are honoured, as kubectl does',
      files: [
        [
          'merge.yaml',
          text`
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels: &common {app: web, team: shop}
            spec:
              selector:
                <<: *common
                tier: front
          `,
        ],
      ],
      pick: (r) => r.model.resources.services.map((s) => ({ labels: s.meta.labels, selector: s.selector })),
      want: [{ labels: { app: 'web', team: 'shop' }, selector: { app: 'web', team: 'shop', tier: 'front' } }],
    },
    {
      name: 'every kind is synced: a manifest set is complete by definition',
      files: [['x.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n']],
      pick: (r) => r.model.sync,
      want: Object.fromEntries(RESOURCE_KINDS.map((k) => [k, { status: 'synced' }])),
    },
  ]);
});

describe('modelFromDocuments: kinds and defaults', () => {
  table([
    {
      name: 'a bare Pod without status is read as it would run (Running, ready), like a workload template; one with a status keeps it',
      files: [
        ['pods.yaml', text`
          apiVersion: v1
          kind: Pod
          metadata: {name: debug, namespace: shop}
          spec:
            containers: [{name: sh, image: registry.invalid/sh:1}]
          ---
          apiVersion: v1
          kind: Pod
          metadata: {name: stuck, namespace: shop}
          spec:
            containers: [{name: sh, image: registry.invalid/sh:1}]
          status: {phase: Pending}
        `],
      ],
      pick: (r) => r.model.resources.pods.map((p) => [p.meta.name, p.phase, p.ready]),
      want: [['debug', 'Running', true], ['stuck', 'Pending', false]],
    },
    {
      name: 'Deployment -> one representative pod: <name>-template in the default namespace, template labels and ports, workload and owner the Deployment, running and ready, no IPs',
      files: [['api.yaml', deployment]],
      pick: (r) => r.model.resources.pods,
      want: [
        {
          meta: {
            uid: 'Pod/default/api-template',
            name: 'api-template',
            namespace: 'default',
            labels: { app: 'api', tier: 'backend' },
            resourceVersion: '',
          },
          owner: { kind: 'Deployment', name: 'api' },
          workload: { kind: 'Deployment', name: 'api' },
          hostNetwork: false,
          serviceAccountName: 'api',
          phase: 'Running',
          ready: true,
          podIPs: [],
          containers: [
            {
              name: 'api',
              ports: [
                { name: 'http', containerPort: 8080, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
              ],
              ready: true,
              sidecar: false,
            },
            // A native sidecar serves ports; a plain init container does not.
            { name: 'proxy', ports: [{ name: 'proxy', containerPort: 15001, protocol: 'TCP' }], ready: true, sidecar: true },
          ],
        },
      ],
    },
    {
      name: 'StatefulSet -> representative pod in the governing Service\'s DNS subdomain, workload StatefulSet',
      files: [
        [
          'db.yaml',
          text`
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: data}
            spec:
              serviceName: db-headless
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: pg, image: x, ports: [{name: postgres, containerPort: 5432}]}]
          `,
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => ({ name: names([p]), subdomain: p.subdomain, workload: p.workload })),
      want: [{ name: ['data/db-template'], subdomain: 'db-headless', workload: { kind: 'StatefulSet', name: 'db' } }],
    },
    {
      name: 'DaemonSet with hostNetwork -> hostNetwork pod whose ports default their hostPort to the containerPort',
      files: [
        [
          'agent.yaml',
          text`
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: agent, image: x, ports: [{name: metrics, containerPort: 9100}]}]
          `,
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => ({ hostNetwork: p.hostNetwork, ports: p.containers[0]?.ports, workload: p.workload })),
      want: [
        {
          hostNetwork: true,
          ports: [{ name: 'metrics', containerPort: 9100, protocol: 'TCP', hostPort: 9100 }],
          workload: { kind: 'DaemonSet', name: 'agent' },
        },
      ],
    },
    {
      name: 'DaemonSet -> kept as a DaemonSet too (it tells the network plugin), with its template labels, images and enforcement settings',
      files: [
        [
          'flannel.yaml',
          text`
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: kube-flannel-ds, namespace: kube-flannel, labels: {app: flannel, k8s-app: flannel, tier: node}}
            spec:
              selector: {matchLabels: {app: flannel}}
              template:
                metadata: {labels: {app: flannel, tier: node}}
                spec:
                  hostNetwork: true
                  containers:
                  - name: kube-flannel
                    image: ghcr.io/flannel-io/flannel:v0.26.4
                    command: [/opt/bin/flanneld]
                    args: [--ip-masq, --kube-subnet-mgr]
          `,
        ],
      ],
      pick: (r) => ({
        daemonsets: r.model.resources.daemonsets.map((d) => ({ ref: names([d]), uid: d.meta.uid, podLabels: d.podLabels, containers: d.containers })),
        pods: names(r.model.resources.pods),
        warnings: r.warnings,
      }),
      want: {
        daemonsets: [
          {
            ref: ['kube-flannel/kube-flannel-ds'],
            uid: 'DaemonSet/kube-flannel/kube-flannel-ds',
            podLabels: { app: 'flannel', tier: 'node' },
            containers: [{ name: 'kube-flannel', image: 'ghcr.io/flannel-io/flannel:v0.26.4', settings: {} }],
          },
        ],
        pods: ['kube-flannel/kube-flannel-ds-template'],
        warnings: [],
      },
    },
    {
      name: 'a DaemonSet defined twice is reported once, and the later definition replaces the earlier one as DaemonSet and as pod',
      files: [
        [
          'twice.yaml',
          text`
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: ops}
            spec: {selector: {matchLabels: {app: agent}}, template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: agent:v1}]}}}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: ops}
            spec: {selector: {matchLabels: {app: agent}}, template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: agent:v2}]}}}
          `,
        ],
      ],
      pick: (r) => ({ images: r.model.resources.daemonsets.map((d) => d.containers[0]?.image), warnings: r.warnings.map((w) => w.message) }),
      want: { images: ['agent:v2'], warnings: ['DaemonSet ops/agent is defined again; this definition replaces the one at twice.yaml:1'] },
    },
    {
      name: 'CronJob -> pod from spec.jobTemplate.spec.template, workload CronJob',
      files: [
        [
          'report.yaml',
          text`
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: shop}
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: report}}
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: report, image: x}]
          `,
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => ({ name: p.meta.name, labels: p.meta.labels, workload: p.workload, owner: p.owner })),
      want: [{ name: 'report-template', labels: { app: 'report' }, workload: { kind: 'CronJob', name: 'report' }, owner: { kind: 'CronJob', name: 'report' } }],
    },
    {
      name: 'Job, ReplicaSet and ReplicationController each give one pod named after themselves',
      files: [
        [
          'w.yaml',
          ['batch/v1 Job once', 'apps/v1 ReplicaSet rs', 'v1 ReplicationController rc']
            .map((s) => {
              const [apiVersion, kind, name] = s.split(' ');
              return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}}\nspec:\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: x}]}\n`;
            })
            .join('---\n'),
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => [p.meta.name, p.workload.kind, p.meta.labels.app]),
      want: [
        ['once-template', 'Job', 'once'],
        ['rs-template', 'ReplicaSet', 'rs'],
        ['rc-template', 'ReplicationController', 'rc'],
      ],
    },
    {
      name: 'a ReplicaSet managed by a Deployment in the same manifests is represented by the Deployment\'s pod only, and counted as ignored (no warning)',
      files: [
        ['api.yaml', deployment],
        [
          'rs.yaml',
          text`
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: api-5d9f8
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: u1, controller: true}]
            spec:
              template:
                metadata: {labels: {app: api, pod-template-hash: 5d9f8}}
                spec: {containers: [{name: api, image: x}]}
          `,
        ],
      ],
      pick: (r) => ({ pods: names(r.model.resources.pods), warnings: r.warnings, ignored: r.ignored }),
      want: { pods: ['default/api-template'], warnings: [], ignored: { ReplicaSet: 1 } },
    },
    {
      name: 'a ReplicaSet whose Deployment is not in the manifests: its pod\'s workload is the Deployment, its owner the ReplicaSet',
      files: [
        [
          'rs.yaml',
          text`
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: api-5d9f8
              ownerReferences: [{kind: Deployment, name: api, controller: true}]
            spec:
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: x}]}
          `,
        ],
      ],
      pick: (r) => r.model.resources.pods.map((p) => ({ name: p.meta.name, workload: p.workload, owner: p.owner })),
      want: [{ name: 'api-5d9f8-template', workload: { kind: 'Deployment', name: 'api' }, owner: { kind: 'ReplicaSet', name: 'api-5d9f8' } }],
    },
    {
      name: 'replicas: 0 still gives the representative pod, with a warning',
      files: [['api.yaml', deployment.replace('replicas: 3', 'replicas: 0')]],
      pick: (r) => ({ pods: names(r.model.resources.pods), warnings: r.warnings.map((w) => [w.file, w.line, w.message]) }),
      want: {
        pods: ['default/api-template'],
        warnings: [['api.yaml', 1, 'Deployment default/api has replicas: 0; its representative pod stands for the pods it runs when scaled up']],
      },
    },
    {
      name: 'namespaces: declared ones keep their labels; used but undeclared ones are added (sorted), all labelled kubernetes.io/metadata.name',
      files: [
        [
          'ns.yaml',
          text`
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: shop}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: zeta}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: c, namespace: shop}
          `,
        ],
      ],
      pick: (r) => r.model.resources.namespaces.map((n) => ({ uid: n.meta.uid, name: n.meta.name, labels: n.meta.labels, phase: n.phase })),
      want: [
        { uid: 'Namespace/shop', name: 'shop', labels: { team: 'shop', 'kubernetes.io/metadata.name': 'shop' }, phase: 'Active' },
        { uid: 'Namespace/default', name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, phase: 'Active' },
        { uid: 'Namespace/zeta', name: 'zeta', labels: { 'kubernetes.io/metadata.name': 'zeta' }, phase: 'Active' },
      ],
    },
    {
      name: 'cluster-scoped kinds (IngressClass, Node, Namespace) have no namespace even when a manifest gives one, and add no namespace',
      files: [
        [
          'cluster.yaml',
          text`
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: nginx
              namespace: ignored
              annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
            spec: {controller: k8s.io/ingress-nginx}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1, namespace: ignored, labels: {topology.kubernetes.io/zone: z1}}
          `,
        ],
      ],
      pick: (r) => ({
        classes: r.model.resources.ingressclasses.map((c) => ({ uid: c.meta.uid, ns: c.meta.namespace, controller: c.controller, isDefault: c.isDefault })),
        nodes: r.model.resources.nodes.map((n) => ({ uid: n.meta.uid, ns: n.meta.namespace, zone: n.zone })),
        namespaces: r.model.resources.namespaces,
      }),
      want: {
        classes: [{ uid: 'IngressClass/nginx', ns: undefined, controller: 'k8s.io/ingress-nginx', isDefault: true }],
        nodes: [{ uid: 'Node/n1', ns: undefined, zone: 'z1' }],
        namespaces: [],
      },
    },
    {
      name: 'uids are deterministic and kind-qualified, so a Service, a NetworkPolicy and a workload named alike never share one; manifest uids are not trusted',
      files: [
        [
          'same.yaml',
          text`
            apiVersion: v1
            kind: Service
            metadata: {name: api, uid: copied-from-a-cluster}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, uid: copied-from-a-cluster}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: api-x1, labels: {kubernetes.io/service-name: api}}
            addressType: IPv4
            endpoints: [{addresses: [10.0.0.9]}]
          `,
        ],
        ['api.yaml', deployment],
      ],
      pick: (r) => [
        ...r.model.resources.services,
        ...r.model.resources.networkpolicies,
        ...r.model.resources.endpointslices,
        ...r.model.resources.pods,
      ].map((o) => o.meta.uid),
      want: ['Service/default/api', 'NetworkPolicy/default/api', 'EndpointSlice/default/api-x1', 'Pod/default/api-template'],
    },
    {
      name: 'EndpointSlice: the kubernetes.io/service-name label still names the Service; Ingress rules and TLS read as v1',
      files: [
        [
          'x.yaml',
          text`
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: api-x1, namespace: shop, labels: {kubernetes.io/service-name: api}}
            addressType: IPv4
            endpoints: [{addresses: [10.0.0.9]}]
            ports: [{name: http, port: 8080}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: shop, namespace: shop}
            spec:
              tls: [{hosts: [shop.example.com], secretName: shop-tls}]
              rules:
                - host: shop.example.com
                  http:
                    paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]
          `,
        ],
      ],
      pick: (r) => ({
        slices: r.model.resources.endpointslices.map((s) => [s.serviceName, s.endpoints[0]?.conditions, s.ports]),
        ingress: r.model.resources.ingresses.map((i) => [i.tls, i.rules]),
      }),
      want: {
        slices: [['api', { ready: true, serving: true, terminating: false }, [{ name: 'http', port: 8080, protocol: 'TCP' }]]],
        ingress: [
          [
            [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
            [{ host: 'shop.example.com', paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] }],
          ],
        ],
      },
    },
  ]);
});

describe('modelFromDocuments: warnings', () => {
  table([
    {
      name: 'kinds that could change an answer and are not read (a CRD, a Service of another API group) are skipped with file, line and kind; a ConfigMap only counts as ignored',
      files: [
        [
          'shop/extras.yaml',
          text`
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {mode: fast}
            ---
            # A Knative Service is not a core Service.
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: hello, namespace: shop}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
          `,
        ],
      ],
      pick: (r) => ({ services: r.model.resources.services, warnings: r.warnings, ignored: r.ignored }),
      want: {
        services: [],
        ignored: { ConfigMap: 1 },
        warnings: [
          { file: 'shop/extras.yaml', line: 7, message: 'Service shop/hello (serving.knative.dev/v1) skipped: kube-netmap does not model this kind' },
          { file: 'shop/extras.yaml', line: 14, message: 'Widget w (example.com/v1) skipped: kube-netmap does not model this kind' },
        ],
      },
    },
    {
      name: 'retired apiVersions: an old Deployment is read with a warning; an old Ingress (serviceName/servicePort backends) is skipped',
      files: [
        [
          'old.yaml',
          text`
            apiVersion: apps/v1beta2
            kind: Deployment
            metadata: {name: old}
            spec:
              template:
                metadata: {labels: {app: old}}
                spec: {containers: [{name: c, image: x}]}
            ---
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: old}
            spec:
              backend: {serviceName: old, servicePort: 80}
          `,
        ],
      ],
      pick: (r) => ({ pods: names(r.model.resources.pods), ingresses: r.model.resources.ingresses, warnings: r.warnings.map((w) => [w.line, w.message]) }),
      want: {
        pods: ['default/old-template'],
        ingresses: [],
        warnings: [
          [1, 'Deployment default/old: apps/v1beta2 is no longer served by Kubernetes; read as apps/v1'],
          [9, 'Ingress default/old skipped: extensions/v1beta1 is not supported; write it as networking.k8s.io/v1'],
        ],
      },
    },
    {
      name: 'duplicate objects (same kind, namespace and name): the later one wins, with a warning giving both places',
      files: [
        ['a.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {ports: [{port: 80}]}\n'],
        ['b.yaml', '# override\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {ports: [{port: 8080}]}\n'],
      ],
      pick: (r) => ({ ports: r.model.resources.services.map((s) => s.ports.map((p) => p.port)), warnings: r.warnings }),
      want: {
        ports: [[8080]],
        warnings: [{ file: 'b.yaml', line: 2, message: 'Service shop/api is defined again; this definition replaces the one at a.yaml:1' }],
      },
    },
    {
      name: 'a Deployment and a StatefulSet of the same name would both give pod <name>-template: the later one wins, with a warning',
      files: [
        ['api.yaml', deployment],
        [
          'sts.yaml',
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: api}\nspec:\n  template:\n    metadata: {labels: {app: api-sts}}\n    spec: {containers: [{name: c, image: x}]}\n',
        ],
      ],
      pick: (r) => ({ pods: r.model.resources.pods.map((p) => [p.meta.name, p.workload.kind]), warnings: r.warnings }),
      want: {
        pods: [['api-template', 'StatefulSet']],
        warnings: [
          { file: 'sts.yaml', line: 1, message: 'Pod default/api-template of StatefulSet default/api replaces the one of Deployment default/api at api.yaml:1' },
        ],
      },
    },
  ]);

  const secretValue = 'hunter2-do-not-leak';
  const encoded = Buffer.from(secretValue).toString('base64');
  it('a Secret is kept by name only (for Ingress TLS checks): its data, annotations and type appear nowhere in the result', () => {
    const result = load([
      'secrets.yaml',
      text`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-credentials
          namespace: shop
          labels: {app: db}
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"${secretValue}"}}'
        type: Opaque
        data: {password: ${encoded}}
        stringData: {password: ${secretValue}}
      `,
    ]);
    expect(result.warnings).toStrictEqual([]);
    expect(result.model.resources.secrets).toStrictEqual([
      { meta: { uid: 'Secret/shop/db-credentials', name: 'db-credentials', namespace: 'shop', labels: {}, resourceVersion: '' } },
    ]);
    const everything = JSON.stringify(result);
    for (const leak of [secretValue, encoded, 'Opaque', 'last-applied']) expect(everything).not.toContain(leak);
  });

  it('a Secret without a name is an error at its line that quotes none of its data', () => {
    const source = text`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Secret
          stringData: {password: ${secretValue}}
    `;
    expect(() => load(['secrets.yaml', source])).toThrow(new ManifestError('secrets.yaml', 4, 'Secret: metadata.name is required'));
    try {
      load(['secrets.yaml', source]);
    } catch (e) {
      expect((e as Error).message).not.toContain(secretValue);
    }
  });
});

describe('modelFromDocuments: errors', () => {
  const badIndent = text`
    apiVersion: v1
    kind: Service
    metadata:
      name: api
      namespace: shop
    spec:
      selector:
        app: api
       tier: backend
  `;
  it.each([
    {
      name: 'broken YAML: the line of the bad indentation',
      file: 'shop/api.yaml',
      source: badIndent,
      line: 9,
      reason: /^invalid YAML: /,
    },
    {
      name: 'broken YAML: a key indented deeper than its siblings, on line 7',
      file: 'shop/api.yaml',
      source: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n    selector: {}\n',
      line: 7,
      reason: /^invalid YAML: /,
    },
    {
      name: 'broken YAML: a list indented less than its key, on line 7',
      file: 'shop/api.yaml',
      source: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n - port: 80\n',
      line: 7,
      reason: /^invalid YAML: /,
    },
    {
      name: 'broken YAML in the second document',
      file: 'two.yaml',
      source: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: [b}\n',
      line: 7,
      reason: /^invalid YAML: /,
    },
    {
      name: 'broken JSON: the line of the syntax error',
      file: 'svc.json',
      source: '{\n  "apiVersion": "v1",\n  "kind": "Service",\n  "metadata": {"name": "a"}\n  "spec": {}\n}\n',
      line: 5,
      reason: /^invalid YAML: /,
    },
    {
      name: 'a document without kind names its first line',
      file: 'shop/api.yaml',
      source: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n# no kind here\napiVersion: v1\nmetadata: {name: b}\n',
      line: 6,
      reason: 'the document has no kind, so it is not a Kubernetes object',
    },
    {
      name: 'a document without apiVersion and kind (not a Kubernetes manifest at all)',
      file: 'values.yaml',
      source: 'replicaCount: 2\nimage: {repository: x}\n',
      line: 1,
      reason: 'the document has no apiVersion and kind, so it is not a Kubernetes object',
    },
    {
      name: 'a document that is a list, not a mapping',
      file: 'list.yaml',
      source: '---\n- apiVersion: v1\n  kind: Service\n',
      line: 2,
      reason: 'expected a Kubernetes object (a mapping with apiVersion and kind), found a list',
    },
    {
      name: 'a document that is a plain string',
      file: 'text.yaml',
      source: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\njust some text\n',
      line: 5,
      reason: 'expected a Kubernetes object (a mapping with apiVersion and kind), found a string',
    },
    {
      name: 'a List item that is not a mapping',
      file: 'list.yaml',
      source: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: a}\n  - 42\n',
      line: 7,
      reason: 'List item 1: expected a Kubernetes object (a mapping), found a number',
    },
    {
      name: 'a List item without kind',
      file: 'list.yaml',
      source: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: a}\n',
      line: 4,
      reason: 'the List item 0 has no kind, so it is not a Kubernetes object',
    },
    {
      name: 'an object without metadata.name',
      file: 'svc.yaml',
      source: 'apiVersion: v1\nkind: Service\nmetadata:\n  namespace: shop\n',
      line: 3,
      reason: 'Service: metadata.name is required',
    },
    {
      name: 'a quoted Service port number: the line of the port, the path of the field',
      file: 'svc.yaml',
      source: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n    - name: http\n      port: "80"\n',
      line: 7,
      reason: 'Service default/a: spec.ports[0].port: Invalid input: expected number, received string',
    },
    {
      name: 'an unquoted yes as a label value is a boolean (YAML 1.1, as kubectl reads it)',
      file: 'dep.yaml',
      source: deployment.replace('labels: {app: api, tier: backend}', 'labels:\n          app: api\n          canary: yes'),
      line: 13,
      reason:
        'Deployment default/api: spec.template.metadata.labels.canary: Invalid input: expected string, received boolean (quote it: YAML reads unquoted yes, no, on, off, true, false and numbers as non-strings)',
    },
    {
      name: 'ports written as a mapping instead of a list',
      file: 'svc.yaml',
      source: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n    port: 80\n',
      line: 5,
      reason: 'Service default/a: spec.ports: Invalid input: expected array, received object',
    },
    {
      name: 'a NetworkPolicy port protocol the API does not know',
      file: 'np.yaml',
      source: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: ICMP\n',
      line: 8,
      reason: /^NetworkPolicy default\/a: spec\.ingress\[0\]\.ports\[0\]\.protocol: Invalid option/,
    },
    {
      name: 'an empty file holds no Kubernetes objects',
      file: 'empty.yaml',
      source: '',
      line: 0,
      reason: 'no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null',
    },
    {
      name: 'a file of --- and comments only holds no Kubernetes objects',
      file: 'dashes.yaml',
      source: '---\n# nothing\n---\n',
      line: 0,
      reason: 'no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null',
    },
    {
      name: 'a file of null holds no Kubernetes objects',
      file: 'null.yaml',
      source: 'null\n',
      line: 0,
      reason: 'no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null',
    },
    {
      name: 'a workload without a pod template',
      file: 'dep.yaml',
      source: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  replicas: 1\n',
      line: 4,
      reason: 'Deployment default/a: spec.template: Invalid input: expected object, received undefined',
    },
  ])('ManifestError: $name', ({ file, source, line, reason }) => {
    let error: unknown;
    try {
      load([file, source]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect({ file: e.file, line: e.line }).toStrictEqual({ file, line });
    if (reason instanceof RegExp) expect(e.reason).toMatch(reason);
    else expect(e.reason).toBe(reason);
    expect(e.message).toBe(line > 0 ? `${file}:${line}: ${e.reason}` : `${file}: ${e.reason}`);
  });

  it('a parse error does not quote the broken line (it could be a Secret\'s data)', () => {
    const source = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2\n pin: 1234\n';
    expect(() => load(['s.yaml', source])).toThrow(ManifestError);
    try {
      load(['s.yaml', source]);
    } catch (e) {
      expect((e as Error).message).not.toMatch(/hunter2|1234/);
    }
  });
});

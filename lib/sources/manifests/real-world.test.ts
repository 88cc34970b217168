// Manifests as they are found in real repositories and `kubectl get -o yaml` dumps (issue 11): each case names the
// rule it proves, on files written to a temporary directory and read through loadManifestPaths.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, loadManifestPaths, type ManifestLoadResult } from '.';

/** `kubectl get pods -o yaml` of two pods whose containers have no name, as stripped test fixtures write them. */
const POD_LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: web-0, namespace: shop, labels: {app: web}}
    spec:
      containers:
        - image: nginx
          ports: [{name: http, containerPort: 8080}]
    status: {phase: Running, podIP: 10.0.0.5, conditions: [{type: Ready, status: "True"}]}
  - apiVersion: v1
    kind: Pod
    metadata: {name: db-0, namespace: shop, labels: {app: db}}
    spec:
      containers:
        - ports: [{containerPort: 5432}]
    status: {phase: Running, podIP: 10.0.0.6, conditions: [{type: Ready, status: "True"}]}
`;

/** The same list with a mistake the analysis cannot read past, in its second item. */
const BAD_ITEM_LIST = POD_LIST.replace('containerPort: 5432', 'containerPort: "5432"');

/** A typed list whose items leave out apiVersion and kind, as the API server's list responses do (JSON). */
const SERVICE_LIST_JSON = `{
  "apiVersion": "v1",
  "kind": "ServiceList",
  "items": [
    {
      "metadata": {"name": "web", "namespace": "shop"},
      "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}
    },
    {
      "metadata": {"name": "db", "namespace": "shop"},
      "spec": {"ports": [{"port": "5432"}]}
    }
  ]
}
`;

const INERT = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: more, namespace: shop}
`;

const MAY_MATTER = `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: web, namespace: shop}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-all, namespace: shop}
`;

/** `kubectl get deploy,rs,pods -o yaml`: a Deployment, its ReplicaSet and its two pods. */
const DUMP = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: api, namespace: shop}
    spec:
      selector: {matchLabels: {app: api}}
      template:
        metadata: {labels: {app: api}}
        spec: {containers: [{name: api, image: x}]}
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: api-5d9f8
      namespace: shop
      ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, uid: 1111, controller: true}]
    spec:
      template:
        metadata: {labels: {app: api, pod-template-hash: 5d9f8}}
        spec: {containers: [{name: api, image: x}]}
${['a1b2c', 'd3e4f']
  .map(
    (suffix, i) => `  - apiVersion: v1
    kind: Pod
    metadata:
      name: api-5d9f8-${suffix}
      namespace: shop
      labels: {app: api, pod-template-hash: 5d9f8}
      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5d9f8, uid: u2, controller: true}]
    spec: {containers: [{name: api, image: x}]}
    status: {phase: Running, podIP: 10.0.1.${i + 1}, conditions: [{type: Ready, status: "True"}]}
`,
  )
  .join('')}`;

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n';

const KUSTOMIZE_HINT = (dir: string) =>
  `a kustomization (kustomization.yaml): its files are bases and patches that kustomize combines, not the objects it applies. Render it first: kubectl kustomize ${dir} | kube-netmap connectivity --manifests -`;
const HELM_HINT = (dir: string) =>
  `a Helm chart (Chart.yaml, templates/): its templates are not Kubernetes objects until Helm renders them. Render it first, with the values you deploy: helm template ${dir} [-f values.yaml] | kube-netmap connectivity --manifests -`;

describe('loadManifestPaths on real-world manifests', () => {
  let root: string;
  const at = (...parts: string[]) => path.join(root, ...parts);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kube-netmap-real-world-'));
    const files: [string, string][] = [
      ['pods/pods.yaml', POD_LIST],
      ['bad-item/pods.yaml', BAD_ITEM_LIST],
      ['services/services.json', SERVICE_LIST_JSON],
      // A test directory: manifests beside the expected output of the test, which is a list, and a plain object.
      ['fixture/app.yaml', SERVICE],
      ['fixture/expected.json', '[\n  {"src": "shop/web", "dst": "shop/db", "conn": "All"}\n]\n'],
      ['fixture/settings.json', '{\n  "timeout": 30\n}\n'],
      ['inert/extras.yaml', INERT],
      ['may-matter/extras.yaml', MAY_MATTER],
      ['dump/all.yaml', DUMP],
      ['overlay/kustomization.yaml', 'resources: [deploy.yaml]\nnamePrefix: prod-\n'],
      ['overlay/deploy.yaml', SERVICE],
      ['chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n'],
      ['chart/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n'],
      ['repo/app/svc.yaml', SERVICE],
      ['repo/charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n'],
      ['repo/charts/web/templates/svc.yaml', 'metadata:\n  name: {{ .Release.Name }}\n'],
      ['repo/node_modules/left-pad/package.json', '{"name": "left-pad"}\n'],
    ];
    for (const [file, text] of files) {
      await mkdir(path.dirname(at(file)), { recursive: true });
      await writeFile(at(file), text);
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const read = (...paths: string[]) => loadManifestPaths(paths.map((p) => at(p)), { reader: 'kube-netmap connectivity --manifests' });
  const failure = async (...paths: string[]) => {
    const error = await read(...paths).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    const { file, line, reason } = error as ManifestError;
    return { file, line, reason };
  };
  const podNames = (r: ManifestLoadResult) => r.model.resources.pods.map((p) => `${p.meta.namespace}/${p.meta.name}`);

  it.each([
    {
      rule: 'a field no analysis reads (a container name, an image) never fails: a pod list without container names is read, its named ports too',
      paths: ['pods'],
      pick: (r: ManifestLoadResult) => ({
        pods: podNames(r),
        ports: r.model.resources.pods.map((p) => p.containers.flatMap((c) => c.ports.map((port) => `${port.name ?? ''}:${port.containerPort}`))),
        warnings: r.warnings,
      }),
      want: { pods: ['shop/web-0', 'shop/db-0'], ports: [['http:8080'], [':5432']], warnings: [] },
    },
    {
      rule: 'a document that is not a Kubernetes object (a JSON list, a JSON object without kind), found in a directory, is skipped with a warning at its file and line',
      paths: ['fixture'],
      pick: (r: ManifestLoadResult) => ({ services: r.model.resources.services.map((s) => s.meta.name), warnings: r.warnings }),
      want: {
        services: ['web'],
        warnings: [
          {
            file: 'fixture/expected.json',
            line: 1,
            message: 'expected a Kubernetes object (a mapping with apiVersion and kind), found a list; skipped (found in a directory; named on its own it would be an error)',
          },
          {
            file: 'fixture/settings.json',
            line: 1,
            message: 'the document has no apiVersion and kind, so it is not a Kubernetes object; skipped (found in a directory; named on its own it would be an error)',
          },
        ],
      },
    },
    {
      rule: 'kinds that cannot change a network answer (ConfigMap, ServiceAccount, RoleBinding) are skipped without a warning and counted by kind',
      paths: ['inert', 'fixture/app.yaml'],
      pick: (r: ManifestLoadResult) => ({ warnings: r.warnings, ignored: r.ignored }),
      want: { warnings: [], ignored: { ConfigMap: 2, ServiceAccount: 1, RoleBinding: 1 } },
    },
    {
      rule: 'kinds that could change an answer and are not read (an OpenShift Route, an Istio AuthorizationPolicy) keep a warning each',
      paths: ['may-matter', 'fixture/app.yaml'],
      pick: (r: ManifestLoadResult) => ({ warnings: r.warnings.map((w) => `${w.line}: ${w.message}`), ignored: r.ignored }),
      want: {
        warnings: [
          '1: Route shop/web (route.openshift.io/v1) skipped: kube-netmap does not model this kind',
          '5: AuthorizationPolicy shop/deny-all (security.istio.io/v1) skipped: kube-netmap does not model this kind',
        ],
        ignored: {},
      },
    },
    {
      rule: 'a kubectl dump holds the pods of a Deployment: they stand for it, with no template pod; the Deployment and its ReplicaSet are counted as ignored (and an owner reference\'s uid, never read, may be a number)',
      paths: ['dump'],
      pick: (r: ManifestLoadResult) => ({
        pods: podNames(r),
        workloads: r.model.resources.pods.map((p) => `${p.workload.kind}/${p.workload.name}`),
        warnings: r.warnings,
        ignored: r.ignored,
      }),
      want: {
        pods: ['shop/api-5d9f8-a1b2c', 'shop/api-5d9f8-d3e4f'],
        workloads: ['Deployment/api', 'Deployment/api'],
        warnings: [],
        ignored: { Deployment: 1, ReplicaSet: 1 },
      },
    },
    {
      rule: 'a Helm chart inside the directory is skipped with a warning saying how to render it; node_modules is not read; the rest is read',
      paths: ['repo'],
      pick: (r: ManifestLoadResult) => ({ services: r.model.resources.services.map((s) => s.meta.name), warnings: r.warnings }),
      want: { services: ['web'], warnings: [{ file: 'repo/charts/web', line: 0, message: `skipped: ${HELM_HINT('repo/charts/web')}` }] },
    },
  ])('$rule', async ({ paths, pick, want }) => {
    const result = await read(...paths);
    const relative = JSON.parse(JSON.stringify(pick(result)).replaceAll(`${root}/`, '')) as unknown;
    expect(relative).toStrictEqual(want);
  });

  it.each([
    {
      rule: 'an object the analysis needs and cannot read (a quoted port number) is an error at its line, inside a List item',
      paths: ['bad-item'],
      want: { file: 'bad-item/pods.yaml', line: 17, reason: 'Pod shop/db-0: spec.containers[0].ports[0].containerPort: Invalid input: expected number, received string' },
    },
    {
      rule: 'a typed list: an error in an item that leaves out its kind is at the item\'s line, named by the list\'s item kind',
      paths: ['services/services.json'],
      want: { file: 'services/services.json', line: 11, reason: 'Service shop/db: spec.ports[0].port: Invalid input: expected number, received string' },
    },
    {
      rule: 'a document that is not a Kubernetes object, in a file named on its own, stays an error',
      paths: ['fixture/expected.json'],
      want: { file: 'fixture/expected.json', line: 1, reason: 'expected a Kubernetes object (a mapping with apiVersion and kind), found a list' },
    },
    {
      rule: 'a kustomization directory given is an error saying how to render it (kubectl kustomize), not a parse error',
      paths: ['overlay'],
      want: { file: 'overlay', line: 0, reason: KUSTOMIZE_HINT('overlay') },
    },
    {
      rule: 'a kustomization.yaml named on its own says the same',
      paths: ['overlay/kustomization.yaml'],
      want: { file: 'overlay/kustomization.yaml', line: 0, reason: KUSTOMIZE_HINT('overlay') },
    },
    {
      rule: 'a Helm chart directory given is an error saying how to render it (helm template), not a parse error',
      paths: ['chart'],
      want: { file: 'chart', line: 0, reason: HELM_HINT('chart') },
    },
  ])('$rule', async ({ paths, want }) => {
    const got = await failure(...paths);
    expect(JSON.parse(JSON.stringify(got).replaceAll(`${root}/`, ''))).toStrictEqual(want);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DiscoveryV1Api, type V1EndpointSlice } from '@kubernetes/client-node';
import { parseAllDocuments, stringify } from 'yaml';
import { dashboardRbacRules, grantsOf, type PolicyRule } from '@/lib/sources/live/rbac-rules';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { Cluster, eventually, RUN_LABEL, runId } from './support/kube';
import { STATE_DIR } from './global-setup';

// charts/kube-netmap checked with the real tools: helm (built from its Go module by scripts/cluster/build-helm.sh)
// lints and renders it; kubectl applies it to the cluster under test, in a namespace that enforces the restricted
// Pod Security Standard (no container runs under kwok, but the pod is admitted and scheduled); `kubectl auth
// can-i` asks the API server what its ServiceAccount may do; kube-netmap's own CLI diagnoses and explains the
// rendered manifests, and the suite's dashboard explains the installed pod's NetworkPolicy live.
test.describe.configure({ mode: 'serial' });

const repoRoot = path.resolve(import.meta.dirname, '..');
const chart = path.join(repoRoot, 'charts', 'kube-netmap');
const helm = process.env.E2E_HELM;
const kubectl = process.env.E2E_KUBECTL;
const admin = process.env.E2E_KUBECONFIG!;

/** The API server as the chart's NetworkPolicy must let the pod reach it (a documentation address, see below). */
const API_SERVER = { ip: '192.0.2.10', port: 6443 };

let cluster: Cluster;
let namespace: string;
let release: string;
let dir: string;
let createdApiServerSlice = false;

test.skip(!helm || !kubectl, 'E2E_HELM and E2E_KUBECTL are set by scripts/test-e2e.sh (helm needs Go to build)');

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    // helm keeps its caches in the test's folder, not in the user's home.
    env: { ...process.env, HELM_CACHE_HOME: path.join(dir, 'helm'), HELM_CONFIG_HOME: path.join(dir, 'helm'), HELM_DATA_HOME: path.join(dir, 'helm') },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const explicitApiServer = [`--set=networkPolicy.apiServer.cidrs={${API_SERVER.ip}/32}`, `--set=networkPolicy.apiServer.ports={${API_SERVER.port}}`];

/** `helm template` of the chart as this test's release; fails the test when helm does. */
function render(...values: string[]): string {
  const result = run(helm!, ['template', release, chart, '--namespace', namespace, ...values]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

function objects(manifests: string): { kind: string; metadata: { name: string }; [key: string]: unknown }[] {
  return parseAllDocuments(manifests)
    .map((d) => d.toJS() as { kind: string; metadata: { name: string } } | null)
    .filter((o) => o !== null);
}

function apply(manifests: string) {
  const result = run(kubectl!, ['--kubeconfig', admin, 'apply', '--namespace', namespace, '-f', '-'], manifests);
  expect(result.code, result.stderr).toBe(0);
  // The API server warns on a Deployment whose pods its namespace's Pod Security level would refuse.
  expect(result.stderr).not.toContain('PodSecurity');
}

/** `kubectl auth can-i` as the chart's ServiceAccount: the API server's own answer. */
function canI(verb: string, resource: string, ...extra: string[]): boolean {
  const account = `system:serviceaccount:${namespace}:${release}-kube-netmap`;
  const result = run(kubectl!, ['--kubeconfig', admin, 'auth', 'can-i', verb, resource, `--as=${account}`, ...extra]);
  expect(['yes', 'no']).toContain(result.stdout.trim());
  return result.stdout.trim() === 'yes';
}

function cli(...args: string[]) {
  return run(process.execPath, [path.join(repoRoot, 'bin', 'kube-netmap.mjs'), ...args]);
}

test.beforeAll(async () => {
  cluster = new Cluster();
  dir = fs.mkdtempSync(path.join(STATE_DIR, 'helm-chart-'));
  release = `netmap-${Math.random().toString(36).slice(2, 7)}`;
  namespace = `chart-${release}`;
  await cluster.core.createNamespace({
    body: {
      metadata: {
        name: namespace,
        labels: { [RUN_LABEL]: runId(), 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
      },
    },
  });
  // The local control plane runs without the endpoint reconciler (its API server's address is loopback, which an
  // EndpointSlice may not hold), so it has no `kubernetes` EndpointSlice; a real API server publishes one. Publish
  // one with a documentation address, for the chart to look up, and take it away afterwards.
  const discovery = cluster.config.makeApiClient(DiscoveryV1Api);
  const existing = await discovery.readNamespacedEndpointSlice({ namespace: 'default', name: 'kubernetes' }).catch(() => undefined);
  if (!existing) {
    const slice: V1EndpointSlice = {
      metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [API_SERVER.ip], conditions: { ready: true } }],
      ports: [{ name: 'https', port: API_SERVER.port, protocol: 'TCP' }],
    };
    await discovery.createNamespacedEndpointSlice({ namespace: 'default', body: slice });
    createdApiServerSlice = true;
  }
});

test.afterAll(async () => {
  if (!cluster) return;
  // The cluster-scoped objects; the namespace goes with the run's teardown, and now.
  for (const kind of ['clusterrolebinding', 'clusterrole']) run(kubectl!, ['--kubeconfig', admin, 'delete', kind, `${release}-kube-netmap`, '--ignore-not-found']);
  await cluster.deleteNamespace(namespace);
  if (createdApiServerSlice) {
    await cluster.config.makeApiClient(DiscoveryV1Api).deleteNamespacedEndpointSlice({ namespace: 'default', name: 'kubernetes' }).catch(() => undefined);
  }
});

test('helm lint passes, strict, and the chart renders nothing without knowing where the API server is', () => {
  const lint = run(helm!, ['lint', '--strict', chart, ...explicitApiServer]);
  expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  expect(lint.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
  // helm template has no cluster to look the API server up in: the NetworkPolicy would either cut the dashboard off
  // from it or let it reach anything, so the chart stops and says what to set.
  const blind = run(helm!, ['template', release, chart, '--namespace', namespace]);
  expect(blind.code).not.toBe(0);
  expect(blind.stderr).toContain('networkPolicy.apiServer');
  expect(blind.stderr).toContain('kubectl get endpointslice kubernetes -n default');
});

test('with a cluster, the chart looks the API server up: its NetworkPolicy allows exactly what the kubernetes EndpointSlice says', () => {
  const result = run(helm!, ['template', release, chart, '--namespace', namespace, '--dry-run=server', '--kubeconfig', admin]);
  expect(result.code, result.stderr).toBe(0);
  const policy = objects(result.stdout).find((o) => o.kind === 'NetworkPolicy') as unknown as { spec: { egress: { to: { ipBlock?: { cidr: string } }[]; ports: { port: number }[] }[] } };
  expect(policy.spec.egress[0]).toEqual({ to: [{ ipBlock: { cidr: `${API_SERVER.ip}/32` } }], ports: [{ port: API_SERVER.port, protocol: 'TCP' }] });
});

test("the chart's ClusterRole is the dashboard's own list of permissions, with Secret names only when asked", () => {
  const rulesOf = (manifests: string) => (objects(manifests).find((o) => o.kind === 'ClusterRole') as unknown as { rules: PolicyRule[] }).rules;
  expect(grantsOf(rulesOf(render(...explicitApiServer)))).toEqual(grantsOf(dashboardRbacRules({ secretNames: false })));
  expect(grantsOf(rulesOf(render(...explicitApiServer, '--set=rbac.secretNames=true')))).toEqual(grantsOf(dashboardRbacRules({ secretNames: true })));
});

test('the rendered chart applies to the cluster, and its pod is admitted where the restricted Pod Security Standard is enforced', async () => {
  // The namespace really enforces it: a pod without the restricted securityContext is refused.
  const plain = await cluster.core
    .createNamespacedPod({ namespace, body: { metadata: { name: 'not-restricted' }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] } } })
    .then(() => 'created', (error: Error) => error.message);
  expect(plain).toMatch(/violates PodSecurity \\*"restricted:latest/);
  apply(render(...explicitApiServer));
  const pods = await eventually(async () => {
    const list = await cluster.core.listNamespacedPod({ namespace, labelSelector: `app.kubernetes.io/instance=${release}` });
    const ready = list.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    if (ready.length !== 1) throw new Error(`${ready.length} of 1 kube-netmap pods ready`);
    return ready;
  }, 60_000);
  expect(pods[0]!.spec?.serviceAccountName).toBe(`${release}-kube-netmap`);
});

test('kubectl auth can-i: its ServiceAccount lists pods and NetworkPolicies, gets no Secret and writes nothing', () => {
  expect(canI('list', 'pods', '--all-namespaces')).toBe(true);
  expect(canI('watch', 'pods', '--all-namespaces')).toBe(true);
  expect(canI('list', 'networkpolicies.networking.k8s.io', '--all-namespaces')).toBe(true);
  expect(canI('list', 'daemonsets.apps', '--all-namespaces')).toBe(true);
  expect(canI('get', 'secrets', '--all-namespaces')).toBe(false);
  expect(canI('list', 'secrets', '--all-namespaces')).toBe(false);
  for (const [verb, resource] of [
    ['create', 'pods'],
    ['delete', 'pods'],
    ['create', 'pods/exec'],
    ['create', 'pods/portforward'],
    ['update', 'networkpolicies.networking.k8s.io'],
    ['patch', 'deployments.apps'],
    ['create', 'secrets'],
    ['delete', 'namespaces'],
    ['escalate', 'clusterroles.rbac.authorization.k8s.io'],
    ['impersonate', 'users'],
    ['*', '*'],
  ]) {
    expect(canI(verb!, resource!, '--all-namespaces'), `${verb} ${resource}`).toBe(false);
  }
  // Everything it may do: reads, and the self-reviews every authenticated identity may ask for.
  const list = run(kubectl!, ['--kubeconfig', admin, 'auth', 'can-i', '--list', `--as=system:serviceaccount:${namespace}:${release}-kube-netmap`, '--namespace', namespace]);
  expect(list.code, list.stderr).toBe(0);
  const writes = list.stdout
    .split('\n')
    .slice(1)
    .filter((line) => line.trim())
    .filter((line) => !/^selfsubject\w+\.authorization\.k8s\.io|^selfsubjectreviews\.authentication\.k8s\.io/.test(line))
    .filter((line) => !/\[((get|list|watch) ?)+\]\s*$/.test(line));
  expect(writes).toEqual([]);
});

test('Secret names are listed only when the value turns them on, and even then no Secret can be read', () => {
  expect(canI('list', 'secrets', '--all-namespaces')).toBe(false);
  apply(render(...explicitApiServer, '--set=rbac.secretNames=true'));
  expect(canI('list', 'secrets', '--all-namespaces')).toBe(true);
  expect(canI('get', 'secrets', '--all-namespaces')).toBe(false);
  expect(canI('watch', 'secrets', '--all-namespaces')).toBe(false);
  apply(render(...explicitApiServer));
  expect(canI('list', 'secrets', '--all-namespaces')).toBe(false);
});

test('with token sign-in and an Ingress: no ClusterRole, its ServiceAccount reads nothing, the Ingress host is answered', () => {
  const token = `${release}-token`;
  const values = [...explicitApiServer, '--set=auth.token.enabled=true', '--set=ingress.enabled=true', '--set=ingress.host=netmap.example.com'];
  const rendered = run(helm!, ['template', token, chart, '--namespace', namespace, ...values]);
  expect(rendered.code, rendered.stderr).toBe(0);
  const kinds = objects(rendered.stdout).map((o) => o.kind);
  expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ServiceAccount', 'NetworkPolicy', 'Ingress']));
  expect(kinds).not.toContain('ClusterRole');
  expect(kinds).not.toContain('ClusterRoleBinding');
  const deployment = objects(rendered.stdout).find((o) => o.kind === 'Deployment') as unknown as {
    spec: { template: { spec: { containers: { env: { name: string; value: string }[] }[] } } };
  };
  const env = Object.fromEntries(deployment.spec.template.spec.containers[0]!.env.map((e) => [e.name, e.value]));
  expect(env).toMatchObject({ KUBE_NETMAP_AUTH: 'token', KUBE_NETMAP_ALLOWED_HOSTS: 'netmap.example.com' });
  apply(rendered.stdout);
  const account = `system:serviceaccount:${namespace}:${token}-kube-netmap`;
  const canList = run(kubectl!, ['--kubeconfig', admin, 'auth', 'can-i', 'list', 'pods', '--all-namespaces', `--as=${account}`]);
  expect(canList.stdout.trim()).toBe('no');
  // An Ingress without sign-in would forward requests the dashboard refuses (they are not from loopback).
  const unsigned = run(helm!, ['template', token, chart, '--namespace', namespace, ...explicitApiServer, '--set=ingress.enabled=true', '--set=ingress.host=netmap.example.com']);
  expect(unsigned.code).not.toBe(0);
  expect(unsigned.stderr).toContain('ingress.enabled needs auth.token.enabled=true');
});

test("kube-netmap's own diagnose and explain over the rendered chart: no errors, and the NetworkPolicy does what it says", () => {
  const manifests = path.join(dir, 'manifests');
  fs.mkdirSync(manifests, { recursive: true });
  fs.writeFileSync(path.join(manifests, 'chart.yaml'), render(...explicitApiServer));
  // What the chart's policy names around it: cluster DNS, and a client in another namespace.
  const deployment = (ns: string, name: string, labels: Record<string, string>, ports: { containerPort: number; protocol: string }[]) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: ns, name },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x', ports }] } } },
  });
  fs.writeFileSync(
    path.join(manifests, 'around.yaml'),
    [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
      deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }]),
      deployment('team', 'browser', { app: 'browser' }, []),
    ]
      .map((o) => stringify(o))
      .join('---\n'),
  );

  const diagnose = cli('diagnose', '--manifests', manifests, '--fail-on', 'error', '--json');
  expect(diagnose.code, diagnose.stdout + diagnose.stderr).toBe(0);
  const findings = (JSON.parse(diagnose.stdout) as { findings: { severity: string }[] }).findings;
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);

  const self = `deploy/${namespace}/${release}-kube-netmap`;
  const cases = [
    { rule: 'egress to the API server on its port', from: self, to: API_SERVER.ip, port: API_SERVER.port, protocol: 'TCP', want: 'allowed' },
    { rule: 'egress to another address on that port', from: self, to: '192.0.2.11', port: API_SERVER.port, protocol: 'TCP', want: 'denied' },
    { rule: 'egress to the API server on another port', from: self, to: API_SERVER.ip, port: 22, protocol: 'TCP', want: 'denied' },
    { rule: 'egress to the internet', from: self, to: '1.1.1.1', port: 443, protocol: 'TCP', want: 'denied' },
    { rule: 'DNS over UDP', from: self, to: 'deploy/kube-system/coredns', port: 53, protocol: 'UDP', want: 'allowed' },
    { rule: 'DNS over TCP', from: self, to: 'deploy/kube-system/coredns', port: 53, protocol: 'TCP', want: 'allowed' },
    { rule: 'the DNS pods on another port', from: self, to: 'deploy/kube-system/coredns', port: 80, protocol: 'TCP', want: 'denied' },
    { rule: 'ingress to its HTTP port, from anywhere', from: 'deploy/team/browser', to: self, port: 3000, protocol: 'TCP', want: 'allowed' },
    { rule: 'ingress to another port', from: 'deploy/team/browser', to: self, port: 9229, protocol: 'TCP', want: 'denied' },
  ];
  for (const c of cases) {
    const result = cli('explain', '--manifests', manifests, '--from', c.from, '--to', c.to, '--port', String(c.port), '--protocol', c.protocol, '--json');
    expect(result.code, `${c.rule}: ${result.stderr}`).toBe(0);
    expect((JSON.parse(result.stdout) as { verdict: string }).verdict, c.rule).toBe(c.want);
  }
});

test('the dashboard explains the installed pod live: the API server reachable, any other address not', async () => {
  const pod = (await cluster.core.listNamespacedPod({ namespace, labelSelector: `app.kubernetes.io/instance=${release}` })).items[0]!.metadata!.name!;
  const explain = async (to: string, port: number) => {
    const url = `${process.env.E2E_BASE_URL}/api/explain?context=${VIEWER_CONTEXT}&from=pod/${namespace}/${pod}&to=${to}&port=${port}`;
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as { verdict: string }).verdict : `HTTP ${response.status}`;
  };
  // Denied only once the dashboard has the policy (before, the pod is not isolated), so this waits for it.
  await expect.poll(() => explain('192.0.2.11', API_SERVER.port)).toBe('denied');
  expect(await explain(API_SERVER.ip, API_SERVER.port)).toBe('allowed');
  expect(await explain('1.1.1.1', 443)).toBe('denied');
});

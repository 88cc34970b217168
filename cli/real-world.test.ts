// The CLI on manifests as they are found (issue 11): dumps, test directories, kustomizations and charts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli';

/** Writes files under a new temporary directory and returns it. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-cli-real-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const pod = (name: string, app: string, ip: string) =>
  `  - apiVersion: v1\n    kind: Pod\n    metadata: {name: ${name}, namespace: shop, labels: {app: ${app}}}\n` +
  `    spec: {containers: [{image: x, ports: [{containerPort: 8080}]}]}\n` +
  `    status: {phase: Running, podIP: ${ip}, conditions: [{type: Ready, status: "True"}]}\n`;

/** `kubectl get pods -o yaml` of two pods whose containers have no name. */
const POD_LIST = `apiVersion: v1\nkind: List\nitems:\n${pod('web-0', 'web', '10.0.0.5')}${pod('db-0', 'db', '10.0.0.6')}`;
const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: shop}\n';

const DUMP = tree({ 'pods.yaml': POD_LIST, 'config.yaml': CONFIG });
const FIXTURE = tree({ 'pods.yaml': POD_LIST, 'expected.json': '[\n  {"src": "shop/web-0"}\n]\n' });
const KUSTOMIZE = tree({ 'kustomization.yaml': 'resources: [pods.yaml]\n', 'pods.yaml': POD_LIST });
const CHART = tree({ 'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'templates/pod.yaml': 'metadata:\n  name: {{ .Release.Name }}\n' });

const FIXTURE_WARNING = `warning: ${FIXTURE}/expected.json:1: expected a Kubernetes object (a mapping with apiVersion and kind), found a list; skipped (found in a directory; named on its own it would be an error)`;

describe('kube-netmap CLI on real-world manifests', () => {
  it.each([
    {
      rule: 'a pod list without container names answers (exit 0); kinds that cannot change an answer make one note line, no warning',
      argv: ['connectivity', '--manifests', DUMP],
      code: 0,
      out: /^shop\/Pod\/web-0 => shop\/Pod\/db-0 : All connections$/m,
      err: 'note: left out 2 objects that cannot change a network answer (ConfigMap 1, ServiceAccount 1)',
    },
    {
      rule: 'a JSON test fixture in the directory is skipped with a warning naming its file and line (exit 0)',
      argv: ['connectivity', '--manifests', FIXTURE],
      code: 0,
      out: /^shop\/Pod\/web-0 => shop\/Pod\/db-0 : All connections$/m,
      err: FIXTURE_WARNING,
    },
    {
      rule: '--strict turns the warning into an input error (exit 2), after listing it',
      argv: ['connectivity', '--manifests', FIXTURE, '--strict'],
      code: 2,
      out: /^$/,
      err: `${FIXTURE_WARNING}\nkube-netmap connectivity: --strict: the warning above makes the input an error`,
    },
    {
      rule: 'diff of a tree with itself prints each warning once, not once per side',
      argv: ['diff', '--base', FIXTURE, '--head', FIXTURE],
      code: 0,
      out: /^connectivity: no difference/,
      err: FIXTURE_WARNING,
    },
    {
      rule: 'a kustomization directory says how to render it, with the command that was run (exit 2)',
      argv: ['connectivity', '--manifests', KUSTOMIZE],
      code: 2,
      out: /^$/,
      err: `kube-netmap connectivity: ${KUSTOMIZE}: a kustomization (kustomization.yaml): its files are bases and patches that kustomize combines, not the objects it applies. Render it first: kubectl kustomize ${KUSTOMIZE} | kube-netmap connectivity --manifests -`,
    },
    {
      rule: 'diff: the side to render reads stdin, beside the other side as given (exit 2)',
      argv: ['diff', '--base', KUSTOMIZE, '--head', FIXTURE],
      code: 2,
      out: /^$/,
      err: `kube-netmap diff: ${KUSTOMIZE}: a kustomization (kustomization.yaml): its files are bases and patches that kustomize combines, not the objects it applies. Render it first: kubectl kustomize ${KUSTOMIZE} | kube-netmap diff --head ${FIXTURE} --base -`,
    },
    {
      rule: 'a Helm chart directory says how to render it (exit 2)',
      argv: ['diagnose', '--manifests', CHART],
      code: 2,
      out: /^$/,
      err: `kube-netmap diagnose: ${CHART}: a Helm chart (Chart.yaml, templates/): its templates are not Kubernetes objects until Helm renders them. Render it first, with the values you deploy: helm template ${CHART} [-f values.yaml] | kube-netmap diagnose --manifests -`,
    },
  ])('$rule', async ({ argv, code, out, err }) => {
    const result = await run(...argv);
    expect({ code: result.code, err: result.err }).toStrictEqual({ code, err });
    expect(result.out).toMatch(out);
  });

  it.each([
    { rule: '--json', argv: ['connectivity', '--manifests', FIXTURE, '--json'] },
    { rule: '--output json', argv: ['connectivity', '--manifests', FIXTURE, '-o', 'json'] },
    { rule: '--json of another command', argv: ['reach', 'pod/shop/web-0', '--manifests', FIXTURE, '--json'] },
  ])('the warnings are listed in JSON output too: $rule', async ({ argv }) => {
    const result = await run(...argv);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.out) as { warnings: unknown }).warnings).toStrictEqual([
      {
        file: `${FIXTURE}/expected.json`,
        line: 1,
        message: 'expected a Kubernetes object (a mapping with apiVersion and kind), found a list; skipped (found in a directory; named on its own it would be an error)',
      },
    ]);
  });

  it('JSON output without warnings has an empty list, so scripts need not test for it', async () => {
    const result = await run('connectivity', '--manifests', DUMP, '--json');
    expect((JSON.parse(result.out) as { warnings: unknown }).warnings).toStrictEqual([]);
  });
});

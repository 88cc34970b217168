import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli';

const demo = path.resolve(import.meta.dirname, '..', 'examples', 'demo');


function manifest(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A flannel DaemonSet as its manifest writes it: with it, the cluster does not enforce NetworkPolicy. */
const FLANNEL = manifest(
  'flannel.yaml',
  'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-flannel-ds, namespace: kube-flannel, labels: {app: flannel}}\n' +
    'spec: {selector: {matchLabels: {app: flannel}}, template: {metadata: {labels: {app: flannel}}, spec: {containers: [{name: kube-flannel, image: ghcr.io/flannel-io/flannel:v0.26.4}]}}}\n',
);

describe('kube-netmap CLI: exit codes and messages', () => {
  it.each([
    {
      name: 'explain over the demo answers (exit 0) and names the policy that cuts payments off',
      argv: ['explain', '--manifests', demo, '--from', 'pod/shop/checkout-template', '--to', 'svc/shop/payments', '--port', '80'],
      code: 0,
      out: /^DENIED: pod\/shop\/checkout-template → svc\/shop\/payments TCP 80[\s\S]*policy shop\/payments ingress rule 1 allows TCP port "http" from pods app=checkout-v2/,
    },
    {
      name: 'an unknown pod is an input error (exit 2) naming the pod',
      argv: ['explain', '--manifests', demo, '--from', 'pod/shop/nope', '--to', 'svc/shop/api', '--port', '80'],
      code: 2,
      err: 'kube-netmap explain: no pod shop/nope in the model',
    },
    {
      name: 'a missing --port is a usage error (exit 2)',
      argv: ['explain', '--manifests', demo, '--from', 'pod/shop/api-template', '--to', 'svc/shop/cart'],
      code: 2,
      err: 'kube-netmap explain: --port is required',
    },
    {
      name: 'a port out of range is a usage error (exit 2)',
      argv: ['explain', '--manifests', demo, '--from', 'a/b', '--to', 'c/d', '--port', '70000'],
      code: 2,
      err: 'kube-netmap explain: --port must be a decimal integer from 1 to 65535',
    },
    {
      name: 'the API\'s port rule: a hexadecimal port is a usage error (exit 2)',
      argv: ['explain', '--manifests', demo, '--from', 'a', '--to', 'b', '--port', '0x50'],
      code: 2,
      err: 'kube-netmap explain: --port must be a decimal integer from 1 to 65535',
    },
    {
      name: 'the API\'s DNS limits: a 10,000-character name is a usage error (exit 2)',
      argv: ['dns', 'a'.repeat(10_000), '--manifests', demo],
      code: 2,
      err: 'kube-netmap dns: the name must be no more than 253 characters; each label must be no more than 63 characters',
    },
    {
      name: 'the API\'s namespace rule: a namespace is a DNS-1123 label (exit 2)',
      argv: ['dns', 'cart', '--namespace', '../etc', '--manifests', demo],
      code: 2,
      err: "kube-netmap dns: --namespace must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit",
    },
    {
      name: 'the API\'s flow target rule: markup in --to is a usage error (exit 2)',
      argv: ['explain', '--manifests', demo, '--from', 'pod/shop/api-template', '--to', 'svc/shop/<b>', '--port', '80'],
      code: 2,
      err: /^kube-netmap explain: --to name must be a lowercase RFC 1123 subdomain/,
    },
    {
      name: 'the API\'s pod rule: reach takes pod/NS/NAME with Kubernetes names (exit 2)',
      argv: ['reach', 'pod/Shop/api', '--manifests', demo],
      code: 2,
      err: /^kube-netmap reach: the target namespace must be a lowercase RFC 1123 label/,
    },
    {
      name: 'reach also takes NS/NAME',
      argv: ['reach', 'shop/frontend-template', '--manifests', demo],
      code: 0,
      out: /^pod\/shop\/frontend-template may reach \(egress\):/,
    },
    {
      name: 'an unknown option is a usage error (exit 2)',
      argv: ['dns', 'cart', '--manifests', demo, '--nope'],
      code: 2,
      err: /^kube-netmap dns: Unknown option '--nope'/,
    },
    {
      name: 'an unknown command lists the commands (exit 2)',
      argv: ['wat'],
      code: 2,
      err: 'kube-netmap: unknown command "wat". Commands: explain, reach, route, dns, diagnose, connectivity, diff. See kube-netmap --help.',
    },
    {
      name: 'no command prints the usage (exit 2)',
      argv: [],
      code: 2,
      out: /^kube-netmap: answers network questions/,
    },
    {
      name: 'route follows the demo Ingress to the api Service',
      argv: ['route', 'http://shop.example.com/api/cart', '--manifests', demo],
      code: 0,
      out: /^ROUTED[\s\S]*Service shop\/api port http 80\/TCP/,
    },
    {
      name: 'diagnose --fail-on error exits 1 when the demo has errors, and names the cart selector typo',
      argv: ['diagnose', '--manifests', demo, '--fail-on', 'error'],
      code: 1,
      out: /ERROR service-selector-matches-nothing: Service shop\/cart[\s\S]*Did you mean app=cart/,
    },
    {
      name: 'diagnose without --fail-on reports and exits 0',
      argv: ['diagnose', '--manifests', demo],
      code: 0,
      out: /4 errors, 0 warnings, 2 info/,
    },
    {
      name: 'diagnose --fail-on warning exits 0 for a namespace with only an info finding',
      argv: ['diagnose', '--manifests', demo, '--namespace', 'ingress-nginx', '--fail-on', 'warning'],
      code: 0,
      out: /INFO namespace-without-policy: Namespace ingress-nginx/,
    },
    {
      name: 'diagnose --fail-on with an unknown level is a usage error (exit 2)',
      argv: ['diagnose', '--manifests', demo, '--fail-on', 'info'],
      code: 2,
      err: 'kube-netmap diagnose: --fail-on must be warning or error, not "info"',
    },
    {
      name: 'reach lists what a pod may reach and who may reach it, with the policies',
      argv: ['reach', 'pod/shop/frontend-template', '--manifests', demo],
      code: 0,
      out: /^pod\/shop\/frontend-template may reach \(egress\):[\s\S]*pod\/shop\/api-template: TCP 8080 \(by shop\/frontend, shop\/api\)/,
    },
    {
      name: 'explain over the demo says that whether its policies are enforced is unknown (the manifests name no network plugin)',
      argv: ['explain', '--manifests', demo, '--from', 'pod/shop/checkout-template', '--to', 'svc/shop/payments', '--port', '80'],
      code: 0,
      out: /\nenforcement unknown: network plugin unknown; no known network plugin was found/,
    },
    {
      name: 'reach over the demo plus a flannel DaemonSet says the denials do not hold: flannel does not enforce',
      argv: [
        'reach',
        'pod/shop/frontend-template',
        '--manifests',
        demo,
        '--manifests',
        FLANNEL,
      ],
      code: 0,
      out: /\nNOT ENFORCED: network plugin flannel does not enforce NetworkPolicy, so traffic that policies deny flows \(flannel does not enforce/,
    },
    {
      name: 'reach with flannel lists the peers the policies deny under the allowed ones: denied by policy, but the traffic flows',
      argv: ['reach', 'pod/shop/checkout-template', '--manifests', demo, '--manifests', FLANNEL],
      code: 0,
      out: /\n {2}denied by policy, but not enforced by flannel: traffic flows: [^\n]*pod\/shop\/payments-template[^\n]*svc\/shop\/payments/,
    },
    {
      name: 'explain with flannel keeps the DENIED of the policies and says the traffic flows, in the summary and the trace',
      argv: ['explain', '--manifests', demo, '--manifests', FLANNEL, '--from', 'pod/shop/checkout-template', '--to', 'svc/shop/payments', '--port', '80'],
      code: 0,
      out: /^DENIED: pod\/shop\/checkout-template → svc\/shop\/payments TCP 80\ndenied by policy, but not enforced by flannel: traffic flows \(denied on the ingress side\)\n[\s\S]*\n {2}denied by policy, but not enforced by flannel: traffic flows$/,
    },
    {
      name: 'connectivity with flannel says first that what it does not list flows',
      argv: ['connectivity', '--manifests', demo, '--manifests', FLANNEL],
      code: 0,
      out: /^# connections not listed here are denied by policy, but not enforced by flannel: traffic flows\n/,
    },
    {
      name: 'connectivity prints every allowed connection by workload; the faulty checkout -> payments is absent',
      argv: ['connectivity', '--manifests', demo],
      code: 0,
      out: /shop\/Deployment\/frontend => shop\/Deployment\/api : TCP 8080/,
    },
    {
      name: '--json prints the analysis result as JSON',
      argv: ['dns', 'cart', '--namespace', 'shop', '--manifests', demo, '--json'],
      code: 0,
      json: { name: 'cart.shop.svc.cluster.local', type: 'A', kind: 'service-clusterip' },
    },
  ])('$name', async ({ argv, code, out, err, json }) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    if (out) expect(result.out).toMatch(out);
    if (err instanceof RegExp) expect(result.err).toMatch(err);
    else if (err) expect(result.err).toBe(err);
    if (json) expect(JSON.parse(result.out)).toMatchObject(json);
  });

  it('broken YAML is an input error naming the file and the line (exit 2)', async () => {
    const file = manifest('broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   bad: indent\n');
    const result = await run('dns', 'a', '--manifests', file);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`kube-netmap dns: ${file}:5: invalid YAML: Nested mappings are not allowed in compact mappings`);
  });

  it('an unknown kind is skipped with a warning naming file and line, and the command still answers (exit 0)', async () => {
    const file = manifest(
      'mixed.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\nspec: {ports: [{port: 80}]}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    );
    const result = await run('dns', 'a.shop', '--manifests', file);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(new RegExp(`^warning: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: .*Widget`));
    expect(result.out).toMatch(/^a\.shop\.svc\.cluster\.local A/);
  });

  it.each([
    { rule: 'an empty file', text: '' },
    { rule: 'a file of --- only', text: '---\n' },
    { rule: 'a file of null', text: 'null\n' },
  ])('no Kubernetes objects is an input error, not "No findings" (exit 2): $rule', async ({ text }) => {
    const file = manifest('empty.yaml', text);
    const result = await run('diagnose', '--manifests', file);
    expect({ code: result.code, out: result.out, err: result.err }).toStrictEqual({
      code: 2,
      out: '',
      err: `kube-netmap diagnose: ${file}: no Kubernetes objects found: the input is empty, or holds only empty documents, comments or null`,
    });
  });

  it('a --kubeconfig that is not a kubeconfig says so (exit 2)', async () => {
    const file = manifest('passwd', 'root:x:0:0:root:/root:/bin/bash\n');
    const result = await run('diagnose', '--kubeconfig', file);
    expect({ code: result.code, err: result.err }).toStrictEqual({
      code: 2,
      err: `kube-netmap diagnose: Cannot read the kubeconfig: ${file} is not a kubeconfig: it defines no clusters, contexts or users`,
    });
  });

  it('the bin stops quietly, with the command\'s exit code, when its reader closes the pipe early (| head)', () => {
    // 60 workloads and no policy: 3,600 lines, far more than a pipe holds, so most are written after head has gone.
    const apps = Array.from({ length: 60 }, (_, i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app${i}, namespace: big}\nspec:\n  selector: {matchLabels: {app: app${i}}}\n  template:\n    metadata: {labels: {app: app${i}}}\n    spec: {containers: [{name: c, image: x}]}\n`,
    );
    const file = manifest('big.yaml', apps.join('---\n'));
    const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kube-netmap.mjs');
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" connectivity --manifests "${file}" | head -1`], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 0,
      stdout: 'big/Deployment/app0 => big/Deployment/app1 : All connections\n',
      stderr: '',
    });
  });

  it('the installed bin runs the CLI from any directory (npx kube-netmap), bundled or not', () => {
    const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kube-netmap.mjs');
    const result = spawnSync(process.execPath, [bin, 'dns', 'cart', '-n', 'shop', '--manifests', demo], { cwd: os.tmpdir(), encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^cart\.shop\.svc\.cluster\.local A/);
  });
});

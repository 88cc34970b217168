// explain and reach take workloads as people name them (issue 11): deploy/NS/NAME, sts/, ds/, and NS/Kind/NAME.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli';

const demo = path.resolve(import.meta.dirname, '..', 'examples', 'demo');

/** `kubectl get pods -o yaml` of two replicas of Deployment shop/api. */
const dump = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-cli-workloads-'));
  const replica = (suffix: string, ip: string) =>
    `  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: api-5d9f8-${suffix}\n      namespace: shop\n      labels: {app: api, pod-template-hash: 5d9f8}\n` +
    `      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-5d9f8, uid: u1, controller: true}]\n` +
    `    spec: {containers: [{name: api, image: x}]}\n    status: {phase: Running, podIP: ${ip}, conditions: [{type: Ready, status: "True"}]}\n`;
  fs.writeFileSync(path.join(dir, 'pods.yaml'), `apiVersion: v1\nkind: List\nitems:\n${replica('a1b2c', '10.0.0.1')}${replica('d3e4f', '10.0.0.2')}`);
  return dir;
})();

describe('kube-netmap CLI: workloads as targets', () => {
  it.each([
    {
      rule: 'explain between two Deployments of the manifests: their template pods, no generated name to guess',
      argv: ['explain', '--manifests', demo, '--from', 'deploy/shop/checkout', '--to', 'deployment/shop/payments', '--port', '8080'],
      code: 0,
      out: /^DENIED: shop\/Deployment\/checkout → shop\/Deployment\/payments TCP 8080\n[\s\S]*source: the pod checkout-template of Deployment shop\/checkout\n/,
    },
    {
      rule: 'explain from NS/Kind/NAME, the form connectivity prints, to a Service',
      argv: ['explain', '--manifests', demo, '--from', 'shop/Deployment/frontend', '--to', 'svc/shop/api', '--port', '80'],
      code: 0,
      out: /^ALLOWED: shop\/Deployment\/frontend → svc\/shop\/api TCP 80\n/,
    },
    {
      rule: 'reach a StatefulSet by sts/NS/NAME',
      argv: ['reach', 'sts/shop/redis', '--manifests', demo],
      code: 0,
      out: /^shop\/StatefulSet\/redis: 1 pod\npod\/shop\/redis-template may reach \(egress\):\n/,
    },
    {
      rule: 'reach a Deployment of a dump with two replicas: each pod its own answer',
      argv: ['reach', 'deploy/shop/api', '--manifests', dump],
      code: 0,
      out: /^shop\/Deployment\/api: 2 pods, each its own answer\npod\/shop\/api-5d9f8-a1b2c may reach \(egress\):\n[\s\S]*\npod\/shop\/api-5d9f8-d3e4f may reach \(egress\):\n/,
    },
    {
      rule: 'a pod named like a workload is an input error that names the workload (exit 2)',
      argv: ['reach', 'pod/shop/frontend', '--manifests', demo],
      code: 2,
      err: 'kube-netmap reach: no pod shop/frontend in the model; did you mean shop/Deployment/frontend?',
    },
    {
      rule: 'a Service is no reach target (exit 2)',
      argv: ['reach', 'svc/shop/api', '--manifests', demo],
      code: 2,
      err: 'kube-netmap reach: the target must be pod/NS/NAME, NS/NAME, or a workload: deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME',
    },
  ])('$rule', async ({ argv, code, out, err }) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    if (out) expect(result.out).toMatch(out);
    if (err) expect(result.err).toBe(err);
  });

  it('reach --json of a workload: which workload, and the answer of each pod', async () => {
    const result = await run('reach', 'ds/shop/nope', '--manifests', demo, '--json');
    expect({ code: result.code, err: result.err }).toStrictEqual({ code: 2, err: 'kube-netmap reach: no pod of DaemonSet shop/nope in the model' });
    const json = JSON.parse((await run('reach', 'deploy/shop/api', '--manifests', dump, '--json')).out) as { workload: unknown; pods: { pod: unknown }[] };
    expect({ workload: json.workload, pods: json.pods.map((p) => p.pod) }).toStrictEqual({
      workload: { kind: 'Deployment', namespace: 'shop', name: 'api' },
      pods: [
        { namespace: 'shop', name: 'api-5d9f8-a1b2c' },
        { namespace: 'shop', name: 'api-5d9f8-d3e4f' },
      ],
    });
  });
});

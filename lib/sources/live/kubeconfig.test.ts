import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeconfig, locateKubeconfig } from './kubeconfig';

const files = (...present: string[]) => (file: string) => present.includes(file);

describe('locateKubeconfig (the order kubectl uses)', () => {
  it.each([
    {
      name: 'KUBECONFIG wins, and entries that do not exist are skipped as kubectl skips them',
      env: { KUBECONFIG: '/a:/missing:/b' },
      exists: files('/a', '/b', '/home/u/.kube/config'),
      want: { kind: 'files', paths: ['/a', '/b'] },
    },
    {
      name: 'KUBECONFIG naming only missing files means no cluster, not a fallback to ~/.kube/config',
      env: { KUBECONFIG: '/missing' },
      exists: files('/home/u/.kube/config'),
      want: { kind: 'none', reason: 'KUBECONFIG is set to /missing, but no such file exists.' },
    },
    {
      name: '~/.kube/config when KUBECONFIG is unset',
      env: {},
      exists: files('/home/u/.kube/config'),
      want: { kind: 'files', paths: ['/home/u/.kube/config'] },
    },
    {
      name: 'the in-cluster service account when there is no kubeconfig',
      env: { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
      exists: files('/var/run/secrets/kubernetes.io/serviceaccount/token'),
      want: { kind: 'in-cluster' },
    },
    {
      name: 'nothing at all: "none" with the reason, never a made-up localhost:8080 context',
      env: {},
      exists: files(),
      want: { kind: 'none', reason: 'No kubeconfig found: KUBECONFIG is not set and /home/u/.kube/config does not exist.' },
    },
  ])('$name', ({ env, exists, want }) => {
    expect(locateKubeconfig({ env, exists, home: '/home/u' })).toEqual(want);
  });
});

describe('loadKubeconfig: a file that is not a kubeconfig is refused by name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-kubeconfig-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:16443"}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: dev, context: {cluster: c, user: u}}]',
    'current-context: dev',
  ].join('\n');
  const NOT_A_KUBECONFIG = 'Cannot read the kubeconfig: FILE is not a kubeconfig: it defines no clusters, contexts or users';
  it.each([
    { rule: 'a passwd-like text file', text: 'root:x:0:0:root:/root:/bin/bash\n', want: { error: NOT_A_KUBECONFIG } },
    { rule: 'a Kubernetes manifest', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n', want: { error: NOT_A_KUBECONFIG } },
    { rule: 'an empty file (client-node\'s reason, with the file)', text: '', want: { error: 'Cannot read the kubeconfig: FILE: expected a document, but the input is empty' } },
    { rule: 'a kubeconfig with a context', text: kubeconfig, want: { currentContext: 'dev' } },
  ])('$rule', ({ text, want }) => {
    const file = write('config', text);
    const loaded = loadKubeconfig({ kind: 'files', paths: [file] });
    const got = { error: loaded.error?.replace(file, 'FILE'), currentContext: loaded.currentContext };
    expect(got).toStrictEqual({ error: undefined, currentContext: undefined, ...want });
  });
});

describe('loadKubeconfig: a KUBECONFIG list merged as kubectl merges it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-kubeconfig-merge-'));
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, ['apiVersion: v1', 'kind: Config', ...lines].join('\n'));
    return file;
  };
  const first = write('first', [
    'clusters: [{name: shared, cluster: {server: "https://first:6443"}}]',
    'users: [{name: u1, user: {token: t1}}]',
    'contexts: [{name: dev, context: {cluster: shared, user: u1}}]',
    'current-context: dev',
  ]);
  const second = write('second', [
    'clusters: [{name: shared, cluster: {server: "https://second:6443"}}]',
    'users: [{name: u2, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: corp-login}}}]',
    'contexts: [{name: prod, context: {cluster: shared, user: u2}}, {name: dev, context: {cluster: shared, user: u2}}]',
    'current-context: prod',
  ]);
  const noCurrent = write('no-current', ['clusters: [{name: c3, cluster: {server: "https://third:6443"}}]', 'users: [{name: u3, user: {token: t3}}]', 'contexts: [{name: qa, context: {cluster: c3, user: u3}}]']);

  it.each([
    {
      rule: 'every file\'s contexts are offered; a name two files define (cluster "shared", context "dev") is the first file\'s',
      paths: [first, second],
      want: { contexts: ['dev shared u1 https://first:6443', 'prod shared u2 https://first:6443'], current: 'dev' },
    },
    { rule: 'the first file that sets current-context sets it', paths: [noCurrent, second], want: { contexts: ['qa c3 u3 https://third:6443', 'prod shared u2 https://second:6443', 'dev shared u2 https://second:6443'], current: 'prod' } },
  ])('$rule', ({ paths, want }) => {
    const loaded = loadKubeconfig({ kind: 'files', paths });
    expect(loaded.error).toBeUndefined();
    expect({ contexts: loaded.contexts.map((c) => `${c.name} ${c.cluster} ${c.user} ${c.server}`), current: loaded.currentContext }).toStrictEqual(want);
  });
});

describe('loadKubeconfig: what the page warns of', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-kubeconfig-tls-'));
  const file = path.join(dir, 'config');
  fs.writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: checked, cluster: {server: "https://a:6443"}}, {name: unchecked, cluster: {server: "https://b:6443", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: safe, context: {cluster: checked, user: u}}, {name: risky, context: {cluster: unchecked, user: u}}]',
    ].join('\n'),
  );

  it("a context whose cluster sets insecure-skip-tls-verify says so; others do not", () => {
    const { contexts } = loadKubeconfig({ kind: 'files', paths: [file] });
    expect(contexts.map((c) => [c.name, c.insecureSkipTLSVerify ?? false])).toStrictEqual([
      ['safe', false],
      ['risky', true],
    ]);
  });
});

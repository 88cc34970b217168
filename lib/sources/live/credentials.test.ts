import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCredentials, CredentialPluginError } from './credentials';
import { configForContext, loadKubeconfig } from './kubeconfig';

// Exec credential plugins (client.authentication.k8s.io/v1), run for real: a small shell script per case.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-credentials-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o700 });
  return file;
}

function configWithExec(command: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
    users: [{ name: 'u', exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never' } }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}

const request = () => new RequestContext('https://127.0.0.1:6443/api', HttpMethod.GET);

describe('applyCredentials (users[].user.exec, client.authentication.k8s.io/v1 ExecCredential)', () => {
  it('a plugin that prints an ExecCredential puts its token on the request as a bearer token', async () => {
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'tok-123' } });
    const r = request();
    await applyCredentials(configWithExec(script('ok', `echo '${credential}'`)), r);
    expect(r.getHeaders()['Authorization']).toBe('Bearer tok-123');
  });

  it.each([
    { name: 'a plugin that exits 1 is named with what it printed on stderr', file: 'expired-login', body: "echo 'error: the login has expired' >&2; exit 1", want: /the credential plugin ".*expired-login" failed: error: the login has expired$/ },
    { name: 'a plugin that exits 1 silently still says so', file: 'silent', body: 'exit 1', want: /the credential plugin ".*silent" failed: it exited with an error and printed nothing$/ },
  ])('$name', async ({ file, body, want }) => {
    const command = script(file, body);
    const error = await applyCredentials(configWithExec(command), request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialPluginError);
    expect((error as Error).message).toMatch(want);
  });

  it('a plugin that is not installed is named, with the spawn error', async () => {
    const error = await applyCredentials(configWithExec('kube-netmap-no-such-plugin'), request()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^the credential plugin "kube-netmap-no-such-plugin" failed: .*ENOENT/);
  });
});

describe('applyCredentials: kubectl\'s tokenFile (users[].user.tokenFile)', () => {
  it('reads the token from the file, relative to the kubeconfig\'s folder, trimmed as kubectl trims it; a rotated token is read again', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'token-file-'));
    fs.writeFileSync(path.join(folder, 'token'), 'tok-1\n');
    const file = path.join(folder, 'config');
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
        'users: [{name: u, user: {tokenFile: token}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
    const config = configForContext(loadKubeconfig({ kind: 'files', paths: [file] }), 'x')!;
    const first = request();
    await applyCredentials(config, first);
    expect(first.getHeaders()['Authorization']).toBe('Bearer tok-1');
    fs.writeFileSync(path.join(folder, 'token'), 'tok-2\n');
    const second = request();
    await applyCredentials(config, second);
    expect(second.getHeaders()['Authorization']).toBe('Bearer tok-2');
  });
});

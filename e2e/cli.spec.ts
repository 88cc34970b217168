import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kube-netmap.mjs');

test('the CLI answers from one list of a live cluster (--kubeconfig), from any directory', async () => {
  const result = spawnSync(process.execPath, [bin, 'dns', 'kubernetes.default', '--kubeconfig', process.env.E2E_KUBECONFIG!], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  // The API server's own Service exists in every cluster.
  expect(result.stdout).toMatch(/^kubernetes\.default\.svc\.cluster\.local A \d+\.\d+\.\d+\.\d+/);
});

test('the CLI names an unknown context and exits 2', async () => {
  const result = spawnSync(process.execPath, [bin, 'diagnose', '--kubeconfig', process.env.E2E_KUBECONFIG!, '--context', 'nope'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^kube-netmap diagnose: unknown context "nope"; the kubeconfig has: /);
});

import { describe, expect, it } from 'vitest';
import { locateKubeconfig } from './kubeconfig';

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

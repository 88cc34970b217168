// Network plugins' DaemonSets as their install manifests write them, normalised as the sources do: for the tests of
// answers that change with whether the plugin enforces NetworkPolicy (lib/analysis/enforcement).

import { normalize, type DaemonSet } from '@/lib/model';

/** A DaemonSet "namespace/name" with one container of the image, its labels on it and on its pod template. */
export function pluginDaemonSet(ref: string, labels: Record<string, string>, image: string): DaemonSet {
  const [namespace, name] = ref.split('/');
  return normalize('daemonsets', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, uid: `ds-${ref}`, labels },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
  });
}

/** flannel alone: NetworkPolicy is not enforced. */
export const flannelDaemonSet = pluginDaemonSet('kube-flannel/kube-flannel-ds', { app: 'flannel', tier: 'node' }, 'ghcr.io/flannel-io/flannel:v0.26.4');

/** Calico: NetworkPolicy is enforced. */
export const calicoDaemonSet = pluginDaemonSet('kube-system/calico-node', { 'k8s-app': 'calico-node' }, 'docker.io/calico/node:v3.29.1');

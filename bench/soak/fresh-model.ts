import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterModel } from '@/lib/model/types';
import { kubeSecretNameLister, kubeTransport } from '@/lib/sources/live/kube-transport';
import { listModelOnce } from '@/lib/sources/live/list-once';

/**
 * The model as a fresh list of every kind says it is, read the way the dashboard reads it (its transport, API
 * discovery for the optional kinds, its normalisers, and Secret names where the Ingresses ask for them).
 */
export function freshModel(config: KubeConfig): Promise<ClusterModel> {
  return listModelOnce(kubeTransport(config), kubeSecretNameLister(config));
}

import type { KubeConfig } from '@kubernetes/client-node';
import { emptyModel } from '@/lib/model/changes';
import { normalize } from '@/lib/model/normalize';
import { WATCHED_KINDS, type ClusterModel, type ResourceTypes } from '@/lib/model/types';
import { API_PATHS } from '@/lib/sources/live/api-paths';
import { kubeSecretNameLister, kubeTransport } from '@/lib/sources/live/kube-transport';
import { listSecretNames, tlsSecretNamespaces } from '@/lib/sources/live/secret-names';

const PAGE_SIZE = 500;

/**
 * The model as a fresh list of every kind says it is, read the way the dashboard reads it (its transport and its
 * normalisers), with Secret names looked up where the Ingresses ask for them, as the dashboard's poller does.
 */
export async function freshModel(config: KubeConfig): Promise<ClusterModel> {
  const transport = kubeTransport(config);
  const model = emptyModel({ status: 'synced' });
  for (const kind of WATCHED_KINDS) {
    const objects: ResourceTypes[typeof kind][] = [];
    let continueToken: string | undefined;
    do {
      const page = await transport.list(API_PATHS[kind], { limit: PAGE_SIZE, continueToken });
      for (const item of page.items) objects.push(normalize(kind, item));
      continueToken = page.continueToken;
    } while (continueToken);
    (model.resources as Record<string, unknown[]>)[kind] = objects;
  }
  const secrets = await listSecretNames(kubeSecretNameLister(config), tlsSecretNamespaces(model.resources.ingresses));
  model.resources.secrets = secrets.objects;
  model.sync.secrets = secrets.state;
  return model;
}

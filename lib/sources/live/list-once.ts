import { emptyModel, normalize, WATCHED_KINDS, type ClusterModel, type ResourceTypes, type WatchedKind } from '@/lib/model';
import { API_PATHS, OPTIONAL_KINDS } from './api-paths';
import { listSecretNames, tlsSecretNamespaces } from './secret-names';
import { describeError, statusCodeOf, type KubeTransport, type SecretNameLister } from './transport';

const PAGE_SIZE = 500;

/**
 * One list of every kind, no watch: the model the CLI answers from. A kind that cannot be listed keeps its state
 * (forbidden or error) in the model, so every answer that depends on it says "unknown".
 */
export async function listModelOnce(transport: KubeTransport, secretNameLister: SecretNameLister): Promise<ClusterModel> {
  const model = emptyModel();
  await Promise.all(WATCHED_KINDS.map((kind) => listKind(transport, kind, model)));
  if (model.sync.ingresses.status === 'synced') {
    const secrets = await listSecretNames(secretNameLister, tlsSecretNamespaces(model.resources.ingresses));
    model.resources.secrets = secrets.objects;
    model.sync.secrets = secrets.state;
  } else {
    model.sync.secrets = { status: 'error', message: 'not listed: the Ingresses, which name the Secrets to look for, could not be read' };
  }
  return model;
}

async function listKind<K extends WatchedKind>(transport: KubeTransport, kind: K, model: ClusterModel): Promise<void> {
  try {
    const objects: ResourceTypes[K][] = [];
    let continueToken: string | undefined;
    do {
      const page = await transport.list(API_PATHS[kind], { limit: PAGE_SIZE, continueToken });
      for (const item of page.items) objects.push(normalize(kind, item));
      continueToken = page.continueToken;
    } while (continueToken);
    (model.resources as Record<WatchedKind, unknown[]>)[kind] = objects;
    model.sync[kind] = { status: 'synced' };
  } catch (error) {
    if (statusCodeOf(error) === 404 && OPTIONAL_KINDS.has(kind)) {
      model.sync[kind] = { status: 'synced', notServed: true };
      return;
    }
    model.sync[kind] =
      statusCodeOf(error) === 403 ? { status: 'forbidden', message: describeError(error) } : { status: 'error', message: describeError(error) };
  }
}

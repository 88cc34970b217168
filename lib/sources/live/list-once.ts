import { emptyModel, normalize, type ClusterModel, type ResourceTypes, type SyncState, type WatchedKind } from '@/lib/model';
import { optionalKinds, requiredKinds } from './api-resources';
import { discoverServed, servedPath } from './discovery';
import { listSecretNames, tlsSecretNamespaces } from './secret-names';
import { describeError, statusCodeOf, type KubeTransport, type SecretNameLister } from './transport';

const PAGE_SIZE = 500;

/**
 * One list of every kind, no watch: the model the CLI answers from. A kind that cannot be listed keeps its state
 * (forbidden or error) in the model, so every answer that depends on it says "unknown".
 */
export async function listModelOnce(transport: KubeTransport, secretNameLister: SecretNameLister): Promise<ClusterModel> {
  const model = emptyModel();
  await Promise.all([
    ...requiredKinds().map(([kind, path]) => listKind(transport, kind, path, model)),
    listOptionalKinds(transport, model),
  ]);
  if (model.sync.ingresses.status === 'synced') {
    const secrets = await listSecretNames(secretNameLister, tlsSecretNamespaces(model.resources.ingresses));
    model.resources.secrets = secrets.objects;
    model.sync.secrets = secrets.state;
  } else {
    model.sync.secrets = { status: 'error', message: 'not listed: the Ingresses, which name the Secrets to look for, could not be read' };
  }
  return model;
}

/**
 * The kinds only some clusters serve (CRDs): listed where discovery finds them, known to be absent elsewhere. The
 * groups discovery finds are recorded in the model (they help tell the network plugin).
 */
async function listOptionalKinds(transport: KubeTransport, model: ClusterModel): Promise<void> {
  const kinds = optionalKinds();
  if (kinds.length === 0) return;
  try {
    const served = await discoverServed((path, accept) => transport.get(path, accept), [...new Set(kinds.map(([, r]) => r.group))]);
    model.servedGroups = served.groups;
    await Promise.all(
      kinds.map(([kind, resource]) => {
        const path = servedPath(resource, served.resources);
        if (path) return listKind(transport, kind, path, model);
        model.sync[kind] = { status: 'synced', notServed: true };
      }),
    );
  } catch (error) {
    for (const [kind] of kinds) model.sync[kind] = failedState(error, 'API discovery failed: ');
  }
}

async function listKind<K extends WatchedKind>(transport: KubeTransport, kind: K, path: string, model: ClusterModel): Promise<void> {
  try {
    const objects: ResourceTypes[K][] = [];
    let continueToken: string | undefined;
    do {
      const page = await transport.list(path, { limit: PAGE_SIZE, continueToken });
      for (const item of page.items) objects.push(normalize(kind, item));
      continueToken = page.continueToken;
    } while (continueToken);
    (model.resources as Record<WatchedKind, unknown[]>)[kind] = objects;
    model.sync[kind] = { status: 'synced' };
  } catch (error) {
    model.sync[kind] = failedState(error);
  }
}

function failedState(error: unknown, prefix = ''): SyncState {
  const message = prefix + describeError(error);
  return statusCodeOf(error) === 403 ? { status: 'forbidden', message } : { status: 'error', message };
}

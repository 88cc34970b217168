import { emptyModel, normalize, RESOURCE_KINDS, type ClusterModel, type ResourceKind, type ResourceTypes } from '@/lib/model';
import { API_PATHS } from './api-paths';
import { describeError, statusCodeOf, type KubeTransport } from './transport';

const PAGE_SIZE = 500;

/**
 * One list of every kind, no watch: the model the CLI answers from. A kind that cannot be listed keeps its state
 * (forbidden or error) in the model, so every answer that depends on it says "unknown".
 */
export async function listModelOnce(transport: KubeTransport): Promise<ClusterModel> {
  const model = emptyModel();
  await Promise.all(RESOURCE_KINDS.map((kind) => listKind(transport, kind, model)));
  return model;
}

async function listKind<K extends ResourceKind>(transport: KubeTransport, kind: K, model: ClusterModel): Promise<void> {
  try {
    const objects: ResourceTypes[K][] = [];
    let continueToken: string | undefined;
    do {
      const page = await transport.list(API_PATHS[kind], { limit: PAGE_SIZE, continueToken });
      for (const item of page.items) objects.push(normalize(kind, item));
      continueToken = page.continueToken;
    } while (continueToken);
    (model.resources as Record<ResourceKind, unknown[]>)[kind] = objects;
    model.sync[kind] = { status: 'synced' };
  } catch (error) {
    model.sync[kind] =
      statusCodeOf(error) === 403 ? { status: 'forbidden', message: describeError(error) } : { status: 'error', message: describeError(error) };
  }
}

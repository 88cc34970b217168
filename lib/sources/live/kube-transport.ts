import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { applyCredentials } from './credentials';
import { fetch } from 'undici';
import { ApiError, type KubeTransport, type ListPage, type SecretNameLister } from './transport';
import { DEFAULT_WATCH_WINDOW, openWatchStream, type WatchWindow } from './watch-stream';

const REQUEST_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 500;
// A Table is the server-side printout `kubectl get` shows. Without its object (includeObject=None) a Secret's row
// holds its name, type, number of keys and age: no data, no annotations.
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

interface ListBody {
  items?: ListPage['items'];
  rows?: { cells?: unknown[] }[];
  columnDefinitions?: { name?: string }[];
  metadata?: { resourceVersion?: string; continue?: string };
  message?: string;
}

/**
 * The API server over HTTP with the context's credentials. Only GET requests (list, and watch=true): the dashboard
 * never writes to a cluster.
 */
export function kubeTransport(config: KubeConfig, window: WatchWindow = DEFAULT_WATCH_WINDOW): KubeTransport {
  return {
    async list(path, { limit, continueToken }) {
      const body = await getList(config, path, { limit, continueToken, accept: 'application/json' });
      const page: ListPage = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '' };
      if (body.metadata?.continue) page.continueToken = body.metadata.continue;
      return page;
    },

    watch(path, resourceVersion, onEvent, onDone) {
      return openWatchStream(config, path, resourceVersion, window, onEvent, onDone);
    },

    get(path, accept) {
      return getJson(config, path, accept);
    },
  };
}

/** The names of one namespace's Secrets, listed as a Table without objects, so that nothing else of them is sent. */
export function kubeSecretNameLister(config: KubeConfig): SecretNameLister {
  return async (namespace) => {
    const names: string[] = [];
    let continueToken: string | undefined;
    do {
      const body = await getList(config, `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`, {
        limit: PAGE_SIZE,
        continueToken,
        accept: TABLE,
        includeObject: 'None',
      });
      const nameColumn = Math.max(0, (body.columnDefinitions ?? []).findIndex((c) => c.name === 'Name'));
      for (const row of body.rows ?? []) {
        const name = row.cells?.[nameColumn];
        if (typeof name === 'string' && name) names.push(name);
      }
      continueToken = body.metadata?.continue || undefined;
    } while (continueToken);
    return names;
  };
}

async function getList(
  config: KubeConfig,
  path: string,
  options: { limit: number; continueToken?: string; accept: string; includeObject?: string },
): Promise<ListBody> {
  const query: Record<string, string> = { limit: String(options.limit) };
  if (options.continueToken) query.continue = options.continueToken;
  if (options.includeObject) query.includeObject = options.includeObject;
  return (await getJson(config, path, options.accept, query)) as ListBody;
}

async function getJson(config: KubeConfig, path: string, accept: string, query: Record<string, string> = {}): Promise<unknown> {
  const server = config.getCurrentCluster()?.server;
  if (!server) throw new Error('The context has no cluster server');
  const url = new URL(server + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const request = new RequestContext(url.toString(), HttpMethod.GET);
  await applyCredentials(config, request);
  const response = await fetch(url, {
    headers: { ...request.getHeaders(), Accept: accept },
    dispatcher: request.getDispatcher(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new ApiError(response.status, body.message ?? response.statusText);
  return body;
}

import { HttpMethod, RequestContext, Watch, type KubeConfig } from '@kubernetes/client-node';
import { fetch } from 'undici';
import { ApiError, type KubeTransport, type ListPage, type WatchEvent } from './transport';

const LIST_TIMEOUT_MS = 30_000;

/**
 * The API server over HTTP with the context's credentials. Only GET requests (list, and watch=true): the dashboard
 * never writes to a cluster.
 */
export function kubeTransport(config: KubeConfig): KubeTransport {
  const watcher = new Watch(config);
  return {
    async list(path, { limit, continueToken }) {
      const server = config.getCurrentCluster()?.server;
      if (!server) throw new Error('The context has no cluster server');
      const url = new URL(server + path);
      url.searchParams.set('limit', String(limit));
      if (continueToken) url.searchParams.set('continue', continueToken);
      const request = new RequestContext(url.toString(), HttpMethod.GET);
      await config.applySecurityAuthentication(request);
      const response = await fetch(url, {
        headers: { ...request.getHeaders(), Accept: 'application/json' },
        dispatcher: request.getDispatcher(),
        signal: AbortSignal.timeout(LIST_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as {
        items?: ListPage['items'];
        metadata?: { resourceVersion?: string; continue?: string };
        message?: string;
      };
      if (!response.ok) throw new ApiError(response.status, body.message ?? response.statusText);
      const page: ListPage = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? '' };
      if (body.metadata?.continue) page.continueToken = body.metadata.continue;
      return page;
    },

    async watch(path, resourceVersion, onEvent, onDone) {
      let accepted = false;
      let refusal: unknown;
      const controller = await watcher.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true },
        (type: string, object: WatchEvent['object']) => onEvent({ type: type as WatchEvent['type'], object }),
        (error: unknown) => {
          if (accepted) onDone(error ?? undefined);
          else refusal = error ?? new Error('The watch closed before it started');
        },
      );
      // client-node reports a refused watch (403, 410, connection refused) through done() before resolving.
      if (refusal !== undefined) throw refusal;
      accepted = true;
      return { stop: () => controller.abort() };
    },
  };
}

import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { applyCredentials } from './credentials';
import { fetch } from 'undici';
import { ApiError, type WatchEvent, type WatchHandle } from './transport';

export interface WatchWindow {
  /** Asked of the API server (`timeoutSeconds`): it ends the watch cleanly after about this long. */
  timeoutSeconds: number;
  /**
   * No byte for this long means the connection is dead (a half-open TCP connection never says so by itself). The
   * API server's watch cache sends a bookmark about once a minute, so a healthy watch is never this quiet for long;
   * where it has no watch cache, the end is routine anyway and the watch resumes from where it was.
   */
  idleMs: number;
}

/** The defaults: a watch lives 5 to 5.5 minutes (jittered, so a context's watches do not all renew together). */
export const DEFAULT_WATCH_WINDOW: WatchWindow = { timeoutSeconds: 300, idleMs: 150_000 };

/** A watch that ended because nothing arrived within the idle window: routine, resumed from its resourceVersion. */
export class WatchIdleTimeout extends Error {
  constructor(idleMs: number) {
    super(`No data from the watch for ${idleMs} ms`);
    this.name = 'WatchIdleTimeout';
  }
}

/**
 * A watch request to the API server, read as a stream of newline-delimited JSON events. Resolves once the server
 * accepted it (HTTP 200); a refusal rejects with an ApiError carrying the server's status and message.
 */
export async function openWatchStream(
  config: KubeConfig,
  path: string,
  resourceVersion: string,
  window: WatchWindow,
  onEvent: (event: WatchEvent) => void,
  onDone: (error?: unknown) => void,
): Promise<WatchHandle> {
  const server = config.getCurrentCluster()?.server;
  if (!server) throw new Error('The context has no cluster server');
  const url = new URL(server + path);
  url.searchParams.set('watch', 'true');
  url.searchParams.set('allowWatchBookmarks', 'true');
  if (resourceVersion) url.searchParams.set('resourceVersion', resourceVersion);
  url.searchParams.set('timeoutSeconds', String(jittered(window.timeoutSeconds)));

  const controller = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  let idled = false;
  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idled = true;
      controller.abort();
    }, window.idleMs);
    idleTimer.unref();
  };

  const request = new RequestContext(url.toString(), HttpMethod.GET);
  await applyCredentials(config, request);
  armIdleTimer();
  let response;
  try {
    response = await fetch(url, { headers: request.getHeaders(), dispatcher: request.getDispatcher(), signal: controller.signal });
  } catch (error) {
    clearTimeout(idleTimer);
    throw idled ? new WatchIdleTimeout(window.idleMs) : error;
  }
  if (response.status !== 200 || !response.body) {
    clearTimeout(idleTimer);
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(response.status, body.message ?? response.statusText);
  }

  let ended = false;
  const end = (error?: unknown) => {
    if (ended) return;
    ended = true;
    clearTimeout(idleTimer);
    controller.abort();
    onDone(idled ? new WatchIdleTimeout(window.idleMs) : error);
  };
  void readLines(response.body, armIdleTimer, (line) => {
    if (ended) return;
    let event: WatchEvent;
    try {
      event = JSON.parse(line) as WatchEvent;
    } catch {
      return end(new Error(`The watch sent a line that is not JSON: ${line.slice(0, 80)}`));
    }
    onEvent(event);
  }).then(
    () => end(),
    (error: unknown) => end(error),
  );
  return { stop: () => end() };
}

async function readLines(body: AsyncIterable<Uint8Array>, onData: () => void, onLine: (line: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    onData();
    pending += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) onLine(line);
    }
  }
  const rest = (pending + decoder.decode()).trim();
  if (rest) onLine(rest);
}

function jittered(seconds: number): number {
  return Math.max(1, Math.round(seconds * (1 + Math.random() * 0.1)));
}

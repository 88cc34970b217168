import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { Agent, fetch } from 'undici';
import type { RawObject } from '@/lib/model/normalize/raw';
import { ApiError, statusCodeOf } from '@/lib/sources/live/transport';

const REQUEST_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 1000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The bench's writes to the API server over one keep-alive connection pool. client-node builds a new dispatcher
 * (so a new TLS connection) for every request, which at 50 writes/s would measure handshakes, not the dashboard.
 */
export class KubeWriter {
  private constructor(
    private readonly server: string,
    private readonly headers: Record<string, string>,
    private readonly agent: Agent,
  ) {}

  /** Refuses an API server that is not on this machine: the bench only ever talks to 127.0.0.1. */
  static async create(config: KubeConfig): Promise<KubeWriter> {
    const server = config.getCurrentCluster()?.server;
    if (!server) throw new Error('The kubeconfig has no current cluster');
    if (!LOOPBACK.has(new URL(server).hostname)) throw new Error(`The bench runs on a local cluster only; the kubeconfig points at ${server}`);
    const options: RequestOptions = {};
    await config.applyToHTTPSOptions(options);
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)]));
    const agent = new Agent({
      connections: 16,
      connect: { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized },
    });
    return new KubeWriter(server, headers, agent);
  }

  get(path: string): Promise<RawObject & { items?: RawObject[] }> {
    return this.request('GET', path);
  }

  post(path: string, body: object): Promise<RawObject> {
    return this.request('POST', path, body, 'application/json');
  }

  /** Creates the object unless it exists (409 Conflict); returns 1 if it created it, so that callers can count. */
  async createUnlessExists(collection: string, body: object): Promise<number> {
    try {
      await this.post(collection, body);
      return 1;
    } catch (error) {
      if (statusCodeOf(error) === 409) return 0;
      throw error;
    }
  }

  mergePatch(path: string, body: object): Promise<RawObject> {
    return this.request('PATCH', path, body, 'application/merge-patch+json');
  }

  /** Deletes at once (grace period 0): a pod's DELETED event follows this response, not kwok's pace. */
  delete(path: string): Promise<RawObject> {
    return this.request('DELETE', `${path}?gracePeriodSeconds=0`);
  }

  /** Resolves when the API server's /readyz answers 200; a short timeout, for polling while it starts. */
  async ready(): Promise<void> {
    await this.request('GET', '/readyz', undefined, undefined, READY_TIMEOUT_MS);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async request(method: string, path: string, body?: object, contentType?: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RawObject> {
    const response = await fetch(this.server + path, {
      method,
      headers: { ...this.headers, Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      dispatcher: this.agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const result = (await response.json().catch(() => ({}))) as RawObject & { message?: string };
    if (!response.ok) throw new ApiError(response.status, result.message ?? response.statusText);
    return result;
  }
}

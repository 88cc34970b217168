// The setup's writes to the API server: raw JSON over one keep-alive connection pool, many in flight.
// (bench/soak/kube-writer.ts does the same for the soak, but imports through the '@/' alias, which plain
// `node bench/ui.ts` cannot resolve.)

import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { Agent, fetch } from 'undici';

const REQUEST_TIMEOUT_MS = 30_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What the API server answers, as far as the bench reads it. */
export interface ApiObject {
  metadata?: { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string; continue?: string; labels?: Record<string, string> };
  items?: ApiObject[];
  rows?: { cells: unknown[]; object?: ApiObject }[];
  columnDefinitions?: { name: string }[];
  /** A table row's cells by column name (listAll with TABLE). */
  columns?: Record<string, unknown>;
  [key: string]: unknown;
}

export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Metadata only: names, uids and deletion marks of thousands of pods without their specs. */
export const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';
/** The table kubectl prints, without the objects: a pod's READY and STATUS columns in a few dozen bytes. */
export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/**
 * client-node builds a new TLS connection for every request; at 48 writes in flight that would measure
 * handshakes. This keeps 16 connections open. It talks only to an API server on this machine.
 */
export class ApiWriter {
  private constructor(
    private readonly server: string,
    private readonly headers: Record<string, string>,
    private readonly agent: Agent,
  ) {}

  static async create(config: KubeConfig): Promise<ApiWriter> {
    const server = config.getCurrentCluster()?.server;
    if (!server) throw new Error('The kubeconfig has no current cluster');
    if (!LOOPBACK.has(new URL(server).hostname)) throw new Error(`The UI bench runs on a local cluster only; the kubeconfig points at ${server}`);
    const options: RequestOptions = {};
    await config.applyToHTTPSOptions(options);
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)]));
    const agent = new Agent({ connections: 16, connect: { ca: options.ca, cert: options.cert, key: options.key, rejectUnauthorized: options.rejectUnauthorized } });
    return new ApiWriter(server, headers, agent);
  }

  get(path: string, accept = 'application/json'): Promise<ApiObject> {
    return this.request('GET', path, undefined, accept);
  }

  post(path: string, body: object): Promise<ApiObject> {
    return this.request('POST', path, body);
  }

  /** Creates the object; a 409 (it exists) is fine and returns undefined. */
  async createUnlessExists(path: string, body: object): Promise<ApiObject | undefined> {
    try {
      return await this.post(path, body);
    } catch (error) {
      if (error instanceof ApiStatusError && error.code === 409) return undefined;
      throw error;
    }
  }

  mergePatch(path: string, body: object): Promise<ApiObject> {
    return this.request('PATCH', path, body, 'application/json', 'application/merge-patch+json');
  }

  /** Deletes (a 404 is fine). */
  async delete(path: string): Promise<void> {
    try {
      await this.request('DELETE', path);
    } catch (error) {
      if (!(error instanceof ApiStatusError && error.code === 404)) throw error;
    }
  }

  /** Every item of a list, page by page (5,000 a page), in the given representation. */
  async listAll(path: string, accept = 'application/json'): Promise<ApiObject[]> {
    const items: ApiObject[] = [];
    let next: string | undefined;
    const join = path.includes('?') ? '&' : '?';
    do {
      const page = await this.get(`${path}${join}limit=5000${next ? `&continue=${encodeURIComponent(next)}` : ''}`, accept);
      items.push(...(page.items ?? []));
      const names = page.columnDefinitions?.map((c) => c.name) ?? [];
      for (const row of page.rows ?? []) items.push({ metadata: row.object?.metadata, columns: Object.fromEntries(names.map((name, i) => [name, row.cells[i]])) });
      next = page.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async request(method: string, path: string, body?: object, accept = 'application/json', contentType = 'application/json'): Promise<ApiObject> {
    const response = await fetch(this.server + path, {
      method,
      headers: { ...this.headers, Accept: accept, ...(body ? { 'Content-Type': contentType } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      dispatcher: this.agent,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const result = (await response.json().catch(() => ({}))) as ApiObject & { message?: string };
    if (!response.ok) throw new ApiStatusError(response.status, `${method} ${path.split('?')[0]}: ${response.status} ${result.message ?? response.statusText}`);
    return result;
  }
}

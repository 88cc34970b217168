import type { RawObject } from '@/lib/model/normalize/raw';

/** What a list+watch loop needs from the API server; the real one speaks HTTP, tests pass a scripted fake. */
export interface KubeTransport {
  list(path: string, options: { limit: number; continueToken?: string }): Promise<ListPage>;
  /**
   * Opens a watch from resourceVersion. Resolves once the server accepted it; after that, events go to onEvent
   * and the end of the stream (clean or not) to onDone, exactly once. A watch the server refuses rejects.
   */
  watch(path: string, resourceVersion: string, onEvent: (event: WatchEvent) => void, onDone: (error?: unknown) => void): Promise<WatchHandle>;
  /** One JSON document (discovery); a refusal rejects with an ApiError. */
  get(path: string, accept: string): Promise<unknown>;
}

/** Lists the names of one namespace's Secrets, and nothing else of them. */
export type SecretNameLister = (namespace: string) => Promise<string[]>;

export interface ListPage {
  items: RawObject[];
  resourceVersion: string;
  continueToken?: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  /** The object, or for ERROR a metav1.Status with its code. */
  object: RawObject & { code?: number; message?: string; reason?: string };
}

export interface WatchHandle {
  stop(): void;
}

/** A failure the API server answered with a status code (403 forbidden, 410 gone, ...). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function statusCodeOf(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.statusCode;
  const code = (error as { statusCode?: unknown; code?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** A one-line reason a person can act on, for errors from the API server and from the network alike. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.statusCode}: ${error.message}`;
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code || cause?.message) return cause.code ? `${cause.code}: ${cause.message ?? error.message}` : (cause.message as string);
    return error.message;
  }
  return String(error);
}

/** A non-2xx answer of our API: the server's message, and the status (401 asks the page to sign in). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** GET a JSON API of ours; a non-2xx answer becomes an HttpError carrying the server's message. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: 'no-store' });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new HttpError(response.status, body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

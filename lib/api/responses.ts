import { stringifyChunked } from '@discoveryjs/json-ext';

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function json(body: unknown): Response {
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

/** The most JSON text a streamed answer holds in memory at once, per request (before compression). */
const STREAM_CHUNK_CHARS = 64 * 1024;

/**
 * The same JSON as json(), written as the client reads it: a piece of at most about 64 kB at a time, produced only
 * when the connection takes more. A 50,000-pod snapshot is 40 MB of JSON: JSON.stringify made each request hold
 * it whole, twice (the string and its UTF-8 bytes), five tabs loading at once 400 MB more of server memory, and it
 * blocked the event loop (and every watch event and SSE client) for most of a second. The body must not change
 * while it is written: the models are immutable.
 */
export function jsonStream(body: unknown): Response {
  const pieces = stringifyChunked(body, { highWaterMark: STREAM_CHUNK_CHARS });
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = pieces.next();
        if (next.done) controller.close();
        // A piece ends between two JSON values, never inside a string: it encodes on its own.
        else controller.enqueue(Buffer.from(next.value, 'utf8'));
      },
      cancel() {
        pieces.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

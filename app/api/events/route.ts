import type { NextRequest } from 'next/server';
import { eventsParams, parseQuery } from '@/lib/api/params';
import { resolveModelSource } from '@/lib/api/resolve-context';
import { jsonError } from '@/lib/api/responses';
import { changeStream, parseLastEventId, staticStream } from '@/lib/api/change-stream';

export const dynamic = 'force-dynamic';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compression (which would buffer) off this response.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/**
 * Server-Sent Events of one context's model changes. A client passes the epoch and seq of the snapshot it holds
 * (or the browser sends Last-Event-ID on reconnect) and first gets every change after it, then live ones.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const params = parseQuery(eventsParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const source = await resolveModelSource(params.value.context, request);
  if (source instanceof Response) return source;
  if (source.kind === 'demo') return new Response(staticStream('demo', request.signal), { headers: SSE_HEADERS });
  // A signed-in identity's watches keep running while one of its pages listens.
  source.hold?.(request.signal);
  const resumeFrom = parseLastEventId(request.headers.get('last-event-id')) ??
    (params.value.epoch !== undefined && params.value.since !== undefined
      ? { epoch: params.value.epoch, seq: params.value.since }
      : undefined);
  return new Response(changeStream(source.cluster.store, resumeFrom, request.signal), { headers: SSE_HEADERS });
}

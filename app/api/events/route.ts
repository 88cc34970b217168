import type { NextRequest } from 'next/server';
import { eventsParams, parseQuery } from '@/lib/api/params';
import { resolveLiveCluster } from '@/lib/api/resolve-context';
import { jsonError } from '@/lib/api/responses';
import { changeStream, parseLastEventId } from '@/lib/api/change-stream';

export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events of one context's model changes. A client passes the epoch and seq of the snapshot it holds
 * (or the browser sends Last-Event-ID on reconnect) and first gets every change after it, then live ones.
 */
export function GET(request: NextRequest): Response {
  const params = parseQuery(eventsParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const cluster = resolveLiveCluster(params.value.context);
  if (cluster instanceof Response) return cluster;
  const resumeFrom = parseLastEventId(request.headers.get('last-event-id')) ??
    (params.value.epoch !== undefined && params.value.since !== undefined
      ? { epoch: params.value.epoch, seq: params.value.since }
      : undefined);
  return new Response(changeStream(cluster.store, resumeFrom, request.signal), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression (which would buffer) off this response.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}

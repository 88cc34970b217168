import type { NextRequest } from 'next/server';
import { parseQuery, snapshotParams } from '@/lib/api/params';
import { resolveModelSource } from '@/lib/api/resolve-context';
import { jsonError, jsonStream } from '@/lib/api/responses';
import { DEMO_CONTEXT, type SnapshotResponse } from '@/lib/api/types';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const params = parseQuery(snapshotParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const source = await resolveModelSource(params.value.context, request);
  if (source instanceof Response) return source;
  const body: SnapshotResponse =
    source.kind === 'demo'
      ? { context: DEMO_CONTEXT, demo: true, epoch: 'demo', seq: 0, model: source.model }
      : { context: source.cluster.context, ...source.cluster.store.snapshot() };
  return jsonStream(body);
}

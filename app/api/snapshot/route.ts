import type { NextRequest } from 'next/server';
import { parseQuery, snapshotParams } from '@/lib/api/params';
import { resolveLiveCluster } from '@/lib/api/resolve-context';
import { json, jsonError } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest): Response {
  const params = parseQuery(snapshotParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const cluster = resolveLiveCluster(params.value.context);
  if (cluster instanceof Response) return cluster;
  return json({ context: cluster.context, ...cluster.store.snapshot() });
}

import type { NextRequest } from 'next/server';
import { contextsParams, parseQuery } from '@/lib/api/params';
import { json, jsonError } from '@/lib/api/responses';
import type { ContextsResponse } from '@/lib/api/types';
import { loadKubeconfig } from '@/lib/sources/live/kubeconfig';

export const dynamic = 'force-dynamic';

export function GET(request: NextRequest): Response {
  const params = parseQuery(contextsParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const { origin, contexts, currentContext, error } = loadKubeconfig();
  const body: ContextsResponse = {
    origin: origin.kind,
    ...(origin.kind === 'none' ? { reason: origin.reason } : {}),
    ...(error ? { error } : {}),
    ...(currentContext ? { currentContext } : {}),
    contexts,
  };
  return json(body);
}

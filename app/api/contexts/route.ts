import type { NextRequest } from 'next/server';
import { authSettingsFromEnv } from '@/lib/api/auth-mode';
import { contextsResponse } from '@/lib/api/contexts-response';
import { contextsParams, parseQuery } from '@/lib/api/params';
import { signedInContext } from '@/lib/api/resolve-context';
import { json, jsonError } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const params = parseQuery(contextsParams, request.nextUrl);
  if (!params.ok) return jsonError(400, params.message);
  const auth = authSettingsFromEnv(process.env);
  // Signed in, the kubeconfig's one current context is read as the request's token.
  const signedIn = auth.mode === 'token' ? await signedInContext(request, auth) : undefined;
  if (signedIn instanceof Response) return signedIn;
  return json(contextsResponse(signedIn?.identity.username));
}

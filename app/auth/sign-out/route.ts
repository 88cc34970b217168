import { authSettingsFromEnv, SIGN_IN_PATH, tokenCookie } from '@/lib/api/auth-mode';
import { jsonError } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

/** Forgets the token in this browser. The identity's watches stop once nobody has used them for a while. */
export function POST(): Response {
  if (authSettingsFromEnv(process.env).mode !== 'token') return jsonError(404, 'Token sign-in is off (KUBE_NETMAP_AUTH is not "token").');
  return new Response(null, { status: 303, headers: { Location: `${SIGN_IN_PATH}?problem=signed-out`, 'Set-Cookie': tokenCookie('', 0), 'Cache-Control': 'no-store' } });
}

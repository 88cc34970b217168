import type { NextRequest } from 'next/server';
import { authSettingsFromEnv, isTokenShaped, SIGN_IN_PATH, tokenCookie } from '@/lib/api/auth-mode';
import { jsonError } from '@/lib/api/responses';
import { reviewSignedIn } from '@/lib/sources/live/signed-in';
import type { SignInProblem } from '@/app/sign-in/problems';

export const dynamic = 'force-dynamic';

/**
 * The sign-in form's POST (server.ts lets it through only from this origin, as a small urlencoded form): the API
 * server says whether it knows the token; if so it goes into the HttpOnly cookie and the browser to the map.
 * Failures go back to the form with a fixed reason, never with the token.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (authSettingsFromEnv(process.env).mode !== 'token') return jsonError(404, 'Token sign-in is off (KUBE_NETMAP_AUTH is not "token").');
  const token = new URLSearchParams(await request.text()).get('token')?.trim() ?? '';
  if (!isTokenShaped(token)) return backToForm('malformed');
  const review = await reviewSignedIn(authSettingsFromEnv(process.env), token);
  if (!review.ok) return backToForm(review.status === 401 ? 'rejected' : 'unreachable');
  return new Response(null, { status: 303, headers: { Location: '/', 'Set-Cookie': tokenCookie(token), 'Cache-Control': 'no-store' } });
}

function backToForm(problem: SignInProblem): Response {
  return new Response(null, { status: 303, headers: { Location: `${SIGN_IN_PATH}?problem=${problem}`, 'Cache-Control': 'no-store' } });
}

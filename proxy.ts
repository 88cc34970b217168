import { NextResponse, type NextRequest } from 'next/server';
import { guardRequest, guardSettingsFromEnv, responseKindOf, securityHeaders } from '@/lib/api/request-guard';

const settings = guardSettingsFromEnv(process.env);
const development = process.env.NODE_ENV === 'development';

/** Every request passes here first: refused ones get a JSON error and no data, answered ones the security headers. */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const kind = responseKindOf(pathname);
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders(kind, nonce, development);
  const verdict = guardRequest({ method: request.method, pathname, headers: request.headers }, settings);
  if (!verdict.ok) {
    const response = NextResponse.json({ error: verdict.message }, { status: verdict.status });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    response.headers.set('Cache-Control', 'no-store');
    if (verdict.status === 405) response.headers.set('Allow', 'GET, HEAD');
    return response;
  }
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

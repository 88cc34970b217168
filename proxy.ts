import { NextResponse, type NextRequest } from 'next/server';
import { responseKindOf, securityHeaders } from '@/lib/api/request-guard';

const development = process.env.NODE_ENV === 'development';

/**
 * The security headers of every answer. Which requests are answered at all is decided before Next.js, in
 * server.ts. A page's policy carries a fresh nonce, which Next.js reads from the request and puts on its scripts.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders(responseKindOf(request.nextUrl.pathname), nonce, development);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

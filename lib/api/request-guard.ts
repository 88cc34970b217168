// Which requests the dashboard answers at all. Without sign-in (the default) it reads the cluster with the
// kubeconfig's credentials, so it answers only clients on its own machine (in a pod: kubectl port-forward, which
// connects from the pod's loopback), whatever address it binds: a Host header proves nothing to a client that
// writes its own. In token mode (auth-mode.ts) any client may ask, but the API answers only a request that carries
// a bearer token, and reads the cluster with that token. The remaining threat is a web page in the user's own
// browser: by DNS rebinding (a foreign name that resolves to the dashboard, caught by the Host check) or by a
// cross-site request (caught by Origin and Sec-Fetch-Site, and in token mode by the SameSite=Strict cookie).
import { requestToken, SIGN_IN_ACTION, SIGN_OUT_ACTION, type AuthMode } from './auth-mode.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const READ_METHODS = new Set(['GET', 'HEAD']);
/** A sign-in form holds one token; anything much larger is not one. */
const MAX_FORM_BYTES = 16 * 1024;

export interface GuardSettings {
  /** Host names (no port) that may address the dashboard. */
  allowedHosts: ReadonlySet<string>;
  auth: AuthMode;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403 | 405 | 411 | 413 | 415; message: string };

/**
 * The allowed Host names: the loopback names, the address the server binds (HOST, unless it is a wildcard), and
 * KUBE_NETMAP_ALLOWED_HOSTS, a comma-separated list (an Ingress's host, a name that resolves to this machine).
 */
export function guardSettingsFromEnv(env: Record<string, string | undefined>, auth: AuthMode): GuardSettings {
  const names = [...LOOPBACK_NAMES];
  const bound = env.HOST?.trim();
  if (bound && bound !== '0.0.0.0' && bound !== '::') names.push(bound);
  for (const name of (env.KUBE_NETMAP_ALLOWED_HOSTS ?? '').split(',')) if (name.trim()) names.push(name.trim());
  return { allowedHosts: new Set(names.map(normaliseHostName)), auth };
}

type GuardedRequest = { remoteAddress: string; method: string; pathname: string; headers: { get(name: string): string | null } };

/** Decides whether to answer a request, from the address it came from, its method, path and headers alone. */
export function guardRequest(request: GuardedRequest, settings: GuardSettings): GuardVerdict {
  if (settings.auth === 'kubeconfig' && !isLoopbackAddress(request.remoteAddress)) {
    return {
      ok: false,
      status: 403,
      message: `Only clients on this machine are answered, not ${request.remoteAddress || 'an unknown address'}: the dashboard serves cluster data without sign-in. In a cluster, reach it with kubectl port-forward.`,
    };
  }
  const host = request.headers.get('host');
  if (!host || !settings.allowedHosts.has(hostNameOf(host))) {
    return { ok: false, status: 403, message: `Host "${host ?? ''}" is not allowed. Set KUBE_NETMAP_ALLOWED_HOSTS to serve this name.` };
  }
  if (!READ_METHODS.has(request.method.toUpperCase())) return guardSignInForm(request, settings, host);
  if (!request.pathname.startsWith('/api/')) return { ok: true };
  const fetchSite = request.headers.get('sec-fetch-site');
  // same-site still includes other ports of localhost, which are other programs' pages.
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return { ok: false, status: 403, message: 'Cross-site requests to the API are refused.' };
  }
  const origin = request.headers.get('origin');
  if (origin !== null && !isSameOrigin(origin, host)) {
    return { ok: false, status: 403, message: `Requests from origin "${origin}" are refused.` };
  }
  // Checked again, against the API server, where the data is served (resolve-context.ts); without any token a
  // request does not even reach Next.js.
  if (settings.auth === 'token' && requestToken(request.headers) === undefined) {
    return { ok: false, status: 401, message: 'Sign in with a Kubernetes bearer token first.' };
  }
  return { ok: true };
}

/**
 * The one exception to "only reads": in token mode, the sign-in and sign-out forms are POSTed, from this origin
 * alone. A form of another site could otherwise sign the browser in as the attacker (login CSRF) or out, so the
 * request must name this origin in Origin (browsers send it with every POST) and, where the browser sends it,
 * Sec-Fetch-Site must say same-origin. The body must be a small urlencoded form, its length declared.
 */
function guardSignInForm(request: GuardedRequest, settings: GuardSettings, host: string): GuardVerdict {
  const form = request.pathname === SIGN_IN_ACTION || request.pathname === SIGN_OUT_ACTION;
  if (settings.auth !== 'token' || !form || request.method.toUpperCase() !== 'POST') {
    return { ok: false, status: 405, message: `Method ${request.method} is not allowed: the dashboard only reads (GET, HEAD).` };
  }
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (origin === null || !isSameOrigin(origin, host) || (fetchSite !== null && fetchSite !== 'same-origin')) {
    return { ok: false, status: 403, message: 'Sign-in and sign-out are accepted only from the dashboard\'s own page.' };
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return { ok: false, status: 415, message: 'The sign-in form is sent as application/x-www-form-urlencoded.' };
  }
  const length = request.headers.get('content-length');
  if (length === null || !/^\d+$/.test(length)) return { ok: false, status: 411, message: 'The sign-in form must declare its length.' };
  if (Number(length) > MAX_FORM_BYTES) return { ok: false, status: 413, message: 'The sign-in form is too large for a token.' };
  return { ok: true };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses (a server bound to :: sees IPv4 clients so). */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.toLowerCase().replace(/^::ffff:/, '');
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function isSameOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === new URL(`http://${host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

/** The name part of a Host header, lower-cased: "LocalHost:3000" is "localhost", "[::1]:3000" is "[::1]". */
export function hostNameOf(host: string): string {
  try {
    return normaliseHostName(new URL(`http://${host}`).hostname);
  } catch {
    return '';
  }
}

function normaliseHostName(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

export type ResponseKind = 'page' | 'api' | 'asset';

type SecurityHeaders = Record<
  | 'Content-Security-Policy'
  | 'X-Content-Type-Options'
  | 'Referrer-Policy'
  | 'X-Frame-Options'
  | 'Cross-Origin-Opener-Policy'
  | 'Cross-Origin-Resource-Policy',
  string
>;

export function responseKindOf(pathname: string): ResponseKind {
  if (pathname.startsWith('/api/')) return 'api';
  if (pathname.startsWith('/_next/')) return 'asset';
  return 'page';
}

/**
 * The security headers of every response. Pages get a Content-Security-Policy with a per-request nonce for the
 * framework's scripts. Assets get one too, because a Web Worker runs under its own script's policy, and the API
 * may load nothing at all. No Referer ever leaves for another origin; a page's own requests name it, because under
 * `no-referrer` a browser sends `Origin: null` with a form's POST, and the sign-in form must name its origin.
 */
export function securityHeaders(kind: ResponseKind, nonce: string, development: boolean): SecurityHeaders {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY[kind](nonce, development),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': kind === 'page' ? 'same-origin' : 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

const CONTENT_SECURITY_POLICY: Record<ResponseKind, (nonce: string, development: boolean) => string> = {
  page: (nonce, development) =>
    [
      "default-src 'self'",
      // React needs eval only in development, for its error overlays.
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
      // Cytoscape and React set style attributes; a style carries no script.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' blob: data:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  asset: (_nonce, development) =>
    `default-src 'self'; script-src 'self'${development ? " 'unsafe-eval'" : ''}; object-src 'none'; frame-ancestors 'none'`,
  api: () => "default-src 'none'; frame-ancestors 'none'",
};

// Which requests the dashboard answers at all. It holds the user's cluster credentials, so it answers only clients
// on its own machine (in a pod: kubectl port-forward, which connects from the pod's loopback), whatever address it
// binds: a Host header proves nothing to a client that writes its own. The remaining threat is a web page in the
// user's own browser: by DNS rebinding (a foreign name that resolves to 127.0.0.1, caught by the Host check) or by
// a cross-site request (caught by Origin and Sec-Fetch-Site).

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const READ_METHODS = new Set(['GET', 'HEAD']);

export interface GuardSettings {
  /** Host names (no port) that may address the dashboard. */
  allowedHosts: ReadonlySet<string>;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 403 | 405; message: string };

/**
 * The allowed Host names: the loopback names, the address the server binds (HOST, unless it is a wildcard), and
 * KUBE_NETMAP_ALLOWED_HOSTS, a comma-separated list for a reverse proxy or an in-cluster Service name.
 */
export function guardSettingsFromEnv(env: Record<string, string | undefined>): GuardSettings {
  const names = [...LOOPBACK_NAMES];
  const bound = env.HOST?.trim();
  if (bound && bound !== '0.0.0.0' && bound !== '::') names.push(bound);
  for (const name of (env.KUBE_NETMAP_ALLOWED_HOSTS ?? '').split(',')) if (name.trim()) names.push(name.trim());
  return { allowedHosts: new Set(names.map(normaliseHostName)) };
}

/** Decides whether to answer a request, from the address it came from, its method, path and headers alone. */
export function guardRequest(
  request: { remoteAddress: string; method: string; pathname: string; headers: { get(name: string): string | null } },
  settings: GuardSettings,
): GuardVerdict {
  if (!isLoopbackAddress(request.remoteAddress)) {
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
  if (!READ_METHODS.has(request.method.toUpperCase())) {
    return { ok: false, status: 405, message: `Method ${request.method} is not allowed: the dashboard only reads (GET, HEAD).` };
  }
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
 * may load nothing at all.
 */
export function securityHeaders(kind: ResponseKind, nonce: string, development: boolean): SecurityHeaders {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY[kind](nonce, development),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
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

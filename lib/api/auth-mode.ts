// Who the dashboard reads the cluster as. By default, as its kubeconfig's identity, for clients on its own machine
// only. In token mode (KUBE_NETMAP_AUTH=token: a shared dashboard behind an Ingress, an HTTPRoute or an OIDC proxy),
// as each person's own Kubernetes bearer token, which every request must carry: in the sign-in cookie, or in an
// Authorization header an OIDC proxy adds. The kubeconfig then gives the API server's address and CA only.
// No imports: server.ts runs this file directly (type stripping) as well as the Next.js bundle.

export type AuthMode = 'kubeconfig' | 'token';

export interface AuthSettings {
  mode: AuthMode;
  /** A person's watch set is stopped after this long without a request or an open event stream. */
  idleMs: number;
  /** At most this many people's watch sets at once; one more is refused with 503 until one goes idle. */
  maxIdentities: number;
}

/**
 * The sign-in cookie. `__Host-` makes the browser keep it only when it was set Secure, from this very host, for
 * Path=/ (no subdomain can set or read it); HttpOnly keeps it from the page's scripts; SameSite=Strict keeps it off
 * every request another site starts.
 */
export const TOKEN_COOKIE = '__Host-kube-netmap-token';

/** A bearer token longer than this does not fit a cookie beside its attributes (browsers keep 4096 bytes). */
export const MAX_TOKEN_LENGTH = 3800;

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_IN_ACTION = '/auth/sign-in';
export const SIGN_OUT_ACTION = '/auth/sign-out';

const DEFAULT_IDLE_MINUTES = 15;
const DEFAULT_MAX_IDENTITIES = 20;

export function authSettingsFromEnv(env: Record<string, string | undefined>): AuthSettings {
  const mode = (env.KUBE_NETMAP_AUTH ?? '').trim() || 'kubeconfig';
  if (mode !== 'kubeconfig' && mode !== 'token') throw new Error(`KUBE_NETMAP_AUTH must be "token" or unset, got "${mode}"`);
  return {
    mode,
    idleMs: positiveNumber(env, 'KUBE_NETMAP_IDLE_MINUTES', DEFAULT_IDLE_MINUTES) * 60_000,
    maxIdentities: positiveNumber(env, 'KUBE_NETMAP_MAX_IDENTITIES', DEFAULT_MAX_IDENTITIES),
  };
}

function positiveNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * The bearer token a request carries: an `Authorization: Bearer` header (an OIDC proxy's), else the sign-in
 * cookie. Undefined when it carries none, or one that cannot be a token (too long, or not printable ASCII).
 */
export function requestToken(headers: { get(name: string): string | null }): string | undefined {
  const authorization = headers.get('authorization');
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  const token = bearer ?? cookieValue(headers.get('cookie'), TOKEN_COOKIE);
  return token !== undefined && isTokenShaped(token) ? token : undefined;
}

/** A bearer token as RFC 6750 writes one: printable ASCII without spaces, and short enough for a cookie. */
export function isTokenShaped(token: string): boolean {
  return token.length > 0 && token.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token) && !/[;,"\\]/.test(token);
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie value that keeps a token for this browser session; `''` with maxAge 0 clears it. */
export function tokenCookie(token: string, maxAgeSeconds?: number): string {
  return [`${TOKEN_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict', ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : [])].join('; ');
}

import { createHash } from 'node:crypto';
import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { fetch } from 'undici';
import { applyCredentials } from './credentials';
import { describeError } from './transport';

/** Who a bearer token is, as the API server's authenticators say: what its authorizer decides by. */
export interface Identity {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export type TokenReview =
  | { ok: true; identity: Identity; /** One string per identity, whichever of its tokens was reviewed. */ key: string }
  | { ok: false; status: 401 | 502; message: string };

const REVIEW_TIMEOUT_MS = 10_000;
const SIGNED_IN_USER = 'kube-netmap-signed-in';

/**
 * A kubeconfig for one bearer token: the current context's cluster (server, CA, TLS settings, proxy), and none of
 * its user's credentials. In token mode every request to the API server is made so.
 */
export function configForToken(base: KubeConfig, token: string): KubeConfig {
  const context = base.getContextObject(base.getCurrentContext());
  const cluster = base.getCurrentCluster();
  if (!context || !cluster) throw new Error('Token sign-in needs a kubeconfig whose current context names a cluster');
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: SIGNED_IN_USER, token }],
    contexts: [{ name: context.name, cluster: cluster.name, user: SIGNED_IN_USER }],
    currentContext: context.name,
  });
  return config;
}

/** Puts a newer token of the same identity into its kubeconfig, which every later request then sends. */
export function replaceToken(config: KubeConfig, token: string): void {
  config.users = config.users.map((user) => (user.name === SIGNED_IN_USER ? { ...user, token } : user));
}

/**
 * Asks the API server who a token is (a SelfSubjectReview: a create that stores nothing, which every authenticated
 * identity may make). The one request kube-netmap makes that is not a get, list or watch. A token the API server
 * does not accept is 401; an API server that cannot be asked is 502. The token is never in a message.
 */
export async function reviewToken(config: KubeConfig): Promise<TokenReview> {
  const server = config.getCurrentCluster()?.server;
  if (!server) return { ok: false, status: 502, message: 'The kubeconfig names no API server' };
  const url = `${server}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
  try {
    const request = new RequestContext(url, HttpMethod.POST);
    await applyCredentials(config, request);
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...request.getHeaders(), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
      dispatcher: request.getDispatcher(),
      signal: AbortSignal.timeout(REVIEW_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as { message?: string; status?: { userInfo?: Partial<Identity> } };
    if (response.status === 401) return { ok: false, status: 401, message: 'The API server does not accept this token (401 Unauthorized).' };
    const user = body.status?.userInfo;
    if (!response.ok || !user?.username) {
      return { ok: false, status: 502, message: `The API server could not say who the token is (${response.status}: ${body.message ?? response.statusText}).` };
    }
    const identity: Identity = { username: user.username, groups: [...(user.groups ?? [])].sort() };
    if (user.uid) identity.uid = user.uid;
    if (user.extra && Object.keys(user.extra).length > 0) identity.extra = user.extra;
    return { ok: true, identity, key: identityKey(identity) };
  } catch (error) {
    return { ok: false, status: 502, message: `The API server cannot be reached to check the token: ${describeError(error)}` };
  }
}

/** What the API server authorizes by: user, uid, groups and extra, in a canonical order. */
export function identityKey(identity: Identity): string {
  const extra = Object.entries(identity.extra ?? {})
    .map(([name, values]) => [name, [...values].sort()] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([identity.username, identity.uid ?? '', [...identity.groups].sort(), extra]);
}

/** A token's digest, to key caches by without keeping the token itself as a key. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import { IdentityWatchSets, type Acquired } from './identity-registry';
import { kubeSecretNameLister, kubeTransport } from './kube-transport';
import { loadKubeconfig } from './kubeconfig';
import { LiveCluster } from './live-cluster';
import { TokenReviewCache } from './token-review-cache';
import { configForToken, replaceToken, reviewToken, type TokenReview } from './token-review';
import { watchWindowFromEnv } from './watch-window';

// Token mode's shared state, on globalThis like registry.ts: every route handler of the process (and the page)
// shares one cache of token reviews and one watch set per identity.
const stateKey = Symbol.for('kube-netmap.signed-in');
interface State {
  reviews: TokenReviewCache;
  watchSets: IdentityWatchSets<LiveCluster>;
}
const globalState = globalThis as typeof globalThis & { [stateKey]?: State };

const SWEEP_MS = 60_000;

/** How long an identity's watch set may sit unused, and how many may run at once. */
export interface WatchSetLimits {
  idleMs: number;
  maxIdentities: number;
}

function state(auth: WatchSetLimits): State {
  return (globalState[stateKey] ??= create(auth));
}

function create(auth: WatchSetLimits): State {
  const base = () => {
    const loaded = loadKubeconfig();
    if (!loaded.config || !loaded.currentContext) {
      throw new Error(loaded.error ?? (loaded.origin.kind === 'none' ? loaded.origin.reason : 'The kubeconfig has no context'));
    }
    return { config: loaded.config, context: loaded.currentContext };
  };
  const watchSets = new IdentityWatchSets<LiveCluster>(
    auth,
    (token) => configForToken(base().config, token),
    replaceToken,
    (config) => new LiveCluster(config.getCurrentContext(), kubeTransport(config, watchWindowFromEnv(process.env)), kubeSecretNameLister(config)),
  );
  setInterval(() => watchSets.sweep(), SWEEP_MS).unref();
  return { reviews: new TokenReviewCache((token) => reviewToken(configForToken(base().config, token))), watchSets };
}

/** Who a token is, asked of the API server (or remembered for a short while). */
export async function reviewSignedIn(auth: WatchSetLimits, token: string): Promise<TokenReview> {
  try {
    return await state(auth).reviews.get(token);
  } catch (error) {
    return { ok: false, status: 502, message: `Token sign-in cannot work: ${(error as Error).message}` };
  }
}

/**
 * The watch set of the identity a token belongs to: 401 for a token the API server does not accept, 502 when it
 * cannot be asked, 503 when the identities' bound is reached.
 */
export async function signedInCluster(auth: WatchSetLimits, token: string): Promise<Acquired<LiveCluster> | { ok: false; status: 401 | 502; message: string }> {
  const review = await reviewSignedIn(auth, token);
  if (!review.ok) return review;
  try {
    return state(auth).watchSets.acquire(review.key, review.identity, token);
  } catch (error) {
    return { ok: false, status: 502, message: `Token sign-in cannot work: ${(error as Error).message}` };
  }
}

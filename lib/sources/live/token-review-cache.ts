import { tokenDigest, type TokenReview } from './token-review';

const ACCEPTED_MS = 60_000;
const REFUSED_MS = 5_000;
const MAX_ENTRIES = 1_000;

/**
 * Token reviews remembered for a short while, so that a page's requests do not each ask the API server who the
 * token is: an accepted token for a minute (a revoked token keeps reading through the dashboard that long at most),
 * a refused one for a few seconds (a client retrying a bad token does not hammer the API server). Keyed by the
 * token's digest; an API server that cannot be reached is never remembered.
 */
export class TokenReviewCache {
  private readonly entries = new Map<string, { review: TokenReview; until: number }>();

  constructor(
    private readonly review: (token: string) => Promise<TokenReview>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(token: string): Promise<TokenReview> {
    const digest = tokenDigest(token);
    const cached = this.entries.get(digest);
    if (cached && cached.until > this.now()) return cached.review;
    this.entries.delete(digest);
    const review = await this.review(token);
    if (review.ok || review.status === 401) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(digest, { review, until: this.now() + (review.ok ? ACCEPTED_MS : REFUSED_MS) });
    }
    return review;
  }
}

import { describe, expect, it } from 'vitest';
import { TokenReviewCache } from './token-review-cache';
import type { TokenReview } from './token-review';

function cache(answers: Record<string, TokenReview>) {
  let now = 0;
  const asked: string[] = [];
  const reviews = new TokenReviewCache(async (token) => {
    asked.push(token);
    return answers[token]!;
  }, () => now);
  return { reviews, asked, advance: (ms: number) => (now += ms) };
}

const accepted: TokenReview = { ok: true, identity: { username: 'alice', groups: [] }, key: 'alice' };
const refused: TokenReview = { ok: false, status: 401, message: 'no' };
const unreachable: TokenReview = { ok: false, status: 502, message: 'down' };

describe('TokenReviewCache', () => {
  it.each([
    { rule: 'an accepted token is asked about once a minute', token: 'good', answer: accepted, cachedFor: 60_000 },
    { rule: 'a refused token is asked about again after a few seconds', token: 'bad', answer: refused, cachedFor: 5_000 },
  ])('$rule', async ({ token, answer, cachedFor }) => {
    const { reviews, asked, advance } = cache({ [token]: answer });
    expect(await reviews.get(token)).toEqual(answer);
    advance(cachedFor - 1);
    await reviews.get(token);
    expect(asked).toHaveLength(1);
    advance(1);
    await reviews.get(token);
    expect(asked).toHaveLength(2);
  });

  it('an API server that could not be asked is asked again at once', async () => {
    const { reviews, asked } = cache({ t: unreachable });
    await reviews.get('t');
    await reviews.get('t');
    expect(asked).toEqual(['t', 't']);
  });
});

import { describe, expect, it } from 'vitest';
import { eventsParams, parseQuery, snapshotParams } from './params';

const url = (query: string) => new URL(`http://127.0.0.1/api/x?${query}`);

describe('query validation', () => {
  it.each([
    { schema: snapshotParams, query: 'context=kind-dev', want: { ok: true, value: { context: 'kind-dev' } } },
    { schema: snapshotParams, query: '', want: { ok: true, value: {} } },
    { schema: snapshotParams, query: 'context=', want: { ok: false, message: 'context: context must not be empty' } },
    { schema: snapshotParams, query: 'context=a&namespace=b', want: { ok: false, message: 'unknown parameter: namespace' } },
    { schema: eventsParams, query: 'context=c&epoch=e&since=12', want: { ok: true, value: { context: 'c', epoch: 'e', since: 12 } } },
    { schema: eventsParams, query: 'since=-1', want: { ok: false, message: 'since: since must not be negative' } },
    { schema: eventsParams, query: 'since=1.5', want: { ok: false, message: 'since: since must be an integer' } },
  ])('$query', ({ schema, query, want }) => {
    expect(parseQuery(schema, url(query))).toEqual(want);
  });
});

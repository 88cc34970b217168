import { expect, it } from 'vitest';
import { normalize } from '@/lib/model/normalize';
import type { RawObject } from '@/lib/model/normalize/raw';
import type { ResourceKind, ResourceTypes } from '@/lib/model/types';

/** One row of a normaliser's table: the raw object, the fields the rule is about, and what they must be. */
export interface NormalizeCase<K extends ResourceKind> {
  name: string;
  raw: RawObject;
  pick: (normalized: ResourceTypes[K]) => unknown;
  want: unknown;
}

/** Runs one test per case: normalise the raw object, pick the fields the rule is about, compare them strictly. */
export function normalizeTable<K extends ResourceKind>(kind: K, cases: NormalizeCase<K>[]) {
  it.each(cases)('$name', ({ raw, pick, want }) => {
    expect(pick(normalize(kind, raw))).toStrictEqual(want);
  });
}

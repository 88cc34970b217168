import { z } from 'zod';

// Schemas every kind's schema shares (see schema.ts).

/**
 * A value built on first use, then kept. The schemas of whole families of kinds are built so: building a zod schema
 * costs, and a start of the CLI that reads no object of the family should not pay for it.
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

const str = z.string();
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();
export const stringMap = z.record(z.string(), z.string(), 'expected a mapping of strings to strings');

export const objectMeta = z.looseObject({
  name: str.min(1, 'metadata.name must not be empty'),
  namespace: str.nullish(),
  labels: stringMap.nullish(),
  annotations: stringMap.nullish(),
  // Their uids are not read (model.ts drops them): a dump's odd one is no reason to stop.
  ownerReferences: list(z.looseObject({ kind: str.optional(), name: str.optional(), controller: z.boolean().nullish() })),
});

export const labelSelector = z.looseObject({
  matchLabels: stringMap.nullish(),
  matchExpressions: list(
    z.looseObject({ key: str, operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: list(str) }),
  ),
});


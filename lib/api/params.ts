import { z } from 'zod';

// Kubeconfig context names are free-form, but never empty and never huge.
const contextName = z.string().trim().min(1, 'context must not be empty').max(253, 'context is too long');

export const snapshotParams = z.strictObject({ context: contextName.optional() });

export const eventsParams = z.strictObject({
  context: contextName.optional(),
  epoch: z.string().max(64).optional(),
  since: z.coerce.number().int('since must be an integer').nonnegative('since must not be negative').optional(),
});

/** Parses URL query parameters; the error says which parameter is wrong and why. */
export function parseQuery<T extends z.ZodType>(schema: T, url: URL): { ok: true; value: z.infer<T> } | { ok: false; message: string } {
  const result = schema.safeParse(Object.fromEntries(url.searchParams));
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
      return `${issue.path.join('.') || 'query'}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, message };
}

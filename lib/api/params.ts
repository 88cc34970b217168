import { z } from 'zod';

// Kubeconfig context names are free-form, but never empty and never huge.
const contextName = z.string().trim().min(1, 'context must not be empty').max(253, 'context is too long');

export const snapshotParams = z.strictObject({ context: contextName.optional() });

export const eventsParams = z.strictObject({
  context: contextName.optional(),
  epoch: z.string().max(64).optional(),
  since: z.coerce.number().int('since must be an integer').nonnegative('since must not be negative').optional(),
});

const protocol = z.enum(['TCP', 'UDP', 'SCTP'], { error: 'protocol must be TCP, UDP or SCTP' });
const port = z.coerce
  .number({ error: 'port must be a number' })
  .int('port must be an integer')
  .min(1, 'port must be between 1 and 65535')
  .max(65535, 'port must be between 1 and 65535');

export const explainParams = z.strictObject({
  context: contextName.optional(),
  from: z.string().trim().min(1, 'from is required (pod/NS/NAME, svc/NS/NAME, a DNS name or an IP)').max(512),
  to: z.string().trim().min(1, 'to is required (pod/NS/NAME, svc/NS/NAME, a DNS name or an IP)').max(512),
  port,
  protocol: protocol.default('TCP'),
});

const objectRef = z.string().trim().regex(/^[a-z0-9][-a-z0-9]*\/[a-z0-9][-a-z0-9.]*$/, 'must be NAMESPACE/NAME');
const labelPairs = z
  .string()
  .trim()
  .max(1024)
  .regex(/^[^=,\s]+=[^=,]*(,[^=,\s]+=[^=,]*)*$/, 'must be labels like key=value[,key=value]');

export const routeParams = z
  .strictObject({
    context: contextName.optional(),
    host: z.string().trim().min(1, 'host is required').max(253).optional(),
    path: z.string().max(2048).default('/').refine((p) => p.startsWith('/'), 'path must start with /'),
    ingressClass: z.string().max(253).optional(),
    // The Gateway API's further inputs. `url` replaces host and path, and its scheme picks the protocol
    // (http, https, grpc, grpcs, tls, tcp, udp).
    url: z.string().trim().min(1).max(4096).optional(),
    method: z.string().trim().max(16).optional(),
    /** "Name: value" lines. */
    headers: z.string().max(16384).optional(),
    gateway: objectRef.optional(),
    gatewayPods: labelPairs.optional(),
    gatewayPodsNamespace: z.string().trim().min(1).max(63).optional(),
  })
  .refine((p) => p.host !== undefined || p.url !== undefined, { path: ['host'], message: 'host is required' })
  .refine((p) => p.host === undefined || p.url === undefined, { path: ['url'], message: 'give either url or host and path, not both' });

export const dnsParams = z.strictObject({
  context: contextName.optional(),
  name: z.string().trim().min(1, 'name is required').max(253),
  namespace: z.string().trim().min(1).max(63).default('default'),
});

export const reachabilityParams = z.strictObject({
  context: contextName.optional(),
  pod: z
    .string()
    .trim()
    .regex(/^[a-z0-9][-a-z0-9]*\/[a-z0-9][-a-z0-9.]*$/, 'pod must be NAMESPACE/NAME'),
});

export const diagnosticsParams = z.strictObject({
  context: contextName.optional(),
  namespace: z.string().trim().min(1).max(63).optional(),
  severity: z.enum(['error', 'warning', 'info'], { error: 'severity must be error, warning or info' }).optional(),
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

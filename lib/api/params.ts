import { z } from 'zod';
import { dns1123LabelProblems, dns1123SubdomainProblems, dnsNameProblems, parsePortText } from '@/lib/validation/names';
import { flowTargetProblems, reachTargetProblems, requestHostProblems, requestPathProblems } from '@/lib/validation/requests';
import { gatewayRefProblems, headerLinesProblems, labelPairsProblems, traceUrlProblems } from '@/lib/validation/trace-target';
import { HTTP_METHODS } from '@/lib/analysis/routing/trace-target';

// Query parameters are parsed strictly, with the validators the CLI uses too (lib/validation): no trimming, no
// coercion (`0x50`, ` 80 ` are no ports), Kubernetes names as the API server checks them, and every parameter
// known and given once. Messages never quote the value.

/** A string that passes a validator; its problems become the message. */
const checked = (check: (value: string) => string[]) =>
  z.string().superRefine((value, ctx) => {
    const problems = check(value);
    if (problems.length > 0) ctx.addIssue({ code: 'custom', message: problems.join('; ') });
  });

// Kubeconfig context names are free-form, but never empty, never huge, never control characters.
const contextName = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be no more than 253 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

const port = z.string().transform((text, ctx) => {
  const parsed = parsePortText(text);
  if ('port' in parsed) return parsed.port;
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

const namespace = checked(dns1123LabelProblems);

export const contextsParams = z.strictObject({});

export const snapshotParams = z.strictObject({ context: contextName.optional() });

export const eventsParams = z.strictObject({
  context: contextName.optional(),
  epoch: z.string().regex(/^[\w-]{1,64}$/, 'must be 1-64 letters, digits, _ or -').optional(),
  since: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a decimal integer, 0 or more')
    .transform(Number)
    .optional(),
});

const protocol = z.enum(['TCP', 'UDP', 'SCTP'], { error: 'must be TCP, UDP or SCTP' });

export const explainParams = z.strictObject({
  context: contextName.optional(),
  from: checked(flowTargetProblems),
  to: checked(flowTargetProblems),
  port,
  protocol: protocol.default('TCP'),
});

export const routeParams = z
  .strictObject({
    context: contextName.optional(),
    host: checked(requestHostProblems).optional(),
    path: checked(requestPathProblems).default('/'),
    ingressClass: checked(dns1123SubdomainProblems).optional(),
    // The Gateway API's further inputs. `url` replaces host and path; its scheme picks the protocol (http, https,
    // grpc, grpcs, tls, tcp, udp).
    url: checked(traceUrlProblems).optional(),
    method: z.enum([...HTTP_METHODS] as [string, ...string[]], { error: `must be one of ${[...HTTP_METHODS].join(', ')}` }).optional(),
    /** "Name: value" lines. */
    headers: z.string().max(16384, 'must be no more than 16384 characters').pipe(checked(headerLinesProblems)).optional(),
    gateway: checked(gatewayRefProblems).optional(),
    gatewayPods: z.string().max(1024, 'must be no more than 1024 characters').pipe(checked(labelPairsProblems)).optional(),
    gatewayPodsNamespace: namespace.optional(),
  })
  .refine((p) => p.host !== undefined || p.url !== undefined, { path: ['host'], message: 'is required (or url)' })
  .refine((p) => p.host === undefined || p.url === undefined, { path: ['url'], message: 'replaces host and path: give one or the other' })
  .refine((p) => p.gatewayPodsNamespace === undefined || p.gatewayPods !== undefined, { path: ['gatewayPodsNamespace'], message: 'needs gatewayPods' });

export const dnsParams = z.strictObject({
  context: contextName.optional(),
  name: checked(dnsNameProblems),
  namespace: namespace.default('default'),
});

export const reachabilityParams = z.strictObject({
  context: contextName.optional(),
  /** A pod or a workload, as `kube-netmap reach` takes it. */
  pod: checked(reachTargetProblems),
});

export const diagnosticsParams = z.strictObject({
  context: contextName.optional(),
  namespace: namespace.optional(),
  severity: z.enum(['error', 'warning', 'info'], { error: 'must be error, warning or info' }).optional(),
});

export const enforcementParams = z.strictObject({ context: contextName.optional() });

/**
 * Parses URL query parameters; the error names each wrong parameter and says why. A parameter given twice is an
 * error rather than a silent pick of one of its values.
 */
export function parseQuery<T extends z.ZodType>(schema: T, url: URL): { ok: true; value: z.infer<T> } | { ok: false; message: string } {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of url.searchParams.keys()) (seen.has(key) ? repeated : seen).add(key);
  if (repeated.size > 0) return { ok: false, message: `parameter given more than once: ${[...repeated].map(shown).join(', ')}` };
  const result = schema.safeParse(Object.fromEntries(url.searchParams), { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(shown).join(', ')}`;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `${issue.path.join('.')}: is required`;
      return `${issue.path.join('.') || 'query'}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, message };
}

/** A parameter name as an error shows it: JSON-quoted when it holds more than letters, cut when long. */
function shown(key: string): string {
  const cut = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return /^[\w-]+$/.test(cut) ? cut : JSON.stringify(cut);
}

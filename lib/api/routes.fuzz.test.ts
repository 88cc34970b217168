// Property-based fuzzing of every /api route's GET handler, called directly on the built-in demo (context=@demo),
// so no cluster is needed. Whatever the query: never a 500, never an uncaught exception, and every answer that is
// not a 2xx is JSON { error } with a message. The seed is fixed so a failure reproduces; fast-check prints the
// counterexample.
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as contexts } from '@/app/api/contexts/route';
import { GET as diagnostics } from '@/app/api/diagnostics/route';
import { GET as dns } from '@/app/api/dns/route';
import { GET as enforcement } from '@/app/api/enforcement/route';
import { GET as events } from '@/app/api/events/route';
import { GET as explain } from '@/app/api/explain/route';
import { GET as reachability } from '@/app/api/reachability/route';
import { GET as route } from '@/app/api/route/route';
import { GET as snapshot } from '@/app/api/snapshot/route';

const RUNS = 1000;
const SEED = 20_260_801;
// A few seconds alone; the margin is for a full suite on a busy machine.
const TIMEOUT_MS = 30_000;

type Handler = (request: NextRequest) => Response | Promise<Response>;

/** Each route with a query it answers (on the demo); the generator keeps, replaces or drops each of its values. */
const ROUTES: { path: string; handler: Handler; valid: Record<string, string> }[] = [
  { path: 'contexts', handler: contexts, valid: {} },
  { path: 'snapshot', handler: snapshot, valid: { context: '@demo' } },
  { path: 'events', handler: events, valid: { context: '@demo', epoch: 'demo', since: '0' } },
  { path: 'explain', handler: explain, valid: { context: '@demo', from: 'pod/shop/checkout-template', to: 'svc/shop/payments', port: '80', protocol: 'TCP' } },
  { path: 'route', handler: route, valid: { context: '@demo', host: 'shop.example.com', path: '/api/cart', ingressClass: 'nginx' } },
  { path: 'dns', handler: dns, valid: { context: '@demo', name: 'cart', namespace: 'shop' } },
  { path: 'reachability', handler: reachability, valid: { context: '@demo', pod: 'shop/frontend-template' } },
  { path: 'diagnostics', handler: diagnostics, valid: { context: '@demo', namespace: 'shop', severity: 'error' } },
  { path: 'enforcement', handler: enforcement, valid: { context: '@demo' } },
];

/** Values that have broken parsers before, the demo's real names, and random text of every kind. */
const value = fc.oneof(
  fc.constantFrom(
    '80', '0x50', ' 80 ', '080', '0', '65535', '65536', '-1', '1e3', '', 'TCP', 'udp', 'ICMP', '@demo', 'shop', 'default',
    'pod/shop/checkout-template', 'svc/shop/payments', 'shop/frontend-template', 'cart', 'cart.shop.svc.cluster.local.',
    'shop.example.com', '/api/cart', '10.0.0.1', 'fd00::1', '[::1]:443', 'nginx', 'error', '../../etc/passwd', '<script>',
    'a\u0000b', '%00', '__proto__', 'a'.repeat(300), `${'a.'.repeat(200)}a`,
  ),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

function queryOf(valid: Record<string, string>) {
  const names = Object.keys(valid);
  const kept = names.map((name) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | undefined>(valid[name]) },
      { weight: 2, arbitrary: value },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ).map((v): [string, string][] => (v === undefined ? [] : [[name, v]])),
  );
  const extraName = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ...(names.length ? names : ['context'])),
    fc.string({ maxLength: 12 }),
  );
  const extras = fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(extraName, value), { maxLength: 3 }) });
  // Raw query text too: broken percent-encoding, lone '&' and '=', anything a URL can carry.
  const raw = fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('%', '0', 'z', '&', '=', '+', 'a', '/', '.', '?', '#', ';'), maxLength: 30 }) },
  );
  return fc.tuple(fc.tuple(...kept), extras, raw).map(([k, e, r]) => {
    const search = new URLSearchParams([...k.flat(), ...e]).toString();
    return r ? `${search}${search ? '&' : ''}${r}` : search;
  });
}

async function call(handler: Handler, path: string, query: string): Promise<{ status: number; body: unknown }> {
  const abort = new AbortController();
  const response = await handler(new NextRequest(`http://127.0.0.1/api/${path}?${query}`, { signal: abort.signal }));
  const isStream = response.headers.get('content-type')?.startsWith('text/event-stream');
  let body: unknown;
  if (isStream) {
    await response.body?.cancel();
  } else {
    const text = await response.text();
    body = JSON.parse(text);
  }
  abort.abort();
  return { status: response.status, body };
}

describe('every /api route, fuzzed with generated query strings', () => {
  // Without a context the handlers use the current kubeconfig context: point them at none, so that no query of
  // the fuzzer ever starts a watch on a real cluster.
  beforeAll(() => {
    vi.stubEnv('KUBECONFIG', '/nonexistent/kube-netmap-fuzz-kubeconfig');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it.each(ROUTES)(`/api/$path: ${RUNS} queries, no 500, every error a JSON { error } with a message`, async ({ path, handler, valid }) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(queryOf(valid), async (query) => {
        const { status, body } = await call(handler, path, query);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status).not.toBe(500);
        if (status < 200 || status > 299) {
          expect(body).toStrictEqual({ error: expect.any(String) });
          expect((body as { error: string }).error.trim()).not.toBe('');
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The queries must reach both the parameter checks and the analysis behind them, or the test proves little.
    expect({ answered: (statuses.get(200) ?? 0) > 50, refused: (statuses.get(400) ?? 0) > 50 }).toStrictEqual({ answered: true, refused: true });
  }, TIMEOUT_MS);
});

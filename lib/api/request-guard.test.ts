import { describe, expect, it } from 'vitest';
import { guardRequest, guardSettingsFromEnv, hostNameOf, responseKindOf, securityHeaders } from './request-guard';

const request = (method: string, pathname: string, headers: Partial<Record<string, string>>, remoteAddress = '127.0.0.1') => ({
  remoteAddress,
  method,
  pathname,
  headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
});
const defaults = guardSettingsFromEnv({}, 'kubeconfig');
const tokenMode = guardSettingsFromEnv({ KUBE_NETMAP_ALLOWED_HOSTS: 'netmap.example.com' }, 'token');

describe('guardRequest', () => {
  it.each([
    { rule: 'localhost with a port is a loopback name', method: 'GET', path: '/', headers: { host: 'localhost:3000' }, want: 200 },
    { rule: '127.0.0.1 is a loopback name', method: 'GET', path: '/api/snapshot', headers: { host: '127.0.0.1:3000' }, want: 200 },
    { rule: '[::1] is a loopback name', method: 'GET', path: '/api/contexts', headers: { host: '[::1]:3000' }, want: 200 },
    { rule: 'host names compare case-insensitively', method: 'GET', path: '/', headers: { host: 'LocalHost:3000' }, want: 200 },
    { rule: 'DNS rebinding: a foreign name is refused, on pages', method: 'GET', path: '/', headers: { host: 'attacker.example' }, want: 403 },
    { rule: 'DNS rebinding: a foreign name is refused, on the API', method: 'GET', path: '/api/snapshot', headers: { host: 'attacker.example:3000' }, want: 403 },
    { rule: 'a request without Host is refused', method: 'GET', path: '/', headers: {}, want: 403 },
    { rule: 'a loopback name as a subdomain is not a loopback name', method: 'GET', path: '/', headers: { host: 'localhost.attacker.example' }, want: 403 },
    { rule: 'the page itself may call the API (same origin)', method: 'GET', path: '/api/snapshot', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, want: 200 },
    { rule: 'a typed URL (Sec-Fetch-Site none) may read the API', method: 'GET', path: '/api/snapshot', headers: { host: '127.0.0.1:3000', 'sec-fetch-site': 'none' }, want: 200 },
    { rule: 'a foreign Origin is refused on the API', method: 'GET', path: '/api/snapshot', headers: { host: '127.0.0.1:3000', origin: 'https://evil.example' }, want: 403 },
    { rule: 'another port of localhost is another origin', method: 'GET', path: '/api/events', headers: { host: 'localhost:3000', origin: 'http://localhost:8080' }, want: 403 },
    { rule: 'Origin "null" (sandboxed frame) is refused', method: 'GET', path: '/api/snapshot', headers: { host: '127.0.0.1:3000', origin: 'null' }, want: 403 },
    { rule: 'Sec-Fetch-Site cross-site is refused on the API', method: 'GET', path: '/api/dns', headers: { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, want: 403 },
    { rule: 'Sec-Fetch-Site same-site (another localhost port) is refused on the API', method: 'GET', path: '/api/dns', headers: { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-site' }, want: 403 },
    { rule: 'a cross-site link to the page itself is fine: it shows no data until its own scripts ask', method: 'GET', path: '/', headers: { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, want: 200 },
    { rule: 'HEAD is a read', method: 'HEAD', path: '/api/contexts', headers: { host: '127.0.0.1:3000' }, want: 200 },
    { rule: 'TRACE is not allowed', method: 'TRACE', path: '/api/snapshot', headers: { host: '127.0.0.1:3000' }, want: 405 },
    { rule: 'POST is not allowed: the dashboard never writes', method: 'POST', path: '/api/explain', headers: { host: '127.0.0.1:3000' }, want: 405 },
    { rule: 'OPTIONS is not allowed, so no CORS preflight can succeed', method: 'OPTIONS', path: '/api/snapshot', headers: { host: '127.0.0.1:3000', origin: 'https://evil.example' }, want: 405 },
  ])('$rule', ({ method, path, headers, want }) => {
    const verdict = guardRequest(request(method, path, headers), defaults);
    expect(verdict.ok ? 200 : verdict.status).toBe(want);
    if (!verdict.ok) expect(verdict.message).toMatch(/\S/);
  });

  it('refuses before it looks at anything else: a foreign Host gets 403 even for TRACE', () => {
    expect(guardRequest(request('TRACE', '/api/snapshot', { host: 'attacker.example' }), defaults)).toMatchObject({ status: 403 });
  });

  it.each([
    { rule: 'IPv4 loopback', address: '127.0.0.1', want: 200 },
    { rule: 'all of 127.0.0.0/8 is loopback', address: '127.1.2.3', want: 200 },
    { rule: 'IPv6 loopback', address: '::1', want: 200 },
    { rule: 'IPv4 loopback mapped into IPv6 (a server bound to ::)', address: '::ffff:127.0.0.1', want: 200 },
    { rule: 'a pod or LAN address is refused, whatever Host it sends', address: '10.244.1.7', want: 403 },
    { rule: 'a mapped pod address is refused', address: '::ffff:10.244.1.7', want: 403 },
    { rule: 'a global IPv6 address is refused', address: '2001:db8::1', want: 403 },
    { rule: 'a look-alike of loopback is not loopback', address: '127.0.0.1.example', want: 403 },
    { rule: 'an unknown address (a destroyed socket) is refused', address: '', want: 403 },
  ])('the peer address: $rule', ({ address, want }) => {
    const verdict = guardRequest(request('GET', '/api/snapshot', { host: 'localhost:3000' }, address), defaults);
    expect(verdict.ok ? 200 : verdict.status).toBe(want);
    if (!verdict.ok) expect(verdict.message).toContain('port-forward');
  });
});

describe('guardRequest in token mode', () => {
  const form = { host: 'netmap.example.com', origin: 'https://netmap.example.com', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded', 'content-length': '40' };
  const formWithoutOrigin: Partial<typeof form> = { ...form };
  delete formWithoutOrigin.origin;
  it.each([
    { rule: 'any peer may ask: the token, not the address, decides', method: 'GET', path: '/', headers: { host: 'netmap.example.com' }, address: '10.244.1.7', want: 200 },
    { rule: 'the API without a token is 401 before Next.js sees it', method: 'GET', path: '/api/snapshot', headers: { host: 'netmap.example.com' }, address: '10.244.1.7', want: 401 },
    { rule: 'the sign-in cookie carries a token', method: 'GET', path: '/api/snapshot', headers: { host: 'netmap.example.com', cookie: '__Host-kube-netmap-token=abc.def' }, address: '10.244.1.7', want: 200 },
    { rule: "an OIDC proxy's Authorization header carries a token", method: 'GET', path: '/api/events', headers: { host: 'netmap.example.com', authorization: 'Bearer abc.def' }, address: '10.244.1.7', want: 200 },
    { rule: 'a cookie of another name is no token', method: 'GET', path: '/api/snapshot', headers: { host: 'netmap.example.com', cookie: 'kube-netmap-token=abc' }, address: '10.244.1.7', want: 401 },
    { rule: 'a foreign Host is still refused', method: 'GET', path: '/api/snapshot', headers: { host: 'attacker.example', authorization: 'Bearer abc' }, address: '10.244.1.7', want: 403 },
    { rule: 'a foreign Origin is still refused on the API', method: 'GET', path: '/api/snapshot', headers: { host: 'netmap.example.com', origin: 'https://evil.example', authorization: 'Bearer abc' }, address: '10.244.1.7', want: 403 },
    { rule: 'the sign-in form from its own page', method: 'POST', path: '/auth/sign-in', headers: form, address: '10.244.1.7', want: 200 },
    { rule: 'sign-out from its own page', method: 'POST', path: '/auth/sign-out', headers: form, address: '10.244.1.7', want: 200 },
    { rule: 'login CSRF: a sign-in form of another site', method: 'POST', path: '/auth/sign-in', headers: { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, address: '10.244.1.7', want: 403 },
    { rule: 'a sign-in POST without Origin (not a browser form of this page)', method: 'POST', path: '/auth/sign-in', headers: formWithoutOrigin, address: '10.244.1.7', want: 403 },
    { rule: 'a sign-in POST of another site that lies in Origin is caught by Sec-Fetch-Site', method: 'POST', path: '/auth/sign-in', headers: { ...form, 'sec-fetch-site': 'same-site' }, address: '10.244.1.7', want: 403 },
    { rule: 'a sign-in POST as JSON is not the form', method: 'POST', path: '/auth/sign-in', headers: { ...form, 'content-type': 'application/json' }, address: '10.244.1.7', want: 415 },
    { rule: 'a sign-in POST without a declared length', method: 'POST', path: '/auth/sign-in', headers: { ...form, 'content-length': '' }, address: '10.244.1.7', want: 411 },
    { rule: 'a sign-in POST too large for a token', method: 'POST', path: '/auth/sign-in', headers: { ...form, 'content-length': '20000' }, address: '10.244.1.7', want: 413 },
    { rule: 'POST anywhere else is still 405', method: 'POST', path: '/api/snapshot', headers: form, address: '10.244.1.7', want: 405 },
    { rule: 'PUT on the sign-in path is 405', method: 'PUT', path: '/auth/sign-in', headers: form, address: '10.244.1.7', want: 405 },
  ])('$rule', ({ method, path, headers, address, want }) => {
    const verdict = guardRequest(request(method, path, headers, address), tokenMode);
    expect(verdict.ok ? 200 : verdict.status).toBe(want);
  });

  it('without token mode, the sign-in form is a write like any other', () => {
    expect(guardRequest(request('POST', '/auth/sign-in', { ...form, host: 'localhost:3000', origin: 'http://localhost:3000' }), defaults)).toMatchObject({ status: 405 });
  });
});

describe('guardSettingsFromEnv', () => {
  it.each([
    { rule: 'loopback names only by default', env: {}, host: 'kube-netmap.tools.svc', want: false },
    { rule: 'the bound HOST is allowed', env: { HOST: '192.168.1.5' }, host: '192.168.1.5:3000', want: true },
    { rule: 'a wildcard HOST names no host', env: { HOST: '0.0.0.0' }, host: '0.0.0.0:3000', want: false },
    { rule: 'KUBE_NETMAP_ALLOWED_HOSTS lists more, comma-separated', env: { KUBE_NETMAP_ALLOWED_HOSTS: 'netmap.example.com, kube-netmap.tools.svc' }, host: 'kube-netmap.tools.svc', want: true },
    { rule: 'an IPv6 HOST is written with brackets in Host', env: { HOST: '::1' }, host: '[::1]:3000', want: true },
  ])('$rule', ({ env, host, want }) => {
    expect(guardSettingsFromEnv(env, 'kubeconfig').allowedHosts.has(hostNameOf(host))).toBe(want);
  });
});

describe('securityHeaders', () => {
  it('gives pages a nonce policy without unsafe-eval in production, and forbids framing everywhere', () => {
    const page = securityHeaders('page', 'abc', false)['Content-Security-Policy'];
    expect(page).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(page).not.toContain('unsafe-eval');
    expect(page).toContain("frame-ancestors 'none'");
    expect(securityHeaders('page', 'abc', true)['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(securityHeaders('api', 'abc', false)).toMatchObject({
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    // A page's forms must name its origin in Origin (no-referrer would make it "null"); no other origin gets a Referer.
    expect(securityHeaders('page', 'abc', false)['Referrer-Policy']).toBe('same-origin');
  });

  it.each([
    ['/', 'page'],
    ['/api/snapshot', 'api'],
    ['/_next/static/chunks/a.js', 'asset'],
  ] as const)('%s is a %s', (path, kind) => expect(responseKindOf(path)).toBe(kind));
});

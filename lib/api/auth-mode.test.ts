import { describe, expect, it } from 'vitest';
import { authSettingsFromEnv, isTokenShaped, MAX_TOKEN_LENGTH, requestToken, tokenCookie } from './auth-mode';

const headers = (values: Partial<Record<string, string>>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe('authSettingsFromEnv', () => {
  it.each([
    { rule: 'the kubeconfig identity by default', env: {}, want: { mode: 'kubeconfig', idleMs: 15 * 60_000, maxIdentities: 20 } },
    { rule: 'token mode, with its limits', env: { KUBE_NETMAP_AUTH: 'token', KUBE_NETMAP_IDLE_MINUTES: '5', KUBE_NETMAP_MAX_IDENTITIES: '3' }, want: { mode: 'token', idleMs: 5 * 60_000, maxIdentities: 3 } },
  ])('$rule', ({ env, want }) => {
    expect(authSettingsFromEnv(env)).toEqual(want);
  });

  it.each([
    { rule: 'an unknown mode is refused, not taken for the default', env: { KUBE_NETMAP_AUTH: 'oidc' }, message: 'KUBE_NETMAP_AUTH must be "token" or unset' },
    { rule: 'a bound that is not a positive number', env: { KUBE_NETMAP_MAX_IDENTITIES: '0' }, message: 'KUBE_NETMAP_MAX_IDENTITIES must be a positive number' },
  ])('$rule', ({ env, message }) => {
    expect(() => authSettingsFromEnv(env)).toThrow(message);
  });
});

describe('requestToken', () => {
  it.each([
    { rule: 'none', headers: {}, want: undefined },
    { rule: 'the sign-in cookie', headers: { cookie: 'theme=dark; __Host-kube-netmap-token=eyJ.abc.def; x=1' }, want: 'eyJ.abc.def' },
    { rule: "an OIDC proxy's Authorization header", headers: { authorization: 'Bearer eyJ.abc.def' }, want: 'eyJ.abc.def' },
    { rule: 'the header wins over the cookie (the proxy speaks for the person now)', headers: { authorization: 'Bearer from-proxy', cookie: '__Host-kube-netmap-token=from-cookie' }, want: 'from-proxy' },
    { rule: 'Basic credentials are no bearer token', headers: { authorization: 'Basic dXNlcjpwYXNz' }, want: undefined },
    { rule: 'a cookie whose name only ends the same is not ours', headers: { cookie: 'x__Host-kube-netmap-token=abc' }, want: undefined },
    { rule: 'an empty cookie is no token', headers: { cookie: '__Host-kube-netmap-token=' }, want: undefined },
  ])('$rule', ({ headers: values, want }) => {
    expect(requestToken(headers(values))).toBe(want);
  });
});

describe('isTokenShaped', () => {
  it.each([
    { rule: 'a JWT', token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', want: true },
    { rule: 'a static token with symbols', token: 'abc-123_~+/=', want: true },
    { rule: 'spaces would split a header', token: 'a b', want: false },
    { rule: 'a semicolon would end the cookie', token: 'a;b', want: false },
    { rule: 'a comma would split a Set-Cookie list', token: 'a,b', want: false },
    { rule: 'control characters', token: 'a\nSet-Cookie: x', want: false },
    { rule: 'non-ASCII', token: 'tökén', want: false },
    { rule: 'longer than a cookie holds', token: 'a'.repeat(MAX_TOKEN_LENGTH + 1), want: false },
  ])('$rule', ({ token, want }) => {
    expect(isTokenShaped(token)).toBe(want);
  });
});

describe('tokenCookie', () => {
  it('is HttpOnly, Secure, SameSite=Strict, for the whole host and nothing else', () => {
    expect(tokenCookie('abc')).toBe('__Host-kube-netmap-token=abc; Path=/; HttpOnly; Secure; SameSite=Strict');
  });
  it('clears with the same attributes, so the browser replaces the one it keeps', () => {
    expect(tokenCookie('', 0)).toBe('__Host-kube-netmap-token=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0');
  });
});

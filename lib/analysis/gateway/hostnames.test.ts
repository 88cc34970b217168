// Gateway API hostname matching (Listener.hostname, HTTPRoute.spec.hostnames): each case names the rule it proves.
import { describe, expect, it } from 'vitest';
import { hostnameMatches, hostnameSpecificity, listenerHostnameRank, requestHostname } from './hostnames';

describe('hostnameMatches', () => {
  it.each([
    { name: 'no hostname matches every host', pattern: undefined, host: 'a.example.com', want: true },
    { name: 'exact, case-insensitive', pattern: 'Shop.Example.com', host: 'shop.example.COM', want: true },
    { name: 'a wildcard matches one label', pattern: '*.example.com', host: 'a.example.com', want: true },
    { name: 'a wildcard matches several labels (unlike Ingress)', pattern: '*.example.com', host: 'a.b.example.com', want: true },
    { name: 'a wildcard does not match the apex', pattern: '*.example.com', host: 'example.com', want: false },
    { name: 'a wildcard matches on whole labels only', pattern: '*.example.com', host: 'badexample.com', want: false },
  ])('$name', ({ pattern, host, want }) => {
    expect(hostnameMatches(pattern, host)).toBe(want);
  });
});

describe('precedence of hostnames', () => {
  it('listeners: exact, then the wildcard with more labels, then the shorter wildcard, then none', () => {
    const ranked = ['*.example.com', undefined, 'a.eu.example.com', '*.eu.example.com'].sort((a, b) => {
      const [ra, rb] = [listenerHostnameRank(a), listenerHostnameRank(b)];
      return rb[0] - ra[0] || rb[1] - ra[1];
    });
    expect(ranked).toStrictEqual(['a.eu.example.com', '*.eu.example.com', '*.example.com', undefined]);
  });

  it('routes: characters of a matching non-wildcard hostname first, then of any matching hostname', () => {
    expect([
      hostnameSpecificity(['*.shop.example.com', 'eu.shop.example.com'], 'eu.shop.example.com'),
      hostnameSpecificity(['*.example.com', '*.shop.example.com'], 'eu.shop.example.com'),
      hostnameSpecificity(undefined, 'eu.shop.example.com'),
      hostnameSpecificity(['other.example.com'], 'eu.shop.example.com'),
    ]).toStrictEqual([
      { rank: [19, 19], hostname: 'eu.shop.example.com' },
      { rank: [0, 18], hostname: '*.shop.example.com' },
      { rank: [0, 0] },
      undefined,
    ]);
  });
});

describe('requestHostname', () => {
  it.each([
    { host: 'Shop.Example.com:8080', want: 'shop.example.com' },
    { host: 'shop.example.com.', want: 'shop.example.com' },
    { host: '[fd00::1]:443', want: 'fd00::1' },
    { host: '10.0.0.5', want: '10.0.0.5' },
  ])('$host is $want (the port in a Host header is ignored)', ({ host, want }) => {
    expect(requestHostname(host)).toBe(want);
  });
});

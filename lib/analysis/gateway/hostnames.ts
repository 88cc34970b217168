// Hostname matching as the Gateway API defines it (Listener.hostname, HTTPRoute/GRPCRoute/TLSRoute hostnames): a
// hostname is exact, or starts with the wildcard label `*.` and then matches any name that ends with the rest and
// has at least one more label (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`).
// Unlike Ingress, the wildcard stands for any number of labels. Matching is case-insensitive.

const isWildcard = (h: string) => h.startsWith('*.');

/** Whether a concrete host (a Host header, an SNI name) falls under a listener or route hostname. */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!isWildcard(p)) return p === h;
  const suffix = p.slice(1); // ".example.com"
  return h.length > suffix.length && h.endsWith(suffix);
}

/**
 * A listener hostname's rank among listeners that share a port: exact before wildcard before none, and a wildcard
 * with more labels to the right of the `*` before one with fewer (Gateway spec, "Listeners that are distinct only
 * by Hostname"). Higher ranks first.
 */
export function listenerHostnameRank(hostname: string | undefined): [number, number] {
  if (hostname === undefined || hostname === '') return [0, 0];
  if (isWildcard(hostname)) return [1, hostname.split('.').length - 1];
  return [2, hostname.split('.').length];
}

/** What the listener hostname admits, in words. */
export function describeListenerHostname(hostname: string | undefined): string {
  if (!hostname) return 'any hostname (no hostname set)';
  return isWildcard(hostname) ? `hostnames under ${hostname.slice(2)} (wildcard ${hostname})` : `hostname ${hostname} only`;
}

/**
 * The hostnames a route has on a listener (HTTPRoute.spec.hostnames): the route's hostnames that intersect the
 * listener's, each narrowed to the intersection (`*.example.com` on a `shop.example.com` listener is
 * `shop.example.com`); route hostnames outside the listener's are ignored. `undefined` means every hostname (neither
 * sets one); an empty list means no intersection, so the route does not attach there (NoMatchingListenerHostname).
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[]): string[] | undefined {
  const l = listenerHostname?.toLowerCase() || undefined;
  if (routeHostnames.length === 0) return l === undefined ? undefined : [l];
  if (l === undefined) return [...new Set(routeHostnames.map((h) => h.toLowerCase()))];
  const out = new Set<string>();
  for (const raw of routeHostnames) {
    const r = raw.toLowerCase();
    if (!isWildcard(r)) {
      if (hostnameMatches(l, r)) out.add(r);
    } else if (!isWildcard(l)) {
      if (hostnameMatches(r, l)) out.add(l);
    } else if (r === l || hostnameMatches(l, r.slice(2))) {
      // Both wildcards: the narrower one, when one lies within the other.
      out.add(r);
    } else if (hostnameMatches(r, l.slice(2))) {
      out.add(l);
    }
  }
  return [...out];
}

/**
 * How specifically a route's effective hostnames take a request host, for precedence across routes: the most
 * characters in a matching non-wildcard hostname, then in any matching hostname (HTTPRoute.spec.hostnames). A
 * route without hostnames matches with [0, 0]; undefined when no hostname of the route takes the host.
 */
export function hostnameSpecificity(effective: readonly string[] | undefined, host: string): { rank: [number, number]; hostname?: string } | undefined {
  if (effective === undefined) return { rank: [0, 0] };
  let best: { rank: [number, number]; hostname: string } | undefined;
  for (const h of effective) {
    if (!hostnameMatches(h, host)) continue;
    const rank: [number, number] = [isWildcard(h) ? 0 : h.length, h.length];
    if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] && rank[1] > best.rank[1])) best = { rank, hostname: h };
  }
  return best;
}

/** Lower-cases and drops a port and a trailing dot: `Shop.Example.com:8443.` is `shop.example.com`. */
export function requestHostname(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  return h.replace(/\.$/, '');
}

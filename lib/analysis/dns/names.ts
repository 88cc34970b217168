// Small helpers for DNS names and host names, shared by the DNS and Ingress analyses.

/** Lower-cases a host, drops a trailing dot and a `:port` (an IPv6 literal keeps its address, without brackets). */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h.slice(1) : h.slice(1, end);
  }
  const colon = h.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address, which has no port.
  if (colon >= 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  return h.replace(/\.+$/, '');
}

/** Levenshtein distance (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to any of the targets, best first (ties keep alphabetical order), at most `limit` of them.
 * Duplicates are dropped.
 */
export function nearest(candidates: Iterable<string>, targets: readonly string[], limit = 3): string[] {
  const scored = [...new Set(candidates)].map((c) => ({
    c,
    d: targets.reduce((min, t) => Math.min(min, editDistance(c, t)), Infinity),
  }));
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, limit).map((s) => s.c);
}

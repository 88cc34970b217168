// GRPCRoute matching and precedence (GRPCRouteRule.matches, GRPCMethodMatch, GRPCHeaderMatch): a match takes a call
// when its service, its method and every header match; a rule without matches takes every call. Precedence: the
// most characters in a matching service, then in a matching method, then the most header matches (after hostname
// specificity, and before the route age and name tie-breaks, which the caller applies).

import type { GRPCRouteMatch } from '@/lib/model';
import type { MatchOutcome } from './http-match';

export interface GRPCRequestShape {
  service: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
}

function matches(type: 'Exact' | 'RegularExpression', want: string, value: string): boolean {
  if (type === 'Exact') return want === value;
  try {
    return new RegExp(`^(?:${want})$`).test(value);
  } catch {
    return false;
  }
}

export function matchGRPC(match: GRPCRouteMatch | undefined, request: GRPCRequestShape): MatchOutcome {
  if (!match) return { matched: true, regex: false, text: 'the rule has no matches, so it takes every call' };
  let regex = false;
  const m = match.method;
  if (m) {
    regex = m.type === 'RegularExpression';
    if (m.service !== undefined && !matches(m.type, m.service, request.service)) {
      return { matched: false, regex, text: `service ${request.service} is not ${m.service}` };
    }
    if (m.method !== undefined && !matches(m.type, m.method, request.method)) {
      return { matched: false, regex, text: `method ${request.method} is not ${m.method}` };
    }
  }
  const seen = new Set<string>();
  for (const h of match.headers) {
    const key = h.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (h.type === 'RegularExpression') regex = true;
    const got = request.headers[key];
    if (got === undefined || !matches(h.type, h.value, got)) return { matched: false, regex, text: `header ${h.name}${got === undefined ? ' is absent' : `: ${got} is not ${h.value}`}` };
  }
  return { matched: true, regex, text: describeGRPCMatch(match) };
}

export function describeGRPCMatch(match: GRPCRouteMatch | undefined): string {
  if (!match) return 'every call';
  const parts: string[] = [];
  if (match.method) parts.push(`${match.method.type === 'RegularExpression' ? 'RegularExpression ' : ''}${match.method.service ?? '*'}/${match.method.method ?? '*'}`);
  for (const h of match.headers) parts.push(`header ${h.name}=${h.value}`);
  return parts.join(', ') || 'every call';
}

/** Larger first: characters of the matching service, of the matching method, header count. */
export function grpcMatchKey(match: GRPCRouteMatch | undefined): number[] {
  if (!match) return [0, 0, 0];
  return [match.method?.service?.length ?? 0, match.method?.method?.length ?? 0, new Set(match.headers.map((h) => h.name.toLowerCase())).size];
}

export const GRPC_KEY_NAMES = ['the longer matching service wins', 'the longer matching method wins', 'more header matches win'] as const;

// HTTPRoute matching and precedence (HTTPRouteRule.matches, HTTPPathMatch, HTTPHeaderMatch, HTTPQueryParamMatch):
// a match takes a request when its path, every header, every query parameter and its method match; among all
// matching (route, rule, match) on a listener, precedence goes to the most specific hostname, then an Exact path,
// then the longest PathPrefix, then a method, then the most header matches, then the most query matches; ties go
// to the oldest route, then "namespace/name", then the first rule. RegularExpression matches are
// implementation-specific: evaluated here as a whole-string JavaScript regular expression, and flagged.

import type { HTTPRouteMatch } from '@/lib/model';

export interface HTTPRequestShape {
  path: string;
  method: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** In request order; only the first value of a repeated parameter is used, as the spec recommends. */
  query: [string, string][];
}

export interface MatchOutcome {
  matched: boolean;
  /** What matched, or the first thing that did not. */
  text: string;
  /** The match used a RegularExpression: its result depends on the implementation's dialect. */
  regex: boolean;
}

const pathElements = (p: string) => p.split('/').filter((e) => e !== '');

/** PathPrefix: element by element, a trailing slash of the prefix ignored; `/abc` matches `/abc/def`, not `/abcd`. */
export function pathPrefixMatches(prefix: string, path: string): boolean {
  const want = pathElements(prefix);
  const have = pathElements(path);
  if (want.length > have.length) return false;
  return want.every((e, i) => e === have[i]);
}

function regexMatches(pattern: string, value: string): boolean | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return undefined;
  }
}

function stringMatches(type: 'Exact' | 'RegularExpression', want: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  return type === 'Exact' ? want === value : regexMatches(want, value) === true;
}

/** Header and query matches: only the first entry for a name counts (header names case-insensitively). */
function firstPerName<T extends { name: string }>(items: readonly T[], fold: boolean): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = fold ? i.name.toLowerCase() : i.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function matchHTTP(match: HTTPRouteMatch, request: HTTPRequestShape): MatchOutcome {
  let regex = false;
  const { type, value } = match.path;
  if (type === 'RegularExpression') {
    regex = true;
    const ok = regexMatches(value, request.path);
    if (ok === undefined) return { matched: false, regex, text: `path regular expression ${value} is not valid here (implementation-specific dialect)` };
    if (!ok) return { matched: false, regex, text: `path ${request.path} does not match RegularExpression ${value}` };
  } else if (type === 'Exact' ? value !== request.path : !pathPrefixMatches(value, request.path)) {
    const hint =
      type === 'PathPrefix' && request.path.startsWith(value.replace(/\/$/, '')) ? ' (PathPrefix matches whole path segments only)' : '';
    return { matched: false, regex, text: `path ${request.path} does not match ${type} ${value}${hint}` };
  }
  if (match.method && match.method !== request.method) return { matched: false, regex, text: `method ${request.method} is not ${match.method}` };
  for (const h of firstPerName(match.headers, true)) {
    if (h.type === 'RegularExpression') regex = true;
    const got = request.headers[h.name.toLowerCase()];
    if (!stringMatches(h.type, h.value, got)) {
      return { matched: false, regex, text: `header ${h.name}${got === undefined ? ' is absent' : `: ${got} is not`} ${h.type === 'Exact' ? h.value : `/${h.value}/`}` };
    }
  }
  for (const q of firstPerName(match.queryParams, false)) {
    if (q.type === 'RegularExpression') regex = true;
    const got = request.query.find(([n]) => n === q.name)?.[1];
    if (!stringMatches(q.type, q.value, got)) {
      return { matched: false, regex, text: `query parameter ${q.name}${got === undefined ? ' is absent' : `=${got} is not`} ${q.type === 'Exact' ? q.value : `/${q.value}/`}` };
    }
  }
  return { matched: true, regex, text: describeHTTPMatch(match) };
}

export function describeHTTPMatch(match: HTTPRouteMatch): string {
  const parts = [`${match.path.type} ${match.path.value}`];
  if (match.method) parts.push(`method ${match.method}`);
  for (const h of match.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? `=${h.value}` : ` ~ /${h.value}/`}`);
  for (const q of match.queryParams) parts.push(`query ${q.name}${q.type === 'Exact' ? `=${q.value}` : ` ~ /${q.value}/`}`);
  return parts.join(', ');
}

/**
 * The precedence key of a matching HTTPRoute match, larger first, in the spec's order: path kind (Exact 2,
 * PathPrefix 1, RegularExpression 0: its precedence is implementation-specific), prefix length in characters (a
 * trailing slash not counted), method, header count, query count.
 */
export function httpMatchKey(match: HTTPRouteMatch): number[] {
  const kind = match.path.type === 'Exact' ? 2 : match.path.type === 'PathPrefix' ? 1 : 0;
  const length = match.path.type === 'PathPrefix' ? Math.max(1, match.path.value.replace(/\/+$/, '').length) : match.path.value.length;
  return [kind, length, match.method ? 1 : 0, firstPerName(match.headers, true).length, firstPerName(match.queryParams, false).length];
}

export const HTTP_KEY_NAMES = ['an Exact path beats a PathPrefix', 'the longer PathPrefix wins', 'a method match wins', 'more header matches win', 'more query parameter matches win'] as const;

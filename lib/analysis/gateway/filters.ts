// HTTPRoute and GRPCRoute filters, shown in a trace: what each does to the request, and where a RequestRedirect
// sends it (HTTPRequestRedirectFilter: scheme, hostname, path, port and status code, with the spec's port rules).

import type { HTTPHeaderChange, HTTPPathModifier, HTTPRouteMatch, RouteFilter } from '@/lib/model';

export interface FilterText {
  type: string;
  text: string;
}

export interface RedirectTarget {
  statusCode: number;
  location: string;
}

const pathElements = (p: string) => p.split('/').filter((e) => e !== '');

/**
 * The path after a ReplacePrefixMatch: the matched prefix's segments replaced, a trailing slash kept (the spec's
 * table: /foo/bar with prefix /foo and "/xyz" is /xyz/bar; /foo/ with "" is /).
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const rest = pathElements(path).slice(pathElements(prefix).length);
  const trailing = path.length > 1 && path.endsWith('/');
  const result = `${replacement.replace(/\/+$/, '')}${rest.length > 0 ? `/${rest.join('/')}` : ''}${trailing ? '/' : ''}`;
  return result === '' ? '/' : result.startsWith('/') ? result : `/${result}`;
}

export function modifyPath(path: string, modifier: HTTPPathModifier | undefined, match: HTTPRouteMatch | undefined): string | undefined {
  if (!modifier) return path;
  if (modifier.type === 'ReplaceFullPath') return modifier.replaceFullPath ?? '/';
  // ReplacePrefixMatch is only defined for a PathPrefix match (anything else makes the route not Accepted).
  if (match?.path.type !== 'PathPrefix') return undefined;
  return replacePrefix(path, match.path.value, modifier.replacePrefixMatch ?? '');
}

function headerText(change: HTTPHeaderChange): string {
  return [
    ...change.set.map((h) => `set ${h.name}: ${h.value}`),
    ...change.add.map((h) => `add ${h.name}: ${h.value}`),
    ...change.remove.map((h) => `remove ${h}`),
  ].join(', ');
}

export interface RequestLine {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
  /** The raw query string without "?", kept by a redirect. */
  query: string;
}

const WELL_KNOWN: Record<string, number> = { http: 80, https: 443 };

export function redirectTarget(filter: NonNullable<RouteFilter['requestRedirect']>, request: RequestLine, match: HTTPRouteMatch | undefined): RedirectTarget | { error: string } {
  const scheme = filter.scheme ?? request.scheme;
  // No port given: the scheme's well-known port when the filter sets a scheme, else the listener's port.
  const port = filter.port ?? (filter.scheme ? WELL_KNOWN[filter.scheme] : undefined) ?? request.port;
  const path = modifyPath(request.path, filter.path, match);
  if (path === undefined) return { error: 'ReplacePrefixMatch needs a PathPrefix match: the route is not Accepted' };
  const host = filter.hostname ?? request.host;
  const portText = WELL_KNOWN[scheme] === port ? '' : `:${port}`;
  return { statusCode: filter.statusCode, location: `${scheme}://${host}${portText}${path}${request.query ? `?${request.query}` : ''}` };
}

/** One line per filter, in order (implementations SHOULD apply them in the order given). */
export function describeFilters(filters: readonly RouteFilter[], request: RequestLine | undefined, match: HTTPRouteMatch | undefined): FilterText[] {
  return filters.map((f) => {
    switch (f.type) {
      case 'RequestHeaderModifier':
        return { type: f.type, text: `request headers: ${f.requestHeaderModifier ? headerText(f.requestHeaderModifier) : '(none)'}` };
      case 'ResponseHeaderModifier':
        return { type: f.type, text: `response headers: ${f.responseHeaderModifier ? headerText(f.responseHeaderModifier) : '(none)'}` };
      case 'RequestRedirect': {
        const target = f.requestRedirect && request ? redirectTarget(f.requestRedirect, request, match) : undefined;
        const text = !target ? 'redirect' : 'error' in target ? `redirect: ${target.error}` : `redirect ${target.statusCode} to ${target.location}`;
        return { type: f.type, text };
      }
      case 'URLRewrite': {
        const rewrite = f.urlRewrite ?? {};
        const path = request && rewrite.path ? modifyPath(request.path, rewrite.path, match) : undefined;
        const parts = [rewrite.hostname && `Host becomes ${rewrite.hostname}`, rewrite.path && `path becomes ${path ?? '(invalid: ReplacePrefixMatch needs a PathPrefix match)'}`];
        return { type: f.type, text: `rewrite: ${parts.filter(Boolean).join(', ') || 'nothing'}` };
      }
      case 'RequestMirror': {
        const b = f.requestMirror?.backendRef;
        return { type: f.type, text: `mirror${f.requestMirror?.percent !== undefined ? ` ${f.requestMirror.percent}% of requests` : ''} to ${b ? `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}${b.port ? ` port ${b.port}` : ''}` : '(no backend)'}; its responses are ignored` };
      }
      case 'ExtensionRef':
        return { type: f.type, text: `extension ${f.extensionRef?.kind ?? '?'} ${f.extensionRef?.name ?? '?'} (${f.extensionRef?.group ?? ''}): implementation-specific, not evaluated` };
      default:
        return { type: f.type, text: `${f.type}: shown, not evaluated` };
    }
  });
}

// What to trace, read from the text a person gives (the CLI's argument, the API's query): a URL whose scheme says
// the protocol. http:// and https:// go through Ingress and the Gateway API; grpc:// (grpcs:// over TLS) names
// host, service and method; tls://, tcp:// and udp:// name a host and port for the Gateway API's L4 routes.

import { traceTargetErrors } from '../errors';
import type { GatewayRequest } from '../gateway/trace-gateway';
import type { TraceRequestInput } from './trace-request';

export type TraceTarget = { kind: 'http'; input: TraceRequestInput } | { kind: 'connection'; request: GatewayRequest };

export interface TraceExtras {
  method?: string;
  /** "Name: value" lines, or a map. */
  headers?: string[] | Record<string, string>;
  ingressClass?: string;
}

const SCHEMES = ['http', 'https', 'grpc', 'grpcs', 'tls', 'tcp', 'udp'] as const;
export const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

function parseHeaders(headers: TraceExtras['headers']): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!Array.isArray(headers)) return headers;
  const out: Record<string, string> = {};
  for (const line of headers) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || /\s/.test(name)) throw traceTargetErrors.unreadable('a header is "Name: value"');
    out[name.toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return out;
}

/**
 * Reads a trace target. Throws TraceTargetError with a message for the person who wrote it; messages never quote
 * what was given (they may reach logs and pages), and read after the name of what was wrong ("the URL must ...").
 */
export function parseTraceTarget(text: string, extras: TraceExtras = {}): TraceTarget {
  const given = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
  const scheme = withScheme.slice(0, withScheme.indexOf(':')).toLowerCase();
  if (!(SCHEMES as readonly string[]).includes(scheme)) throw traceTargetErrors.unreadable(`must use a scheme kube-netmap traces: ${SCHEMES.map((s) => `${s}://`).join(', ')}`);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw traceTargetErrors.unreadable('is not a URL');
  }
  if (!url.hostname) throw traceTargetErrors.unreadable('has no host');
  const port = url.port ? Number(url.port) : undefined;
  const method = extras.method?.trim().toUpperCase();
  if (method !== undefined && !HTTP_METHODS.has(method)) throw traceTargetErrors.unreadable(`the method must be one of ${[...HTTP_METHODS].join(', ')}`);
  const headers = parseHeaders(extras.headers);

  if (scheme === 'http' || scheme === 'https') {
    return {
      kind: 'http',
      input: {
        host: url.host,
        path: url.pathname || '/',
        scheme,
        ...(port !== undefined ? { port } : {}),
        ...(url.search.length > 1 ? { query: url.search.slice(1) } : {}),
        ...(method ? { method } : {}),
        ...(headers ? { headers } : {}),
        ...(extras.ingressClass ? { ingressClass: extras.ingressClass } : {}),
      },
    };
  }
  if (scheme === 'grpc' || scheme === 'grpcs') {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts.length !== 2) throw traceTargetErrors.unreadable(`must be ${scheme}://HOST[:PORT]/package.Service/Method`);
    return {
      kind: 'connection',
      request: { protocol: 'grpc', tls: scheme === 'grpcs', host: url.hostname, service: parts[0]!, method: parts[1]!, ...(port !== undefined ? { port } : {}), ...(headers ? { headers } : {}) },
    };
  }
  if (port === undefined) throw traceTargetErrors.unreadable(`must name a port: ${scheme}://HOST:PORT`);
  if (scheme === 'tls') return { kind: 'connection', request: { protocol: 'tls', host: url.hostname, port } };
  return { kind: 'connection', request: { protocol: scheme as 'tcp' | 'udp', host: url.hostname, port } };
}

// What a person asks about, checked the same way whether it comes as a query parameter or a CLI argument: the ends
// of a flow, a pod, a request's host and path. Each returns every problem; [] is valid.

import { parseIp } from '@/lib/analysis/net/cidr';
import { dns1123LabelProblems, dns1123SubdomainProblems, dnsNameProblems, parsePortText } from './names';

const FLOW_TARGET_KINDS = new Set(['pod', 'po', 'svc', 'service']);

/** A namespace (DNS-1123 label) and an object name (DNS-1123 subdomain). */
export function namespacedNameProblems(namespace: string, name: string): string[] {
  return [
    ...dns1123LabelProblems(namespace).map((p) => `namespace ${p}`),
    ...dns1123SubdomainProblems(name).map((p) => `name ${p}`),
  ];
}

/** `NS/NAME`, or `pod/NS/NAME` where `pod/` is allowed. */
export function podRefProblems(text: string, options: { podPrefix: boolean }): string[] {
  const parts = text.split('/');
  if (options.podPrefix && parts.length === 3 && parts[0] === 'pod') parts.shift();
  if (parts.length !== 2) return [options.podPrefix ? 'must be pod/NAMESPACE/NAME' : 'must be NAMESPACE/NAME'];
  return namespacedNameProblems(parts[0]!, parts[1]!);
}

/**
 * One end of a flow, in the forms parseFlowTarget reads: an IP address, `pod/NS/NAME`, `pod/NAME`, `NS/NAME`,
 * `svc/NS/NAME` (or `po/`, `service/`), or else a DNS name.
 */
export function flowTargetProblems(text: string): string[] {
  if (parseIp(text)) return [];
  if (!text.includes('/')) return dnsNameProblems(text);
  const parts = text.split('/');
  if (FLOW_TARGET_KINDS.has(parts[0]!)) parts.shift();
  if (parts.length === 1) return dns1123SubdomainProblems(parts[0]!).map((p) => `name ${p}`);
  if (parts.length === 2) return namespacedNameProblems(parts[0]!, parts[1]!);
  return ['must be pod/NS/NAME, svc/NS/NAME, NS/NAME, a DNS name or an IP address'];
}

/** An HTTP Host: a DNS name, an IPv4 address or a bracketed IPv6 address, with an optional `:port`. */
export function requestHostProblems(text: string): string[] {
  let host = text;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    if (parseIp(bracketed[1]!)?.family !== 6) return ['must hold an IPv6 address between [ and ]'];
    host = '';
    port = bracketed[2];
  } else if (text.split(':').length === 2) {
    [host, port] = text.split(':') as [string, string];
  }
  const problems = host === '' || parseIp(host) ? [] : dnsNameProblems(host);
  if (port !== undefined) {
    const parsed = parsePortText(port);
    if ('problem' in parsed) problems.push(`port ${parsed.problem}`);
  }
  return problems;
}

const MAX_PATH = 2048;
// RFC 3986 path characters (unreserved, percent-encoded, sub-delims, ':', '@', '/'): a URL's path as sent.
const URL_PATH = /^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/;

/** An HTTP request path: starts with '/', at most 2048 characters, only characters a URL path may hold. */
export function requestPathProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.length > MAX_PATH) problems.push(`must be no more than ${MAX_PATH} characters`);
  if (!text.startsWith('/')) problems.push('must start with /');
  else if (!URL_PATH.test(text)) problems.push('must hold only the characters of a URL path (percent-encode the others)');
  return problems;
}

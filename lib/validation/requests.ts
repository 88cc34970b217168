// What a person asks about, checked the same way whether it comes as a query parameter or a CLI argument: the ends
// of a flow, a pod, a request's host and path. Each returns every problem; [] is valid.

import { targetShape, TARGET_FORMS } from '@/lib/analysis/flow/targets';
import { parseIp } from '@/lib/analysis/net/cidr';
import { dns1123LabelProblems, dns1123SubdomainProblems, dnsNameProblems, parsePortText } from './names';

/** A namespace (DNS-1123 label) and an object name (DNS-1123 subdomain). */
export function namespacedNameProblems(namespace: string, name: string): string[] {
  return [
    ...dns1123LabelProblems(namespace).map((p) => `namespace ${p}`),
    ...dns1123SubdomainProblems(name).map((p) => `name ${p}`),
  ];
}

/** `NS/NAME` of an object whose kind is known (a Gateway). */
export function namespacedRefProblems(text: string): string[] {
  const parts = text.split('/');
  if (parts.length !== 2) return ['must be NAMESPACE/NAME'];
  return namespacedNameProblems(parts[0]!, parts[1]!);
}

/**
 * One end of a flow, in the forms parseFlowTarget reads: an IP address, `pod/NS/NAME`, `pod/NAME`, `NS/NAME`,
 * `svc/NS/NAME` (or `po/`, `service/`), a workload (`deploy/NS/NAME`, `sts/`, `ds/`, ..., or `NS/Kind/NAME`), or
 * else a DNS name.
 */
export function flowTargetProblems(text: string): string[] {
  const shape = targetShape(text);
  if (shape.kind === 'ip') return [];
  if (shape.kind === 'dns') return dnsNameProblems(text);
  return namesProblems(shape.names, `must be ${TARGET_FORMS}`);
}

const REACH_FORMS = 'pod/NS/NAME, NS/NAME, or a workload: deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME';

/** What `reach` answers for, from the CLI and the HTTP API alike: a pod, or a workload (its pods). */
export function reachTargetProblems(text: string): string[] {
  const shape = targetShape(text);
  if (shape.kind !== 'pod' && shape.kind !== 'workload') return [`must be ${REACH_FORMS}`];
  return namesProblems(shape.names, `must be ${REACH_FORMS}`);
}

/** `NAME` or `NS/NAME` of a target whose kind is known. */
function namesProblems(names: string[], form: string): string[] {
  if (names.length === 1) return dns1123SubdomainProblems(names[0]!).map((p) => `name ${p}`);
  if (names.length === 2) return namespacedNameProblems(names[0]!, names[1]!);
  return [form];
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

// What `route` and /api/route are asked to trace, checked alike: a URL whose scheme picks the protocol (through
// parseTraceTarget, then the host and path validators every request host and path goes through), header lines,
// and the Gateway and data-plane options. Each returns every problem; [] is valid.

import { TraceTargetError } from '@/lib/analysis/errors';
import { parseTraceTarget } from '@/lib/analysis/routing/trace-target';
import { namespacedRefProblems, requestHostProblems, requestPathProblems } from './requests';

export function traceUrlProblems(text: string): string[] {
  try {
    const target = parseTraceTarget(text);
    if (target.kind !== 'http') return requestHostProblems(target.request.host ?? '').map((p) => `host ${p}`);
    return [...requestHostProblems(target.input.host).map((p) => `host ${p}`), ...requestPathProblems(target.input.path).map((p) => `path ${p}`)];
  } catch (error) {
    if (error instanceof TraceTargetError) return [error.message];
    throw error;
  }
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** "Name: value" lines (RFC 9110 field names; values of visible characters, spaces and tabs). */
export function headerLinesProblems(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0 || !HEADER_NAME.test(line.slice(0, colon))) problems.push(`line ${i + 1} must be "Name: value"`);
    else if (/[^\t\x20-\x7e]/.test(line.slice(colon + 1))) problems.push(`line ${i + 1} has characters a header value may not hold`);
  });
  return problems;
}

/** `NAMESPACE/NAME` of a Gateway. */
export const gatewayRefProblems = namespacedRefProblems;

/** Labels as `key=value[,key=value]`, as kubectl -l writes equality selectors. */
export function labelPairsProblems(text: string): string[] {
  const pairs = text.split(',');
  if (pairs.some((p) => !/^[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*$/.test(p))) return ['must be labels like key=value[,key=value]'];
  return [];
}


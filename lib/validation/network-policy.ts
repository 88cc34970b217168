// NetworkPolicy fields as the API server checks them (k8s.io/kubernetes pkg/apis/networking/validation:
// ValidateIPBlock, ValidateNetworkPolicyPort). A policy that breaks these cannot exist in a cluster, so reading it
// from a manifest would give verdicts about something that cannot be.

import { parseCidr, type IpRange } from '@/lib/analysis/net/cidr';
import { portNameProblems, portNumberProblems } from './names';

export interface FieldProblem {
  /** The field, relative to the checked object. */
  path: (string | number)[];
  message: string;
}

const CIDR_EXAMPLE = '(e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * A CIDR as the API server reads an ipBlock's (netutils.ParseCIDRSloppy with the StrictIPCIDRValidation gate off,
 * its default): an IPv4 or IPv6 address, '/', and a prefix length the family allows. A bare address is no CIDR.
 * Host bits (10.0.0.1/8) and leading zeros in IPv4 octets are accepted, as the API server still accepts them.
 */
export function parseIpBlockCidr(text: string): IpRange | { problem: string } {
  if (!text.includes('/')) return { problem: `must be a CIDR, an address with a prefix length ${CIDR_EXAMPLE}, not a bare address` };
  return parseCidr(text) ?? { problem: `must be a valid CIDR value ${CIDR_EXAMPLE}` };
}

/** ValidateIPBlock: cidr is a CIDR, and each `except` a CIDR strictly inside it (so of the same IP family). */
export function ipBlockProblems(block: { cidr: string; except?: readonly string[] | null }): FieldProblem[] {
  const cidr = parseIpBlockCidr(block.cidr);
  if ('problem' in cidr) return [{ path: ['cidr'], message: cidr.problem }];
  const problems: FieldProblem[] = [];
  (block.except ?? []).forEach((text, i) => {
    const except = parseIpBlockCidr(text);
    if ('problem' in except) problems.push({ path: ['except', i], message: except.problem });
    else if (!strictlyInside(except, cidr)) problems.push({ path: ['except', i], message: 'must be a strict subset of cidr (inside it, and smaller)' });
  });
  return problems;
}

function strictlyInside(inner: IpRange, outer: IpRange): boolean {
  if (inner.family !== outer.family) return false;
  const within = inner.start >= outer.start && inner.end <= outer.end;
  return within && inner.end - inner.start < outer.end - outer.start;
}

/** ValidateNetworkPolicyPort: a numbered port may have an endPort at or above it; a named or missing port none. */
export function policyPortProblems(port: { port?: number | string | null; endPort?: number | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const endPort = port.endPort ?? undefined;
  if (typeof port.port === 'number') {
    for (const message of portNumberProblems(port.port)) problems.push({ path: ['port'], message });
    if (endPort !== undefined && endPort < port.port) problems.push({ path: ['endPort'], message: 'must be greater than or equal to port' });
  } else if (typeof port.port === 'string') {
    for (const message of portNameProblems(port.port)) problems.push({ path: ['port'], message });
    if (endPort !== undefined) problems.push({ path: ['endPort'], message: 'may not be specified when port is a name' });
  } else if (endPort !== undefined) {
    problems.push({ path: ['endPort'], message: 'may not be specified when port is not specified' });
  }
  if (endPort !== undefined) for (const message of portNumberProblems(endPort)) problems.push({ path: ['endPort'], message });
  return problems;
}

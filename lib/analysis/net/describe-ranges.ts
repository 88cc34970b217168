import { IpRangeSet, parseCidr, type IpRange } from './cidr';

const WHOLE: Record<4 | 6, string> = { 4: '0.0.0.0/0', 6: '::/0' };

/**
 * A set of addresses as a person reads it: its CIDRs, or, when that is shorter, the whole family "except" the
 * CIDRs it leaves out ("0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16" rather than 31 CIDRs).
 */
export function describeRanges(cidrs: readonly string[], separator = ','): string {
  const ranges = cidrs.map(parseCidr).filter((r): r is IpRange => r !== undefined);
  const parts: string[] = [];
  for (const family of [4, 6] as const) {
    const set = IpRangeSet.fromRanges(ranges.filter((r) => r.family === family));
    if (set.isEmpty()) continue;
    const own = set.toCidrs();
    const missing = IpRangeSet.fromRanges([parseCidr(WHOLE[family])!]).subtract(set).toCidrs();
    parts.push(missing.length > 0 && missing.length < own.length ? `${WHOLE[family]} except ${missing.join(separator)}` : own.join(separator));
  }
  return parts.join(separator);
}

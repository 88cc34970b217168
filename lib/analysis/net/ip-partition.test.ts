import { describe, expect, it } from 'vitest';
import { formatRange, parseCidr, parseIp, type IpRange } from './cidr';
import { membershipOf, partitionAt, pieces } from './ip-partition';

const cidrs = (...texts: string[]) => texts.map((t) => parseCidr(t) as IpRange);
const values = (...ips: string[]) => ips.map((ip) => parseIp(ip)!.value);

describe('partitionAt: the address space cut at the edges of ranges', () => {
  it.each([
    { name: 'no range: one piece per family, inside nothing', ranges: [], v4: ['0.0.0.0/0'] },
    { name: 'a cidr cuts at its first address and after its last', ranges: ['10.0.0.0/8'], v4: ['0.0.0.0-9.255.255.255', '10.0.0.0/8', '11.0.0.0-255.255.255.255'] },
    {
      name: 'an except inside a cidr makes a piece of its own',
      ranges: ['10.0.0.0/8', '10.1.0.0/16'],
      v4: ['0.0.0.0-9.255.255.255', '10.0.0.0/16', '10.1.0.0/16', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255'],
    },
    { name: 'a range that ends at the last address adds no cut after it', ranges: ['128.0.0.0/1'], v4: ['0.0.0.0/1', '128.0.0.0/1'] },
  ])('$name', ({ ranges, v4 }) => {
    const partition = partitionAt(cidrs(...ranges));
    expect(pieces(partition, 4, [], []).map((p) => formatRange(p.range))).toEqual(v4);
  });

  it('names each piece by the ranges that contain it: same ranges, same id; none, -1', () => {
    const partition = partitionAt(cidrs('10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/16'));
    expect(membershipOf(partition, '8.8.8.8')).toBe(-1);
    expect(membershipOf(partition, '10.0.0.1')).toBe(membershipOf(partition, '10.200.0.1'));
    expect(membershipOf(partition, '10.1.0.1')).not.toBe(membershipOf(partition, '10.0.0.1'));
    expect(membershipOf(partition, '192.168.1.1')).not.toBe(membershipOf(partition, '10.0.0.1'));
    expect(membershipOf(partition, 'not an ip')).toBe(-1);
  });
});

describe('pieces: further cuts and skipped addresses', () => {
  it.each([
    { name: 'an address alone becomes a piece of its own', alone: ['10.0.0.5'], skip: [], want: ['0.0.0.0-10.0.0.4', '10.0.0.5/32', '10.0.0.6-255.255.255.255'] },
    { name: 'the last address alone adds no cut after it', alone: ['255.255.255.255'], skip: [], want: ['0.0.0.0-255.255.255.254', '255.255.255.255/32'] },
    { name: 'a piece made only of skipped addresses is left out', alone: ['10.0.0.5'], skip: ['10.0.0.5'], want: ['0.0.0.0-10.0.0.4', '10.0.0.6-255.255.255.255'] },
    { name: 'a piece only partly skipped stays', alone: [], skip: ['10.0.0.5'], want: ['0.0.0.0/0'] },
  ])('$name', ({ alone, skip, want }) => {
    expect(pieces(partitionAt([]), 4, values(...alone), values(...skip)).map((p) => formatRange(p.range))).toEqual(want);
  });

  it('gives each piece its first address to evaluate it with', () => {
    expect(pieces(partitionAt(cidrs('2001:db8::/32')), 6, [], []).map((p) => p.ip)).toEqual(['::', '2001:db8::', '2001:db9::']);
  });
});

import { describe, expect, it } from 'vitest';
import { IpRangeSet, parseCidr } from './cidr';
import { describeRanges } from './describe-ranges';

const allBut = (...except: string[]) =>
  IpRangeSet.fromRanges([parseCidr('0.0.0.0/0')!])
    .subtract(IpRangeSet.fromRanges(except.map((c) => parseCidr(c)!)))
    .toCidrs();

describe('describeRanges', () => {
  it.each([
    { name: 'a short list stays a list', cidrs: ['10.0.0.0/8', '192.168.0.0/16'], want: '10.0.0.0/8,192.168.0.0/16' },
    { name: 'the whole of both families', cidrs: ['0.0.0.0/0', '::/0'], want: '0.0.0.0/0,::/0' },
    {
      name: 'everything but the private ranges reads as "except" (the usual ipBlock with except)',
      cidrs: allBut('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'),
      want: '0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    },
    { name: 'families are described apart', cidrs: [...allBut('10.0.0.0/8'), '2001:db8::/32'], want: '0.0.0.0/0 except 10.0.0.0/8,2001:db8::/32' },
  ])('$name', ({ cidrs, want }) => {
    expect(describeRanges(cidrs)).toBe(want);
  });
});

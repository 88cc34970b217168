import { describe, expect, it } from 'vitest';
import { formatIp, formatRange, ipBlockContains, IpRangeSet, parseCidr, parseIp, type IpRange } from './cidr';

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

/** The range of a CIDR that must parse. */
const cidr = (text: string): IpRange => {
  const range = parseCidr(text);
  if (!range) throw new Error(`test CIDR ${text} does not parse`);
  return range;
};
const set = (...cidrs: string[]) => IpRangeSet.fromRanges(cidrs.map(cidr));

describe('parseIp', () => {
  it.each([
    { name: 'dotted-quad IPv4', text: '10.1.2.3', want: { family: 4, value: 0x0a010203n } },
    { name: 'IPv4 0.0.0.0', text: '0.0.0.0', want: { family: 4, value: 0n } },
    { name: 'IPv4 255.255.255.255', text: '255.255.255.255', want: { family: 4, value: V4_MAX } },
    { name: 'IPv4 leading zeros read as decimal, like Kubernetes ParseIPSloppy', text: '010.001.0.09', want: { family: 4, value: 0x0a010009n } },
    { name: 'full IPv6', text: '2001:0db8:0000:0000:0000:0000:0000:0001', want: { family: 6, value: 0x20010db8000000000000000000000001n } },
    { name: 'compressed IPv6 in the middle', text: '2001:db8::1', want: { family: 6, value: 0x20010db8000000000000000000000001n } },
    { name: 'IPv6 unspecified ::', text: '::', want: { family: 6, value: 0n } },
    { name: 'IPv6 loopback ::1', text: '::1', want: { family: 6, value: 1n } },
    { name: 'IPv6 compressed at the end', text: 'fe80::', want: { family: 6, value: 0xfe80n << 112n } },
    { name: 'IPv6 upper-case hex', text: 'FE80::ABCD', want: { family: 6, value: (0xfe80n << 112n) | 0xabcdn } },
    { name: ':: standing for a single zero group', text: '1:2:3:4:5:6:7::', want: { family: 6, value: 0x0001000200030004000500060007_0000n } },
    { name: 'all ones IPv6', text: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', want: { family: 6, value: V6_MAX } },
    { name: 'IPv4-mapped IPv6 stays IPv6', text: '::ffff:10.0.0.1', want: { family: 6, value: 0xffff0a000001n } },
    { name: 'embedded IPv4 after full groups', text: '64:ff9b:0:0:0:0:192.0.2.1', want: { family: 6, value: (0x64ff9bn << 96n) | 0xc0000201n } },
  ])('parses $name', ({ text, want }) => {
    expect(parseIp(text)).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['three octets', '10.0.0'],
    ['five octets', '10.0.0.0.1'],
    ['octet above 255', '10.0.0.256'],
    ['negative octet', '10.0.-1.1'],
    ['hex octet', '0x0a.0.0.1'],
    ['empty octet', '10..0.1'],
    ['surrounding whitespace', ' 10.0.0.1'],
    ['a CIDR is not an address', '10.0.0.0/8'],
    ['hostname', 'example.com'],
    ['two ::', '1::2::3'],
    ['too many groups', '1:2:3:4:5:6:7:8:9'],
    ['too few groups without ::', '1:2:3:4:5:6:7'],
    [':: with eight groups', '1:2:3:4::5:6:7:8'],
    ['group longer than four digits', '12345::1'],
    ['non-hex group', 'g::1'],
    ['leading single colon', ':1:2:3:4:5:6:7'],
    ['triple colon', ':::'],
    ['zone index', 'fe80::1%eth0'],
    ['embedded IPv4 not last', '::1.2.3.4:1'],
    ['embedded IPv4 before ::', '1.2.3.4::'],
    ['bad embedded IPv4', '::ffff:1.2.3'],
  ])('rejects %s', (_name, text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it.each([
    { name: '10.0.0.0/8', text: '10.0.0.0/8', want: { family: 4, start: 0x0a000000n, end: 0x0affffffn } },
    { name: 'host bits are masked, as the API server accepts them in ipBlock.cidr (networking/v1 IPBlock)', text: '10.0.0.1/8', want: { family: 4, start: 0x0a000000n, end: 0x0affffffn } },
    { name: '0.0.0.0/0 is every IPv4 address', text: '0.0.0.0/0', want: { family: 4, start: 0n, end: V4_MAX } },
    { name: '/32 is one address', text: '192.168.1.7/32', want: { family: 4, start: 0xc0a80107n, end: 0xc0a80107n } },
    { name: 'a bare IPv4 address is a /32', text: '192.168.1.7', want: { family: 4, start: 0xc0a80107n, end: 0xc0a80107n } },
    { name: '::/0 is every IPv6 address', text: '::/0', want: { family: 6, start: 0n, end: V6_MAX } },
    { name: 'IPv6 /64', text: '2001:db8:1:2::/64', want: { family: 6, start: 0x20010db800010002n << 64n, end: (0x20010db800010002n << 64n) | ((1n << 64n) - 1n) } },
    { name: 'IPv6 host bits are masked', text: '2001:db8::1/32', want: { family: 6, start: 0x20010db8n << 96n, end: (0x20010db8n << 96n) | ((1n << 96n) - 1n) } },
    { name: 'a bare IPv6 address is a /128', text: '::1', want: { family: 6, start: 1n, end: 1n } },
  ])('$name', ({ text, want }) => {
    expect(parseCidr(text)).toEqual(want);
  });

  it.each([
    ['prefix above 32 for IPv4', '10.0.0.0/33'],
    ['prefix above 128 for IPv6', '::/129'],
    ['empty prefix', '10.0.0.0/'],
    ['negative prefix', '10.0.0.0/-1'],
    ['non-numeric prefix', '10.0.0.0/a'],
    ['two slashes', '10.0.0.0/8/8'],
    ['garbage address', 'nope/8'],
    ['empty', ''],
  ])('rejects %s', (_name, text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('formatIp', () => {
  it.each([
    { name: 'IPv4 dotted quad', family: 4 as const, value: 0x0a010203n, want: '10.1.2.3' },
    { name: 'IPv4 zero', family: 4 as const, value: 0n, want: '0.0.0.0' },
    { name: 'IPv6 unspecified is ::', family: 6 as const, value: 0n, want: '::' },
    { name: 'IPv6 loopback is ::1', family: 6 as const, value: 1n, want: '::1' },
    { name: 'leading zeros dropped, lower case (RFC 5952 §4.1, §4.3)', family: 6 as const, value: 0x20010db8000000000000000000000001n, want: '2001:db8::1' },
    { name: 'the longest zero run is compressed (RFC 5952 §4.2.3)', family: 6 as const, value: 0x20010db8000000010000000000000001n, want: '2001:db8:0:1::1' },
    { name: 'on a tie the first zero run is compressed (RFC 5952 §4.2.3)', family: 6 as const, value: 0x20010db8000000000001000000000001n, want: '2001:db8::1:0:0:1' },
    { name: 'a single zero group is not compressed (RFC 5952 §4.2.2)', family: 6 as const, value: 0x20010db8000000010001000100010001n, want: '2001:db8:0:1:1:1:1:1' },
    { name: 'trailing zeros compress to a trailing ::', family: 6 as const, value: 0xfe80n << 112n, want: 'fe80::' },
    { name: 'IPv4-mapped in mixed notation (RFC 5952 §5)', family: 6 as const, value: 0xffff0a000001n, want: '::ffff:10.0.0.1' },
    { name: 'all ones', family: 6 as const, value: V6_MAX, want: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' },
  ])('$name', ({ family, value, want }) => {
    expect(formatIp(family, value)).toBe(want);
  });

  it.each([
    ['an IPv4 value above 32 bits', 4 as const, 1n << 32n],
    ['a negative value', 6 as const, -1n],
  ])('rejects %s with a RangeError', (_name, family, value) => {
    expect(() => formatIp(family, value)).toThrow(RangeError);
  });

  it.each(['2001:db8::1', '::', '::1', 'fe80::', '2001:db8:0:1:1:1:1:1', '1::', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', '10.0.0.1'])(
    'round-trips %s through parseIp',
    (text) => {
      const ip = parseIp(text);
      expect(ip && formatIp(ip.family, ip.value)).toBe(text);
    },
  );
});

describe('formatRange', () => {
  it.each([
    { name: 'an exact block is a CIDR', range: cidr('10.0.0.0/8'), want: '10.0.0.0/8' },
    { name: 'a single address is a /32', range: cidr('10.0.0.1'), want: '10.0.0.1/32' },
    { name: 'every IPv4 address is 0.0.0.0/0', range: cidr('0.0.0.0/0'), want: '0.0.0.0/0' },
    { name: 'every IPv6 address is ::/0', range: cidr('::/0'), want: '::/0' },
    { name: 'an IPv6 block', range: cidr('2001:db8::/32'), want: '2001:db8::/32' },
    { name: 'a power-of-two size that is not aligned is start-end', range: { family: 4, start: 1n, end: 2n } satisfies IpRange, want: '0.0.0.1-0.0.0.2' },
    { name: 'a size that is not a power of two is start-end', range: { family: 4, start: 0x0a000000n, end: 0x0a000002n } satisfies IpRange, want: '10.0.0.0-10.0.0.2' },
    { name: 'an IPv6 start-end', range: { family: 6, start: 1n, end: 3n } satisfies IpRange, want: '::1-::3' },
  ])('$name', ({ range, want }) => {
    expect(formatRange(range)).toBe(want);
  });
});

describe('ipBlockContains', () => {
  it.each([
    { name: 'an address inside cidr is in the block (networking/v1 IPBlock.cidr)', block: { cidr: '10.0.0.0/8', except: [] }, ip: '10.9.8.7', want: true },
    { name: 'an address outside cidr is not (networking/v1 IPBlock.cidr)', block: { cidr: '10.0.0.0/8', except: [] }, ip: '11.0.0.1', want: false },
    { name: 'ipBlock except carves holes (networking/v1 IPBlock.except)', block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, ip: '10.1.2.3', want: false },
    { name: 'addresses next to an except hole stay in (networking/v1 IPBlock.except)', block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, ip: '10.2.0.0', want: true },
    { name: 'several except entries each carve (networking/v1 IPBlock.except)', block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.3.0.0/16'] }, ip: '10.3.0.1', want: false },
    { name: '0.0.0.0/0 holds every IPv4 address', block: { cidr: '0.0.0.0/0', except: [] }, ip: '203.0.113.9', want: true },
    { name: 'the cidr edges are inclusive', block: { cidr: '10.0.0.0/8', except: [] }, ip: '10.255.255.255', want: true },
    { name: 'a /32 holds its one address', block: { cidr: '192.168.0.1/32', except: [] }, ip: '192.168.0.1', want: true },
    { name: 'IPv6 cidr with IPv6 address', block: { cidr: '2001:db8::/32', except: [] }, ip: '2001:db8:ffff::1', want: true },
    { name: 'IPv6 except', block: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] }, ip: '2001:db8:1::5', want: false },
    { name: 'mixed families never match: IPv4 address, ::/0', block: { cidr: '::/0', except: [] }, ip: '10.0.0.1', want: false },
    { name: 'mixed families never match: IPv6 address, 0.0.0.0/0', block: { cidr: '0.0.0.0/0', except: [] }, ip: '::1', want: false },
    { name: 'mixed families never match: IPv4-mapped IPv6 address, IPv4 cidr', block: { cidr: '10.0.0.0/8', except: [] }, ip: '::ffff:10.0.0.1', want: false },
    { name: 'an unparsable address is never in', block: { cidr: '0.0.0.0/0', except: [] }, ip: 'not-an-ip', want: false },
    { name: 'an unparsable cidr holds nothing', block: { cidr: '10.0.0.0/99', except: [] }, ip: '10.0.0.1', want: false },
    { name: 'an unparsable except entry carves nothing', block: { cidr: '10.0.0.0/8', except: ['bogus'] }, ip: '10.0.0.1', want: true },
    { name: 'an except entry with host bits is masked like cidr', block: { cidr: '10.0.0.0/8', except: ['10.1.2.3/16'] }, ip: '10.1.0.0', want: false },
  ])('$name', ({ block, ip, want }) => {
    expect(ipBlockContains(block, ip)).toBe(want);
  });
});

describe('IpRangeSet', () => {
  it.each([
    { name: 'overlapping ranges merge', input: ['10.0.0.0/16', '10.0.128.0/17'], want: ['10.0.0.0/16'] },
    { name: 'adjacent ranges merge into one block', input: ['10.0.0.0/25', '10.0.0.128/25'], want: ['10.0.0.0/24'] },
    { name: 'adjacent ranges merge even when the result is no single block', input: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'], want: ['10.0.0.0/23', '10.0.2.0/24'] },
    { name: 'unsorted input is sorted', input: ['192.168.0.0/16', '10.0.0.0/8'], want: ['10.0.0.0/8', '192.168.0.0/16'] },
    { name: 'a range inside another disappears', input: ['10.0.0.0/8', '10.1.1.1'], want: ['10.0.0.0/8'] },
    { name: 'IPv4 before IPv6, families kept apart', input: ['::/0', '10.0.0.0/8'], want: ['10.0.0.0/8', '::/0'] },
    { name: 'adjacent IPv6 ranges merge', input: ['2001:db8::/33', '2001:db8:8000::/33'], want: ['2001:db8::/32'] },
    { name: 'no ranges, empty set', input: [], want: [] },
  ])('fromRanges: $name', ({ input, want }) => {
    expect(set(...input).toCidrs()).toEqual(want);
  });

  it('fromRanges keeps ranges as given when they are not CIDR-shaped', () => {
    const s = IpRangeSet.fromRanges([
      { family: 4, start: 5n, end: 10n },
      { family: 4, start: 11n, end: 12n },
      { family: 6, start: 1n, end: 3n },
    ]);
    expect(s.ranges()).toEqual([
      { family: 4, start: 5n, end: 12n },
      { family: 6, start: 1n, end: 3n },
    ]);
    expect(s.toCidrs()).toEqual(['0.0.0.5/32', '0.0.0.6/31', '0.0.0.8/30', '0.0.0.12/32', '::1/128', '::2/127']);
  });

  it.each([
    ['start after end', { family: 4, start: 2n, end: 1n } satisfies IpRange],
    ['an IPv4 end beyond 32 bits', { family: 4, start: 0n, end: 1n << 32n } satisfies IpRange],
    ['a negative start', { family: 6, start: -1n, end: 1n } satisfies IpRange],
  ])('fromRanges rejects %s with a RangeError', (_name, range) => {
    expect(() => IpRangeSet.fromRanges([range])).toThrow(RangeError);
  });

  it.each([
    { name: 'cidr alone', block: { cidr: '10.0.0.0/8', except: [] }, want: ['10.0.0.0/8'] },
    {
      name: 'except splits the cidr (networking/v1 IPBlock.except)',
      block: { cidr: '10.0.0.0/8', except: ['10.128.0.0/9'] },
      want: ['10.0.0.0/9'],
    },
    {
      name: 'an except hole in the middle leaves the minimal blocks around it (networking/v1 IPBlock.except)',
      block: { cidr: '10.0.0.0/24', except: ['10.0.0.64/26'] },
      want: ['10.0.0.0/26', '10.0.0.128/25'],
    },
    {
      name: '0.0.0.0/0 except the private ranges, the usual egress-to-internet policy (networking/v1 IPBlock)',
      block: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] },
      want: [
        '0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/3',
        '160.0.0.0/5', '168.0.0.0/6', '172.0.0.0/12', '172.32.0.0/11', '172.64.0.0/10', '172.128.0.0/9', '173.0.0.0/8',
        '174.0.0.0/7', '176.0.0.0/4', '192.0.0.0/9', '192.128.0.0/11', '192.160.0.0/13', '192.169.0.0/16', '192.170.0.0/15',
        '192.172.0.0/14', '192.176.0.0/12', '192.192.0.0/10', '193.0.0.0/8', '194.0.0.0/7', '196.0.0.0/6', '200.0.0.0/5',
        '208.0.0.0/4', '224.0.0.0/3',
      ],
    },
    { name: '::/0 except a /1 (IPv6)', block: { cidr: '::/0', except: ['8000::/1'] }, want: ['::/1'] },
    { name: 'except equal to the cidr leaves nothing', block: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }, want: [] },
    { name: 'an except of the other family carves nothing', block: { cidr: '10.0.0.0/8', except: ['::/0'] }, want: ['10.0.0.0/8'] },
    { name: 'an unparsable cidr gives the empty set', block: { cidr: 'garbage', except: [] }, want: [] },
  ])('fromIpBlock: $name', ({ block, want }) => {
    expect(IpRangeSet.fromIpBlock(block).toCidrs()).toEqual(want);
  });

  it('fromIpBlock agrees with ipBlockContains', () => {
    const block = { cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.0.3.128/25'] };
    const s = IpRangeSet.fromIpBlock(block);
    for (const ip of ['10.0.0.255', '10.0.1.0', '10.0.1.255', '10.0.2.0', '10.0.3.127', '10.0.3.128', '10.0.255.255', '10.1.0.0']) {
      expect([ip, s.contains(ip)]).toEqual([ip, ipBlockContains(block, ip)]);
    }
  });

  it.each([
    { name: 'all() is 0.0.0.0/0 and ::/0', got: () => IpRangeSet.all().toCidrs(), want: ['0.0.0.0/0', '::/0'] },
    { name: 'union merges adjacent ranges', got: () => set('10.0.0.0/24').union(set('10.0.1.0/24')).toCidrs(), want: ['10.0.0.0/23'] },
    { name: 'union keeps both families', got: () => set('10.0.0.0/8').union(set('fd00::/8')).toCidrs(), want: ['10.0.0.0/8', 'fd00::/8'] },
    { name: 'union with the empty set is the set', got: () => set('10.0.0.0/8').union(IpRangeSet.empty()).toCidrs(), want: ['10.0.0.0/8'] },
    {
      name: 'intersect keeps the overlap',
      got: () => set('10.0.0.0/8').intersect(set('10.1.0.0/16', '11.0.0.0/8', '9.0.0.0/8')).toCidrs(),
      want: ['10.1.0.0/16'],
    },
    { name: 'intersect of different families is empty', got: () => set('0.0.0.0/0').intersect(set('::/0')).toCidrs(), want: [] },
    {
      name: 'intersect of ranges overlapping several others',
      got: () => set('10.0.0.0/24', '10.0.2.0/24').intersect(set('10.0.0.128/25', '10.0.1.0/24', '10.0.2.0/25')).toCidrs(),
      want: ['10.0.0.128/25', '10.0.2.0/25'],
    },
    { name: 'subtract producing a split', got: () => set('10.0.0.0/24').subtract(set('10.0.0.128/26')).toCidrs(), want: ['10.0.0.0/25', '10.0.0.192/26'] },
    {
      name: 'subtract one range cutting two',
      got: () => set('10.0.0.0/24', '10.0.2.0/24').subtract(set('10.0.0.128/25', '10.0.1.0/24', '10.0.2.0/25')).toCidrs(),
      want: ['10.0.0.0/25', '10.0.2.128/25'],
    },
    { name: 'subtract everything leaves nothing', got: () => set('10.0.0.0/8', '::/0').subtract(IpRangeSet.all()).toCidrs(), want: [] },
    { name: 'subtract of the other family changes nothing', got: () => set('10.0.0.0/8').subtract(set('::/0')).toCidrs(), want: ['10.0.0.0/8'] },
    { name: 'subtract of a single IPv6 address from ::/0', got: () => set('::/0').subtract(set('::')).toCidrs().length, want: 128 },
    { name: 'subtract of one address splits a /30 into two', got: () => set('10.0.0.0/30').subtract(set('10.0.0.1')).toCidrs(), want: ['10.0.0.0/32', '10.0.0.2/31'] },
    { name: 'all() minus 0.0.0.0/0 is ::/0', got: () => IpRangeSet.all().subtract(set('0.0.0.0/0')).toCidrs(), want: ['::/0'] },
  ])('$name', ({ got, want }) => {
    expect(got()).toEqual(want);
  });

  it.each([
    { name: 'an address in a range', s: set('10.0.0.0/8', '192.168.0.0/16'), ip: '192.168.3.4', want: true },
    { name: 'an address between ranges', s: set('10.0.0.0/8', '192.168.0.0/16'), ip: '172.16.0.1', want: false },
    { name: 'the first address of a range', s: set('10.0.0.0/8'), ip: '10.0.0.0', want: true },
    { name: 'the address after a range', s: set('10.0.0.0/8'), ip: '11.0.0.0', want: false },
    { name: 'an IPv6 address', s: set('2001:db8::/32'), ip: '2001:db8::abcd', want: true },
    { name: 'an IPv4 address against an IPv6-only set', s: set('::/0'), ip: '10.0.0.1', want: false },
    { name: 'an unparsable address', s: IpRangeSet.all(), ip: '10.0.0', want: false },
  ])('contains: $name', ({ s, ip, want }) => {
    expect(s.contains(ip)).toBe(want);
  });

  it.each([
    { name: 'the same addresses built differently are equal', a: set('10.0.0.0/25', '10.0.0.128/25'), b: set('10.0.0.0/24'), want: true },
    { name: 'different sets are not equal', a: set('10.0.0.0/24'), b: set('10.0.0.0/25'), want: false },
    { name: 'the same IPv4 with a different IPv6 part is not equal', a: set('10.0.0.0/8'), b: set('10.0.0.0/8', '::1'), want: false },
    { name: 'two empty sets are equal', a: IpRangeSet.empty(), b: set(), want: true },
    { name: 'all() equals both families built by hand', a: IpRangeSet.all(), b: set('::/0', '0.0.0.0/0'), want: true },
  ])('equals: $name', ({ a, b, want }) => {
    expect(a.equals(b)).toBe(want);
    expect(b.equals(a)).toBe(want);
  });

  it.each([
    { name: 'empty()', s: IpRangeSet.empty(), want: true },
    { name: 'a set minus itself', s: set('10.0.0.0/8').subtract(set('10.0.0.0/8')), want: true },
    { name: 'a single address', s: set('10.0.0.1'), want: false },
    { name: 'all()', s: IpRangeSet.all(), want: false },
  ])('isEmpty: $name', ({ s, want }) => {
    expect(s.isEmpty()).toBe(want);
  });

  it('is immutable: operations return new sets and ranges() hands out copies', () => {
    const a = set('10.0.0.0/8');
    a.union(set('11.0.0.0/8'));
    a.subtract(set('10.0.0.0/9'));
    const ranges = a.ranges();
    (ranges[0] as IpRange).start = 0n;
    ranges.push({ family: 6, start: 0n, end: 0n });
    expect(a.toCidrs()).toEqual(['10.0.0.0/8']);
  });

  it('toCidrs is minimal and exact for an odd range', () => {
    // 10.0.0.1 .. 10.0.1.254: the worst case for a /23 around it.
    const s = IpRangeSet.fromRanges([{ family: 4, start: 0x0a000001n, end: 0x0a0001fen }]);
    expect(s.toCidrs()).toEqual([
      '10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/29', '10.0.0.16/28', '10.0.0.32/27', '10.0.0.64/26', '10.0.0.128/25',
      '10.0.1.0/25', '10.0.1.128/26', '10.0.1.192/27', '10.0.1.224/28', '10.0.1.240/29', '10.0.1.248/30', '10.0.1.252/31', '10.0.1.254/32',
    ]);
    expect(IpRangeSet.fromRanges(s.toCidrs().map(cidr)).equals(s)).toBe(true);
  });

  it('handles thousands of ranges (sort and sweep): 5,000 scattered /32s and their /31 partners merge into 5,000 /31s', () => {
    // Every other /31 of 10.0.0.0/8, in shuffled order, as two separate sets.
    const evens: IpRange[] = [];
    const odds: IpRange[] = [];
    for (let i = 0; i < 5000; i++) {
      const base = 0x0a000000n + BigInt(((i * 7919) % 5000) * 4);
      evens.push({ family: 4, start: base, end: base });
      odds.push({ family: 4, start: base + 1n, end: base + 1n });
    }
    const union = IpRangeSet.fromRanges(evens).union(IpRangeSet.fromRanges(odds));
    expect(union.ranges()).toHaveLength(5000);
    expect(union.toCidrs()).toHaveLength(5000);
    expect(union.toCidrs()[0]).toBe('10.0.0.0/31');
    expect(union.toCidrs()[4999]).toBe('10.0.78.28/31');
    const holes = IpRangeSet.fromRanges([cidr('10.0.0.0/16')]).subtract(union);
    expect(holes.ranges()).toHaveLength(5000);
    expect(holes.intersect(union).isEmpty()).toBe(true);
    expect(holes.union(union).toCidrs()).toEqual(['10.0.0.0/16']);
  });
});

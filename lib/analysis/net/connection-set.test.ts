import { describe, expect, it } from 'vitest';
import type { NetworkPolicyPort, Protocol } from '@/lib/model/types';
import { ConnectionSet, connectionSetForPolicyPorts, type PortRange } from './connection-set';

const r = (start: number, end = start): PortRange => ({ start, end });
const tcp = (...ranges: PortRange[]) => ConnectionSet.ports('TCP', ranges);
const udp = (...ranges: PortRange[]) => ConnectionSet.ports('UDP', ranges);

describe('ConnectionSet', () => {
  it.each([
    { name: 'all()', set: ConnectionSet.all(), isAll: true, isEmpty: false, text: 'All connections', json: { all: true } },
    { name: 'none()', set: ConnectionSet.none(), isAll: false, isEmpty: true, text: 'No connections', json: {} },
    { name: 'ports with no ranges is empty', set: tcp(), isAll: false, isEmpty: true, text: 'No connections', json: {} },
    { name: 'one port', set: udp(r(53)), isAll: false, isEmpty: false, text: 'UDP 53', json: { UDP: [[53, 53]] } },
    { name: 'allOf one protocol', set: ConnectionSet.allOf('SCTP'), isAll: false, isEmpty: false, text: 'SCTP (all ports)', json: { SCTP: [[1, 65535]] } },
    {
      name: 'every port of every protocol, built by union, is all',
      set: ConnectionSet.allOf('UDP').union(ConnectionSet.allOf('SCTP')).union(tcp(r(1, 100), r(101, 65535))),
      isAll: true,
      isEmpty: false,
      text: 'All connections',
      json: { all: true },
    },
    {
      name: 'protocols print in the order TCP, UDP, SCTP',
      set: ConnectionSet.allOf('SCTP').union(udp(r(53))).union(tcp(r(1, 79), r(81, 65535))),
      isAll: false,
      isEmpty: false,
      text: 'TCP 1-79,81-65535; UDP 53; SCTP (all ports)',
      json: { TCP: [[1, 79], [81, 65535]], UDP: [[53, 53]], SCTP: [[1, 65535]] },
    },
  ])('$name: isAll, isEmpty, toString, toJSON', ({ set, isAll, isEmpty, text, json }) => {
    expect(set.isAll()).toBe(isAll);
    expect(set.isEmpty()).toBe(isEmpty);
    expect(set.toString()).toBe(text);
    expect(set.toJSON()).toEqual(json);
  });

  it('JSON.stringify uses toJSON', () => {
    expect(JSON.stringify(tcp(r(80), r(443)))).toBe('{"TCP":[[80,80],[443,443]]}');
  });

  it.each([
    { name: 'overlapping ranges merge', set: tcp(r(80, 90), r(85, 100)), protocol: 'TCP' as Protocol, want: [r(80, 100)] },
    { name: 'adjacent ranges merge', set: tcp(r(80), r(81), r(82, 90)), protocol: 'TCP' as Protocol, want: [r(80, 90)] },
    { name: 'unsorted ranges are sorted', set: tcp(r(443), r(80)), protocol: 'TCP' as Protocol, want: [r(80), r(443)] },
    { name: 'a protocol without ports has none', set: tcp(r(80)), protocol: 'UDP' as Protocol, want: [] },
    { name: 'union merges adjacent ranges', set: tcp(r(1, 79)).union(tcp(r(80, 100))), protocol: 'TCP' as Protocol, want: [r(1, 100)] },
    { name: 'union keeps protocols apart', set: tcp(r(53)).union(udp(r(53))), protocol: 'UDP' as Protocol, want: [r(53)] },
    { name: 'intersect keeps the overlap', set: tcp(r(1, 100), r(200, 300)).intersect(tcp(r(50, 250))), protocol: 'TCP' as Protocol, want: [r(50, 100), r(200, 250)] },
    { name: 'intersect of different protocols is empty', set: tcp(r(53)).intersect(udp(r(53))), protocol: 'TCP' as Protocol, want: [] },
    { name: 'intersect with all() is the set', set: tcp(r(80)).intersect(ConnectionSet.all()), protocol: 'TCP' as Protocol, want: [r(80)] },
    { name: 'subtract producing a split', set: ConnectionSet.allOf('TCP').subtract(tcp(r(80))), protocol: 'TCP' as Protocol, want: [r(1, 79), r(81, 65535)] },
    { name: 'subtract at the edges', set: ConnectionSet.allOf('TCP').subtract(tcp(r(1), r(65535))), protocol: 'TCP' as Protocol, want: [r(2, 65534)] },
    {
      name: 'subtract one range cutting two',
      set: tcp(r(10, 20), r(30, 40)).subtract(tcp(r(15, 35))),
      protocol: 'TCP' as Protocol,
      want: [r(10, 14), r(36, 40)],
    },
    { name: 'subtract several holes from one range', set: tcp(r(1, 100)).subtract(tcp(r(10), r(20, 29), r(100))), protocol: 'TCP' as Protocol, want: [r(1, 9), r(11, 19), r(30, 99)] },
    { name: 'subtract of another protocol changes nothing', set: tcp(r(80)).subtract(udp(r(80))), protocol: 'TCP' as Protocol, want: [r(80)] },
  ])('$name', ({ set, protocol, want }) => {
    expect(set.rangesFor(protocol)).toEqual(want);
  });

  it.each([
    { name: 'a port in a range', set: tcp(r(8000, 8100)), protocol: 'TCP' as Protocol, port: 8050, want: true },
    { name: 'the range ends are inclusive', set: tcp(r(8000, 8100)), protocol: 'TCP' as Protocol, port: 8100, want: true },
    { name: 'a port past the range', set: tcp(r(8000, 8100)), protocol: 'TCP' as Protocol, port: 8101, want: false },
    { name: 'a port between ranges', set: tcp(r(80), r(443)), protocol: 'TCP' as Protocol, port: 100, want: false },
    { name: 'the same port of another protocol', set: tcp(r(53)), protocol: 'UDP' as Protocol, port: 53, want: false },
    { name: 'all() allows SCTP', set: ConnectionSet.all(), protocol: 'SCTP' as Protocol, port: 9999, want: true },
    { name: 'none() allows nothing', set: ConnectionSet.none(), protocol: 'TCP' as Protocol, port: 80, want: false },
  ])('allows: $name', ({ set, protocol, port, want }) => {
    expect(set.allows(protocol, port)).toBe(want);
  });

  it.each([
    { name: 'the same ports built differently are equal', a: tcp(r(1, 10), r(11, 20)), b: tcp(r(1, 20)), want: true },
    { name: 'all() equals every protocol in full', a: ConnectionSet.all(), b: ConnectionSet.allOf('TCP').union(ConnectionSet.allOf('UDP')).union(ConnectionSet.allOf('SCTP')), want: true },
    { name: 'none() equals an empty ports()', a: ConnectionSet.none(), b: udp(), want: true },
    { name: 'the same ports of different protocols differ', a: tcp(r(80)), b: udp(r(80)), want: false },
    { name: 'different ranges differ', a: tcp(r(80, 81)), b: tcp(r(80)), want: false },
  ])('equals: $name', ({ a, b, want }) => {
    expect(a.equals(b)).toBe(want);
    expect(b.equals(a)).toBe(want);
  });

  it.each([
    ['port 0', r(0)],
    ['port 65536', r(65535, 65536)],
    ['start after end', r(90, 80)],
    ['a fractional port', r(80.5)],
  ])('ports rejects %s with a RangeError', (_name, range) => {
    expect(() => tcp(range)).toThrow(RangeError);
  });

  it('is immutable: operations return new sets and rangesFor hands out copies', () => {
    const a = tcp(r(80));
    a.union(tcp(r(81)));
    a.subtract(tcp(r(80)));
    const ranges = a.rangesFor('TCP');
    (ranges[0] as PortRange).end = 90;
    ranges.push(r(100));
    expect(a.toString()).toBe('TCP 80');
  });

  it('handles thousands of ports: 5,000 ports and their neighbours union into 5,000 two-port ranges', () => {
    const evens: PortRange[] = [];
    const odds: PortRange[] = [];
    for (let i = 0; i < 5000; i++) {
      const port = 1000 + ((i * 7919) % 5000) * 4;
      evens.push(r(port));
      odds.push(r(port + 1));
    }
    const union = tcp(...evens).union(tcp(...odds));
    expect(union.rangesFor('TCP')).toHaveLength(5000);
    expect(union.allows('TCP', 1001)).toBe(true);
    expect(union.allows('TCP', 1002)).toBe(false);
    expect(ConnectionSet.allOf('TCP').subtract(union).rangesFor('TCP')).toHaveLength(5001);
  });
});

describe('connectionSetForPolicyPorts', () => {
  const containerPorts: Record<string, { protocol: Protocol; port: number }[]> = {
    http: [{ protocol: 'TCP', port: 8080 }],
    dns: [
      { protocol: 'UDP', port: 5353 },
      { protocol: 'TCP', port: 5354 },
    ],
    multi: [
      { protocol: 'TCP', port: 9000 },
      { protocol: 'TCP', port: 9001 },
    ],
  };
  const resolve = (name: string, protocol: Protocol) =>
    (containerPorts[name] ?? []).filter((p) => p.protocol === protocol).map((p) => p.port);
  const port = (protocol: Protocol, p?: number | string, endPort?: number): NetworkPolicyPort => ({
    protocol,
    ...(p === undefined ? {} : { port: p }),
    ...(endPort === undefined ? {} : { endPort }),
  });

  it.each([
    { name: 'an empty ports list allows every connection (networking/v1 NetworkPolicyIngressRule.ports)', ports: [], want: 'All connections' },
    { name: 'a protocol without a port allows every port of it (networking/v1 NetworkPolicyPort.port)', ports: [port('UDP')], want: 'UDP (all ports)' },
    { name: 'a numeric port allows that port of the protocol (networking/v1 NetworkPolicyPort)', ports: [port('TCP', 443)], want: 'TCP 443' },
    { name: 'endPort is inclusive (networking/v1 NetworkPolicyPort.endPort)', ports: [port('TCP', 32000, 32768)], want: 'TCP 32000-32768' },
    { name: 'endPort equal to port is that one port (networking/v1 NetworkPolicyPort.endPort)', ports: [port('TCP', 80, 80)], want: 'TCP 80' },
    { name: 'entries are ORed (networking/v1 NetworkPolicyIngressRule.ports)', ports: [port('TCP', 80), port('TCP', 443), port('UDP', 53)], want: 'TCP 80,443; UDP 53' },
    { name: 'overlapping entries merge', ports: [port('TCP', 80, 90), port('TCP', 85, 100), port('TCP', 101)], want: 'TCP 80-101' },
    { name: 'all three protocols in full are all connections', ports: [port('TCP'), port('UDP'), port('SCTP')], want: 'All connections' },
    {
      name: 'a named port resolves to the destination container port of that name (networking/v1 NetworkPolicyPort.port)',
      ports: [port('TCP', 'http')],
      want: 'TCP 8080',
    },
    {
      name: 'a named port resolves only ports of the entry protocol (networking/v1 NetworkPolicyPort.protocol)',
      ports: [port('UDP', 'dns')],
      want: 'UDP 5353',
    },
    { name: 'a named port may resolve to several ports', ports: [port('TCP', 'multi')], want: 'TCP 9000-9001' },
    { name: 'a named port the pod lacks contributes nothing', ports: [port('TCP', 'metrics')], want: 'No connections' },
    { name: 'a named port the pod lacks leaves the other entries', ports: [port('TCP', 'metrics'), port('TCP', 'http')], want: 'TCP 8080' },
    { name: 'endPort below port is invalid and contributes nothing (networking/v1 NetworkPolicyPort.endPort)', ports: [port('TCP', 90, 80)], want: 'No connections' },
    { name: 'endPort with a named port is invalid and contributes nothing (networking/v1 NetworkPolicyPort.endPort)', ports: [port('TCP', 'http', 9000)], want: 'No connections' },
    { name: 'endPort without a port is invalid and contributes nothing (networking/v1 NetworkPolicyPort.endPort)', ports: [port('TCP', undefined, 9000)], want: 'No connections' },
    { name: 'a port outside 1..65535 is invalid and contributes nothing', ports: [port('TCP', 0), port('TCP', 70000), port('TCP', 443, 70000)], want: 'No connections' },
  ])('$name', ({ ports, want }) => {
    expect(connectionSetForPolicyPorts(ports, resolve).toString()).toBe(want);
  });

  it('passes the name and the entry protocol to the resolver, and ignores resolved numbers outside 1..65535', () => {
    const calls: [string, Protocol][] = [];
    const set = connectionSetForPolicyPorts([port('SCTP', 'sig')], (name, protocol) => {
      calls.push([name, protocol]);
      return [0, 3868, 3868, 99999];
    });
    expect(calls).toEqual([['sig', 'SCTP']]);
    expect(set.toJSON()).toEqual({ SCTP: [[3868, 3868]] });
  });
});

import { describe, expect, it } from 'vitest';
import {
  dns1123LabelProblems, dns1123SubdomainProblems, dnsNameProblems, parsePortText, portNameProblems, portNumberProblems,
} from './names';
import { ipBlockProblems, policyPortProblems } from './network-policy';
import { flowTargetProblems, namespacedRefProblems, reachTargetProblems, requestHostProblems, requestPathProblems } from './requests';

const LABEL_CHARSET = "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit";
const SUBDOMAIN_CHARSET =
  "must be a lowercase RFC 1123 subdomain: labels of a-z, 0-9 and '-' separated by '.', each starting and ending with a letter or digit";
const DNS_CHARSET = "must be a DNS name: labels of letters, digits, '-' and '_' separated by '.', no label empty or starting or ending with '-'";

describe('Kubernetes names (apimachinery util/validation)', () => {
  it.each([
    { rule: 'IsDNS1123Label: lowercase letters, digits and -', check: dns1123LabelProblems, value: 'shop-2', want: [] },
    { rule: 'IsDNS1123Label: at most 63 characters', check: dns1123LabelProblems, value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
    { rule: 'IsDNS1123Label: exactly 63 characters is fine', check: dns1123LabelProblems, value: 'a'.repeat(63), want: [] },
    { rule: 'IsDNS1123Label: no dots', check: dns1123LabelProblems, value: 'a.b', want: [LABEL_CHARSET] },
    { rule: 'IsDNS1123Label: no upper case', check: dns1123LabelProblems, value: 'Shop', want: [LABEL_CHARSET] },
    { rule: 'IsDNS1123Label: no leading -', check: dns1123LabelProblems, value: '-shop', want: [LABEL_CHARSET] },
    { rule: 'IsDNS1123Label: not empty', check: dns1123LabelProblems, value: '', want: [LABEL_CHARSET] },
    { rule: 'IsDNS1123Label: no NUL byte', check: dns1123LabelProblems, value: 'a\u0000b', want: [LABEL_CHARSET] },
    { rule: 'IsDNS1123Subdomain: dotted labels', check: dns1123SubdomainProblems, value: 'api.v2', want: [] },
    { rule: 'IsDNS1123Subdomain: no ../', check: dns1123SubdomainProblems, value: '../etc', want: [SUBDOMAIN_CHARSET] },
    { rule: 'IsDNS1123Subdomain: no markup', check: dns1123SubdomainProblems, value: '<b>x</b>', want: [SUBDOMAIN_CHARSET] },
    { rule: 'IsDNS1123Subdomain: no empty label', check: dns1123SubdomainProblems, value: 'a..b', want: [SUBDOMAIN_CHARSET] },
    {
      rule: 'IsDNS1123Subdomain: at most 253 characters',
      check: dns1123SubdomainProblems,
      value: `${'a'.repeat(60)}.`.repeat(4) + 'a'.repeat(10),
      want: ['must be no more than 253 characters'],
    },
    { rule: 'IsValidPortName: lowercase name with a letter', check: portNameProblems, value: 'http-metrics', want: [] },
    { rule: 'IsValidPortName: at most 15 characters', check: portNameProblems, value: 'a-very-long-port', want: ['must be no more than 15 characters'] },
    {
      rule: 'IsValidPortName: IANA_SVC_NAME has no upper case or _',
      check: portNameProblems,
      value: 'HTTP_Port',
      want: ["must contain only lowercase letters (a-z), digits (0-9) and '-'"],
    },
    { rule: 'IsValidPortName: at least one letter', check: portNameProblems, value: '8080', want: ['must contain at least one letter (a-z)'] },
    { rule: 'IsValidPortName: no consecutive -', check: portNameProblems, value: 'a--b', want: ["must not contain consecutive '-'"] },
    { rule: 'IsValidPortName: no - at either end', check: portNameProblems, value: 'http-', want: ["must not begin or end with '-'"] },
  ])('$rule', ({ check, value, want }) => {
    expect(check(value)).toStrictEqual(want);
  });

  it.each([
    { rule: 'IsValidPortNum: 1 is the lowest port', value: 1, want: [] },
    { rule: 'IsValidPortNum: 65535 is the highest port', value: 65535, want: [] },
    { rule: 'IsValidPortNum: 0 is no port', value: 0, want: ['must be an integer from 1 to 65535'] },
    { rule: 'IsValidPortNum: 65536 is no port', value: 65536, want: ['must be an integer from 1 to 65535'] },
    { rule: 'IsValidPortNum: ports are integers', value: 80.5, want: ['must be an integer from 1 to 65535'] },
  ])('$rule', ({ value, want }) => {
    expect(portNumberProblems(value)).toStrictEqual(want);
  });
});

describe('ports and DNS names as text', () => {
  const BAD_PORT = { problem: 'must be a decimal integer from 1 to 65535' };
  it.each([
    { rule: 'a decimal port', text: '80', want: { port: 80 } },
    { rule: 'the highest port', text: '65535', want: { port: 65535 } },
    { rule: 'no hexadecimal', text: '0x50', want: BAD_PORT },
    { rule: 'no surrounding spaces', text: ' 80 ', want: BAD_PORT },
    { rule: 'no leading zero (octal-looking)', text: '080', want: BAD_PORT },
    { rule: 'no exponent', text: '8e1', want: BAD_PORT },
    { rule: 'no sign', text: '+80', want: BAD_PORT },
    { rule: 'not 0', text: '0', want: BAD_PORT },
    { rule: 'not above 65535', text: '65536', want: BAD_PORT },
    { rule: 'not empty', text: '', want: BAD_PORT },
  ])('port: $rule', ({ text, want }) => {
    expect(parsePortText(text)).toStrictEqual(want);
  });

  it.each([
    { rule: 'a short name', value: 'cart', want: [] },
    { rule: 'a fully qualified name with a trailing dot', value: 'cart.shop.svc.cluster.local.', want: [] },
    { rule: 'SRV-style labels with _', value: '_http._tcp.cart.shop', want: [] },
    { rule: 'case does not matter', value: 'Cart.Shop', want: [] },
    { rule: 'at most 253 characters', value: `${'a'.repeat(63)}.`.repeat(4) + 'a', want: ['must be no more than 253 characters'] },
    { rule: 'a 10,000-character name is refused', value: 'a'.repeat(10_000), want: ['must be no more than 253 characters', 'each label must be no more than 63 characters'] },
    { rule: 'labels at most 63 characters', value: `${'a'.repeat(64)}.shop`, want: ['each label must be no more than 63 characters'] },
    { rule: 'no empty label', value: 'a..b', want: [DNS_CHARSET] },
    { rule: 'no NUL byte', value: 'cart\u0000', want: [DNS_CHARSET] },
    { rule: 'no path', value: '../../etc/passwd', want: [DNS_CHARSET] },
    { rule: 'no markup', value: '<script>alert(1)</script>', want: [DNS_CHARSET] },
    { rule: 'not empty', value: '.', want: ['must not be empty'] },
  ])('DNS name: $rule', ({ value, want }) => {
    expect(dnsNameProblems(value)).toStrictEqual(want);
  });
});

describe('NetworkPolicy fields (networking/validation)', () => {
  const BAD_CIDR = 'must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  const BARE = 'must be a CIDR, an address with a prefix length (e.g. 10.9.8.0/24 or 2001:db8::/64), not a bare address';
  const NOT_SUBSET = 'must be a strict subset of cidr (inside it, and smaller)';
  it.each([
    { rule: 'ValidateIPBlock: an IPv4 CIDR', block: { cidr: '10.0.0.0/8' }, want: [] },
    { rule: 'ValidateIPBlock: an IPv6 CIDR', block: { cidr: '2001:db8::/64' }, want: [] },
    { rule: 'ParseCIDRSloppy: host bits are accepted', block: { cidr: '10.0.0.1/8' }, want: [] },
    { rule: 'ParseCIDRSloppy: IPv4 prefix at most 32', block: { cidr: '10.0.0.0/33' }, want: [{ path: ['cidr'], message: BAD_CIDR }] },
    { rule: 'ParseCIDRSloppy: IPv6 prefix at most 128', block: { cidr: '::/129' }, want: [{ path: ['cidr'], message: BAD_CIDR }] },
    { rule: 'ParseCIDRSloppy: the address must be an IP', block: { cidr: 'hello/8' }, want: [{ path: ['cidr'], message: BAD_CIDR }] },
    { rule: 'ParseCIDRSloppy: octets at most 255', block: { cidr: '300.0.0.0/8' }, want: [{ path: ['cidr'], message: BAD_CIDR }] },
    { rule: 'ParseCIDRSloppy: a bare address is no CIDR', block: { cidr: '10.0.0.1' }, want: [{ path: ['cidr'], message: BARE }] },
    { rule: 'ValidateIPBlock: except strictly inside cidr', block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, want: [] },
    {
      rule: 'ValidateIPBlock: except must be a valid CIDR',
      block: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.0.0.0/99'] },
      want: [{ path: ['except', 1], message: BAD_CIDR }],
    },
    { rule: 'ValidateIPBlock: except outside cidr', block: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }, want: [{ path: ['except', 0], message: NOT_SUBSET }] },
    { rule: 'ValidateIPBlock: except equal to cidr is not strict', block: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }, want: [{ path: ['except', 0], message: NOT_SUBSET }] },
    { rule: 'ValidateIPBlock: except larger than cidr', block: { cidr: '10.1.0.0/16', except: ['10.0.0.0/8'] }, want: [{ path: ['except', 0], message: NOT_SUBSET }] },
    { rule: 'ValidateIPBlock: except of the other IP family', block: { cidr: '0.0.0.0/0', except: ['::/64'] }, want: [{ path: ['except', 0], message: NOT_SUBSET }] },
    { rule: 'ValidateIPBlock: a bare except address', block: { cidr: '10.0.0.0/8', except: ['10.0.0.1'] }, want: [{ path: ['except', 0], message: BARE }] },
  ])('$rule', ({ block, want }) => {
    expect(ipBlockProblems(block)).toStrictEqual(want);
  });

  it.each([
    { rule: 'ValidateNetworkPolicyPort: a range', port: { port: 8000, endPort: 9000 }, want: [] },
    { rule: 'ValidateNetworkPolicyPort: endPort equal to port', port: { port: 80, endPort: 80 }, want: [] },
    { rule: 'ValidateNetworkPolicyPort: a named port', port: { port: 'http' }, want: [] },
    { rule: 'ValidateNetworkPolicyPort: no port at all', port: {}, want: [] },
    { rule: 'ValidateNetworkPolicyPort: endPort below port', port: { port: 9000, endPort: 8000 }, want: [{ path: ['endPort'], message: 'must be greater than or equal to port' }] },
    { rule: 'ValidateNetworkPolicyPort: endPort with a named port', port: { port: 'http', endPort: 90 }, want: [{ path: ['endPort'], message: 'may not be specified when port is a name' }] },
    { rule: 'ValidateNetworkPolicyPort: endPort without port', port: { endPort: 90 }, want: [{ path: ['endPort'], message: 'may not be specified when port is not specified' }] },
    { rule: 'ValidateNetworkPolicyPort: endPort is a port number', port: { port: 80, endPort: 70000 }, want: [{ path: ['endPort'], message: 'must be an integer from 1 to 65535' }] },
    {
      rule: 'ValidateNetworkPolicyPort: a named port is an IANA_SVC_NAME',
      port: { port: 'HTTP_Port' },
      want: [{ path: ['port'], message: "must contain only lowercase letters (a-z), digits (0-9) and '-'" }],
    },
  ])('$rule', ({ port, want }) => {
    expect(policyPortProblems(port)).toStrictEqual(want);
  });
});

describe('what a request names', () => {
  it.each([
    { rule: 'an IPv4 address', check: flowTargetProblems, value: '10.1.2.3', want: [] },
    { rule: 'an IPv6 address', check: flowTargetProblems, value: 'fd00::1', want: [] },
    { rule: 'pod/NS/NAME', check: flowTargetProblems, value: 'pod/shop/api-template', want: [] },
    { rule: 'svc/NS/NAME', check: flowTargetProblems, value: 'svc/shop/payments', want: [] },
    { rule: 'a DNS name', check: flowTargetProblems, value: 'cart.shop', want: [] },
    { rule: 'a namespace is a DNS-1123 label', check: flowTargetProblems, value: 'pod/a.b/c', want: [`namespace ${LABEL_CHARSET}`] },
    { rule: 'a name is a DNS-1123 subdomain', check: flowTargetProblems, value: 'svc/shop/<b>', want: [`name ${SUBDOMAIN_CHARSET}`] },
    { rule: 'no ../ path', check: flowTargetProblems, value: '../../x', want: ['must be pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP'] },
    { rule: 'a workload: deploy/NS/NAME', check: flowTargetProblems, value: 'deploy/shop/api', want: [] },
    { rule: 'a workload: statefulset/NAME (the default namespace)', check: flowTargetProblems, value: 'statefulset/db', want: [] },
    { rule: 'a workload: NS/Kind/NAME as connectivity prints it', check: flowTargetProblems, value: 'shop/Deployment/api', want: [] },
    { rule: 'a workload\'s namespace is a DNS-1123 label', check: flowTargetProblems, value: 'ds/Kube/agent', want: [`namespace ${LABEL_CHARSET}`] },
    { rule: 'a lowercase middle is no kind: NS/x/NAME is not a target', check: flowTargetProblems, value: 'shop/deployment/api', want: ['must be pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP'] },
    { rule: 'reach: NS/NAME (a pod)', check: reachTargetProblems, value: 'shop/api', want: [] },
    { rule: 'reach: pod/NS/NAME', check: reachTargetProblems, value: 'pod/shop/api', want: [] },
    { rule: 'reach: a workload, sts/NS/NAME', check: reachTargetProblems, value: 'sts/shop/db', want: [] },
    { rule: 'reach: a workload, NS/Kind/NAME', check: reachTargetProblems, value: 'shop/StatefulSet/db', want: [] },
    { rule: 'reach: not a Service', check: reachTargetProblems, value: 'svc/shop/api', want: ['must be pod/NS/NAME, NS/NAME, or a workload: deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME'] },
    { rule: 'reach: not a DNS name', check: reachTargetProblems, value: 'api', want: ['must be pod/NS/NAME, NS/NAME, or a workload: deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME'] },
    { rule: 'gateway ref: NS/NAME', check: namespacedRefProblems, value: 'shop/gw', want: [] },
    { rule: 'gateway ref: no kind prefix', check: namespacedRefProblems, value: 'gateway/shop/gw', want: ['must be NAMESPACE/NAME'] },
    { rule: 'host: a DNS name', check: requestHostProblems, value: 'shop.example.com', want: [] },
    { rule: 'host: with a port', check: requestHostProblems, value: 'shop.example.com:8080', want: [] },
    { rule: 'host: a bracketed IPv6 address with a port', check: requestHostProblems, value: '[fd00::1]:443', want: [] },
    { rule: 'host: a bad port', check: requestHostProblems, value: 'shop:0x50', want: ['port must be a decimal integer from 1 to 65535'] },
    { rule: 'host: no markup', check: requestHostProblems, value: '<x>', want: [DNS_CHARSET] },
    { rule: 'path: a URL path', check: requestPathProblems, value: '/api/cart?x=1'.replace('?', '%3F'), want: [] },
    { rule: 'path: starts with /', check: requestPathProblems, value: 'api', want: ['must start with /'] },
    { rule: 'path: no NUL byte or markup', check: requestPathProblems, value: '/<a>\u0000', want: ['must hold only the characters of a URL path (percent-encode the others)'] },
  ])('$rule', ({ check, value, want }) => {
    expect(check(value)).toStrictEqual(want);
  });
});

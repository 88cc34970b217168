import { describe, expect, it } from 'vitest';
import { diagnosticsParams, dnsParams, eventsParams, explainParams, parseQuery, reachabilityParams, routeParams, snapshotParams } from './params';

const url = (query: string) => new URL(`http://127.0.0.1/api/x?${query}`);
const BAD_PORT = 'port: must be a decimal integer from 1 to 65535';
const LABEL = "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit";
const DNS = "must be a DNS name: labels of letters, digits, '-' and '_' separated by '.', no label empty or starting or ending with '-'";

describe('query validation', () => {
  it.each([
    { rule: 'a context', schema: snapshotParams, query: 'context=kind-dev', want: { ok: true, value: { context: 'kind-dev' } } },
    { rule: 'no parameters', schema: snapshotParams, query: '', want: { ok: true, value: {} } },
    { rule: 'a context is not empty', schema: snapshotParams, query: 'context=', want: { ok: false, message: 'context: must not be empty' } },
    { rule: 'a context has no NUL byte', schema: snapshotParams, query: 'context=a%00b', want: { ok: false, message: 'context: must not contain control characters' } },
    { rule: 'an unknown parameter is named', schema: snapshotParams, query: 'context=a&namespace=b', want: { ok: false, message: 'unknown parameter: namespace' } },
    { rule: '__proto__ is an unknown parameter', schema: snapshotParams, query: '__proto__=x', want: { ok: false, message: 'unknown parameter: __proto__' } },
    { rule: 'constructor is an unknown parameter', schema: dnsParams, query: 'name=a&constructor=x', want: { ok: false, message: 'unknown parameter: constructor' } },
    { rule: 'an unknown name with markup is quoted', schema: snapshotParams, query: '%3Cb%3E=1', want: { ok: false, message: 'unknown parameter: "<b>"' } },
    { rule: 'a parameter given twice', schema: explainParams, query: 'port=80&port=81', want: { ok: false, message: 'parameter given more than once: port' } },
    { rule: 'events resume point', schema: eventsParams, query: 'context=c&epoch=e&since=12', want: { ok: true, value: { context: 'c', epoch: 'e', since: 12 } } },
    { rule: 'since is not negative', schema: eventsParams, query: 'since=-1', want: { ok: false, message: 'since: must be a decimal integer, 0 or more' } },
    { rule: 'since is an integer', schema: eventsParams, query: 'since=1.5', want: { ok: false, message: 'since: must be a decimal integer, 0 or more' } },
    {
      rule: 'explain: a decimal port',
      schema: explainParams,
      query: 'from=pod/shop/a&to=svc/shop/b&port=80',
      want: { ok: true, value: { from: 'pod/shop/a', to: 'svc/shop/b', port: 80, protocol: 'TCP' } },
    },
    { rule: 'explain: no hexadecimal port', schema: explainParams, query: 'from=a&to=b&port=0x50', want: { ok: false, message: BAD_PORT } },
    { rule: 'explain: no spaces around a port', schema: explainParams, query: 'from=a&to=b&port=%2080%20', want: { ok: false, message: BAD_PORT } },
    { rule: 'explain: port 0 is no port', schema: explainParams, query: 'from=a&to=b&port=0', want: { ok: false, message: BAD_PORT } },
    { rule: 'explain: port above 65535', schema: explainParams, query: 'from=a&to=b&port=65536', want: { ok: false, message: BAD_PORT } },
    { rule: 'explain: a required parameter', schema: explainParams, query: 'from=a&to=b', want: { ok: false, message: 'port: is required' } },
    {
      rule: 'explain: a namespace is a DNS-1123 label',
      schema: explainParams,
      query: 'from=pod/Shop/a&to=b&port=80',
      want: { ok: false, message: `from: namespace ${LABEL}` },
    },
    { rule: 'explain: no ../', schema: explainParams, query: 'from=a&to=../../etc&port=80', want: { ok: false, message: 'to: must be pod/NS/NAME, svc/NS/NAME, deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME, NS/NAME, a DNS name or an IP' } },
    { rule: 'explain: protocol', schema: explainParams, query: 'from=a&to=b&port=80&protocol=ICMP', want: { ok: false, message: 'protocol: must be TCP, UDP or SCTP' } },
    { rule: 'dns: a name and namespace', schema: dnsParams, query: 'name=cart&namespace=shop', want: { ok: true, value: { name: 'cart', namespace: 'shop' } } },
    { rule: 'dns: the namespace defaults to default', schema: dnsParams, query: 'name=cart', want: { ok: true, value: { name: 'cart', namespace: 'default' } } },
    { rule: 'dns: no NUL byte in a name', schema: dnsParams, query: 'name=cart%00', want: { ok: false, message: `name: ${DNS}` } },
    { rule: 'dns: no markup in a name', schema: dnsParams, query: 'name=%3Cscript%3E', want: { ok: false, message: `name: ${DNS}` } },
    { rule: 'dns: no ../ in a namespace', schema: dnsParams, query: 'name=cart&namespace=../x', want: { ok: false, message: `namespace: ${LABEL}` } },
    {
      rule: 'dns: a name of 10,000 characters',
      schema: dnsParams,
      query: `name=${'a'.repeat(10_000)}`,
      want: { ok: false, message: 'name: must be no more than 253 characters; each label must be no more than 63 characters' },
    },
    { rule: 'reachability: NS/NAME', schema: reachabilityParams, query: 'pod=shop/api', want: { ok: true, value: { pod: 'shop/api' } } },
    { rule: 'reachability: a workload, as the CLI takes it', schema: reachabilityParams, query: 'pod=deploy/shop/api', want: { ok: true, value: { pod: 'deploy/shop/api' } } },
    { rule: 'reachability: a workload as connectivity prints it', schema: reachabilityParams, query: 'pod=shop/Deployment/api', want: { ok: true, value: { pod: 'shop/Deployment/api' } } },
    { rule: 'reachability: not a Service', schema: reachabilityParams, query: 'pod=svc/shop/api', want: { ok: false, message: 'pod: must be pod/NS/NAME, NS/NAME, or a workload: deploy/NS/NAME (or sts/, ds/, ...), NS/Kind/NAME' } },
    { rule: 'explain: a workload end, as the CLI takes it', schema: explainParams, query: 'from=sts/shop/db&to=shop/Deployment/api&port=80', want: { ok: true, value: { from: 'sts/shop/db', to: 'shop/Deployment/api', port: 80, protocol: 'TCP' } } },
    { rule: 'reachability: a name is a subdomain', schema: reachabilityParams, query: 'pod=shop/a_b', want: { ok: false, message: expect.stringMatching(/^pod: name must be a lowercase RFC 1123 subdomain/) } },
    { rule: 'route: host and path', schema: routeParams, query: 'host=shop.example.com&path=/api', want: { ok: true, value: { host: 'shop.example.com', path: '/api' } } },
    { rule: 'route: a path starts with /', schema: routeParams, query: 'host=a&path=api', want: { ok: false, message: 'path: must start with /' } },
    { rule: 'route: an IngressClass name', schema: routeParams, query: 'host=a&ingressClass=NGINX', want: { ok: false, message: expect.stringMatching(/^ingressClass: must be a lowercase RFC 1123 subdomain/) } },
    { rule: 'diagnostics: severity', schema: diagnosticsParams, query: 'severity=fatal', want: { ok: false, message: 'severity: must be error, warning or info' } },
    { rule: 'diagnostics: namespace', schema: diagnosticsParams, query: 'namespace=a%2Fb', want: { ok: false, message: `namespace: ${LABEL}` } },
  ])('$rule', ({ schema, query, want }) => {
    expect(parseQuery(schema, url(query))).toEqual(want);
  });
});

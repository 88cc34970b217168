// Values the API server's validation refuses are errors at their file and line, never a model that decides verdicts.
import { describe, expect, it } from 'vitest';
import { ManifestError, modelFromDocuments } from '.';

const policy = (peer: string, ports = '') =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: p, namespace: shop}',
    'spec:',
    '  podSelector: {}',
    '  egress:',
    '    - to:',
    `        - ${peer}`,
    ...(ports ? ['      ports:', `        - ${ports}`] : []),
    '',
  ].join('\n');

const ipBlock = (cidr: string, except?: string[]) =>
  policy(`ipBlock: {cidr: "${cidr}"${except ? `, except: [${except.map((e) => `"${e}"`).join(', ')}]` : ''}}`);

const pod = (portName: string) =>
  'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec:\n  containers:\n    - name: c\n      ports:\n' +
  `        - name: ${portName}\n          containerPort: 80\n`;

const service = (targetPort: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\nspec:\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;

const BAD_CIDR = 'must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const NOT_SUBSET = 'must be a strict subset of cidr (inside it, and smaller)';
const PEER = 'NetworkPolicy shop/p: spec.egress[0].to[0].ipBlock';
const PORT = 'NetworkPolicy shop/p: spec.egress[0].ports[0]';

describe('modelFromDocuments: objects the API server would reject', () => {
  it.each([
    { rule: 'ParseCIDRSloppy: IPv4 prefix above 32', source: ipBlock('10.0.0.0/33'), line: 8, reason: `${PEER}.cidr: ${BAD_CIDR}` },
    { rule: 'ParseCIDRSloppy: IPv6 prefix above 128', source: ipBlock('::/129'), line: 8, reason: `${PEER}.cidr: ${BAD_CIDR}` },
    { rule: 'ParseCIDRSloppy: not an address', source: ipBlock('hello/8'), line: 8, reason: `${PEER}.cidr: ${BAD_CIDR}` },
    { rule: 'ParseCIDRSloppy: octet above 255', source: ipBlock('300.0.0.0/8'), line: 8, reason: `${PEER}.cidr: ${BAD_CIDR}` },
    {
      rule: 'ParseCIDRSloppy: a bare address is no CIDR',
      source: ipBlock('10.0.0.1'),
      line: 8,
      reason: `${PEER}.cidr: must be a CIDR, an address with a prefix length (e.g. 10.9.8.0/24 or 2001:db8::/64), not a bare address`,
    },
    { rule: 'ValidateIPBlock: except is a CIDR', source: ipBlock('10.0.0.0/8', ['10.0.0.0/99']), line: 8, reason: `${PEER}.except[0]: ${BAD_CIDR}` },
    { rule: 'ValidateIPBlock: except inside cidr', source: ipBlock('10.0.0.0/8', ['192.168.0.0/16']), line: 8, reason: `${PEER}.except[0]: ${NOT_SUBSET}` },
    { rule: 'ValidateIPBlock: except of the same family', source: ipBlock('0.0.0.0/0', ['fd00::/8']), line: 8, reason: `${PEER}.except[0]: ${NOT_SUBSET}` },
    {
      rule: 'ValidateNetworkPolicyPort: endPort not below port',
      source: policy('podSelector: {}', '{port: 9000, endPort: 8000}'),
      line: 10,
      reason: `${PORT}.endPort: must be greater than or equal to port`,
    },
    {
      rule: 'ValidateNetworkPolicyPort: no endPort with a named port',
      source: policy('podSelector: {}', '{port: http, endPort: 8000}'),
      line: 10,
      reason: `${PORT}.endPort: may not be specified when port is a name`,
    },
    {
      rule: 'ValidateNetworkPolicyPort: no endPort without port',
      source: policy('podSelector: {}', '{endPort: 8000}'),
      line: 10,
      reason: `${PORT}.endPort: may not be specified when port is not specified`,
    },
    {
      rule: 'IsValidPortName in a policy: at most 15 characters',
      source: policy('podSelector: {}', '{port: http-metrics-main}'),
      line: 10,
      reason: `${PORT}.port: must be no more than 15 characters`,
    },
    {
      rule: 'IsValidPortName in a containerPort: IANA_SVC_NAME',
      source: pod('HTTP_Port'),
      line: 8,
      reason: "Pod shop/a: spec.containers[0].ports[0].name: must contain only lowercase letters (a-z), digits (0-9) and '-'",
    },
    {
      rule: 'IsValidPortName in a Service targetPort',
      source: service('http_port'),
      line: 7,
      reason: "Service shop/a: spec.ports[0].targetPort: must contain only lowercase letters (a-z), digits (0-9) and '-'",
    },
    {
      rule: 'IsValidPortNum in a Service targetPort',
      source: service('70000'),
      line: 7,
      reason: 'Service shop/a: spec.ports[0].targetPort: must be an integer from 1 to 65535',
    },
  ])('$rule', ({ source, line, reason }) => {
    let error: unknown;
    try {
      modelFromDocuments([{ file: 'np.yaml', text: source }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect({ file: e.file, line: e.line, reason: e.reason }).toStrictEqual({ file: 'np.yaml', line, reason });
  });

  it.each([
    { rule: 'ParseCIDRSloppy: host bits are accepted', source: ipBlock('10.0.0.1/8') },
    { rule: 'ValidateIPBlock: except strictly inside cidr', source: ipBlock('10.0.0.0/8', ['10.1.0.0/16']) },
    { rule: 'ValidateNetworkPolicyPort: a port range', source: policy('podSelector: {}', '{port: 8000, endPort: 9000}') },
    { rule: 'IsValidPortName: a 15-character name', source: pod('http-metrics-ma') },
  ])('accepted: $rule', ({ source }) => {
    expect(() => modelFromDocuments([{ file: 'np.yaml', text: source }])).not.toThrow();
  });
});

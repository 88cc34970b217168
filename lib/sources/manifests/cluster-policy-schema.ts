import { z } from 'zod';
import { parseCidr, parseIp } from '@/lib/analysis/net/cidr';
import { labelSelector, objectMeta, once } from './schema-common';

// The schemas of the cluster-wide policies of policy.networking.k8s.io, with the OpenAPI and CEL rules of their CRDs
// (sigs.k8s.io/network-policy-api v0.3.0, config/crd/experimental, a superset of standard; v1alpha1 from apis/):
// exactly-one-of fields (min/maxProperties 1), list sizes, enums, priority 0..1000, port ranges with start < end,
// masked CIDRs, domain name patterns, no named port beside node, network or domain peers, and the
// BaselineAdminNetworkPolicy singleton named "default".

/** The cluster-wide policy kinds with a schema here. */
export const CLUSTER_POLICY_SCHEMA_KINDS = ['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'] as const;
type ClusterPolicySchemaKind = (typeof CLUSTER_POLICY_SCHEMA_KINDS)[number];

/** Built on first use, like the Gateway API's: few manifests hold cluster-wide policies. */
export const clusterPolicySchemas = once(() => {
  const str = z.string();
  const portNumber = z.number().int().min(1).max(65535);
  const protocol = z.enum(['TCP', 'UDP', 'SCTP']);

  const namespacedPod = z.looseObject({ namespaceSelector: labelSelector.optional(), podSelector: labelSelector });

  /** An object with exactly one of `fields` set (kubebuilder MinProperties=1, MaxProperties=1). */
  function exactlyOne<T extends z.ZodRawShape>(shape: T) {
    const fields = Object.keys(shape);
    return z.strictObject(shape).refine((o) => Object.values(o).filter((v) => v !== undefined && v !== null).length === 1, {
      message: `set exactly one of ${fields.join(', ')}`,
    });
  }

  /** CEL isCIDR(self) && cidr(self) == cidr(self).masked(): a prefix length, and no host bits set. */
  const cidr = str.max(43).refine((text) => {
    const slash = text.indexOf('/');
    const range = slash > 0 ? parseCidr(text) : undefined;
    return range !== undefined && parseIp(text.slice(0, slash))?.value === range.start;
  }, 'Invalid CIDR format provided (a network address with its prefix length, such as 10.0.0.0/8, with no host bits set)');

  const domainName = str.regex(
    /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/,
    'expected a domain name, optionally prefixed with "*."',
  );

  const setOf = <T extends z.ZodType>(item: T, max: number) =>
    z
      .array(item)
      .min(1)
      .max(max)
      .refine((items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length, 'must not list an item twice');

  const ingressPeer = (max: number) => setOfPeers(exactlyOne({ namespaces: labelSelector.optional(), pods: namespacedPod.optional() }), max);
  const setOfPeers = <T extends z.ZodType>(peer: T, max: number) => z.array(peer).min(1).max(max);

  const egressPeerShape = {
    namespaces: labelSelector.optional(),
    pods: namespacedPod.optional(),
    nodes: labelSelector.optional(),
    networks: setOf(cidr, 25).optional(),
  };

  // v1alpha2 / v1beta1 ---------------------------------------------------------------------------------------------

  const portRange = z.strictObject({ start: portNumber, end: portNumber }).refine((r) => r.start < r.end, 'Start port must be less than End port');
  const destinationPort = z.strictObject({ destinationPort: exactlyOne({ number: portNumber.optional(), range: portRange.optional() }) });
  const protocolMatch = exactlyOne({
    tcp: destinationPort.optional(),
    udp: destinationPort.optional(),
    sctp: destinationPort.optional(),
    destinationNamedPort: str.min(1).optional(),
  });

  const noNamedPortBesideAddresses = (ports: 'protocols' | 'ports', named: 'destinationNamedPort' | 'namedPort', peerFields: string[]) => (rule: Record<string, unknown>) => {
    const peers = (rule.to as Record<string, unknown>[] | undefined) ?? [];
    const list = (rule[ports] as Record<string, unknown>[] | undefined) ?? [];
    return !(peers.some((p) => peerFields.some((f) => p[f] != null)) && list.some((p) => p[named] != null));
  };

  const cnpRule = (peers: 'from' | 'to') => {
    const rule = z.looseObject({
      name: str.max(100).optional(),
      action: z.enum(['Accept', 'Deny', 'Pass']),
      protocols: z.array(protocolMatch).min(1).max(25).optional(),
      [peers]:
        peers === 'from'
          ? ingressPeer(25)
          : setOfPeers(exactlyOne({ ...egressPeerShape, domainNames: setOf(domainName, 25).optional() }), 25),
    });
    return peers === 'from'
      ? rule
      : rule.refine(noNamedPortBesideAddresses('protocols', 'destinationNamedPort', ['networks', 'nodes', 'domainNames']), {
          message: 'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
        });
  };

  const subject = exactlyOne({ namespaces: labelSelector.optional(), pods: namespacedPod.optional() });

  const clusterNetworkPolicy = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      tier: z.enum(['Admin', 'Baseline']),
      priority: z.number().int().min(0).max(1000),
      subject,
      ingress: z.array(cnpRule('from')).max(25).optional(),
      egress: z.array(cnpRule('to')).max(25).optional(),
    }),
  });

  // v1alpha1 -------------------------------------------------------------------------------------------------------

  const adminPort = exactlyOne({
    portNumber: z.strictObject({ protocol: protocol.optional(), port: portNumber }).optional(),
    namedPort: str.min(1).optional(),
    portRange: z.strictObject({ protocol: protocol.optional(), start: portNumber, end: portNumber }).optional(),
  });

  const alpha1Rule = (peers: 'from' | 'to', actions: readonly [string, ...string[]], egressFields: z.ZodRawShape) => {
    const rule = z.looseObject({
      name: str.max(100).optional(),
      action: z.enum(actions),
      ports: z.array(adminPort).min(1).max(100).optional(),
      [peers]: peers === 'from' ? ingressPeer(100) : setOfPeers(exactlyOne(egressFields), 100),
    });
    if (peers === 'from') return rule;
    const addressFields = Object.keys(egressFields).filter((f) => f !== 'namespaces' && f !== 'pods');
    return rule.refine(noNamedPortBesideAddresses('ports', 'namedPort', addressFields), {
      message: `${addressFields.join('/')} peer cannot be set with namedPorts since there are no namedPorts for ${addressFields.join('/')}`,
    });
  };

  const anpEgress = { ...egressPeerShape, domainNames: setOf(domainName, 25).optional() };

  const adminNetworkPolicy = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      priority: z.number().int().min(0).max(1000),
      subject,
      ingress: z.array(alpha1Rule('from', ['Allow', 'Deny', 'Pass'], {})).max(100).optional(),
      egress: z.array(alpha1Rule('to', ['Allow', 'Deny', 'Pass'], anpEgress)).max(100).optional(),
    }),
  });

  const baselineAdminNetworkPolicy = z.looseObject({
    metadata: objectMeta.refine((m) => m.name === 'default', {
      message: 'Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
      path: ['name'],
    }),
    spec: z.looseObject({
      subject,
      ingress: z.array(alpha1Rule('from', ['Allow', 'Deny'], {})).max(100).optional(),
      egress: z.array(alpha1Rule('to', ['Allow', 'Deny'], egressPeerShape)).max(100).optional(),
    }),
  });

  return {
    ClusterNetworkPolicy: clusterNetworkPolicy,
    AdminNetworkPolicy: adminNetworkPolicy,
    BaselineAdminNetworkPolicy: baselineAdminNetworkPolicy,
  } satisfies Record<ClusterPolicySchemaKind, z.ZodType>;
});

import { z } from 'zod';
import { portNameProblems, portNumberProblems } from '@/lib/validation/names';
import { ipBlockProblems, policyPortProblems, type FieldProblem } from '@/lib/validation/network-policy';
import { GATEWAY_SCHEMA_KINDS, gatewaySchemas } from './schema-gateway';
import { CLUSTER_POLICY_SCHEMA_KINDS, clusterPolicySchemas } from './cluster-policy-schema';
import { labelSelector, objectMeta, stringMap } from './schema-common';

// The shape of the fields kube-netmap reads (lib/model/normalize/raw.ts), with the types and ranges the API server
// enforces. The normalisers tolerate missing fields but trust the types of those present; these schemas make sure a
// manifest the API server would reject (a quoted port number, a boolean label, `ports:` as a mapping) stops with
// the position of the mistake instead of becoming a wrong model. Values the API server's validation refuses (a
// CIDR with prefix /33, a port name over 15 characters, endPort below port) are refused with the same rules, kept in
// lib/validation. Every other field is left alone: a field no analysis reads (a container's name or image) never
// stops a load.

const str = z.string();
const portNumber = z.number().int().min(1).max(65535);
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

/** Adds each problem a validation rule finds as an issue at its field. */
function refineWith<T>(check: (value: T) => FieldProblem[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const { path, message } of check(value)) ctx.addIssue({ code: 'custom', message, path });
  };
}
const atValue = <T>(check: (value: T) => string[]) => (value: T) => check(value).map((message) => ({ path: [], message }));

/** IANA_SVC_NAME, as containerPorts[].name, a named targetPort and a policy's named port must be. */
const portName = str.superRefine(refineWith(atValue(portNameProblems)));
/** A port number or a port name (IntOrString), each checked by its own rule. */
const intOrString = z
  .union([z.number(), z.string()], 'expected a port number (1-65535) or a port name')
  .superRefine(refineWith(atValue((v: number | string) => (typeof v === 'number' ? portNumberProblems(v) : portNameProblems(v)))));

const condition = z.looseObject({ type: str.optional(), status: str.optional(), reason: str.optional() });

// A container's name is not read by any analysis (test manifests and stripped dumps often leave it out); its ports are.
const container = z.looseObject({
  name: str.optional(),
  ports: list(
    z.looseObject({
      name: portName.optional(),
      containerPort: portNumber,
      protocol: protocol.optional(),
      hostPort: z.number().int().min(0).max(65535).optional(),
    }),
  ),
  restartPolicy: str.optional(),
});

const podSpec = z.looseObject({
  containers: z.array(container).min(1, 'a pod needs at least one container'),
  initContainers: list(container),
  hostNetwork: z.boolean().nullish(),
  nodeName: str.optional(),
  hostname: str.optional(),
  subdomain: str.optional(),
  serviceAccountName: str.optional(),
});

const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: stringMap.nullish(), annotations: stringMap.nullish() }).nullish(),
  spec: podSpec,
});

const loadBalancerStatus = z.looseObject({ ingress: list(z.looseObject({ ip: str.optional(), hostname: str.optional() })) });

const pod = z.looseObject({
  metadata: objectMeta,
  spec: podSpec,
  status: z
    .looseObject({
      phase: str.optional(),
      podIP: str.optional(),
      podIPs: list(z.looseObject({ ip: str.optional() })),
      hostIP: str.optional(),
      conditions: list(condition),
      containerStatuses: list(z.looseObject({ name: str.optional(), ready: z.boolean().optional() })),
      initContainerStatuses: list(z.looseObject({ name: str.optional(), ready: z.boolean().optional() })),
    })
    .nullish(),
});

const service = z.looseObject({
  metadata: objectMeta,
  spec: z
    .looseObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
      selector: stringMap.nullish(),
      ports: list(
        z.looseObject({
          name: str.optional(),
          protocol: protocol.optional(),
          port: portNumber,
          targetPort: intOrString.optional(),
          nodePort: z.number().int().min(0).max(65535).optional(),
          appProtocol: str.optional(),
        }),
      ),
      clusterIP: str.optional(),
      clusterIPs: list(str),
      ipFamilies: list(str),
      externalName: str.optional(),
      externalIPs: list(str),
      externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      internalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
      publishNotReadyAddresses: z.boolean().optional(),
    })
    .nullish(),
  status: z.looseObject({ loadBalancer: loadBalancerStatus.nullish() }).nullish(),
});

const endpointSlice = z.looseObject({
  metadata: objectMeta,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: list(
    z.looseObject({
      addresses: z.array(str),
      conditions: z
        .looseObject({ ready: z.boolean().nullish(), serving: z.boolean().nullish(), terminating: z.boolean().nullish() })
        .nullish(),
      hostname: str.optional(),
      nodeName: str.optional(),
      zone: str.optional(),
      targetRef: z.looseObject({ kind: str.optional(), name: str.optional(), namespace: str.optional(), uid: str.optional() }).nullish(),
    }),
  ),
  ports: list(
    z.looseObject({ name: str.optional(), port: portNumber.nullish(), protocol: protocol.optional(), appProtocol: str.optional() }),
  ),
});

const ingressBackend = z.looseObject({
  service: z
    .looseObject({
      name: str.min(1),
      port: z.looseObject({ number: portNumber.optional(), name: portName.optional() }).nullish(),
    })
    .nullish(),
  resource: z.looseObject({ apiGroup: str.optional(), kind: str.min(1), name: str.min(1) }).nullish(),
});

const ingress = z.looseObject({
  metadata: objectMeta,
  spec: z
    .looseObject({
      ingressClassName: str.optional(),
      defaultBackend: ingressBackend.nullish(),
      rules: list(
        z.looseObject({
          host: str.optional(),
          http: z
            .looseObject({
              paths: z.array(
                z.looseObject({
                  path: str.optional(),
                  pathType: z.enum(['Exact', 'Prefix', 'ImplementationSpecific']).optional(),
                  backend: ingressBackend,
                }),
              ),
            })
            .nullish(),
        }),
      ),
      tls: list(z.looseObject({ hosts: list(str), secretName: str.optional() })),
    })
    .nullish(),
  status: z.looseObject({ loadBalancer: loadBalancerStatus.nullish() }).nullish(),
});

const ingressClass = z.looseObject({
  metadata: objectMeta,
  spec: z.looseObject({ controller: str.optional() }).nullish(),
});

const policyPeer = z.looseObject({
  podSelector: labelSelector.nullish(),
  namespaceSelector: labelSelector.nullish(),
  ipBlock: z.looseObject({ cidr: str.min(1), except: list(str) }).superRefine(refineWith(ipBlockProblems)).nullish(),
});

const policyRule = (peers: 'from' | 'to') =>
  z.looseObject({
    ports: list(
      z
        .looseObject({
          protocol: protocol.optional(),
          port: intOrString.nullish(),
          endPort: portNumber.optional(),
        })
        .superRefine(refineWith(policyPortProblems)),
    ),
    [peers]: list(policyPeer),
  });

const networkPolicy = z.looseObject({
  metadata: objectMeta,
  spec: z
    .looseObject({
      podSelector: labelSelector.nullish(),
      policyTypes: list(z.enum(['Ingress', 'Egress'])),
      ingress: list(policyRule('from')),
      egress: list(policyRule('to')),
    })
    .nullish(),
});

const namespace = z.looseObject({
  metadata: objectMeta,
  status: z.looseObject({ phase: str.optional() }).nullish(),
});

const node = z.looseObject({
  metadata: objectMeta,
  spec: z.looseObject({ podCIDR: str.optional(), podCIDRs: list(str), unschedulable: z.boolean().optional() }).nullish(),
  status: z
    .looseObject({ addresses: list(z.looseObject({ type: str.optional(), address: str.optional() })), conditions: list(condition) })
    .nullish(),
});

/** Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job: the pod template is spec.template. */
const templated = z.looseObject({
  metadata: objectMeta,
  spec: z.looseObject({ template: podTemplate, serviceName: str.optional(), replicas: z.number().int().min(0).nullish() }),
});

const cronJob = z.looseObject({
  metadata: objectMeta,
  spec: z.looseObject({ jobTemplate: z.looseObject({ spec: z.looseObject({ template: podTemplate }) }) }),
});

// Of a Secret only the name is read: its data is neither checked nor kept.
const secret = z.looseObject({ metadata: objectMeta });

const CORE_SCHEMAS = {
  Namespace: namespace,
  Node: node,
  Pod: pod,
  Service: service,
  EndpointSlice: endpointSlice,
  Ingress: ingress,
  IngressClass: ingressClass,
  NetworkPolicy: networkPolicy,
  Secret: secret,
  Deployment: templated,
  StatefulSet: templated,
  DaemonSet: templated,
  ReplicaSet: templated,
  ReplicationController: templated,
  Job: templated,
  CronJob: cronJob,
} as const satisfies Record<string, z.ZodType>;

/** Families of kinds whose schemas are built on first use. */
const LAZY_FAMILIES: readonly { kinds: readonly string[]; schemas: () => Record<string, z.ZodType> }[] = [
  { kinds: GATEWAY_SCHEMA_KINDS, schemas: gatewaySchemas },
  { kinds: CLUSTER_POLICY_SCHEMA_KINDS, schemas: clusterPolicySchemas },
];

export type ReadKind =
  | keyof typeof CORE_SCHEMAS
  | (typeof GATEWAY_SCHEMA_KINDS)[number]
  | (typeof CLUSTER_POLICY_SCHEMA_KINDS)[number];

function schemaOf(kind: ReadKind): z.ZodType {
  if (Object.hasOwn(CORE_SCHEMAS, kind)) return CORE_SCHEMAS[kind as keyof typeof CORE_SCHEMAS];
  const family = LAZY_FAMILIES.find((f) => f.kinds.includes(kind))!;
  return family.schemas()[kind]!;
}

export interface SchemaProblem {
  path: PropertyKey[];
  message: string;
}

/** The first problem of `raw` against the schema of its kind, or undefined when it fits. */
export function checkShape(kind: ReadKind, raw: unknown): SchemaProblem | undefined {
  const result = schemaOf(kind).safeParse(raw);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (!issue) return undefined;
  let message = issue.message;
  // The classic YAML trap: unquoted yes, on, true or 80 where the API wants a string.
  if (issue.code === 'invalid_type' && issue.expected === 'string' && /received (boolean|number)$/.test(message)) {
    message += ' (quote it: YAML reads unquoted yes, no, on, off, true, false and numbers as non-strings)';
  }
  return { path: [...issue.path], message };
}

/** `spec.ports[0].port` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    return text ? `${text}.${key}` : key;
  }, '');
}

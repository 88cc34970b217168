import { z } from 'zod';
import { labelSelector, objectMeta, once } from './schema-common';

// The shape of the Gateway API fields kube-netmap reads (lib/model/normalize/gateway.ts), with the types, enums and
// ranges of the v1.6 standard-channel CRDs, so a manifest the API server would reject stops with the position of
// the mistake. Every other field is left alone.

/** The Gateway API kinds with a schema here. */
export const GATEWAY_SCHEMA_KINDS = ['GatewayClass', 'Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant', 'BackendTLSPolicy'] as const;
type GatewaySchemaKind = (typeof GATEWAY_SCHEMA_KINDS)[number];

/** Built on first use: most manifests hold no Gateway API object, and building them costs every start of the CLI. */
export const gatewaySchemas = once(() => {
  const str = z.string();
  const name = str.min(1);
  const portNumber = z.number().int().min(1).max(65535);
  const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

  /** RFC 1123 names, optionally with a leading wildcard label, as the CRDs' Hostname pattern allows. */
  const hostname = str.regex(
    /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'expected a hostname (lower case, optionally starting with "*.")',
  );

  const condition = z.looseObject({ type: str.optional(), status: str.optional(), reason: str.optional(), message: str.optional() });

  const fromNamespaces = (values: readonly [string, ...string[]]) =>
    z.looseObject({ from: z.enum(values).optional(), selector: labelSelector.nullish() });

  const listener = z.looseObject({
    name,
    hostname: hostname.optional(),
    port: portNumber,
    protocol: name,
    tls: z.looseObject({ mode: z.enum(['Terminate', 'Passthrough']).optional() }).nullish(),
    allowedRoutes: z
      .looseObject({
        namespaces: fromNamespaces(['All', 'Selector', 'Same']).nullish(),
        kinds: list(z.looseObject({ group: str.optional(), kind: name })),
      })
      .nullish(),
  });

  const listenerStatus = z.looseObject({ name: str.optional(), attachedRoutes: z.number().int().optional(), conditions: list(condition) });
  const address = z.looseObject({ type: str.optional(), value: str.optional() });

  const parentRef = z.looseObject({
    group: str.nullish(),
    kind: str.optional(),
    namespace: str.optional(),
    name,
    sectionName: str.optional(),
    port: portNumber.optional(),
  });

  const objectRef = z.looseObject({ group: str.nullish(), kind: str.optional(), namespace: str.optional(), name, port: portNumber.optional() });

  const headerChange = z.looseObject({
    set: list(z.looseObject({ name, value: str })),
    add: list(z.looseObject({ name, value: str })),
    remove: list(str),
  });

  const pathModifier = z.looseObject({
    type: z.enum(['ReplaceFullPath', 'ReplacePrefixMatch']),
    replaceFullPath: str.optional(),
    replacePrefixMatch: str.optional(),
  });

  const filter = z.looseObject({
    type: name,
    requestHeaderModifier: headerChange.nullish(),
    responseHeaderModifier: headerChange.nullish(),
    requestRedirect: z
      .looseObject({
        scheme: z.enum(['http', 'https']).optional(),
        hostname: str.optional(),
        path: pathModifier.nullish(),
        port: portNumber.optional(),
        statusCode: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).optional(),
      })
      .nullish(),
    urlRewrite: z.looseObject({ hostname: str.optional(), path: pathModifier.nullish() }).nullish(),
    requestMirror: z.looseObject({ backendRef: objectRef, percent: z.number().int().min(0).max(100).optional() }).nullish(),
    extensionRef: z.looseObject({ group: str, kind: name, name }).nullish(),
  });

  const backendRef = objectRef.extend({ weight: z.number().int().min(0).max(1_000_000).optional(), filters: list(filter) });

  const stringMatch = z.looseObject({ type: z.enum(['Exact', 'RegularExpression']).optional(), name, value: str });

  const routeStatus = z
    .looseObject({ parents: list(z.looseObject({ parentRef, controllerName: str.optional(), conditions: list(condition) })) })
    .nullish();

  /** A route kind: its parents and hostnames, rules whose entries are `rule` (plus a name and the backends), and status. */
  const route = (rule: z.ZodRawShape) =>
    z.looseObject({
      metadata: objectMeta,
      spec: z
        .looseObject({
          parentRefs: list(parentRef),
          hostnames: list(hostname),
          rules: list(z.looseObject({ name: str.optional(), ...rule, backendRefs: list(backendRef) })),
        })
        .nullish(),
      status: routeStatus,
    });

  const httpRoute = route({
    matches: list(
      z.looseObject({
        path: z.looseObject({ type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']).optional(), value: str.optional() }).nullish(),
        headers: list(stringMatch),
        queryParams: list(stringMatch),
        method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']).optional(),
      }),
    ),
    filters: list(filter),
  });

  const grpcRoute = route({
    matches: list(
      z.looseObject({
        method: z.looseObject({ type: z.enum(['Exact', 'RegularExpression']).optional(), service: str.optional(), method: str.optional() }).nullish(),
        headers: list(stringMatch),
      }),
    ),
    filters: list(filter),
  });

  const l4Route = route({});

  const gatewayClass = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({ controllerName: name }),
    status: z.looseObject({ conditions: list(condition) }).nullish(),
  });

  const gateway = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      gatewayClassName: name,
      listeners: z.array(listener).min(1, 'a Gateway needs at least one listener'),
      addresses: list(address),
      allowedListeners: z.looseObject({ namespaces: fromNamespaces(['All', 'Selector', 'Same', 'None']).nullish() }).nullish(),
    }),
    status: z.looseObject({ conditions: list(condition), addresses: list(address), listeners: list(listenerStatus) }).nullish(),
  });

  const listenerSet = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      parentRef: z.looseObject({ group: str.optional(), kind: str.optional(), name, namespace: str.optional() }),
      listeners: z.array(listener).min(1, 'a ListenerSet needs at least one listener'),
    }),
    status: z.looseObject({ conditions: list(condition), listeners: list(listenerStatus) }).nullish(),
  });

  const referenceGrant = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      from: z.array(z.looseObject({ group: str, kind: name, namespace: name })).min(1, 'a ReferenceGrant needs at least one `from`'),
      to: z.array(z.looseObject({ group: str, kind: name, name: str.optional() })).min(1, 'a ReferenceGrant needs at least one `to`'),
    }),
  });

  const backendTLSPolicy = z.looseObject({
    metadata: objectMeta,
    spec: z.looseObject({
      targetRefs: z.array(z.looseObject({ group: str, kind: name, name, sectionName: str.optional() })).min(1),
      validation: z.looseObject({ hostname: name }),
    }),
  });

  return {
    GatewayClass: gatewayClass,
    Gateway: gateway,
    ListenerSet: listenerSet,
    HTTPRoute: httpRoute,
    GRPCRoute: grpcRoute,
    TLSRoute: l4Route,
    TCPRoute: l4Route,
    UDPRoute: l4Route,
    ReferenceGrant: referenceGrant,
    BackendTLSPolicy: backendTLSPolicy,
  } satisfies Record<GatewaySchemaKind, z.ZodType>;
});

// A network plugin's own policy kinds, told apart from the core kinds of the same name (Calico's NetworkPolicy) by
// their API group. Read into the model with a warning saying how far kube-netmap evaluates them: Calico's not at all
// (the verdicts of the pods they select say "unknown", naming them), Cilium's in their L3/L4 part.

import { z } from 'zod';
import type { ResourceKind } from '@/lib/model';
import type { RawObject } from '@/lib/model/normalize/raw';
import { ManifestError } from './errors';
import type { LocatedObject } from './parse';
import { formatPath } from './schema';
import { labelSelector, objectMeta, once } from './schema-common';

interface PluginKind {
  into: ResourceKind;
  /** How a person names the kind: "Calico NetworkPolicy". */
  noun: string;
  namespaced: boolean;
  /** Built on first use (see once). */
  schema: () => z.ZodType;
  /**
   * A warning for each such policy, when the engine does not evaluate the kind (Calico's: every pod it selects is
   * unknown). An evaluated kind (Cilium's) gets none: its verdicts say unknown themselves where a part is not
   * evaluated, and `--strict` must not refuse a tree for holding one.
   */
  warning?: string;
}

const calicoSpec = (global: boolean) => () =>
  z.looseObject({
    metadata: objectMeta,
    spec: z
      .looseObject({
        selector: z.string().nullish(),
        ...(global ? { namespaceSelector: z.string().nullish() } : {}),
        serviceAccountSelector: z.string().nullish(),
        types: z.array(z.enum(['Ingress', 'Egress'])).nullish(),
        order: z.number().nullish(),
        tier: z.string().nullish(),
        ingress: z.array(z.unknown()).nullish(),
        egress: z.array(z.unknown()).nullish(),
      })
      .nullish(),
  });

const CALICO_NOTE = 'kube-netmap detects the pods it selects but does not evaluate Calico policies: their verdicts are unknown';

const calico = (into: ResourceKind, noun: string, global: boolean): PluginKind => ({
  into,
  noun,
  namespaced: !global,
  schema: once(calicoSpec(global)),
  warning: CALICO_NOTE,
});

const ciliumRule = () => z.looseObject({
  endpointSelector: labelSelector.nullish(),
  nodeSelector: labelSelector.nullish(),
  ingress: z.array(z.unknown()).nullish(),
  ingressDeny: z.array(z.unknown()).nullish(),
  egress: z.array(z.unknown()).nullish(),
  egressDeny: z.array(z.unknown()).nullish(),
  enableDefaultDeny: z.looseObject({ ingress: z.boolean().nullish(), egress: z.boolean().nullish() }).nullish(),
});

const cilium = (into: ResourceKind, noun: string, namespaced: boolean): PluginKind => ({
  into,
  noun,
  namespaced,
  schema: once(() => z.looseObject({ metadata: objectMeta, spec: ciliumRule().nullish(), specs: z.array(ciliumRule()).nullish() })),
});

/** By `group/Kind`. crd.projectcalico.org holds the same objects as Calico stores them. */
const PLUGIN_KINDS: Record<string, PluginKind> = {
  'projectcalico.org/NetworkPolicy': calico('caliconetworkpolicies', 'Calico NetworkPolicy', false),
  'crd.projectcalico.org/NetworkPolicy': calico('caliconetworkpolicies', 'Calico NetworkPolicy', false),
  'projectcalico.org/GlobalNetworkPolicy': calico('calicoglobalnetworkpolicies', 'Calico GlobalNetworkPolicy', true),
  'crd.projectcalico.org/GlobalNetworkPolicy': calico('calicoglobalnetworkpolicies', 'Calico GlobalNetworkPolicy', true),
  'cilium.io/CiliumNetworkPolicy': cilium('ciliumnetworkpolicies', 'CiliumNetworkPolicy', true),
  'cilium.io/CiliumClusterwideNetworkPolicy': cilium('ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy', false),
};

export interface AcceptedPluginPolicy {
  into: ResourceKind;
  /** With its namespace filled in as kubectl would (the default one when absent). */
  raw: RawObject;
  /** `Calico NetworkPolicy shop/db-lockdown` */
  label: string;
}

/**
 * The object as a plugin policy, or undefined when it is no plugin policy kind. Checks its shape (a ManifestError
 * at the line of the mistake) and warns that its rules are not evaluated.
 */
export function acceptPluginPolicy(
  located: LocatedObject,
  defaultNamespace: string,
  warn: (o: LocatedObject, message: string) => void,
): AcceptedPluginPolicy | undefined {
  const { raw } = located;
  const group = raw.apiVersion.includes('/') ? raw.apiVersion.slice(0, raw.apiVersion.indexOf('/')) : '';
  const kind = PLUGIN_KINDS[`${group}/${raw.kind}`];
  if (!kind) return undefined;
  const result = kind.schema().safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ManifestError(located.file, located.lineOf(issue.path), `${kind.noun}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  const metadata = raw.metadata as { name: string; namespace?: string | null };
  const namespace = kind.namespaced ? metadata.namespace || defaultNamespace : undefined;
  const label = `${kind.noun} ${namespace === undefined ? metadata.name : `${namespace}/${metadata.name}`}`;
  if (kind.warning) warn(located, `${label}: ${kind.warning}`);
  const rest: Record<string, unknown> = { ...metadata };
  delete rest.namespace;
  // Manifests carry no uids: one from what identifies the object, kind-qualified like the loader's (uidOf).
  const uid = `${kind.noun.replaceAll(' ', '')}/${namespace === undefined ? '' : `${namespace}/`}${metadata.name}`;
  return {
    into: kind.into,
    raw: { ...raw, metadata: { ...rest, uid, ...(namespace === undefined ? {} : { namespace }) } } as RawObject,
    label,
  };
}

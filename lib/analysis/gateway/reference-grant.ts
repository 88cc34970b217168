// ReferenceGrant (gateway.networking.k8s.io/v1): a reference to an object in another namespace is valid only when a
// ReferenceGrant in the target's namespace trusts the referring kind from the referring namespace, for the target's
// group and kind, and for its name when the grant's `to` names one (no name: every object of that group and kind).

import type { ClusterModel, ReferenceGrant } from '@/lib/model';
import { refText } from './refs';

export interface ReferenceFrom {
  group: string;
  kind: string;
  namespace: string;
}

export interface ReferenceTo {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export type ReferenceVerdict =
  | { permitted: true; sameNamespace: true }
  | { permitted: true; sameNamespace: false; grant: ReferenceGrant; text: string }
  | { permitted: false; text: string };

/** The core group is written "" in Gateway API objects; some write "core". */
const group = (g: string) => (g === 'core' ? '' : g);

export function checkReference(model: ClusterModel, from: ReferenceFrom, to: ReferenceTo): ReferenceVerdict {
  if (from.namespace === to.namespace) return { permitted: true, sameNamespace: true };
  const grants = model.resources.referencegrants.filter((g) => (g.meta.namespace ?? '') === to.namespace);
  const what = `${to.kind} ${to.namespace}/${to.name}`;
  for (const grant of grants) {
    const fromOk = grant.from.some((f) => group(f.group) === group(from.group) && f.kind === from.kind && f.namespace === from.namespace);
    if (!fromOk) continue;
    const toEntry = grant.to.find((t) => group(t.group) === group(to.group) && t.kind === to.kind && (t.name === undefined || t.name === to.name));
    if (!toEntry) continue;
    return {
      permitted: true,
      sameNamespace: false,
      grant,
      text: `ReferenceGrant ${refText(grant)} lets ${from.kind}s in ${from.namespace} refer to ${toEntry.name ? what : `every ${to.kind} in ${to.namespace}`}`,
    };
  }
  const near = grants.filter((g) => g.from.some((f) => f.namespace === from.namespace));
  const hint =
    near.length > 0
      ? ` (ReferenceGrant ${near.map(refText).join(', ')} trusts ${from.namespace}, but not ${from.kind}s to ${what})`
      : grants.length > 0
        ? ` (the ReferenceGrants in ${to.namespace} do not trust ${from.kind}s from ${from.namespace})`
        : ` (there is no ReferenceGrant in ${to.namespace})`;
  return { permitted: false, text: `RefNotPermitted: no ReferenceGrant in ${to.namespace} lets ${from.kind}s in ${from.namespace} refer to ${what}${hint}` };
}

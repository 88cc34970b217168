// The modules themselves, not the @/lib/model index: run as ES modules, the bench cannot see through its re-exports.
import { RESOURCE_KINDS, type ClusterModel, type ResourceKind } from '@/lib/model/types';

/** JSON with object keys sorted, so that two equal objects read the same whatever order their fields came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The first field (as a path) at which two JSON values differ, with both values; undefined when equal. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  const [left, right] = [canonical(a), canonical(b)];
  return left === right ? undefined : `${path || '.'}: ${left?.slice(0, 120)} vs ${right?.slice(0, 120)}`;
}

const describe = (kind: ResourceKind, object: { meta: { namespace?: string; name: string } }) =>
  `${kind} ${object.meta.namespace ? `${object.meta.namespace}/` : ''}${object.meta.name}`;

/**
 * The differences between two models, object by object (by uid) over the given kinds: missing on one side, or not
 * equal field for field. Each difference is one line a person can read.
 */
export function modelDifferences(
  expected: ClusterModel,
  actual: ClusterModel,
  names: { expected: string; actual: string },
  kinds: readonly ResourceKind[] = RESOURCE_KINDS,
): string[] {
  const differences: string[] = [];
  for (const kind of kinds) {
    const mine = new Map<string, { meta: { uid: string; namespace?: string; name: string } }>(expected.resources[kind].map((o) => [o.meta.uid, o]));
    const theirs = new Map<string, { meta: { uid: string; namespace?: string; name: string } }>(actual.resources[kind].map((o) => [o.meta.uid, o]));
    for (const [uid, object] of mine) {
      const other = theirs.get(uid);
      if (!other) differences.push(`${describe(kind, object)}: in ${names.expected}, not in ${names.actual}`);
      else {
        const difference = firstDifference(object, other);
        if (difference) differences.push(`${describe(kind, object)}: ${names.expected} vs ${names.actual} differ at ${difference}`);
      }
    }
    for (const [uid, object] of theirs) if (!mine.has(uid)) differences.push(`${describe(kind, object)}: in ${names.actual}, not in ${names.expected}`);
    if (canonical(expected.sync[kind]) !== canonical(actual.sync[kind])) {
      differences.push(`${kind} sync state: ${names.expected} ${canonical(expected.sync[kind])}, ${names.actual} ${canonical(actual.sync[kind])}`);
    }
  }
  return differences;
}

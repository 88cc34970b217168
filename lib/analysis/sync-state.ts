import type { ClusterModel, ResourceKind, SyncState } from '@/lib/model';

/** Every kind of policy that can select a pod: a verdict needs each of them synced (evaluated or not). */
export const POLICY_KINDS = [
  'networkpolicies',
  'caliconetworkpolicies',
  'calicoglobalnetworkpolicies',
  'ciliumnetworkpolicies',
  'ciliumclusterwidenetworkpolicies',
] as const satisfies readonly ResourceKind[];

function describeState(kind: ResourceKind, state: SyncState): string | undefined {
  switch (state.status) {
    case 'synced':
      return undefined;
    case 'syncing':
      return `${kind} are still loading`;
    case 'forbidden':
      return `${kind} cannot be read (forbidden: ${state.message})`;
    case 'error':
      return `${kind} could not be loaded (${state.message})`;
  }
}

/** What is wrong with the data of each given kind that is not synced ("pods are still loading"), one per kind. */
export function unsyncedKinds(model: ClusterModel, kinds: Iterable<ResourceKind>): string[] {
  return [...kinds].map((k) => describeState(k, model.sync[k])).filter((p): p is string => p !== undefined);
}

/** The same, as one text, or undefined when every kind is synced. */
export function unsyncedProblems(model: ClusterModel, kinds: readonly ResourceKind[]): string | undefined {
  const problems = unsyncedKinds(model, kinds);
  return problems.length === 0 ? undefined : problems.join('; ');
}

/**
 * Why an answer that reads the given kinds cannot be trusted, or undefined when every one of them is synced. Only
 * synced data may back a verdict: a missing object in a half-loaded model proves nothing.
 */
export function unsyncedReason(model: ClusterModel, kinds: readonly ResourceKind[]): string | undefined {
  const problems = unsyncedProblems(model, kinds);
  return problems === undefined ? undefined : `unknown: ${problems}`;
}

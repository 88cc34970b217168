import type { WatchedKind } from '@/lib/model';
import { API_RESOURCES } from './api-resources';

/** One rule of a Kubernetes ClusterRole, as rbac.authorization.k8s.io/v1 writes it. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];

/**
 * The permissions the dashboard reads a cluster with, and no more: get, list and watch on every kind the live source
 * watches (API_RESOURCES, one rule per API group, in its order), and, only with `secretNames`, list on Secrets,
 * whose names (never their data) tell whether an Ingress's TLS Secret exists (secret-name-poller.ts). The e2e
 * suite's identities are these rules, and e2e/helm-chart.spec.ts checks that the chart's ClusterRole is too.
 * `without` leaves kinds out, for an identity that may not read them.
 */
export function dashboardRbacRules({ secretNames, without = [] }: { secretNames: boolean; without?: readonly WatchedKind[] }): PolicyRule[] {
  const byGroup = new Map<string, string[]>();
  for (const [kind, resource] of Object.entries(API_RESOURCES) as [WatchedKind, (typeof API_RESOURCES)[WatchedKind]][]) {
    if (without.includes(kind)) continue;
    const resources = byGroup.get(resource.group) ?? [];
    resources.push(resource.resource);
    byGroup.set(resource.group, resources);
  }
  const rules = [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: [...READ] }));
  if (secretNames) rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
  return rules;
}

/** A ClusterRole's rules as "verb group/resource" grants, sorted: two roles grant the same when these are equal. */
export function grantsOf(rules: readonly PolicyRule[]): string[] {
  const grants = new Set<string>();
  for (const rule of rules) {
    for (const group of rule.apiGroups) for (const resource of rule.resources) for (const verb of rule.verbs) grants.add(`${verb} ${group || 'core'}/${resource}`);
  }
  return [...grants].sort();
}

import { detectEnforcement, type EnforcementResult } from '@/lib/analysis/enforcement';
import type { ClusterModel } from '@/lib/model';

/** The network plugin's verdict on enforcement, or undefined when the model holds no NetworkPolicy to enforce. */
export function networkPluginOf(model: ClusterModel): EnforcementResult | undefined {
  if (model.sync.networkpolicies.status === 'synced' && model.resources.networkpolicies.length === 0) return undefined;
  return detectEnforcement(model);
}

/**
 * One line for human output when NetworkPolicy verdicts may not hold: the network plugin does not enforce them, or
 * whether it does is unknown. Nothing when they are enforced or there is nothing to enforce.
 */
export function enforcementLine(result: EnforcementResult | undefined): string[] {
  if (!result || result.enforcement === 'enforced') return [];
  const plugins = result.plugins.map((p) => p.name).join(', ') || 'unknown';
  return [
    result.enforcement === 'not-enforced'
      ? `NOT ENFORCED: network plugin ${plugins} does not enforce NetworkPolicy, so traffic that policies deny flows (${result.reason})`
      : `enforcement unknown: network plugin ${plugins}; ${result.reason.replace(/^unknown: /, '')}`,
  ];
}

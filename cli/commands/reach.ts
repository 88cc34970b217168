import { parseReachTarget, reachOf, type WorkloadReach } from '@/lib/analysis/flow/reach-target';
import type { PeerConnection, ReachablePeers, ReachPeer } from '@/lib/analysis/reach/reachable-peers';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import { reachTargetProblems } from '@/lib/validation/requests';
import { checkArgument } from '../args';
import { enforcementLine, networkPluginOf } from '../enforcement-line';
import type { EnforcementResult } from '@/lib/analysis/enforcement';
import { UsageError } from '../errors';
import { defineCommand } from './command';

const peerName = (peer: ReachPeer) =>
  peer.type === 'ipRange' ? describeRanges(peer.cidrs, ', ') : `${peer.type === 'service' ? 'svc' : 'pod'}/${peer.namespace}/${peer.name}`;

function describePeer(connection: PeerConnection): string {
  const who = peerName(connection.peer);
  const by = connection.policies.length ? ` (by ${connection.policies.map((p) => `${p.namespace}/${p.name}`).join(', ')})` : '';
  const known = connection.connections.isEmpty() ? 'none known' : connection.connections.toString();
  const unknown = connection.unknown ? `; unknown: ${connection.unknown.connections.toString()} (${connection.unknown.reasons.join('; ')})` : '';
  return `  ${who}: ${known}${by}${unknown}`;
}

type ReachResult = (ReachablePeers | WorkloadReach) & { networkPlugin: EnforcementResult | undefined };

export const reach = defineCommand({
  summary: 'What a pod or a workload may reach (egress) and what may reach it (ingress), with ports and the policies behind them.',
  usage: ['pod/shop/api-7d9c5-x2x4z', 'shop/api-7d9c5-x2x4z', 'deploy/shop/api | sts/shop/db | ds/NS/NAME | shop/Deployment/api   (each of its pods)'],
  options: {},
  parse: (_values, positionals) => {
    if (positionals.length !== 1) throw new UsageError('give one pod (pod/NAMESPACE/NAME) or workload (deploy/NAMESPACE/NAME)');
    return parseReachTarget(checkArgument('the target', positionals[0]!, reachTargetProblems));
  },
  run: (model, target) => ({ ...reachOf(model, target), networkPlugin: networkPluginOf(model) }),
  format: (result: ReachResult) => {
    if (!('workload' in result)) return [...podSection(result), ...enforcementLine(result.networkPlugin)].join('\n');
    const { kind, namespace, name } = result.workload;
    const count = result.pods.length === 1 ? '1 pod' : `${result.pods.length} pods, each its own answer`;
    return [`${namespace}/${kind}/${name}: ${count}`, ...result.pods.flatMap(podSection), ...enforcementLine(result.networkPlugin)].join('\n');
  },
});

function podSection(result: ReachablePeers): string[] {
  return [
    ...(result.unknown ? [`UNKNOWN: ${result.unknown}`] : []),
    `pod/${result.pod.namespace}/${result.pod.name} may reach (egress):`,
    ...peerLines(result, 'egress'),
    `may be reached by (ingress):`,
    ...peerLines(result, 'ingress'),
  ];
}

/** The peers the policies allow, then (when the plugin does not enforce them) those they deny, which flow all the same. */
function peerLines(result: ReachablePeers, direction: 'egress' | 'ingress'): string[] {
  const denied = result.denied?.[direction] ?? [];
  const allowed = result[direction].length ? result[direction].map(describePeer) : [result.enforcement ? '  nothing the policies allow' : '  nothing'];
  if (!result.enforcement || denied.length === 0) return allowed;
  return [...allowed, `  ${result.enforcement.text}: ${denied.map(peerName).join(', ')}`];
}

import { reachablePeers, type PeerConnection, type ReachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import { podRefProblems } from '@/lib/validation/requests';
import { checkArgument } from '../args';
import { enforcementLine, networkPluginOf } from '../enforcement-line';
import type { EnforcementResult } from '@/lib/analysis/enforcement';
import { UsageError } from '../errors';
import { defineCommand } from './command';

function describePeer(connection: PeerConnection): string {
  const peer = connection.peer;
  const who =
    peer.type === 'ipRange' ? describeRanges(peer.cidrs, ', ') : `${peer.type === 'service' ? 'svc' : 'pod'}/${peer.namespace}/${peer.name}`;
  const by = connection.policies.length ? ` (by ${connection.policies.map((p) => `${p.namespace}/${p.name}`).join(', ')})` : '';
  const known = connection.connections.isEmpty() ? 'none known' : connection.connections.toString();
  const unknown = connection.unknown ? `; unknown: ${connection.unknown.connections.toString()} (${connection.unknown.reasons.join('; ')})` : '';
  return `  ${who}: ${known}${by}${unknown}`;
}

export const reach = defineCommand({
  summary: 'What a pod may reach (egress) and what may reach it (ingress), with ports and the policies behind them.',
  usage: ['pod/shop/api-7d9c5-x2x4z', 'shop/api-7d9c5-x2x4z'],
  options: {},
  parse: (_values, positionals) => {
    if (positionals.length !== 1) throw new UsageError('give one pod as pod/NAMESPACE/NAME');
    const parts = checkArgument('the pod', positionals[0]!, (v) => podRefProblems(v, { podPrefix: true })).split('/');
    return { namespace: parts.at(-2)!, name: parts.at(-1)! };
  },
  run: (model, pod) => ({ ...reachablePeers(model, pod), networkPlugin: networkPluginOf(model) }),
  format: (result: ReachablePeers & { networkPlugin: EnforcementResult | undefined }) =>
    [
      ...(result.unknown ? [`UNKNOWN: ${result.unknown}`] : []),
      `pod/${result.pod.namespace}/${result.pod.name} may reach (egress):`,
      ...(result.egress.length ? result.egress.map(describePeer) : ['  nothing']),
      `may be reached by (ingress):`,
      ...(result.ingress.length ? result.ingress.map(describePeer) : ['  nothing']),
      ...enforcementLine(result.networkPlugin),
    ].join('\n'),
});

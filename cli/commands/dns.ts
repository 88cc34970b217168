import { resolveDns, type DnsAnswer } from '@/lib/analysis/dns/resolve-dns';
import { UsageError } from '../errors';
import { defineCommand } from './command';

export const dns = defineCommand({
  summary: 'Resolve a name the way cluster DNS does for a pod in a namespace.',
  usage: ['cart --namespace shop', 'cart.shop.svc.cluster.local [--cluster-domain cluster.local]'],
  options: { namespace: { type: 'string', short: 'n' }, 'cluster-domain': { type: 'string' } },
  parse: (values, positionals) => {
    if (positionals.length !== 1) throw new UsageError('give exactly one name to resolve');
    return {
      name: positionals[0]!,
      namespace: typeof values.namespace === 'string' ? values.namespace : 'default',
      clusterDomain: typeof values['cluster-domain'] === 'string' ? values['cluster-domain'] : 'cluster.local',
    };
  },
  run: (model, { name, namespace, clusterDomain }) => resolveDns(model, name, namespace, clusterDomain),
  format: (answer: DnsAnswer) =>
    [
      answer.unknown ? `UNKNOWN: ${answer.unknown}` : `${answer.name} ${answer.type} ${answer.records.join(' ')}`.trim(),
      ...(answer.kind ? [`  kind: ${answer.kind}`] : []),
      ...(answer.tried.length ? [`  tried: ${answer.tried.join(', ')}`] : []),
      ...answer.reasons.map((r) => `  ${r}`),
    ].join('\n'),
});

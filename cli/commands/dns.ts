import { resolveDns, type DnsAnswer } from '@/lib/analysis/dns/resolve-dns';
import { dns1123LabelProblems, dnsNameProblems } from '@/lib/validation/names';
import { checkArgument } from '../args';
import { UsageError } from '../errors';
import { defineCommand } from './command';

export const dns = defineCommand({
  summary: 'Resolve a name the way cluster DNS does for a pod in a namespace.',
  usage: ['cart --namespace shop', 'cart.shop.svc.cluster.local [--cluster-domain cluster.local]'],
  options: { namespace: { type: 'string', short: 'n' }, 'cluster-domain': { type: 'string' } },
  parse: (values, positionals) => {
    if (positionals.length !== 1) throw new UsageError('give exactly one name to resolve');
    return {
      name: checkArgument('the name', positionals[0]!, dnsNameProblems),
      namespace: typeof values.namespace === 'string' ? checkArgument('--namespace', values.namespace, dns1123LabelProblems) : 'default',
      clusterDomain:
        typeof values['cluster-domain'] === 'string' ? checkArgument('--cluster-domain', values['cluster-domain'], dnsNameProblems) : 'cluster.local',
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

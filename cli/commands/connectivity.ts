import { connectivity, formatConnectivity, type ConnectivityReport } from '@/lib/analysis/reach/connectivity';
import { defineCommand } from './command';

export const connectivityCommand = defineCommand({
  summary: 'Every allowed connection in the cluster, by workload, plus the outside address ranges.',
  usage: ['[--json]'],
  options: {},
  parse: () => ({}),
  run: (model) => connectivity(model),
  format: (report: ConnectivityReport) => formatConnectivity(report),
});

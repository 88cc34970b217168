import { connectivity, type ConnectivityReport } from '@/lib/analysis/reach/connectivity';
import { CONNECTIVITY_FORMATS, formatConnectivityAs } from '../output/connectivity-output';
import { OUTPUT_OPTION, parseOutput } from '../output/output-format';
import { defineCommand } from './command';

export const connectivityCommand = defineCommand({
  summary: 'Every allowed connection in the cluster, by workload, plus the outside address ranges.',
  usage: ['[--output text|md|csv|dot|json]'],
  options: OUTPUT_OPTION,
  parse: (values) => ({ output: parseOutput(values, CONNECTIVITY_FORMATS) }),
  run: (model) => connectivity(model),
  format: (report: ConnectivityReport, { output }) => formatConnectivityAs(report, output),
});

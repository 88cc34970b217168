// The matrix's questions answered on one model, with its connectivity computed once and kept for the questions
// that follow (a cell's drill-down, a pair's explanation). Pure of the page: the Web Worker runs it, and so does the
// page's own thread where no worker can start.

import { explainFlow, type FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import type { FlowTarget } from '@/lib/analysis/flow/targets';
import { connectivity, type ConnectivityReport, type WorkloadEndpoint } from '@/lib/analysis/reach/connectivity';
import { namespaceMatrix, workloadMatrix, workloadPodCounts, type MatrixGroup, type NamespaceMatrix } from '@/lib/analysis/reach/connectivity-matrix';
import type { ClusterModel, Protocol } from '@/lib/model';
import { workloadMatrixView, type WorkloadMatrixView } from './matrix-view';

export type MatrixQuery =
  | { type: 'namespaces' }
  | { type: 'workloads'; source: MatrixGroup; destination: MatrixGroup }
  | { type: 'explain'; from: WorkloadEndpoint; to: WorkloadEndpoint; port: number; protocol: Protocol };

export interface MatrixAnswers {
  namespaces: NamespaceMatrix & { stats: ConnectivityReport['stats'] };
  workloads: WorkloadMatrixView;
  explain: FlowExplanation;
}

export type MatrixAnswer = MatrixAnswers[MatrixQuery['type']];

export class MatrixEngine {
  private model: ClusterModel | undefined;
  private computed: { report: ConnectivityReport; podCounts: Map<string, number> } | undefined;

  setModel(model: ClusterModel): void {
    this.model = model;
    this.computed = undefined;
  }

  answer(query: MatrixQuery): MatrixAnswer {
    const model = this.model;
    if (!model) throw new Error('the matrix got a question before any model');
    switch (query.type) {
      case 'namespaces': {
        const { report, podCounts } = this.connectivity(model);
        return { ...namespaceMatrix(report, podCounts), stats: report.stats };
      }
      case 'workloads': {
        const { report, podCounts } = this.connectivity(model);
        return workloadMatrixView(workloadMatrix(report, podCounts, query.source, query.destination), model);
      }
      case 'explain':
        return explainFlow(model, { from: target(query.from), to: target(query.to), port: query.port, protocol: query.protocol });
    }
  }

  private connectivity(model: ClusterModel) {
    return (this.computed ??= { report: connectivity(model), podCounts: workloadPodCounts(model) });
  }
}

/** A workload as explain names it; a bare pod is its own workload. */
function target(end: WorkloadEndpoint): FlowTarget {
  return end.kind === 'Pod' ? { kind: 'pod', namespace: end.namespace, name: end.name } : { kind: 'workload', workloadKind: end.kind, namespace: end.namespace, name: end.name };
}

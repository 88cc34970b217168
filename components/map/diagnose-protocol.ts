// The messages between the page and the diagnosis's Web Worker (diagnose.worker.ts, driven by use-diagnosis.ts).

import type { DiagnoseReport } from '@/lib/analysis/diagnose/types';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';

export interface DiagnoseRequest {
  model: ClusterModel;
  source: ModelOrigin;
}

/** The engine's report as it made it (a structured clone), or why it could not (a fault of kube-netmap's own). */
export type DiagnoseResponse = { report: DiagnoseReport; ms: number } | { failure: string };

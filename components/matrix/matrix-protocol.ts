// The messages between the page and the matrix's Web Worker (matrix.worker.ts, driven by matrix-client.ts).

import type { ClusterModel } from '@/lib/model';
import type { MatrixAnswer, MatrixQuery } from './matrix-engine';

export interface MatrixRequest {
  id: number;
  /** Sent when it changed since the worker last had one: the worker keeps it, and its connectivity, for later questions. */
  model?: ClusterModel;
  query: MatrixQuery;
}

export type MatrixResponse =
  | { id: number; answer: MatrixAnswer; ms: number }
  /** A fault of kube-netmap's own, or a question about a workload the model no longer has. */
  | { id: number; failure: string };

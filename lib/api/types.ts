import type { ClusterModel, SequencedChange } from '@/lib/model';
import type { ContextInfo } from '@/lib/sources/live/kubeconfig';

export interface ContextsResponse {
  origin: 'files' | 'in-cluster' | 'none';
  /** Why no kubeconfig was found, when origin is "none". */
  reason?: string;
  /** Why the kubeconfig that exists cannot be used. */
  error?: string;
  currentContext?: string;
  contexts: ContextInfo[];
}

export interface SnapshotResponse {
  context: string;
  epoch: string;
  seq: number;
  model: ClusterModel;
}

export interface ChangesEvent {
  epoch: string;
  changes: SequencedChange[];
}

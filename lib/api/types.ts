import type { ClusterModel, SequencedChange } from '@/lib/model';
import type { ContextInfo } from '@/lib/sources/live/kubeconfig';

/** The context name under which the built-in demo is served. "@" keeps it apart from kubeconfig context names. */
export const DEMO_CONTEXT = '@demo';

export interface ContextsResponse {
  origin: 'files' | 'in-cluster' | 'none';
  /** Why no kubeconfig was found, when origin is "none". */
  reason?: string;
  /** Why the kubeconfig that exists cannot be used. */
  error?: string;
  currentContext?: string;
  contexts: ContextInfo[];
  /** Token mode: the user the request's token belongs to (the page offers to sign out). */
  signedInAs?: string;
}

export interface SnapshotResponse {
  context: string;
  /** True for the built-in demo, which is read from manifests and never changes. */
  demo?: boolean;
  epoch: string;
  seq: number;
  model: ClusterModel;
}

export interface ChangesEvent {
  epoch: string;
  changes: SequencedChange[];
}

// The messages between the page and the what-if's Web Worker (what-if.worker.ts, driven by what-if-client.ts).

import type { ClusterModel } from '@/lib/model';
import type { WhatIfDraft } from '@/lib/what-if/read-draft';
import type { WhatIfOutcome } from '@/lib/what-if/what-if';

export interface WhatIfRequest {
  id: number;
  /** Sent when it changed since the worker last had one: the worker keeps it, and its connectivity, for later drafts. */
  base?: ClusterModel;
  /** Absent to only prepare: the worker computes the base's connectivity while a person writes the draft, and answers nothing. */
  draft?: WhatIfDraft;
}

export type WhatIfResponse =
  | { id: number; outcome: WhatIfOutcome; ms: number }
  /** A fault of kube-netmap's own (a draft that cannot be read is an outcome, not a failure). */
  | { id: number; failure: string };

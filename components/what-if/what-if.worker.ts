// First: before the manifests source's schemas are built (see zod-jitless.ts).
import './zod-jitless';
import { connectivity, type ConnectivityReport } from '@/lib/analysis/reach/connectivity';
import type { ClusterModel } from '@/lib/model';
import { runWhatIf } from '@/lib/what-if/what-if';
import type { WhatIfRequest, WhatIfResponse } from './what-if-protocol';

// The what-if off the page's main thread: connectivity can take seconds on a large model. The base and its
// connectivity are kept between drafts.

let base: ClusterModel | undefined;
let baseReport: ConnectivityReport | undefined;

self.onmessage = (event: MessageEvent<WhatIfRequest>) => {
  const { id, draft } = event.data;
  if (event.data.base) {
    base = event.data.base;
    baseReport = undefined;
  }
  let response: WhatIfResponse;
  try {
    if (!base) throw new Error('the what-if worker got a draft before any model');
    const start = performance.now();
    baseReport ??= connectivity(base);
    if (!draft) return;
    const outcome = runWhatIf(base, draft, baseReport);
    response = { id, outcome, ms: Math.round(performance.now() - start) };
  } catch (error) {
    response = { id, failure: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};

import { diagnose } from '@/lib/analysis/diagnose';
import type { DiagnoseRequest, DiagnoseResponse } from './diagnose-protocol';

// The diagnosis off the page's main thread: at 10,000 pods it takes seconds (about 50 s at 50,000), during which the
// page would not answer a click. One request at a time (the page sends the next only after this answer).
self.onmessage = (event: MessageEvent<DiagnoseRequest>) => {
  let response: DiagnoseResponse;
  try {
    const start = performance.now();
    const report = diagnose(event.data.model, { source: event.data.source });
    response = { report, ms: Math.round(performance.now() - start) };
  } catch (error) {
    response = { failure: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};

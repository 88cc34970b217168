'use client';

import { useEffect, useRef, useState } from 'react';
import type { DiagnoseReport } from '@/lib/analysis/diagnose/types';
import { latestOnly, type LatestOnly } from '@/lib/client/latest-only';
import type { ClusterModel } from '@/lib/model';
import type { ModelOrigin } from '@/lib/model/origin';
import type { DiagnoseRequest, DiagnoseResponse } from './diagnose-protocol';

/** Once the first map is drawn, the first model is sent when the page is idle, or after this long at the latest. */
const FIRST_SEND_LATEST_MS = 3000;
/** Should the map never say it is drawn, the first model is sent after this long all the same. */
const FIRST_SEND_WITHOUT_MAP_MS = 15_000;

export interface Diagnosis {
  /** The latest report, of the current model when `current`, else of an older one (or none yet). */
  report?: DiagnoseReport;
  /** The report is the current model's. While false, the page says it is diagnosing. */
  current: boolean;
  failure?: string;
}

/** Runs the diagnosis in a worker of its own; where none starts, on this thread (its code then loads on demand). */
function startJob(worker: { current?: Worker; failed: boolean }) {
  return (job: DiagnoseRequest, done: (response: DiagnoseResponse) => void) => {
    const local = () =>
      void import('@/lib/analysis/diagnose').then(({ diagnose }) => {
        try {
          done({ report: diagnose(job.model, { source: job.source }), ms: 0 });
        } catch (error) {
          done({ failure: error instanceof Error ? error.message : String(error) });
        }
      });
    if (typeof Worker === 'undefined' || worker.failed) return local();
    const w = (worker.current ??= new Worker(new URL('./diagnose.worker.ts', import.meta.url)));
    w.onmessage = (event: MessageEvent<DiagnoseResponse>) => done(event.data);
    w.onerror = (event) => {
      // A worker whose script cannot load (blocked, say) must not leave the page without a diagnosis.
      event.preventDefault();
      worker.failed = true;
      worker.current?.terminate();
      worker.current = undefined;
      local();
    };
    w.postMessage(job);
  };
}

/**
 * The engine's diagnosis of the model, computed in a Web Worker: the page stays responsive meanwhile. A newer
 * model supersedes the one waiting (only the newest waits while one runs). The report shown for an older model is
 * marked not `current`, so the page says so.
 */
export function useDiagnosis(model: ClusterModel, source: ModelOrigin, mapDrawn: boolean): Diagnosis {
  const queue = useRef<LatestOnly<DiagnoseRequest> | undefined>(undefined);
  const [answer, setAnswer] = useState<{ model: ClusterModel; response: DiagnoseResponse } | undefined>(undefined);
  const [lastReport, setLastReport] = useState<DiagnoseReport | undefined>(undefined);
  useEffect(() => {
    const worker: { current?: Worker; failed: boolean } = { failed: false };
    const q = latestOnly<DiagnoseRequest, DiagnoseResponse>(startJob(worker), (job, response) => {
      setAnswer({ model: job.model, response });
      if ('report' in response) setLastReport(response.report);
    });
    queue.current = q;
    return () => {
      q.dispose();
      worker.current?.terminate();
    };
  }, []);
  // After the effect above (effects run in order), so the queue is there. Sending the model copies it on this thread
  // (a quarter of a second at 10,000 pods, a second at 50,000), and its report makes the page build the map's graph
  // again: the first model waits until the first map is drawn, then until the browser is next idle.
  const sentOnce = useRef(false);
  useEffect(() => {
    const submit = () => {
      sentOnce.current = true;
      queue.current?.submit({ model, source });
    };
    if (sentOnce.current) return submit();
    if (!mapDrawn) {
      const late = setTimeout(submit, FIRST_SEND_WITHOUT_MAP_MS);
      return () => clearTimeout(late);
    }
    if (typeof requestIdleCallback === 'undefined') return submit();
    const idle = requestIdleCallback(submit, { timeout: FIRST_SEND_LATEST_MS });
    return () => cancelIdleCallback(idle);
  }, [model, source, mapDrawn]);
  const current = answer?.model === model;
  const failure = current && answer && 'failure' in answer.response ? answer.response.failure : undefined;
  return { ...(lastReport ? { report: lastReport } : {}), current: current && !failure, ...(failure ? { failure } : {}) };
}

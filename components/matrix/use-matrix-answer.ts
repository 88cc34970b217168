'use client';

import { useEffect, useState } from 'react';
import type { ClusterModel } from '@/lib/model';
import type { MatrixAnswers, MatrixQuery } from './matrix-engine';
import type { MatrixRunner, MatrixRun } from './matrix-client';

/** After the model changes (a live cluster), how long an answer shown waits for more changes before it is asked again. */
const REFRESH_MS = 1000;

export interface MatrixAnswerState<T> {
  /** The answer to the question, from an older model at worst (while `running`). */
  run?: MatrixRun<T>;
  running: boolean;
  /** Why the engine could not answer (a workload the model no longer has, a fault of kube-netmap's own). */
  failure?: string;
}

/**
 * The engine's answer to one question of the matrix on the current model, asked of the runner's worker. A new
 * question is asked at once; the same question on a changed model once the model rests (REFRESH_MS), the older
 * answer shown meanwhile. `query` must keep its identity while it is the same question (memoise it).
 */
export function useMatrixAnswer<Q extends MatrixQuery>(runner: MatrixRunner | undefined, model: ClusterModel, query: Q | undefined): MatrixAnswerState<MatrixAnswers[Q['type']]> {
  const [shown, setShown] = useState<{ query: Q; model: ClusterModel; run?: MatrixRun<MatrixAnswers[Q['type']]>; failure?: string } | undefined>(undefined);
  const answered = shown !== undefined && shown.query === query && shown.model === model;
  const sameQuery = shown?.query === query;
  useEffect(() => {
    if (!runner || !query || answered) return;
    let current = true;
    const timer = setTimeout(
      () =>
        void runner.ask(model, query).then(
          (run) => current && setShown({ query, model, run }),
          (error: Error) => current && setShown({ query, model, failure: error.message }),
        ),
      sameQuery ? REFRESH_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [runner, model, query, answered, sameQuery]);
  if (!query || !shown || !sameQuery) return { running: query !== undefined };
  return { ...(shown.run ? { run: shown.run } : {}), ...(shown.failure ? { failure: shown.failure } : {}), running: !answered };
}

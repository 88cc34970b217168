// One job at a time, and only the newest waiting: for work that a newer input makes worthless (diagnosing a model
// the live stream has replaced since). Pure of any browser API: `start` is given, so it is tested with a fake.

export interface LatestOnly<Job> {
  /** Runs `job` now if nothing runs, else keeps it as the one to run next (dropping an older waiting job unanswered). */
  submit(job: Job): void;
  /** Drops what waits; an answer still coming for the running job is ignored. */
  dispose(): void;
}

/**
 * `start(job, done)` starts a job and calls `done(result)` once; `answer(job, result)` is told each result, in
 * order. A job submitted while another runs waits; a later submission replaces it (it is never started).
 */
export function latestOnly<Job, Result>(start: (job: Job, done: (result: Result) => void) => void, answer: (job: Job, result: Result) => void): LatestOnly<Job> {
  let running = false;
  let waiting: { job: Job } | undefined;
  let disposed = false;
  const run = (job: Job) => {
    running = true;
    let answered = false;
    start(job, (result) => {
      if (answered || disposed) return;
      answered = true;
      running = false;
      answer(job, result);
      const next = waiting;
      waiting = undefined;
      if (next && !disposed) run(next.job);
    });
  };
  return {
    submit(job) {
      if (disposed) return;
      if (running) waiting = { job };
      else run(job);
    },
    dispose() {
      disposed = true;
      waiting = undefined;
    },
  };
}

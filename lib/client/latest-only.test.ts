import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

/** A fake worker: jobs start when submitted, and finish when the test says. */
function harness() {
  const started: string[] = [];
  const finish = new Map<string, (result: string) => void>();
  const answers: [string, string][] = [];
  const queue = latestOnly<string, string>(
    (job, done) => {
      started.push(job);
      finish.set(job, done);
    },
    (job, result) => answers.push([job, result]),
  );
  return { queue, started, answers, finish: (job: string) => finish.get(job)!(`report of ${job}`) };
}

describe('latestOnly: one job runs, the newest waits', () => {
  it.each([
    { name: 'one job runs at once and is answered', submit: ['m1'], finish: ['m1'], started: ['m1'], answered: ['m1'] },
    { name: 'a job submitted while one runs waits, then runs', submit: ['m1', 'm2'], finish: ['m1', 'm2'], started: ['m1', 'm2'], answered: ['m1', 'm2'] },
    { name: 'of several waiting jobs only the newest runs', submit: ['m1', 'm2', 'm3', 'm4'], finish: ['m1', 'm4'], started: ['m1', 'm4'], answered: ['m1', 'm4'] },
    { name: 'nothing more starts until the running job answers', submit: ['m1', 'm2'], finish: [], started: ['m1'], answered: [] },
  ])('$name', ({ submit, finish, started, answered }) => {
    const h = harness();
    for (const job of submit) h.queue.submit(job);
    for (const job of finish) h.finish(job);
    expect(h.started).toStrictEqual(started);
    expect(h.answers).toStrictEqual(answered.map((job) => [job, `report of ${job}`]));
  });

  it('after dispose, a late answer is dropped and the waiting job never starts', () => {
    const h = harness();
    h.queue.submit('m1');
    h.queue.submit('m2');
    h.queue.dispose();
    h.finish('m1');
    expect(h.answers).toStrictEqual([]);
    expect(h.started).toStrictEqual(['m1']);
  });

  it('a job answered twice is answered once', () => {
    const h = harness();
    h.queue.submit('m1');
    h.finish('m1');
    h.finish('m1');
    expect(h.answers).toStrictEqual([['m1', 'report of m1']]);
  });
});

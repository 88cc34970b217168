import type { RawObject } from '@/lib/model/normalize/raw';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a pod is Ready and not being deleted. */
export function isReady(pod: RawObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
  return !pod.metadata?.deletionTimestamp && conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** Runs fn(0..count-1) with at most `limit` calls in flight. */
export async function inParallel(count: number, limit: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** Polls `check` every `everyMs` until it holds; throws, naming what it waited for, after `timeoutMs`. */
export async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, everyMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

import type { ModelChange } from '@/lib/model/changes';

/**
 * What a change shows, as keys a write can be matched with: an object at a resourceVersion, or an object gone.
 * A relist's replace shows every object it carries, so a write absorbed by a relist still counts as arrived.
 */
export function changeKeys(change: ModelChange): string[] {
  switch (change.op) {
    case 'upsert':
      return [upsertKey(change.kind, change.object.meta.uid, change.object.meta.resourceVersion)];
    case 'delete':
      return [deleteKey(change.kind, change.uid)];
    case 'replace':
      return change.objects.map((o) => upsertKey(change.kind, o.meta.uid, o.meta.resourceVersion));
    case 'sync':
    case 'served-groups':
      return [];
  }
}

export const upsertKey = (kind: string, uid: string, resourceVersion: string) => `${kind}/${uid}@${resourceVersion}`;
export const deleteKey = (kind: string, uid: string) => `${kind}/${uid}#deleted`;

/**
 * Matches each write (by the key of the object its response returned) with its arrival at every client. Arrivals
 * may come before the write's response is read, so both sides are kept until matched, and pruned when old.
 */
export class LagTracker {
  /** Per client, the milliseconds from a write's response to the change's arrival. */
  readonly lags: number[] = [];
  /** (write, client) pairs never seen within the timeout. */
  missing = 0;
  matchedWrites = 0;
  private readonly arrivals = new Map<string, { first: number; at: Map<number, number> }>();
  private readonly writes = new Map<string, number>();

  constructor(
    private readonly clients: number,
    private readonly timeoutMs: number,
  ) {}

  arrived(client: number, key: string, at: number): void {
    let entry = this.arrivals.get(key);
    if (!entry) this.arrivals.set(key, (entry = { first: at, at: new Map() }));
    if (!entry.at.has(client)) entry.at.set(client, at);
  }

  wrote(key: string, at: number): void {
    this.writes.set(key, at);
  }

  /** Records the writes every client has seen, and those past the timeout (or all, when final). */
  sweep(now: number, final = false): void {
    for (const [key, wroteAt] of this.writes) {
      const seen = this.arrivals.get(key)?.at;
      const complete = seen?.size === this.clients;
      if (!complete && !final && now - wroteAt < this.timeoutMs) continue;
      for (const at of seen?.values() ?? []) this.lags.push(at - wroteAt);
      this.missing += this.clients - (seen?.size ?? 0);
      this.matchedWrites += 1;
      this.writes.delete(key);
      this.arrivals.delete(key);
    }
    // Arrivals nobody wrote (the scheduler's, kwok's and the controllers' own changes) only need to outlive a write.
    for (const [key, entry] of this.arrivals) if (now - entry.first > 2 * this.timeoutMs) this.arrivals.delete(key);
  }

  get pendingWrites(): number {
    return this.writes.size;
  }
}

import type { LiveStore } from '@/lib/sources/live/live-store';
import type { SequencedChange } from '@/lib/model';

const HEARTBEAT_MS = 15_000;

export interface ResumePoint {
  epoch: string;
  seq: number;
}

/** Last-Event-ID as we send it: "<epoch>:<seq>". */
export function parseLastEventId(header: string | null): ResumePoint | undefined {
  const match = header?.match(/^([\w-]{1,64}):(\d{1,15})$/);
  return match ? { epoch: match[1] as string, seq: Number(match[2]) } : undefined;
}

/**
 * The SSE body for one subscriber. Events:
 * - `hello` {epoch, seq}: where the live numbering stands as the stream opens;
 * - `changes` {epoch, changes}: consecutive numbered changes (id "<epoch>:<last seq>");
 * - `reset` {reason}: the changes after the client's point are gone; refetch the snapshot. The stream then ends.
 * Catch-up and subscription happen in the same tick, so no change can fall between them.
 */
export function changeStream(store: LiveStore, resumeFrom: ResumePoint | undefined, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let release = () => {};
  return new ReadableStream({
    start(controller) {
      const send = (event: string, data: unknown, id?: string) =>
        controller.enqueue(encoder.encode(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      const sendChanges = (epoch: string, changes: SequencedChange[]) => {
        const last = changes.at(-1);
        if (last) send('changes', { epoch, changes }, `${epoch}:${last.seq}`);
      };

      const reset = (reason: string) => {
        send('reset', { reason });
        release();
        controller.close();
      };

      const { epoch, seq } = store.snapshot();
      send('hello', { epoch, seq });
      if (resumeFrom) {
        const missed = store.changesSince(resumeFrom.epoch, resumeFrom.seq);
        if (!missed) return reset('The changes since your snapshot are no longer available; fetch a new snapshot.');
        sendChanges(epoch, missed);
      }
      const unsubscribe = store.subscribe((event) =>
        event.type === 'changes' ? sendChanges(event.batch.epoch, event.batch.changes) : reset(event.reason),
      );
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(': ping\n\n')), HEARTBEAT_MS);
      release = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      signal.addEventListener('abort', () => {
        release();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime when the client went away.
        }
      });
    },
    cancel() {
      release();
    },
  });
}

/** The stream of a model that never changes (the demo): hello, then only heartbeats. */
export function staticStream(epoch: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(`event: hello\ndata: ${JSON.stringify({ epoch, seq: 0 })}\n\n`));
      heartbeat = setInterval(() => controller.enqueue(encoder.encode(': ping\n\n')), HEARTBEAT_MS);
      signal.addEventListener('abort', () => {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // Already closed by the runtime when the client went away.
        }
      });
    },
    cancel() {
      clearInterval(heartbeat);
    },
  });
}

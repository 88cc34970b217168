'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyChanges, type SequencedChange } from '@/lib/model';
import { snapshotPath } from '@/lib/api/context-choice';
import type { ChangesEvent, SnapshotResponse } from '@/lib/api/types';
import { fetchJson } from './fetch-json';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/** A snapshot as fetched, tagged so that the stream can tell a refetch from changes applied to it. */
type LiveSnapshot = SnapshotResponse & { fetchId: number };
let fetchCounter = 0;

/**
 * The least time between two applied batches, by the model's size: each applied batch makes a new model, and the
 * page then rebuilds the map's graph and more from it (about 100 ms of main thread at 10,000 pods, more at 50,000).
 * Applying at most this often keeps a busy cluster (50 changes a second) from keeping the page busy all the time,
 * while a change still shows within the watch-to-map target (500 ms): 0 up to 2,000 pods, 50 ms at 10,000, 250 ms
 * at 50,000, and never more than 300 ms.
 */
export function applyIntervalMs(pods: number): number {
  if (pods <= 2000) return 0;
  return Math.min(300, Math.round(pods * 0.005));
}

export const snapshotQueryKey = (context: string) => ['snapshot', context] as const;

/**
 * The live model of a context: a snapshot from /api/snapshot kept current by /api/events. Changes are applied
 * with the same pure applyChanges the server uses. A gap in the numbering, or a reset from the server, refetches
 * the snapshot; the stream then resumes from the new one.
 */
export function useLiveModel(context: string) {
  const queryClient = useQueryClient();
  const queryKey = snapshotQueryKey(context);
  const query = useQuery({
    queryKey,
    queryFn: async (): Promise<LiveSnapshot> => ({
      ...(await fetchJson<SnapshotResponse>(snapshotPath(context))),
      fetchId: ++fetchCounter,
    }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const [streamStatus, setStreamStatus] = useState<StreamStatus>('connecting');
  // The stream is opened once per fetched snapshot, not per applied change (applying keeps the fetchId).
  const baseline = query.data && !query.isFetching ? query.data.fetchId : undefined;

  useEffect(() => {
    const start = queryClient.getQueryData<LiveSnapshot>(queryKey);
    if (!baseline || !start) return;
    const url = `/api/events?context=${encodeURIComponent(context)}&epoch=${start.epoch}&since=${start.seq}`;
    const source = new EventSource(url);
    let buffered: SequencedChange[] = [];
    let frame: number | undefined;
    let wait: ReturnType<typeof setTimeout> | undefined;
    let appliedAt = -Infinity;

    const refetch = () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey });
    };
    // Many changes can arrive in one frame (a relist, a rollout); apply them in one render.
    const flush = () => {
      frame = undefined;
      appliedAt = performance.now();
      const changes = buffered;
      buffered = [];
      let gap = false;
      queryClient.setQueryData<LiveSnapshot>(queryKey, (current) => {
        if (!current || changes.length === 0) return current;
        const fresh = changes.filter((c) => c.seq > current.seq);
        if (fresh.length === 0) return current;
        if (fresh[0]!.seq !== current.seq + 1) {
          gap = true;
          return current;
        }
        return { ...current, seq: fresh.at(-1)!.seq, model: applyChanges(current.model, fresh) };
      });
      if (gap) refetch();
    };

    source.addEventListener('open', () => setStreamStatus('open'));
    source.addEventListener('error', () => setStreamStatus(source.readyState === EventSource.CLOSED ? 'connecting' : 'reconnecting'));
    source.addEventListener('changes', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as ChangesEvent;
      if (data.epoch !== start.epoch) return refetch();
      for (const change of data.changes) buffered.push(change);
      if (frame !== undefined || wait !== undefined) return;
      const pods = queryClient.getQueryData<LiveSnapshot>(queryKey)?.model.resources.pods.length ?? 0;
      const delay = appliedAt + applyIntervalMs(pods) - performance.now();
      if (delay <= 0) frame = requestAnimationFrame(flush);
      else
        wait = setTimeout(() => {
          wait = undefined;
          frame = requestAnimationFrame(flush);
        }, delay);
    });
    source.addEventListener('reset', refetch);
    return () => {
      source.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(wait);
    };
    // queryKey is derived from context; baseline changes exactly when a new snapshot was fetched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [context, baseline, queryClient]);

  return { snapshot: query.data, error: query.error, isLoading: query.isLoading, streamStatus };
}

'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyChanges, type SequencedChange } from '@/lib/model';
import type { ChangesEvent, SnapshotResponse } from '@/lib/api/types';
import { fetchJson } from './fetch-json';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/** A snapshot as fetched, tagged so that the stream can tell a refetch from changes applied to it. */
type LiveSnapshot = SnapshotResponse & { fetchId: number };
let fetchCounter = 0;

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
      ...(await fetchJson<SnapshotResponse>(`/api/snapshot?context=${encodeURIComponent(context)}`)),
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

    const refetch = () => {
      source.close();
      void queryClient.invalidateQueries({ queryKey });
    };
    // Many changes can arrive in one frame (a relist, a rollout); apply them in one render.
    const flush = () => {
      frame = undefined;
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
      frame ??= requestAnimationFrame(flush);
    });
    source.addEventListener('reset', refetch);
    return () => {
      source.close();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    // queryKey is derived from context; baseline changes exactly when a new snapshot was fetched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [context, baseline, queryClient]);

  return { snapshot: query.data, error: query.error, isLoading: query.isLoading, streamStatus };
}

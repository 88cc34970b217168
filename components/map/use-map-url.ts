'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readMapUrl, withChanges, type MapUrlState } from './map-url';

/**
 * The map view's URL state (see map-url.ts) and a setter that changes some parameters and keeps the others. The
 * setter replaces the history entry without navigating: Next.js keeps useSearchParams in step with the history
 * API, and skipping the router skips its transition and payload fetch, which a click's highlight would wait for.
 */
export function useMapUrl(): [MapUrlState, (changes: Record<string, string | undefined>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => readMapUrl(params), [params]);
  const setParams = useCallback(
    (changes: Record<string, string | undefined>) => window.history.replaceState(null, '', `${pathname}?${withChanges(params, changes)}`),
    [params, pathname],
  );
  return [state, setParams];
}

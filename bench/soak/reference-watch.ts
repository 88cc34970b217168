import type { KubeConfig } from '@kubernetes/client-node';
import type { WatchedKind } from '@/lib/model/types';
import { API_RESOURCES, collectionPath } from '@/lib/sources/live/api-resources';
import type { WatchEvent, WatchHandle } from '@/lib/sources/live/transport';
import { DEFAULT_WATCH_WINDOW, openWatchStream } from '@/lib/sources/live/watch-stream';
import { deleteKey, upsertKey } from './lag';

/**
 * A watch straight on the API server, beside the dashboard, for the kinds the soak writes: the same lag measured
 * without the dashboard in between tells what of the figure is the API server's own (on a loaded machine, most).
 * A watch that ends is reopened from its last resourceVersion until stop().
 */
export function referenceWatch(config: KubeConfig, kinds: readonly WatchedKind[], onArrival: (key: string, at: number) => void): { stop(): void } {
  let stopped = false;
  const handles = new Set<WatchHandle>();
  const follow = async (kind: WatchedKind, from: string) => {
    let resourceVersion = from;
    while (!stopped) {
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      const onEvent = (event: WatchEvent) => {
        const at = performance.now();
        const meta = event.object.metadata;
        if (!meta?.uid || !meta.resourceVersion) return;
        resourceVersion = meta.resourceVersion;
        if (event.type === 'DELETED') onArrival(deleteKey(kind, meta.uid), at);
        else if (event.type === 'ADDED' || event.type === 'MODIFIED') onArrival(upsertKey(kind, meta.uid, meta.resourceVersion), at);
      };
      try {
        const handle = await openWatchStream(config, pathOf(kind), resourceVersion, DEFAULT_WATCH_WINDOW, onEvent, () => end());
        handles.add(handle);
        await ended;
        handles.delete(handle);
      } catch {
        if (!stopped) await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  // An empty resourceVersion starts from now (after a synthetic ADDED for each object, matched with nothing).
  for (const kind of kinds) void follow(kind, '');
  return {
    stop() {
      stopped = true;
      for (const handle of handles) handle.stop();
    },
  };
}

/** The soak writes only core kinds, which every API server serves at their first version. */
function pathOf(kind: WatchedKind): string {
  const resource = API_RESOURCES[kind];
  return collectionPath(resource, resource.versions[0] ?? 'v1');
}

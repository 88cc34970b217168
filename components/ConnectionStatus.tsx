import { RESOURCE_KINDS, summarizeConnection, type ResourceKind, type SyncState } from '@/lib/model';
import type { StreamStatus } from '@/lib/client/use-live-model';

// Shape and text carry the state as well as colour, for colour-blind readers.
const STATUS_STYLE: Record<string, string> = {
  connected: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  synced: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  syncing: 'border-sky-600 text-sky-800 dark:text-sky-300',
  partial: 'border-amber-600 text-amber-800 dark:text-amber-300',
  forbidden: 'border-amber-600 border-dashed text-amber-800 dark:text-amber-300',
  disconnected: 'border-red-600 border-double border-4 text-red-800 dark:text-red-300',
  error: 'border-red-600 border-double border-4 text-red-800 dark:text-red-300',
};
const STATUS_ICON: Record<string, string> = { connected: '●', synced: '●', syncing: '◌', partial: '◐', forbidden: '⊘', disconnected: '✕', error: '✕' };

export function ConnectionStatus({ sync, streamStatus }: { sync: Record<ResourceKind, SyncState>; streamStatus: StreamStatus }) {
  const summary =
    streamStatus === 'open'
      ? summarizeConnection(sync)
      : { status: 'disconnected' as const, message: 'Lost the live stream from the dashboard server; reconnecting…' };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span
        data-testid="connection"
        data-status={summary.status}
        title={summary.message}
        className={`rounded-full border px-2 py-0.5 text-sm font-medium ${STATUS_STYLE[summary.status]}`}
      >
        {STATUS_ICON[summary.status]} {summary.status}
      </span>
      <span className="max-w-md truncate text-xs text-slate-500" data-testid="connection-message">
        {summary.message}
      </span>
      <ul className="flex flex-wrap gap-1" aria-label="Sync state per kind">
        {RESOURCE_KINDS.map((kind) => {
          const state = sync[kind];
          return (
            <li
              key={kind}
              data-testid="sync-state"
              data-kind={kind}
              data-status={state.status}
              title={'message' in state ? state.message : state.status}
              className={`rounded border px-1.5 text-xs ${STATUS_STYLE[state.status]}`}
            >
              {STATUS_ICON[state.status]} {kind}: {state.status}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

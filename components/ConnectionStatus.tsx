import { RESOURCE_KINDS, summarizeConnection, type ResourceKind, type SyncState } from '@/lib/model';
import type { StreamStatus } from '@/lib/client/use-live-model';

// Shape and text carry the state as well as colour, for colour-blind readers.
const STATUS_STYLE: Record<string, string> = {
  connected: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  synced: 'border-emerald-600 text-emerald-800 dark:text-emerald-300',
  'not installed': 'border-slate-400 border-dashed text-slate-500',
  syncing: 'border-sky-600 text-sky-800 dark:text-sky-300',
  partial: 'border-amber-600 text-amber-800 dark:text-amber-300',
  forbidden: 'border-amber-600 border-dashed text-amber-800 dark:text-amber-300',
  disconnected: 'border-red-600 border-double border-4 text-red-800 dark:text-red-300',
  error: 'border-red-600 border-double border-4 text-red-800 dark:text-red-300',
};
const STATUS_ICON: Record<string, string> = {
  connected: '●',
  synced: '●',
  'not installed': '○',
  syncing: '◌',
  partial: '◐',
  forbidden: '⊘',
  disconnected: '✕',
  error: '✕',
};

const shownStatus = (state: SyncState) => (state.status === 'synced' && state.notServed ? 'not installed' : state.status);

/**
 * One indicator for the whole context, a chip in the header. What it means and the state of each kind are one click
 * away, and shown without a click as soon as any kind is not synced, because that is when a person needs it.
 */
export function ConnectionStatus({ sync, streamStatus }: { sync: Record<ResourceKind, SyncState>; streamStatus: StreamStatus }) {
  const summary =
    streamStatus === 'open'
      ? summarizeConnection(sync)
      : { status: 'disconnected' as const, message: 'Lost the live stream from the dashboard server; reconnecting…' };
  const notInstalled = RESOURCE_KINDS.filter((kind) => shownStatus(sync[kind]) === 'not installed').length;
  return (
    <details className="group relative" open={summary.status !== 'connected' || undefined}>
      <summary className="flex cursor-pointer list-none items-center gap-1 whitespace-nowrap" aria-label="Connection and the sync state of each kind">
        <span
          data-testid="connection"
          data-status={summary.status}
          title={summary.message}
          className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[summary.status]}`}
        >
          {STATUS_ICON[summary.status]} {summary.status}
        </span>
        <span className="text-xs text-slate-400 group-open:rotate-90" aria-hidden>
          ▸
        </span>
      </summary>
      <div className="absolute left-0 top-full z-30 mt-1 w-[36rem] max-w-[90vw] rounded border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <p className="mb-1 break-words" data-testid="connection-message">
          {summary.message}
          {notInstalled > 0 && ` · ${notInstalled} kinds not installed`}
        </p>
        <ul className="flex flex-wrap gap-1" aria-label="Sync state per kind">
          {RESOURCE_KINDS.map((kind) => {
            const state = sync[kind];
            const status = shownStatus(state);
            return (
              <li
                key={kind}
                data-testid="sync-state"
                data-kind={kind}
                data-status={state.status}
                title={'message' in state ? state.message : status === 'not installed' ? 'The cluster does not serve this kind: none exists.' : status}
                className={`rounded border px-1.5 text-xs ${STATUS_STYLE[status]}`}
              >
                {STATUS_ICON[status]} {kind}: {status}
              </li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}

import type { ResourceKind, SyncState } from './types';

export type ConnectionStatus = 'connected' | 'syncing' | 'partial' | 'disconnected';

export interface ConnectionSummary {
  status: ConnectionStatus;
  message: string;
}

/**
 * One line for the whole context from the per-kind sync states: any error means the cluster cannot be reached
 * (or not fully), any forbidden kind makes the view partial, and it is connected only when every kind is synced.
 */
export function summarizeConnection(sync: Record<ResourceKind, SyncState>): ConnectionSummary {
  const entries = Object.entries(sync) as [ResourceKind, SyncState][];
  const errors = entries.filter(([, s]) => s.status === 'error');
  if (errors.length > 0) {
    const [kind, state] = errors[0] as [ResourceKind, Extract<SyncState, { status: 'error' }>];
    const others = errors.length > 1 ? ` (and ${errors.length - 1} more kinds)` : '';
    return { status: 'disconnected', message: `Cannot watch ${kind}${others}: ${state.message}` };
  }
  if (entries.some(([, s]) => s.status === 'syncing')) return { status: 'syncing', message: 'Listing resources…' };
  const forbidden = entries.filter(([, s]) => s.status === 'forbidden').map(([k]) => k);
  if (forbidden.length > 0) return { status: 'partial', message: `Not allowed to list ${forbidden.join(', ')}` };
  return { status: 'connected', message: 'Watching all kinds' };
}

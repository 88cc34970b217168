import { describe, expect, it } from 'vitest';
import { RESOURCE_KINDS, type ResourceKind, type SyncState } from './types';
import { summarizeConnection } from './connection';

const all = (state: SyncState, overrides: Partial<Record<ResourceKind, SyncState>> = {}) =>
  ({ ...Object.fromEntries(RESOURCE_KINDS.map((k) => [k, state])), ...overrides }) as Record<ResourceKind, SyncState>;

describe('summarizeConnection', () => {
  it.each([
    { name: 'every kind synced: connected', sync: all({ status: 'synced' }), want: { status: 'connected', message: 'Watching all kinds' } },
    {
      name: 'any error wins, with the first error message and how many more kinds fail',
      sync: all({ status: 'synced' }, { pods: { status: 'error', message: 'ECONNREFUSED' }, nodes: { status: 'error', message: 'x' } }),
      want: { status: 'disconnected', message: 'Cannot watch nodes (and 1 more kinds): x' },
    },
    { name: 'still listing: syncing', sync: all({ status: 'synced' }, { pods: { status: 'syncing' } }), want: { status: 'syncing', message: 'Listing resources…' } },
    {
      name: 'a forbidden kind makes the view partial and names it',
      sync: all({ status: 'synced' }, { networkpolicies: { status: 'forbidden', message: '403' } }),
      want: { status: 'partial', message: 'Not allowed to list networkpolicies' },
    },
  ])('$name', ({ sync, want }) => {
    expect(summarizeConnection(sync)).toEqual(want);
  });
});

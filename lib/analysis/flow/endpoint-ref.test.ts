import { describe, expect, it } from 'vitest';
import { formatEndpointRef } from './endpoint-ref';

describe('formatEndpointRef: an end of a path as the trace names it', () => {
  it.each([
    { name: 'a pod by namespace and name', ref: { type: 'pod' as const, namespace: 'shop', name: 'web', ip: '10.0.0.1' }, want: 'pod shop/web' },
    { name: 'an address that is no pod by itself', ref: { type: 'ip' as const, ip: '8.8.8.8' }, want: '8.8.8.8' },
  ])('$name', ({ ref, want }) => {
    expect(formatEndpointRef(ref)).toBe(want);
  });
});

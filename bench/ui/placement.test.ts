import { describe, expect, it } from 'vitest';
import { PODS_PER_NODE, nodeOf, nodesFor } from './placement';

/** How many pods each node gets when every one of `pods` is placed. */
function load(pods: number): number[] {
  const counts = new Array<number>(nodesFor(pods)).fill(0);
  for (let i = 0; i < pods; i++) counts[nodeOf(i, pods)]! += 1;
  return counts;
}

describe('placement of the UI bench pods on its kwok nodes', () => {
  it.each([
    { pods: 40, nodes: 1, most: 40, least: 40 },
    { pods: 200, nodes: 1, most: 200, least: 200 },
    { pods: 201, nodes: 2, most: 101, least: 100 },
    { pods: 2000, nodes: 10, most: 200, least: 200 },
    { pods: 10_000, nodes: 50, most: 200, least: 200 },
    { pods: 50_040, nodes: 251, most: 200, least: 199 },
  ])('$pods pods: $nodes nodes, each with $least to $most pods', ({ pods, nodes, most, least }) => {
    const counts = load(pods);
    expect({ nodes: counts.length, most: Math.max(...counts), least: Math.min(...counts) }).toStrictEqual({ nodes, most, least });
    expect(Math.max(...counts)).toBeLessThanOrEqual(PODS_PER_NODE);
  });

  it("spreads a workload's consecutive pods over different nodes", () => {
    expect([0, 1, 2, 3, 4].map((i) => nodeOf(i, 2000))).toStrictEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a pod outside the population', () => {
    expect(() => nodeOf(2000, 2000)).toThrow(RangeError);
    expect(() => nodeOf(-1, 2000)).toThrow(RangeError);
  });
});

// Where the bench's pods go: onto the bench's own kwok nodes, at most PODS_PER_NODE on each.

/**
 * kwok hands a node's pods the addresses of the node's /24 (253 of them) and runs into the next node's range past
 * its end (duplicate pod IPs). 200 leaves room for the pods the watch step adds later through the scheduler.
 */
export const PODS_PER_NODE = 200;

/** The nodes that carry `pods` pods at most PODS_PER_NODE each. */
export const nodesFor = (pods: number) => Math.max(1, Math.ceil(pods / PODS_PER_NODE));

/**
 * The node (index) of the pod with the given index among `pods`, round robin: consecutive pods (one workload's)
 * land on different nodes, as a scheduler spreading them would put them, and no node gets more than
 * ceil(pods / nodes) <= PODS_PER_NODE.
 */
export function nodeOf(podIndex: number, pods: number): number {
  if (!Number.isInteger(podIndex) || podIndex < 0 || podIndex >= pods) throw new RangeError(`pod ${podIndex} is not one of ${pods}`);
  return podIndex % nodesFor(pods);
}

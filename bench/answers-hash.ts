// A fingerprint of the engine's answers, so that a change meant to make it faster can show that it answers the same:
// run a bench with --answers-hash before and after, and compare the lines. JSON as the API sends it (ConnectionSet
// has its toJSON), hashed with SHA-256.

import { createHash } from 'node:crypto';
import type { ClusterModel } from '@/lib/model/types';
import { reachablePeers } from '@/lib/analysis/reach/reachable-peers';

export function answersHash(answers: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const answer of answers) hash.update(JSON.stringify(answer)).update('\n');
  return hash.digest('hex').slice(0, 16);
}

/** The pods a reachablePeers fingerprint asks about: `count` spread evenly over the model's list, and every host-network pod among the first 1,000 (the own-node exception). */
export function fingerprintPods(model: ClusterModel, count = 100) {
  const pods = model.resources.pods;
  const step = Math.max(1, Math.floor(pods.length / count));
  const chosen = new Set(pods.filter((_, i) => i % step === 0).slice(0, count));
  for (const pod of pods.slice(0, 1000)) if (pod.hostNetwork) chosen.add(pod);
  return [...chosen].map((pod) => ({ namespace: pod.meta.namespace ?? '', name: pod.meta.name }));
}

/** reachablePeers for each fingerprint pod, hashed. */
export function reachAnswersHash(model: ClusterModel): { pods: number; hash: string } {
  const pods = fingerprintPods(model);
  return { pods: pods.length, hash: answersHash(pods.map((ref) => reachablePeers(model, ref))) };
}

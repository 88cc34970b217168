// What a verdict says when the policies deny traffic that the network plugin lets through. The policies' verdict
// stays (it is what they say, and what they will do once a plugin enforces them); the note says what the traffic
// does today. One type for every answer that can say "denied": explainFlow (each path and the whole flow),
// reachablePeers and connectivity; the UI and the CLI render it as it is.

import type { ClusterModel } from '@/lib/model';
import { detectEnforcement } from './detect';

export interface EnforcementNote {
  /**
   * The cluster's enforcement (detectEnforcement). Only "not-enforced" changes what a denial means: when it is
   * "unknown", verdicts stay as they are (the header's badge and diagnose say it once for the cluster).
   */
  status: 'not-enforced';
  /** The network plugins found, none of which enforces NetworkPolicy: "flannel", "bridge (minikube)". */
  plugins: string[];
  /** What happens to the traffic the policies deny. */
  effect: 'flows';
  /** The sentence for a person: "denied by policy, but not enforced by flannel: traffic flows". */
  text: string;
}

// Once per model (models are immutable): explainFlow and reachablePeers ask for it on every call, and detection
// reads every node.
const notes = new WeakMap<ClusterModel, EnforcementNote | null>();

/**
 * The note denied verdicts carry on this model, or undefined when the network plugin enforces (or may). Shared by
 * the answers on the model: never change it.
 */
export function enforcementNote(model: ClusterModel): EnforcementNote | undefined {
  let note = notes.get(model);
  if (note === undefined) notes.set(model, (note = noteOf(model)));
  return note ?? undefined;
}

function noteOf(model: ClusterModel): EnforcementNote | null {
  const result = detectEnforcement(model);
  if (result.enforcement !== 'not-enforced') return null;
  const plugins = result.plugins.map((p) => p.name);
  return { status: 'not-enforced', plugins, effect: 'flows', text: `denied by policy, but not enforced by ${plugins.join(' and ')}: traffic flows` };
}

// The answer to "which network plugin runs, and does it enforce NetworkPolicy?".

export type Enforcement = 'enforced' | 'not-enforced' | 'unknown';

export interface DetectedPlugin {
  /** As the README's table names it: "cilium", "flannel", "kindnet", "bridge (minikube)". */
  name: string;
  /** The objects that told us, with what in them: `DaemonSet kube-system/cilium: image quay.io/cilium/cilium:v1.16.5`. */
  evidence: string[];
  /** Whether this plugin, on its own, enforces NetworkPolicy. */
  enforcement: Enforcement;
  /** Why, from the rule and what the objects say. */
  reason: string;
  /** What makes the policies take effect, when this plugin does not enforce them. */
  fix?: string;
}

export interface EnforcementResult {
  plugins: DetectedPlugin[];
  /** For the cluster: enforced when any plugin found enforces, not-enforced only when every one found is known not to. */
  enforcement: Enforcement;
  reason: string;
}

import type { DaemonSet, DaemonSetContainer } from '../types';
import { normalizeMeta } from './common';
import type { RawDaemonSet, RawDaemonSetContainer } from './raw';

/**
 * The container settings kept in the model: those that turn a network plugin's NetworkPolicy enforcement on or off
 * (lib/analysis/enforcement reads them; its tests check that every one it reads is listed here). Args are keyed
 * `--name`, env vars by their name.
 */
export const DAEMONSET_SETTINGS: ReadonlySet<string> = new Set([
  // AWS VPC CNI's network policy agent (container aws-eks-nodeagent): off unless true.
  '--enable-network-policy',
  // kube-router: its NetworkPolicy firewall, on unless false.
  '--run-firewall',
  // Cilium's policy enforcement mode (default, always, never), as a flag or its environment form.
  '--enable-policy',
  'CILIUM_ENABLE_POLICY',
  // kindnet (sigs.k8s.io/kindnet): its embedded kube-network-policies, on unless false.
  '--network-policy',
]);

export function normalizeDaemonSet(raw: RawDaemonSet): DaemonSet {
  const template = raw.spec?.template;
  return {
    meta: normalizeMeta(raw.metadata),
    podLabels: { ...(template?.metadata?.labels ?? {}) },
    containers: list(template?.spec?.containers).map((c) => normalizeContainer((c ?? {}) as RawDaemonSetContainer)),
    desiredNumberScheduled: count(raw.status?.desiredNumberScheduled),
    numberReady: count(raw.status?.numberReady),
  };
}

function normalizeContainer(c: RawDaemonSetContainer): DaemonSetContainer {
  const settings: Record<string, string> = {};
  // The kubelet runs command then args: a flag may sit in either.
  for (const arg of [...list(c.command), ...list(c.args)]) {
    if (typeof arg !== 'string') continue;
    // Go's flag packages read -name and --name alike; a bare boolean flag means true.
    const match = /^--?([^=\s]+)(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    const key = `--${match[1]}`;
    if (DAEMONSET_SETTINGS.has(key)) settings[key] = match[2] ?? 'true';
  }
  for (const e of list(c.env)) {
    // Only literal values: a valueFrom would need a ConfigMap or Secret, which are not read.
    const { name, value } = (e ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof value === 'string' && DAEMONSET_SETTINGS.has(name)) settings[name] = value;
  }
  return { name: typeof c.name === 'string' ? c.name : '', image: typeof c.image === 'string' ? c.image : '', settings };
}

/** Manifests are checked only for the fields other kinds read: these may be of any type. */
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const count = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);

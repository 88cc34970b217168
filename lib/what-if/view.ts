// The what-if's answer as plain data, ready to cross from the Web Worker to the page (structured clone keeps no
// class, so no ConnectionSet): each pair of the engine's connectivity diff with the texts `kube-netmap diff` prints
// for it. Nothing is worked out here; the texts come from lib/analysis/diff.

import { DIFF_KINDS, type ConnectivityDiff, type DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import { formatDiffSide, formatGainedLost, formatPolicies, summarizeDiff } from '@/lib/analysis/diff/format-diff';
import type { EnforcementNote } from '@/lib/analysis/enforcement/note';
import { formatConnectivityEndpoint, type ConnectivityEndpoint } from '@/lib/analysis/reach/connectivity';
import { RESOURCE_KIND_NAMES, type OverlayEffect } from '@/lib/model';

export interface WhatIfPair {
  kind: DiffKind;
  source: ConnectivityEndpoint;
  destination: ConnectivityEndpoint;
  /** `shop/Deployment/web`, or the address ranges. */
  sourceText: string;
  destinationText: string;
  /** Each side as the diff writes it (formatDiffSide): `TCP 8080`, `none`, with "(not every pod pair)" and unknowns. */
  before: string;
  after: string;
  /** For `changed`: what it gains and loses, `+TCP 9090; -TCP 8080` ('' when only "every pod pair" changed). */
  change: string;
  /** The policies behind each side (`shop/web, shop/api`, or `no policy`); '' for a side that allows nothing. */
  policiesBefore: string;
  policiesAfter: string;
  /** For `unknown`: why, each reason prefixed with its side ("base: ", "head: "). */
  reasons: string[];
}

export interface WhatIfView {
  /** `2 removed, 1 changed; 1 workload added`, or `no difference`. */
  summary: string;
  counts: Record<DiffKind, number>;
  /** In the diff's order: by source, then destination. */
  pairs: WhatIfPair[];
  workloads: { added: string[]; removed: string[] };
  /** Set when a report is not a certainty: then every difference is unknown. */
  unknown?: { base?: string; head?: string };
  /** Set when the network plugin does not enforce NetworkPolicy: the verdicts are the policies', the traffic flows. */
  enforcement?: EnforcementNote;
}

export function whatIfView(diff: ConnectivityDiff, enforcement: EnforcementNote | undefined): WhatIfView {
  const view: WhatIfView = {
    summary: summarizeDiff(diff),
    counts: Object.fromEntries(DIFF_KINDS.map((k) => [k, diff.counts[k]])) as Record<DiffKind, number>,
    pairs: diff.entries.map((e) => ({
      kind: e.kind,
      source: e.source,
      destination: e.destination,
      sourceText: formatConnectivityEndpoint(e.source),
      destinationText: formatConnectivityEndpoint(e.destination),
      before: formatDiffSide(e.base),
      after: formatDiffSide(e.head),
      change: e.kind === 'changed' ? formatGainedLost(e) : '',
      policiesBefore: e.base ? formatPolicies(e.base.policies) : '',
      policiesAfter: e.head ? formatPolicies(e.head.policies) : '',
      reasons: e.reasons ?? [],
    })),
    workloads: { added: diff.workloads.added.map(formatConnectivityEndpoint), removed: diff.workloads.removed.map(formatConnectivityEndpoint) },
  };
  if (diff.unknown) view.unknown = { ...diff.unknown };
  if (enforcement) view.enforcement = enforcement;
  return view;
}

/** What the draft did to one object, for a person: `NetworkPolicy shop/deny-all: added`. */
export function describeEffect(effect: OverlayEffect): string {
  const name = effect.namespace === undefined ? effect.name : `${effect.namespace}/${effect.name}`;
  if (effect.workload) {
    const owner = `${effect.workload.owner.kind} ${effect.namespace ?? ''}/${effect.workload.owner.name}`;
    const pods = effect.workload.replacedPods;
    return pods > 0 ? `${owner}: its pod template replaces its ${pods} pod${pods === 1 ? '' : 's'}` : `${owner}: added (as one pod from its template)`;
  }
  const what = `${RESOURCE_KIND_NAMES[effect.kind]} ${name}`;
  switch (effect.op) {
    case 'added':
      return `${what}: added`;
    case 'replaced':
      return `${what}: replaces the current one`;
    case 'deleted':
      return `${what}: deleted`;
    case 'not-found':
      return `${what}: marked deleted, but there is no such object`;
  }
}

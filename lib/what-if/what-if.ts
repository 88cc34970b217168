// "What if this draft were applied?": the draft laid over a copy of the model, and what that does to who can talk
// to whom, as the engine's connectivity diff says. Pure, and free of Node APIs: the page runs it in a Web Worker.

import { diffConnectivity } from '@/lib/analysis/diff/connectivity-diff';
import { connectivity, type ConnectivityReport } from '@/lib/analysis/reach/connectivity';
import { overlayModel, type ClusterModel, type OverlayEffect } from '@/lib/model';
import { ManifestError, type ManifestWarning } from '@/lib/sources/manifests/errors';
import { readDraft, type WhatIfDraft } from './read-draft';
import { whatIfView, type WhatIfView } from './view';

/** A draft that cannot be read, where: `line` is 1-based in the draft, 0 when no line applies. */
export interface DraftError {
  line: number;
  reason: string;
  /** `draft:12: reason`, as the CLI prints manifest errors. */
  message: string;
}

export type WhatIfOutcome =
  | {
      ok: true;
      view: WhatIfView;
      /** The model with the draft applied: the map draws it while the what-if is shown. */
      head: ClusterModel;
      effects: OverlayEffect[];
      warnings: ManifestWarning[];
    }
  | { ok: false; error: DraftError };

/**
 * The draft applied to a copy of `base` (never to the cluster), and the connectivity diff from base to head.
 * `baseReport` is connectivity(base), passed in when already known: a base is compared with many drafts. A draft
 * that cannot be read is an error at its line, not a throw.
 */
export function runWhatIf(base: ClusterModel, draft: WhatIfDraft, baseReport: ConnectivityReport = connectivity(base)): WhatIfOutcome {
  let read: ReturnType<typeof readDraft>;
  try {
    read = readDraft(draft);
  } catch (error) {
    if (error instanceof ManifestError) return { ok: false, error: { line: error.line, reason: error.reason, message: error.message } };
    throw error;
  }
  const { model: head, effects } = overlayModel(base, read.overlay);
  const headReport = connectivity(head);
  return { ok: true, view: whatIfView(diffConnectivity(baseReport, headReport), headReport.enforcement), head, effects, warnings: read.warnings };
}

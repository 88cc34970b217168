// A what-if draft's YAML read by the manifests source's pure parts (never its file loader, which needs node:fs: this
// runs in the browser). Pure.

import { emptyModel, type ModelOverlay } from '@/lib/model';
import type { ManifestWarning } from '@/lib/sources/manifests/errors';
import { modelFromDocuments } from '@/lib/sources/manifests/model';
import { parseManifestText } from '@/lib/sources/manifests/parse';

/** How the draft is named in errors and warnings: `draft:12: …` points at line 12 of the editor. */
const DRAFT_FILE = 'draft';

/** A draft as a person writes it: YAML (any number of documents, any kind the manifests source reads) and deletions. */
export interface WhatIfDraft {
  yaml: string;
  deleted: ModelOverlay['deleted'];
}

/**
 * The draft's objects and warnings. Whitespace alone is no object (a draft may only delete); anything else is read
 * as manifests are, so broken YAML or an object the API server would reject throws a ManifestError at its line.
 */
export function readDraft(draft: WhatIfDraft): { overlay: ModelOverlay; warnings: ManifestWarning[] } {
  if (draft.yaml.trim() === '') {
    return { overlay: { objects: emptyModel({ status: 'synced' }), declaredNamespaces: new Set(), deleted: draft.deleted }, warnings: [] };
  }
  const source = { file: DRAFT_FILE, text: draft.yaml };
  const { model, warnings } = modelFromDocuments([source]);
  // The model also holds the namespaces the objects only use; the overlay must know which the draft declares.
  const declaredNamespaces = new Set(
    parseManifestText(source.file, source.text, [])
      .filter((o) => o.raw.kind === 'Namespace' && o.raw.apiVersion === 'v1')
      .map((o) => (o.raw.metadata as { name: string }).name),
  );
  return { overlay: { objects: model, declaredNamespaces, deleted: draft.deleted }, warnings };
}

'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClusterModel, ObjectKey } from '@/lib/model';
import type { WhatIfDraft } from '@/lib/what-if/read-draft';
import type { WhatIfOutcome } from '@/lib/what-if/what-if';
import { DRAFT_PARAM, draftParams, readDraftLink, STORED_DRAFT_PARAM, type DraftLink, type StoredDrafts } from './draft-url';
import { WhatIfRunner, type WhatIfRun } from './what-if-client';

/** After the model changes (a live cluster), how long the what-if waits for more changes before it runs again. */
const REFRESH_MS = 1000;

interface Request {
  draft: WhatIfDraft;
  base: ClusterModel;
}

export interface WhatIf {
  /** The draft as edited, applied or not. */
  yaml: string;
  setYaml: (yaml: string) => void;
  deleted: readonly ObjectKey[];
  toggleDeleted: (key: ObjectKey) => void;
  /** The draft the answer is for (the one last applied). */
  applied?: WhatIfDraft;
  /** The engine's answer for the applied draft: from an older model while `running` after a change of the model. */
  run?: WhatIfRun;
  /** The answer when it is a what-if (the map draws it), not a draft error. */
  outcome?: Extract<WhatIfOutcome, { ok: true }>;
  running: boolean;
  /** A fault of kube-netmap's own while computing. */
  failure?: string;
  /** Why the draft of the link the page was opened with cannot be shown. */
  linkError?: string;
  /** Where the link keeps the applied draft: in itself, in this browser's storage (too large for a link), or nowhere (too large for the storage too). */
  kept: 'link' | 'browser' | 'nowhere';
  apply: () => void;
  clear: () => void;
}

/** Local storage, or (where the browser refuses it) a store that lasts as long as the page. */
let fallbackStorage: StoredDrafts | undefined;
function browserStorage(): StoredDrafts {
  try {
    return window.localStorage;
  } catch {
    const items = new Map<string, string>();
    return (fallbackStorage ??= { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) });
  }
}

const sameKey = (a: ObjectKey, b: ObjectKey) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/**
 * The what-if of the map view: the draft being edited, the draft applied (kept in the URL, see draft-url.ts) and
 * the engine's answer, computed in a Web Worker while `active` (the panel is open). A live model that changes
 * is answered again once the last run is done, never interrupting it; applying a draft interrupts.
 */
export function useWhatIf(
  model: ClusterModel,
  active: boolean,
  link: DraftLink | undefined,
  setParams: (changes: Record<string, string | undefined>) => void,
): WhatIf {
  const [yaml, setYaml] = useState('');
  const [deleted, setDeleted] = useState<readonly ObjectKey[]>([]);
  const [request, setRequest] = useState<Request | undefined>(undefined);
  const [result, setResult] = useState<{ request: Request; run?: WhatIfRun; failure?: string } | undefined>(undefined);
  const [linkError, setLinkError] = useState<string | undefined>(undefined);
  const [kept, setKept] = useState<WhatIf['kept']>('link');
  const modelRef = useRef(model);
  const runner = useRef<WhatIfRunner | undefined>(undefined);
  useEffect(() => {
    modelRef.current = model;
  }, [model]);
  useEffect(() => () => runner.current?.dispose(), []);

  // The draft of the link the page was opened with (later changes to the URL are the page's own).
  const [openedWith] = useState(link);
  useEffect(() => {
    if (!openedWith) return;
    let current = true;
    readDraftLink(openedWith, browserStorage()).then(
      (draft) => {
        if (!current) return;
        setYaml(draft.yaml);
        setDeleted(draft.deleted);
        setKept('storedId' in openedWith ? 'browser' : 'link');
        setRequest({ draft, base: modelRef.current });
      },
      (error: Error) => current && setLinkError(error.message),
    );
    return () => {
      current = false;
    };
  }, [openedWith]);

  // While the panel is open, the worker computes the model's connectivity ahead of the first draft.
  useEffect(() => {
    if (!active) return;
    runner.current ??= new WhatIfRunner();
    runner.current.prepare(modelRef.current);
  }, [active]);

  const answered = result?.request === request;
  useEffect(() => {
    if (!active || !request || answered) return;
    let current = true;
    runner.current ??= new WhatIfRunner();
    runner.current.run(request.base, request.draft).then(
      (run) => current && run && setResult({ request, run }),
      (error: Error) => current && setResult({ request, failure: error.message }),
    );
    return () => {
      current = false;
    };
  }, [active, request, answered]);

  // The model moved on: once the last run is done, the same draft again on the newest model.
  useEffect(() => {
    if (!active || !request || !answered || request.base === model) return;
    const timer = setTimeout(() => setRequest({ draft: request.draft, base: model }), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [active, request, answered, model]);

  const apply = useCallback(() => {
    const draft: WhatIfDraft = { yaml, deleted };
    setRequest({ draft, base: model });
    const rest = new URLSearchParams(window.location.search);
    rest.delete(DRAFT_PARAM);
    rest.delete(STORED_DRAFT_PARAM);
    const urlLength = `${window.location.origin}${window.location.pathname}?${rest}&panel=whatif`.length;
    draftParams(draft, urlLength, browserStorage()).then(
      (params) => {
        setKept(params[STORED_DRAFT_PARAM] !== undefined ? 'browser' : 'link');
        setParams({ ...params, panel: 'whatif' });
      },
      // The storage is full (or refused): the what-if is still shown, but its link cannot reproduce it.
      () => {
        setKept('nowhere');
        setParams({ [DRAFT_PARAM]: undefined, [STORED_DRAFT_PARAM]: undefined, panel: 'whatif' });
      },
    );
  }, [yaml, deleted, model, setParams]);

  const clear = useCallback(() => {
    setYaml('');
    setDeleted([]);
    setRequest(undefined);
    setResult(undefined);
    setKept('link');
    setLinkError(undefined);
    void draftParams({ yaml: '', deleted: [] }, 0, browserStorage()).then(setParams);
  }, [setParams]);

  const toggleDeleted = useCallback((key: ObjectKey) => setDeleted((list) => (list.some((k) => sameKey(k, key)) ? list.filter((k) => !sameKey(k, key)) : [...list, key])), []);

  // An answer for the applied draft, from an older model at worst; none for a draft applied since.
  const shown = result && request && result.request.draft === request.draft ? result : undefined;
  return {
    yaml,
    setYaml,
    deleted,
    toggleDeleted,
    ...(request ? { applied: request.draft } : {}),
    ...(shown?.run ? { run: shown.run } : {}),
    ...(shown?.run?.outcome.ok ? { outcome: shown.run.outcome } : {}),
    running: active && !!request && !answered,
    ...(shown?.failure ? { failure: shown.failure } : {}),
    ...(linkError ? { linkError } : {}),
    kept,
    apply,
    clear,
  };
}

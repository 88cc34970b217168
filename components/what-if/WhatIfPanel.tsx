'use client';

import { useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { DIFF_KINDS, type DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import { DIFF_MARKS } from '@/lib/analysis/diff/format-diff';
import type { WhatIfHighlight } from '@/lib/graph/what-if';
import { RESOURCE_KIND_NAMES, type ClusterModel, type ObjectKey } from '@/lib/model';
import { modelPolicies, policyYaml } from '@/lib/what-if/policy-manifest';
import { describeEffect, type WhatIfPair } from '@/lib/what-if/view';
import { Badge, EnforcementNoteText, ErrorMessage, LABEL, Loading, PRIMARY, SECONDARY, SectionTitle, UnknownBox, type Tone } from '../panels/panel-ui';
import { DraftEditor, goToLine } from './DraftEditor';
import type { WhatIf } from './use-what-if';

/** The most bytes of files one upload adds to the draft: the draft is computed in the browser. */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
/** The most pairs the panel lists (the map and the counts have them all). */
const MAX_LISTED_PAIRS = 300;

const TONES: Record<DiffKind, Tone> = { added: 'good', removed: 'bad', changed: 'mixed', unknown: 'unknown' };
/** How each kind of change looks: the diff's mark and word (as on the map and in `kube-netmap diff`), the colour only repeating them. */
const look = (kind: DiffKind) => ({ icon: DIFF_MARKS[kind], word: kind, tone: TONES[kind] });

const keyText = (key: ObjectKey) => `${RESOURCE_KIND_NAMES[key.kind]} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;

/**
 * "What if": a draft (pasted, uploaded, or a policy of the cluster opened and changed, or marked deleted) applied
 * to a copy of the model in the browser, never to the cluster, and what it changes as the engine's connectivity
 * diff says: the pairs added, removed, changed or unknown, with the policies on each side and why a verdict is unknown.
 * With a pod selected on the map, its own changes.
 */
export function WhatIfPanel({
  whatIf,
  model,
  highlight,
  selectedPod,
  onClearPod,
}: {
  whatIf: WhatIf;
  /** The model the draft is laid over (the cluster's, or the demo's). */
  model: ClusterModel;
  /** The changes as the map draws them: which pairs are shown (all, or the selected pod's), how many are not drawn. */
  highlight?: WhatIfHighlight;
  selectedPod?: string;
  onClearPod: () => void;
}) {
  const id = useId();
  const editor = useRef<HTMLTextAreaElement>(null);
  const policies = useMemo(() => modelPolicies(model), [model]);
  const [picked, setPicked] = useState('');
  const [uploadError, setUploadError] = useState<string | undefined>(undefined);
  const pickedPolicy = policies.find((p) => keyText(p.key) === picked);
  const { run, outcome } = whatIf;
  const draftError = run && !run.outcome.ok ? run.outcome.error : undefined;
  const dirty = whatIf.applied !== undefined && (whatIf.applied.yaml !== whatIf.yaml || whatIf.applied.deleted !== whatIf.deleted);

  const append = (text: string) => whatIf.setYaml(whatIf.yaml.trim() === '' ? text : `${whatIf.yaml.replace(/\n*$/, '\n')}---\n${text}`);
  const openPolicy = () => {
    const yaml = pickedPolicy && policyYaml(model, pickedPolicy.key);
    if (yaml) append(yaml);
  };
  const onUpload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    if (bytes > MAX_UPLOAD_BYTES) {
      setUploadError(`these files hold ${Math.ceil(bytes / 1024)} KiB; the page reads at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB at once (the CLI's kube-netmap diff reads more)`);
      return;
    }
    setUploadError(undefined);
    const texts = await Promise.all(files.map(async (f) => `# ${f.name.replace(/\s+/g, ' ')}\n${(await f.text()).replace(/\n*$/, '\n')}`));
    if (texts.length > 0) append(texts.join('---\n'));
  };

  return (
    <section aria-labelledby={`${id}-title`} data-testid="whatif-panel" className="flex flex-col gap-2 p-3 text-sm">
      <h2 id={`${id}-title`} className="font-semibold">
        What if…
      </h2>
      <p className="text-xs text-slate-500">
        Paste or upload manifests, or open a policy of the cluster and change it. The draft is applied to a copy of the model in this browser: nothing is sent to
        the cluster.
      </p>
      {whatIf.linkError && <ErrorMessage error={`The what-if of this link cannot be opened: ${whatIf.linkError}.`} />}

      <div className="flex items-end gap-1">
        <label className={`${LABEL} min-w-0 flex-1`}>
          Policy of the cluster
          <select
            value={picked}
            onChange={(e) => setPicked(e.target.value)}
            data-testid="whatif-policy"
            className="w-full rounded border border-slate-300 bg-white px-1 py-1 text-xs dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="">{policies.length === 0 ? 'none in this model' : 'choose…'}</option>
            {policies.map((p) => (
              <option key={keyText(p.key)} value={keyText(p.key)}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={SECONDARY} disabled={!pickedPolicy || pickedPolicy.notEditable !== undefined} title={pickedPolicy?.notEditable} onClick={openPolicy}>
          Open
        </button>
        <button type="button" className={SECONDARY} disabled={!pickedPolicy} onClick={() => pickedPolicy && whatIf.toggleDeleted(pickedPolicy.key)} data-testid="whatif-mark-deleted">
          {pickedPolicy && whatIf.deleted.some((k) => keyText(k) === picked) ? 'Keep' : 'Delete'}
        </button>
      </div>
      {pickedPolicy?.notEditable && <p className="text-xs text-slate-500">It cannot be opened: {pickedPolicy.notEditable}.</p>}

      <label className={LABEL}>
        Upload YAML or JSON
        <input type="file" multiple accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml" onChange={(e) => void onUpload(e)} className="text-xs" />
      </label>
      {uploadError && <ErrorMessage error={uploadError} />}

      <label htmlFor={`${id}-editor`} className="text-xs font-medium">
        Draft (any kind kube-netmap reads; Ctrl+Enter shows what changes)
      </label>
      <DraftEditor id={`${id}-editor`} ref={editor} value={whatIf.yaml} onChange={whatIf.setYaml} onApply={whatIf.apply} errorLine={draftError && draftError.line > 0 ? draftError.line : undefined} />
      {draftError && (
        <div id={`${id}-editor-error`} role="alert" data-testid="whatif-error" data-line={draftError.line} className="rounded border border-red-600 p-2 text-xs break-words text-red-800 dark:text-red-300">
          {draftError.line > 0 ? (
            <>
              <button type="button" className="font-semibold underline" onClick={() => editor.current && goToLine(editor.current, draftError.line)}>
                Line {draftError.line}
              </button>
              : {draftError.reason}
            </>
          ) : (
            draftError.reason
          )}
        </div>
      )}

      {whatIf.deleted.length > 0 && (
        <div className="text-xs">
          <SectionTitle>Marked deleted</SectionTitle>
          <ul className="mt-1 flex flex-wrap gap-1">
            {whatIf.deleted.map((key) => (
              <li key={keyText(key)} data-testid="whatif-deleted" className="flex items-center gap-1 rounded border border-dashed border-red-600 px-1.5 line-through decoration-red-600">
                {keyText(key)}
                <button type="button" aria-label={`Keep ${keyText(key)}`} onClick={() => whatIf.toggleDeleted(key)} className="no-underline">
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="flex gap-2">
        <button type="button" className={PRIMARY} onClick={whatIf.apply} data-testid="whatif-apply">
          Show what changes
        </button>
        {(whatIf.applied || whatIf.yaml || whatIf.deleted.length > 0) && (
          <button type="button" className={SECONDARY} onClick={whatIf.clear}>
            Clear
          </button>
        )}
      </div>
      {dirty && <p className="text-xs text-slate-500">The draft changed since it was shown: show what changes again.</p>}
      {whatIf.kept !== 'link' && (
        <p role="status" data-testid="whatif-kept" className="rounded border border-amber-500 p-2 text-xs">
          {whatIf.kept === 'browser'
            ? 'This draft is too large for a link: the link names it, and only this browser holds it.'
            : 'This draft is too large for a link and for this browser’s storage: the link does not hold it.'}{' '}
          Share the YAML itself to share the what-if.
        </p>
      )}
      {whatIf.running && <Loading>{run ? 'Updating to the current model…' : 'Computing who can talk to whom, before and after…'}</Loading>}
      {whatIf.failure && <ErrorMessage error={whatIf.failure} />}
      {outcome && run && (
        <Result outcome={outcome} ms={run.ms} highlight={highlight} selectedPod={selectedPod} onClearPod={onClearPod} />
      )}
    </section>
  );
}

function Result({
  outcome,
  ms,
  highlight,
  selectedPod,
  onClearPod,
}: {
  outcome: NonNullable<WhatIf['outcome']>;
  ms: number;
  highlight?: WhatIfHighlight;
  selectedPod?: string;
  onClearPod: () => void;
}) {
  const { view } = outcome;
  const shown = highlight ? highlight.pairs.map((i) => view.pairs[i]!) : view.pairs;
  const forPod = selectedPod && highlight && !highlight.podMissing;
  return (
    <div data-testid="whatif-result" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-1" data-testid="whatif-summary">
        {DIFF_KINDS.filter((kind) => view.counts[kind] > 0).map((kind) => (
          <Badge key={kind} {...look(kind)} word={`${view.counts[kind]} ${kind}`} data-kind={kind} />
        ))}
        <span className="text-xs text-slate-500">
          {view.summary} · {ms} ms
        </span>
      </div>
      <EnforcementNoteText note={view.enforcement} testId="whatif-enforcement" />
      <UnknownBox title="Not a certainty" items={[...(view.unknown?.base ? [`before: ${view.unknown.base}`] : []), ...(view.unknown?.head ? [`after: ${view.unknown.head}`] : [])]} />
      {outcome.effects.length > 0 && (
        <details className="text-xs" open={outcome.effects.length <= 5}>
          <summary className="cursor-pointer font-medium">What the draft does ({outcome.effects.length})</summary>
          <ul className="list-disc pl-4" data-testid="whatif-effects">
            {outcome.effects.map((effect, i) => (
              <li key={i} className="break-words">
                {describeEffect(effect)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <UnknownBox title="Warnings" items={outcome.warnings.map((w) => (w.line > 0 ? `line ${w.line}: ${w.message}` : w.message))} />
      {(view.workloads.added.length > 0 || view.workloads.removed.length > 0) && (
        <p className="text-xs break-words">
          {view.workloads.added.length > 0 && <>Workloads added: {view.workloads.added.join(', ')}. </>}
          {view.workloads.removed.length > 0 && <>Workloads removed: {view.workloads.removed.join(', ')}.</>}
        </p>
      )}
      {selectedPod && (
        <p className="flex items-center justify-between gap-2 text-xs" data-testid="whatif-pod">
          <span className="break-all">
            {forPod ? `Changes for pod ${selectedPod} (its workload's pairs):` : `Pod ${selectedPod} is not in the what-if model; all changes:`}
          </span>
          <button type="button" className={SECONDARY} onClick={onClearPod}>
            All
          </button>
        </p>
      )}
      {!selectedPod && shown.length > 0 && <p className="text-xs text-slate-500">Click a pod on the map for its own changes.</p>}
      {highlight && highlight.undrawn > 0 && (
        <p className="text-xs text-slate-500" data-testid="whatif-undrawn">
          {highlight.undrawn} of these are not drawn on the map, or not in full (an end in a namespace not shown, a workload the draft removes, or too many
          edges{selectedPod ? '' : ': select a pod'}).
        </p>
      )}
      {shown.length === 0 ? (
        <p className="text-xs text-slate-500">{forPod ? 'Nothing changes for this pod.' : 'Nothing changes: every connection stays as it is.'}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {shown.slice(0, MAX_LISTED_PAIRS).map((pair) => (
            <PairRow key={`${pair.sourceText} ${pair.destinationText}`} pair={pair} />
          ))}
        </ul>
      )}
      {shown.length > MAX_LISTED_PAIRS && (
        <p className="text-xs text-slate-500">
          … and {shown.length - MAX_LISTED_PAIRS} more (all on the map; the CLI&apos;s <code>kube-netmap diff</code> lists them all).
        </p>
      )}
    </div>
  );
}

/** One pair as the diff gives it: what it was, what it would be, the policies on each side, why unknown. */
function PairRow({ pair }: { pair: WhatIfPair }) {
  // The policies behind each side, as `kube-netmap diff` says them: those of the side that allows something.
  const policies =
    pair.kind === 'added'
      ? `by ${pair.policiesAfter}`
      : pair.kind === 'removed'
        ? `was by ${pair.policiesBefore}`
        : pair.policiesBefore === pair.policiesAfter
          ? `by ${pair.policiesBefore}`
          : `by ${pair.policiesBefore || 'nothing'} → ${pair.policiesAfter || 'nothing'}`;
  return (
    <li data-testid="whatif-pair" data-kind={pair.kind} data-source={pair.sourceText} data-destination={pair.destinationText} className="rounded border border-slate-200 p-1.5 text-xs dark:border-slate-800">
      <div className="flex items-start gap-1">
        <Badge {...look(pair.kind)} />
        <span className="font-mono break-all">
          {pair.sourceText} → {pair.destinationText}
        </span>
      </div>
      <div className="mt-0.5 break-words">
        {pair.before} → {pair.after}
        {pair.change && <span className="text-slate-500"> ({pair.change})</span>}
      </div>
      <div className="break-words text-slate-500">{policies}</div>
      {pair.reasons.length > 0 && (
        <ul className="list-disc pl-4 text-amber-800 dark:text-amber-300">
          {pair.reasons.map((reason, i) => (
            <li key={i} className="break-words">
              {reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

import { diffConnectivity, type ConnectivityDiff, type DiffKind } from '@/lib/analysis/diff/connectivity-diff';
import { connectivity } from '@/lib/analysis/reach/connectivity';
import type { ClusterModel } from '@/lib/model';
import { STDIN_PATH } from '@/lib/sources/manifests';
import { UsageError } from '../errors';
import { loadModel, type SourceOptions } from '../load-model';
import { DIFF_FORMATS, formatDiffAs } from '../output/diff-output';
import { OUTPUT_OPTION, parseOutput, type OutputFormat } from '../output/output-format';
import { defineCommand } from './command';

/** One side of the diff: manifests (files, directories, "-"), or a live cluster's context (the base only). */
type Side = { manifests: string[] } | { context: string };

interface DiffRequest {
  base: Side;
  head: Side;
  output: OutputFormat;
  failOn: DiffKind[];
}

const FAIL_KINDS: readonly DiffKind[] = ['added', 'removed', 'changed'];

function parseFailOn(value: unknown): DiffKind[] {
  const given = (Array.isArray(value) ? (value as string[]) : []).flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const kind of given) {
    if (!(FAIL_KINDS as string[]).includes(kind)) throw new UsageError(`--fail-on must be added, removed or changed (repeated, or a comma list), not "${kind}"`);
  }
  return FAIL_KINDS.filter((k) => given.includes(k));
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.length > 0 ? (value as string[]) : undefined);

/**
 * Why the diff fails the --fail-on gate, or undefined when it passes. A difference whose verdict is unknown may be
 * of any kind, and a report that is not a certainty may hide one: either fails the gate, so that it never passes
 * on something the engine could not tell.
 */
function failure(diff: ConnectivityDiff, failOn: DiffKind[]): string | undefined {
  if (failOn.length === 0) return undefined;
  const reasons = failOn.filter((k) => diff.counts[k] > 0).map((k) => `${diff.counts[k]} ${k}`);
  if (diff.counts.unknown > 0) reasons.push(`${diff.counts.unknown} unknown (each may be ${failOn.join(' or ')})`);
  else if (diff.unknown) reasons.push(`the ${diff.unknown.base ? 'base' : 'head'} is not certain, so a difference may be hidden`);
  return reasons.length ? `fails --fail-on ${failOn.join(',')}: ${reasons.join('; ')}` : undefined;
}

export const diffCommand = defineCommand({
  summary: 'What a change does to who can talk to whom: the connections it adds, removes or changes.',
  usage: [
    '--base PATH --head PATH [--output text|md|csv|dot|json] [--fail-on added|removed|changed]...',
    '--base-context NAME [--kubeconfig FILE] --head PATH      (the live cluster, listed once, as the base)',
  ],
  options: {
    base: { type: 'string', multiple: true },
    head: { type: 'string', multiple: true },
    'base-context': { type: 'string' },
    'fail-on': { type: 'string', multiple: true },
    ...OUTPUT_OPTION,
  },
  parse: (values, positionals): DiffRequest => {
    if (positionals.length > 0) throw new UsageError(`diff takes no arguments ("${positionals[0]}"): give --base PATH (or --base-context NAME) and --head PATH`);
    const base = strings(values.base);
    const baseContext = typeof values['base-context'] === 'string' ? values['base-context'] : undefined;
    const head = strings(values.head);
    if (base && baseContext !== undefined) throw new UsageError('give --base PATH or --base-context NAME, not both');
    if (!base && baseContext === undefined) throw new UsageError('--base PATH or --base-context NAME is required (the model before the change)');
    if (!head) throw new UsageError('--head PATH is required (the manifests after the change)');
    if (base?.includes(STDIN_PATH) && head.includes(STDIN_PATH)) throw new UsageError('only one of --base and --head may read stdin ("-")');
    return {
      base: base ? { manifests: base } : { context: baseContext! },
      head: { manifests: head },
      output: parseOutput(values, DIFF_FORMATS),
      failOn: parseFailOn(values['fail-on']),
    };
  },
  load: async ({ base, head }: DiffRequest, shared: SourceOptions, log): Promise<{ base: ClusterModel; head: ClusterModel }> => {
    if (shared.manifests) throw new UsageError('diff reads --base and --head, not --manifests');
    if (shared.context) throw new UsageError('diff takes --base-context NAME for a live cluster, not --context');
    if (shared.kubeconfig && !('context' in base)) throw new UsageError('--kubeconfig goes with --base-context');
    const load = (side: Side, reader: string) =>
      loadModel('manifests' in side ? side : { ...(shared.kubeconfig ? { kubeconfig: shared.kubeconfig } : {}), context: side.context }, { ...log, reader });
    // A side to render first reads from stdin, beside the other side as given.
    const given = (side: Side) => ('manifests' in side ? side.manifests.map((p) => `--${side === base ? 'base' : 'head'} ${p}`).join(' ') : `--base-context ${side.context}`);
    return { base: await load(base, `kube-netmap diff ${given(head)} --base`), head: await load(head, `kube-netmap diff ${given(base)} --head`) };
  },
  run: ({ base, head }) => diffConnectivity(connectivity(base), connectivity(head)),
  format: (diff: ConnectivityDiff, { output, failOn }: DiffRequest) => {
    const failed = failure(diff, failOn);
    return output === 'text' && failed ? `${formatDiffAs(diff, output)}\n${failed}` : formatDiffAs(diff, output);
  },
  exitCode: (diff: ConnectivityDiff, { failOn }: DiffRequest) => (failure(diff, failOn) ? 1 : 0),
});

import type { ClusterModel } from '@/lib/model';
import { loadManifestPaths, type ManifestWarning } from '@/lib/sources/manifests';
import { UsageError } from './errors';

export interface SourceOptions {
  manifests?: string[];
  kubeconfig?: string;
  context?: string;
}

/** What loading said besides the model, gathered over every load of one command (diff loads two). */
export interface LoadLog {
  /** The command line that reads rendered output, up to its `-`, for input to render first: "kube-netmap connectivity --manifests". */
  reader: string;
  warnings: ManifestWarning[];
  /** Objects left out because they cannot change an answer, by kind. */
  ignored: Record<string, number>;
}

/** The model a command answers from: manifests (files, directories, "-" for stdin), or one list of a live cluster. */
export async function loadModel(options: SourceOptions, log: LoadLog): Promise<ClusterModel> {
  if (options.manifests?.length) {
    if (options.kubeconfig || options.context) throw new UsageError('use either --manifests or --kubeconfig/--context, not both');
    const result = await loadManifestPaths(options.manifests, { reader: log.reader });
    for (const warning of result.warnings) log.warnings.push(warning);
    for (const [kind, count] of Object.entries(result.ignored)) log.ignored[kind] = (log.ignored[kind] ?? 0) + count;
    return result.model;
  }
  // client-node is large; only a live source pays for loading it.
  const { configForContext, loadKubeconfig, locateKubeconfig } = await import('@/lib/sources/live/kubeconfig');
  const { kubeSecretNameLister, kubeTransport } = await import('@/lib/sources/live/kube-transport');
  const { listModelOnce } = await import('@/lib/sources/live/list-once');
  const origin = options.kubeconfig ? { kind: 'files' as const, paths: [options.kubeconfig] } : locateKubeconfig();
  const loaded = loadKubeconfig(origin);
  if (loaded.error) throw new UsageError(loaded.error);
  if (origin.kind === 'none') throw new UsageError(`${origin.reason} Pass --kubeconfig FILE, or --manifests PATH to read YAML instead.`);
  const context = options.context ?? loaded.currentContext;
  const config = context ? configForContext(loaded, context) : undefined;
  if (!config) {
    throw new UsageError(`unknown context "${context ?? ''}"; the kubeconfig has: ${loaded.contexts.map((c) => c.name).join(', ') || 'no contexts'}`);
  }
  return listModelOnce(kubeTransport(config), kubeSecretNameLister(config));
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { FlowInputError } from '@/lib/analysis/errors';
import { ManifestError, MAX_INPUT_BYTES, type ManifestWarning } from '@/lib/sources/manifests';
import { UsageError } from './errors';
import { loadModel, type LoadLog, type SourceOptions } from './load-model';
import { loadReportLines, uniqueWarnings } from './load-report';
import { toJson } from './output/json';
import { COMMANDS, type Command } from './commands';

// zod compiles a fast path for each object schema the first time it parses; a run of the CLI checks a few objects
// of each kind once, so compiling costs more than it saves (70 ms on the demo).
z.config({ jitless: true });

const USAGE = `kube-netmap: answers network questions about a Kubernetes cluster or its manifests.

Usage: kube-netmap <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.summary}\n${c.usage.map((u) => `      kube-netmap ${name} ${u}`).join('\n')}`)
  .join('\n')}

Source (one of; diff reads --base and --head instead):
  --manifests PATH   YAML/JSON files or directories (repeatable; "-" reads stdin), at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB in all
  --kubeconfig FILE  a live cluster, listed once (default: KUBECONFIG, then ~/.kube/config)
  --context NAME     the kubeconfig context (default: the current one)
  --strict           make every warning about the input an error (exit 2)

Output:
  --json             machine-readable output; the warnings about the input are in it too, under "warnings"
  --output, -o FMT   connectivity and diff: text (default), md (a table for a pull request), csv, dot (Graphviz), json

A directory of manifests is read as it is: documents that are not Kubernetes objects (a test's expected output)
and objects of kinds that do not change a network answer (ConfigMap, RBAC) are left out. Render a kustomization
or a Helm chart first: kubectl kustomize DIR | kube-netmap connectivity --manifests -

Exit codes: 0 answered, 1 diagnose or diff --fail-on found something, 2 usage or input error (a bad option, broken or
invalid YAML with its file and line, no Kubernetes objects in the input, input over the size limit, a file that
is not a kubeconfig, a warning with --strict), 3 internal error (a bug: KUBE_NETMAP_DEBUG=1 prints its stack).`;

const SHARED_OPTIONS = {
  manifests: { type: 'string', multiple: true },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  json: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Runs one CLI invocation and returns its exit code. Errors a person can fix are printed, never thrown. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    io.err(`kube-netmap: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See kube-netmap --help.`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...SHARED_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(`${command.summary}\n${command.usage.map((u) => `  kube-netmap ${name} ${u}`).join('\n')}\n\n${USAGE}`);
      return 0;
    }
    const request = command.parse(values as Record<string, unknown>, positionals);
    const source: SourceOptions = {
      ...(values.manifests ? { manifests: values.manifests } : {}),
      ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
      ...(values.context ? { context: values.context } : {}),
    };
    const log: LoadLog = { reader: `kube-netmap ${name} --manifests`, warnings: [], ignored: {} };
    const input = command.load ? await command.load(request, source, log) : await loadModel(source, log);
    for (const line of loadReportLines(log)) io.err(line);
    const warnings = uniqueWarnings(log);
    if (values.strict && warnings.length > 0) {
      throw new UsageError(`--strict: the ${warnings.length === 1 ? 'warning' : `${warnings.length} warnings`} above make${warnings.length === 1 ? 's' : ''} the input an error`);
    }
    const result = command.run(input, request, values.manifests ? 'manifests' : 'live');
    // --output json is the same JSON as --json, for the commands that take it.
    const json = values.json || (values as Record<string, unknown>).output === 'json';
    io.out(json ? toJson(withWarnings(result, warnings)) : command.format(result, request));
    return command.exitCode?.(result, request) ?? 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof FlowInputError || error instanceof ManifestError || isParseArgsError(error)) {
      io.err(`kube-netmap ${name}: ${(error as Error).message}`);
      return 2;
    }
    // Not the person's mistake: say so in one line, with its own exit code, so that CI never reads a crash as
    // "found something" (1) or a usage error (2). The stack is for a bug report, on request.
    io.err(`kube-netmap ${name}: internal error: ${error instanceof Error ? error.message : String(error)}. This is a bug in kube-netmap${
      process.env.KUBE_NETMAP_DEBUG ? '' : '; KUBE_NETMAP_DEBUG=1 prints its stack'
    }.`);
    if (process.env.KUBE_NETMAP_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 3;
  }
}

/** The answer with the warnings about its input, so that a script sees what a person reads on stderr. */
function withWarnings(result: unknown, warnings: ManifestWarning[]): unknown {
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? { ...result, warnings } : result;
}

function isParseArgsError(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');
}

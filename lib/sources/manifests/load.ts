import { createReadStream, type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ManifestError, type ManifestWarning } from './errors';
import { byCodeUnits } from '@/lib/model/names';
import { modelFromDocuments, type ManifestLoadResult, type ManifestSource } from './model';
import { DEFAULT_READER, renderFirstReason, renderFirstReasonForFile } from './render-first';

/** The path that means standard input. */
export const STDIN_PATH = '-';
/** How standard input is named in errors and warnings. */
export const STDIN_LABEL = '<stdin>';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** A repository's installed JavaScript packages: thousands of JSON files, none of them manifests. */
const NODE_MODULES = 'node_modules';

/**
 * The most bytes one load reads, all files and standard input together. Reading YAML takes about 85 MB of memory
 * and 3 s per MiB; above this a run would take minutes and gigabytes, so it stops before, with a clear error.
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
const MAX_INPUT_TEXT = `${MAX_INPUT_BYTES / 1024 / 1024} MiB`;

export interface LoadOptions {
  /** Standard input; replaceable for tests. */
  stdin?: AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  /** The most bytes read in all (MAX_INPUT_BYTES); replaceable for tests. */
  maxBytes?: number;
  /** The command line that would read rendered output from stdin, up to its `-`: "kube-netmap connectivity --manifests". */
  reader?: string;
}

/**
 * Loads manifests from files and directories ("-" is standard input), in the order given, and builds their model.
 * A directory is read recursively for *.yaml, *.yml and *.json files, depth first with the entries of each
 * directory sorted by name (by code unit, so the order is the same in every locale); entries whose name starts with
 * a dot (.git, .github) and node_modules are left out. A file named directly is read whatever its extension. A file reached twice
 * is read once. A document found in a directory that is not a Kubernetes object is skipped with a warning (named
 * directly, it is an error). A kustomization or a Helm chart is not read: the directory given is an error that
 * says how to render it, one met inside it is skipped with a warning that says the same.
 */
export async function loadManifestPaths(paths: string[], options: LoadOptions = {}): Promise<ManifestLoadResult> {
  const sources: ManifestSource[] = [];
  const warnings: ManifestWarning[] = [];
  const seenFiles = new Set<string>();
  let stdinRead = false;
  const budget = { left: options.maxBytes ?? MAX_INPUT_BYTES, limit: options.maxBytes ?? MAX_INPUT_BYTES };
  const reader = options.reader ?? DEFAULT_READER;

  const addFile = async (file: string, scanned: boolean) => {
    const real = await realpath(file).catch(() => file);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    const text = await readBounded(file, budget, () => createReadStream(file, { end: budget.left }));
    sources.push({ file, text, ...(scanned ? { scanned } : {}) });
  };

  for (const given of paths) {
    if (given === STDIN_PATH) {
      if (stdinRead) continue;
      stdinRead = true;
      sources.push({ file: STDIN_LABEL, text: await readBounded(STDIN_LABEL, budget, () => options.stdin ?? process.stdin) });
      continue;
    }
    const info = await stat(given).catch((e: unknown) => {
      throw new ManifestError(given, 0, describeFsError(e));
    });
    if (!info.isDirectory()) {
      const renderFirst = renderFirstReasonForFile(given, reader);
      if (renderFirst) throw new ManifestError(given, 0, renderFirst);
      await addFile(given, false);
      continue;
    }
    const files: string[] = [];
    await walk(given, { out: files, visited: new Set(), warnings, reader, top: true });
    if (files.length === 0) warnings.push({ file: given, line: 0, message: 'no .yaml, .yml or .json files in this directory' });
    for (const file of files) await addFile(file, true);
  }

  if (sources.length === 0) throw new ManifestError(paths.join(', '), 0, 'no .yaml, .yml or .json files here, so no Kubernetes objects');
  const result = modelFromDocuments(sources);
  return { ...result, warnings: [...warnings, ...result.warnings] };
}

interface Walk {
  out: string[];
  visited: Set<string>;
  warnings: ManifestWarning[];
  reader: string;
  /** The directory given, rather than one found inside it. */
  top: boolean;
}

async function walk(dir: string, state: Walk): Promise<void> {
  // Symbolic links may lead back up the tree; each real directory is read once.
  const real = await realpath(dir);
  if (state.visited.has(real)) return;
  state.visited.add(real);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new ManifestError(dir, 0, describeFsError(e));
  }
  const renderFirst = renderFirstReason(dir, entries, state.reader);
  if (renderFirst && state.top) throw new ManifestError(dir, 0, renderFirst);
  if (renderFirst) {
    state.warnings.push({ file: dir, line: 0, message: `skipped: ${renderFirst}` });
    return;
  }
  entries.sort((a, b) => byCodeUnits(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === NODE_MODULES) continue;
    const full = path.join(dir, entry.name);
    const target = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry;
    if (target?.isDirectory()) await walk(full, { ...state, top: false });
    else if (target?.isFile() && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) state.out.push(full);
  }
}

/**
 * Reads a file or stream as UTF-8 until it ends, or until it passes what is left of the byte budget: then it stops
 * reading (so /dev/zero or an endless pipe ends too) and throws.
 */
async function readBounded(
  label: string,
  budget: { left: number; limit: number },
  open: () => AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of open()) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > budget.left) break;
      chunks.push(buffer);
    }
  } catch (e) {
    throw new ManifestError(label, 0, describeFsError(e));
  }
  if (bytes > budget.left) {
    const limit = budget.limit === MAX_INPUT_BYTES ? MAX_INPUT_TEXT : `${budget.limit} bytes`;
    throw new ManifestError(label, 0, `the input is larger than kube-netmap reads at once (${limit} in all, files and stdin together); split it, or point --manifests at fewer files`);
  }
  budget.left -= bytes;
  return Buffer.concat(chunks).toString('utf8');
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

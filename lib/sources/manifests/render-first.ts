// Directories whose YAML is not what gets applied: a kustomization (its files are bases and patches that kustomize
// combines) and a Helm chart (its templates are text until Helm renders them). Read as they are, they would give a
// parse error or, worse, a model of objects that never exist; the person is told how to render them first.
import type { Dirent } from 'node:fs';
import path from 'node:path';

const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);
const CHART_FILE = 'Chart.yaml';

/** The command line that reads rendered output, up to its `-` for stdin, when the caller does not say. */
export const DEFAULT_READER = 'kube-netmap <command> --manifests';

/** Why `dir` must be rendered before it is read, and how, or undefined for a plain directory of manifests. */
export function renderFirstReason(dir: string, entries: readonly Dirent[], reader: string): string | undefined {
  const names = new Map(entries.map((e) => [e.name, e]));
  const kustomization = [...KUSTOMIZATION_FILES].find((n) => names.has(n));
  if (kustomization) return kustomizeHint(dir, kustomization, reader);
  if (names.has(CHART_FILE) && names.get('templates')?.isDirectory()) return helmHint(dir, reader);
  return undefined;
}

/** The same reason for a kustomization.yaml or Chart.yaml named on its own, or undefined for any other file. */
export function renderFirstReasonForFile(file: string, reader: string): string | undefined {
  const base = path.basename(file);
  if (KUSTOMIZATION_FILES.has(base)) return kustomizeHint(path.dirname(file), base, reader);
  if (base === CHART_FILE) return helmHint(path.dirname(file), reader);
  return undefined;
}

function kustomizeHint(dir: string, file: string, reader: string): string {
  return (
    `a kustomization (${file}): its files are bases and patches that kustomize combines, not the objects it applies. ` +
    `Render it first: kubectl kustomize ${shellWord(dir)} | ${reader} -`
  );
}

function helmHint(dir: string, reader: string): string {
  return (
    `a Helm chart (Chart.yaml, templates/): its templates are not Kubernetes objects until Helm renders them. ` +
    `Render it first, with the values you deploy: helm template ${shellWord(dir)} [-f values.yaml] | ${reader} -`
  );
}

/** A path as it can be pasted into a shell. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

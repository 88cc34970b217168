// Whether the CLI bundle (scripts/build-cli.mjs) was built from the project files as they are now. Plain
// JavaScript, read by the bin before anything else: it must cost a few milliseconds, not a compile.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The bundle and the list of the files it was built from (path → [size, mtimeMs]), relative to the project root. */
export const BUNDLE = 'build/cli/kube-netmap.mjs';
export const INPUTS = 'build/cli/inputs.json';

/** Undefined when the bundle under `root` is fresh; else why not (no bundle, or the first file that changed). */
export function staleBundleReason(root) {
  let inputs;
  try {
    statSync(path.join(root, BUNDLE));
    inputs = JSON.parse(readFileSync(path.join(root, INPUTS), 'utf8'));
  } catch {
    return `no bundle at ${BUNDLE} (npm run build:cli makes it)`;
  }
  for (const [file, [size, mtimeMs]] of Object.entries(inputs)) {
    let info;
    try {
      info = statSync(path.join(root, file));
    } catch {
      return `${file} is gone since the bundle was built`;
    }
    if (info.size !== size || info.mtimeMs !== mtimeMs) return `${file} changed since the bundle was built`;
  }
  return undefined;
}

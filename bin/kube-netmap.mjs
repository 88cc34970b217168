#!/usr/bin/env node
// The kube-netmap CLI. It runs the bundle that `npm run build:cli` (or `npm ci`) makes when the bundle is as new as
// the sources; otherwise (a fresh edit, a clone without the build) tsx compiles the TypeScript on the fly: slower,
// but always the code as it is. KUBE_NETMAP_DEBUG=1 says on stderr which one runs, and why.
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, staleBundleReason } from './fresh-bundle.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  console.error(`kube-netmap needs Node.js 22.19 or newer (this is ${process.versions.node}). Run: source scripts/ensure-node.sh`);
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// A reader that stops early (`kube-netmap connectivity | head`) closes the pipe: that ends the output, not in a
// crash. The exit code stays the command's.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit();
  throw error;
});

const stale = staleBundleReason(root);
const debug = (text) => process.env.KUBE_NETMAP_DEBUG && console.error(`kube-netmap: ${text}`);
let main;
if (stale === undefined) {
  debug(`running the bundle ${BUNDLE}`);
  // V8 keeps the compiled bundle in the temporary directory: later starts skip compiling it.
  module.enableCompileCache?.();
  // The bundle is minified: an internal error's stack (printed only with KUBE_NETMAP_DEBUG) reads through its map.
  if (process.env.KUBE_NETMAP_DEBUG) process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(path.join(root, BUNDLE)).href));
} else {
  debug(`running the TypeScript sources with tsx: ${stale}`);
  // tsx is registered for the whole process, for ES modules and CommonJS alike, and pointed at the project's
  // tsconfig (for the @/ paths) whatever the working directory.
  process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
  const { register: registerEsm } = await import('tsx/esm/api');
  const { register: registerCjs } = await import('tsx/cjs/api');
  registerEsm();
  registerCjs();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

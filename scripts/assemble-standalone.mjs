#!/usr/bin/env node
// Completes .next/standalone (what `next build` traced: the compiled app and its production dependencies) into
// the folder the container image holds as /app, run as `node server.ts` there:
// - server.ts and the project files it imports, so that the image runs the request guard in front of Next.js
//   (the server.js Next.js writes would serve every request unchecked);
// - .next/static (the browser's scripts and styles), which Next.js leaves out of the standalone folder.
// Run after `next build` by `npm run build` and scripts/build-if-stale.sh; the Dockerfile runs `npm run build`.
import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const standalone = path.join(root, '.next', 'standalone');

const built = await stat(path.join(standalone, '.next', 'required-server-files.json')).catch(() => undefined);
if (!built) throw new Error(`${standalone} holds no build: run \`next build\` first (next.config.js sets output: 'standalone')`);

// Next.js's own server.js goes: it would serve without the guard, and the folder should offer one way to run it.
await rm(path.join(standalone, 'server.js'), { force: true });
// The tracer takes the live source's file reads (kubeconfigs, token files) for reads of its own folder, and copies
// lib/sources/live's TypeScript, tests included; the routes run the compiled chunks, never those files. (An
// outputFileTracingExcludes glob cannot say this: Next.js matches it anywhere in a path, node_modules included.)
await rm(path.join(standalone, 'lib'), { recursive: true, force: true });
// The tracer copies what the server may load, optional requires included (debug's supports-color), from the
// development install; the image holds what `npm ci --omit=dev` would install, so the packages the lockfile marks
// dev-only go.
const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8'));
for (const [key, entry] of Object.entries(lock.packages)) {
  if (key.startsWith('node_modules/') && entry.dev) await rm(path.join(standalone, key), { recursive: true, force: true });
}
await rm(path.join(standalone, '.next', 'static'), { recursive: true, force: true });
await cp(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
for (const file of await serverSources('server.ts')) {
  await mkdir(path.dirname(path.join(standalone, file)), { recursive: true });
  await cp(path.join(root, file), path.join(standalone, file));
}

/**
 * server.ts and every project file it imports, transitively, as paths relative to the repository. server.ts runs
 * by Node's type stripping, so its imports are relative paths with their .ts extension; anything else it imports
 * (next, node:*) is a package the standalone folder already holds.
 */
async function serverSources(entry) {
  const found = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (found.has(file)) continue;
    found.add(file);
    const text = await readFile(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\s*\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      if (!specifier.endsWith('.ts')) throw new Error(`${file} imports ${specifier}: server.ts and its imports must name .ts files`);
      queue.push(path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier)));
    }
  }
  return [...found];
}

#!/usr/bin/env node
// Bundles the CLI (cli/main.ts and what it imports, yaml and zod included) into one ES module, so that the bin
// starts without compiling TypeScript at run time. Run by `npm run build` and, through `prepare`, by `npm ci`.
// Next to the bundle it writes the size and mtime of each project file it was built from: the bin compares them
// and falls back to tsx when a source changed since (the dev loop needs no rebuild to be right, only to be fast).
// esbuild is tsx's own dependency, so it is installed wherever tsx is.
import { build } from 'esbuild';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE, INPUTS } from '../bin/fresh-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, path.dirname(BUNDLE));

/**
 * zod's `z` namespace re-exports its translations of error messages in 40 languages (a third of the bundle, parsed
 * at every start); kube-netmap uses none of them (English comes from zod's own default, imported apart).
 */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await rm(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { [path.basename(BUNDLE, '.mjs')]: 'cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // What is imported lazily (the live cluster's source) becomes a chunk of its own, loaded only when used: in one
  // file, esbuild would hoist its imports (client-node) to the top and every start would pay for them.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  tsconfig: 'tsconfig.json',
  // Only a live cluster loads these (lazily): they stay in node_modules rather than weigh on every start.
  external: ['@kubernetes/client-node', 'undici'],
  // Bundled CommonJS code may require Node's own modules; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [noZodLocales],
  // Less text to read and compile at each start; the source map (read only with KUBE_NETMAP_DEBUG) gives the stack
  // of an internal error its real names and lines.
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// Project files only: a change of dependencies goes through package-lock.json (and `npm ci` rebuilds the bundle).
const files = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.includes(':')), 'package-lock.json'].sort();
const inputs = {};
for (const file of files) {
  const info = await stat(path.join(root, file));
  inputs[file] = [info.size, info.mtimeMs];
}
await mkdir(path.dirname(path.join(root, INPUTS)), { recursive: true });
await writeFile(path.join(root, INPUTS), JSON.stringify(inputs));
console.error(`kube-netmap: bundled the CLI into ${BUNDLE} from ${files.length} project files`);

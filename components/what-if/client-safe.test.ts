import { builtinModules } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The what-if runs in the browser (a Web Worker and the page): nothing it imports may need Node. The manifests
// source's index re-exports its file loader (node:fs), so the what-if imports that source's pure modules directly;
// this test keeps it so, by walking every import from the browser's entry points.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ENTRIES = ['components/what-if/what-if.worker.ts', 'components/what-if/WhatIfPanel.tsx', 'components/what-if/use-what-if.ts', 'lib/graph/what-if.ts'];
const NODE_ONLY = new Set([...builtinModules, '@kubernetes/client-node', 'undici']);
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  return ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((file) => statSync(file, { throwIfNoEntry: false })?.isFile());
}

/** Every package and file the entries import, transitively (type-only imports too: they cost nothing, and keep this simple). */
function importsOf(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = entries.map((e) => path.join(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      const local = resolve(file, specifier);
      if (local) queue.push(local);
      else if (!specifier.startsWith('.') && !specifier.startsWith('@/')) packages.set(specifier, path.relative(ROOT, file));
      else throw new Error(`${path.relative(ROOT, file)} imports ${specifier}, which does not resolve`);
    }
  }
  return { files, packages };
}

describe('the what-if is client-safe', () => {
  it('imports nothing that needs Node, and not the manifests file loader', () => {
    const { files, packages } = importsOf(ENTRIES);
    const nodeOnly = [...packages].filter(([name]) => NODE_ONLY.has(name.replace(/^node:/, '')) || name.startsWith('node:'));
    expect(nodeOnly).toEqual([]);
    const relative = [...files].map((f) => path.relative(ROOT, f));
    expect(relative).toContain('lib/sources/manifests/model.ts');
    expect(relative.filter((f) => f === 'lib/sources/manifests/load.ts' || f === 'lib/sources/manifests/index.ts')).toEqual([]);
  });
});

describe('the connectivity matrix is client-safe', () => {
  it('imports nothing that needs Node from its worker and its panel', () => {
    const { packages } = importsOf(['components/matrix/matrix.worker.ts', 'components/matrix/MatrixPanel.tsx']);
    expect([...packages].filter(([name]) => NODE_ONLY.has(name.replace(/^node:/, '')) || name.startsWith('node:'))).toEqual([]);
  });
});

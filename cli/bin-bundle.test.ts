// The bin runs the CLI bundle only while it was built from the sources as they are; otherwise tsx runs the sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, INPUTS, staleBundleReason } from '../bin/fresh-bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** A project root with one source file and a bundle built from it, as scripts/build-cli.mjs leaves them. */
function builtProject(): { dir: string; source: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-bundle-'));
  const source = path.join(dir, 'cli', 'main.ts');
  fs.mkdirSync(path.dirname(source), { recursive: true });
  fs.writeFileSync(source, 'export const a = 1;\n');
  fs.mkdirSync(path.join(dir, path.dirname(BUNDLE)), { recursive: true });
  fs.writeFileSync(path.join(dir, BUNDLE), 'export const main = () => 0;\n');
  const info = fs.statSync(source);
  fs.writeFileSync(path.join(dir, INPUTS), JSON.stringify({ 'cli/main.ts': [info.size, info.mtimeMs] }));
  return { dir, source };
}

describe('staleBundleReason', () => {
  it.each([
    { rule: 'a bundle built from the files as they are is fresh', change: () => {}, want: undefined },
    {
      rule: 'a source edited since the build makes it stale (so an edit never runs old code)',
      change: ({ source }: { source: string }) => fs.writeFileSync(source, 'export const a = 2;\n'),
      want: 'cli/main.ts changed since the bundle was built',
    },
    {
      rule: 'a source touched since the build (same size, a git checkout) makes it stale',
      change: ({ source }: { source: string }) => fs.utimesSync(source, new Date(), new Date(Date.now() + 5000)),
      want: 'cli/main.ts changed since the bundle was built',
    },
    {
      rule: 'a source removed since the build makes it stale',
      change: ({ source }: { source: string }) => fs.rmSync(source),
      want: 'cli/main.ts is gone since the bundle was built',
    },
    {
      rule: 'no bundle (a fresh clone before npm ci) is stale, and says how to build it',
      change: ({ dir }: { dir: string }) => fs.rmSync(path.join(dir, BUNDLE)),
      want: `no bundle at ${BUNDLE} (npm run build:cli makes it)`,
    },
  ])('$rule', ({ change, want }) => {
    const project = builtProject();
    change(project);
    expect(staleBundleReason(project.dir)).toBe(want);
  });
});

describe('the bin', () => {
  it('says which code it runs, and why, only with KUBE_NETMAP_DEBUG', () => {
    const bin = path.join(root, 'bin', 'kube-netmap.mjs');
    const argv = [bin, 'dns', 'cart', '-n', 'shop', '--manifests', path.join(root, 'examples', 'demo')];
    const stale = staleBundleReason(root);
    const quiet = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    const debug = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, KUBE_NETMAP_DEBUG: '1' } });
    expect({ quiet: quiet.stderr, debug: debug.stderr, status: debug.status }).toStrictEqual({
      quiet: '',
      debug: stale === undefined ? `kube-netmap: running the bundle ${BUNDLE}\n` : `kube-netmap: running the TypeScript sources with tsx: ${stale}\n`,
      status: 0,
    });
  }, 60_000);
});

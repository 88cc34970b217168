// How long `kube-netmap connectivity --manifests examples/demo` takes through the bin, as a person runs it: the
// median of 10 runs (after one that fills V8's compile cache), with its target and PASS or MISS. Builds the CLI
// bundle first when it is missing or older than the sources, since that is what an installed CLI runs. A
// benchmark, not a test: it exits 0 whatever the figure.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { staleBundleReason } from '../bin/fresh-bundle.mjs';
import { ms, percentile } from './stats.ts';

const RUNS = 10;
const TARGET_MS = 250;
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'kube-netmap.mjs');
const args = ['connectivity', '--manifests', path.join(root, 'examples', 'demo')];

if (staleBundleReason(root) !== undefined) execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });

function runOnce(argv: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

runOnce([bin, ...args]);
const median = percentile(Array.from({ length: RUNS }, () => runOnce([bin, ...args])), 50);
// Node's own start on this machine now, for scale: on 2 shared cores it varies with the load several times over.
const nodeAlone = percentile(Array.from({ length: RUNS }, () => runOnce(['-e', '0'])), 50);
console.log(
  `${'CLI start to answer (connectivity, demo), median of 10'.padEnd(50)} ${`${ms(median)} (node alone ${ms(nodeAlone)})`.padEnd(30)} target ${`${TARGET_MS} ms`.padEnd(10)} ${median < TARGET_MS ? 'PASS' : 'MISS'}`,
);

// connectivity on manifests like np-guard's (bench/policy-manifests.ts): N workloads with distinct labels in M
// namespaces, about ten NetworkPolicies per namespace. np-guard's `list` takes 56 s at 1,000 workloads in 50
// namespaces, and well over 15 minutes at 5,000 (issue 13). It reads the generated manifests as the CLI's
// `--manifests` does (timed apart), then times connectivity on the model, cold, and prints the figure with its
// target and PASS or MISS, and the heap the report and the model hold. A benchmark, not a test: it exits 0 whatever
// the figures.
//
//   node --import tsx bench/connectivity.ts [--workloads N] [--namespaces M] [--seed N] [--out DIR] [--answers-hash]
//
// --workloads defaults to 5,000 and --namespaces to one for 25 workloads, 20 up to 1,000 (200 at 5,000, 50 at
// 1,000); --out writes
// the manifests to DIR (one file per namespace) for other tools, such as np-guard's `k8snetpolicy list --dirpath DIR`.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { connectivity } from '@/lib/analysis/reach/connectivity';
import { modelFromDocuments } from '@/lib/sources/manifests/model';
import { generatePolicyManifests } from './policy-manifests.ts';
import { answersHash, reachAnswersHash } from './answers-hash.ts';

/** Targets by workloads (issue 13): the largest size at or below the run's applies. */
const TARGETS = [
  { workloads: 1000, ms: 500, heapMB: undefined },
  { workloads: 5000, ms: 5000, heapMB: 500 },
];

const { values } = parseArgs({
  options: {
    workloads: { type: 'string', default: '5000' },
    namespaces: { type: 'string' },
    seed: { type: 'string', default: '20250113' },
    out: { type: 'string' },
    'answers-hash': { type: 'boolean', default: false },
  },
});
const workloads = Number(values.workloads);
// As np-guard was measured: 50 namespaces at 1,000 workloads, 200 at 5,000.
const namespaces = values.namespaces === undefined ? Math.max(1, Math.round(workloads / (workloads <= 1000 ? 20 : 25))) : Number(values.namespaces);
const seed = Number(values.seed);
if (![workloads, namespaces, seed].every((n) => Number.isInteger(n) && n > 0) || namespaces > workloads) {
  console.error('usage: bench/connectivity.ts [--workloads N] [--namespaces M (at most N)] [--seed N] [--out DIR]');
  process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const line = (label: string, value: string, target?: { ok: boolean; text: string }) =>
  console.log(`${label.padEnd(50)} ${value.padEnd(30)}${target ? ` target ${target.text.padEnd(10)} ${target.ok ? 'PASS' : 'MISS'}` : ''}`);

console.log(`kube-netmap connectivity benchmark on np-guard-like manifests (seed ${seed}, Node ${process.version})`);
const manifests = generatePolicyManifests({ workloads, namespaces, seed });
if (values.out) {
  mkdirSync(values.out, { recursive: true });
  for (const { file, text } of manifests.files) writeFileSync(path.join(values.out, file), text);
  console.log(`manifests written to ${values.out}`);
}

let start = performance.now();
const { model } = modelFromDocuments(manifests.files);
line('manifests read into the model', fmt(performance.now() - start));
const { counts } = manifests;
console.log(`model: ${counts.workloads} workloads in ${counts.namespaces} namespaces, ${counts.networkPolicies} NetworkPolicies`);
const heapBefore = process.memoryUsage().heapUsed;

start = performance.now();
const cpuStart = process.cpuUsage();
const report = connectivity(model);
const elapsed = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const target = TARGETS.filter((t) => t.workloads <= workloads).at(-1);
// The CPU time beside it: on a shared machine the wall time grows with the load, the CPU time much less.
line(`connectivity, ${workloads} workloads (cold)`, `${fmt(elapsed)} (CPU ${fmt((cpu.user + cpu.system) / 1000)})`, target && { ok: elapsed < target.ms, text: `< ${fmt(target.ms)}` });
console.log(
  `  ${report.entries.length} entries (${report.entries.filter((e) => e.partial).length} partial); ${report.stats.pods} pods, ` +
    `${report.stats.classes} classes, ${report.stats.workloads} workloads, ${report.stats.pairsEvaluated} pairs evaluated`,
);
const heap = process.memoryUsage().heapUsed;
line('heap used with the model and the report', mb(heap), target?.heapMB ? { ok: heap < target.heapMB * 1024 * 1024, text: `< ${target.heapMB} MB` } : undefined);
line('  of which the model and manifests before', mb(heapBefore));
line('peak RSS of the process', mb(process.resourceUsage().maxRSS * 1024));
if (values['answers-hash']) {
  // A fingerprint to compare before and after a change that must not move the answers (see answers-hash.ts).
  const reach = reachAnswersHash(model);
  console.log(`answers hash: connectivity ${answersHash([report])}, reachablePeers ${reach.hash} (${reach.pods} pods)`);
}

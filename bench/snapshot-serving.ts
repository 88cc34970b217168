// The server's side of several tabs loading a large cluster at once: /api/snapshot's answer (lib/api/responses.ts)
// for the synthetic cluster of bench/engine.ts (--pods N, 50,000 by default), written to --clients C (5) connections
// at once through gzip as Next.js compresses it, each taking its data as a socket would. It prints the rise of the
// process's resident memory while they load (toward issue 13's 600 MB for a server with 50,000 pods and 5 tabs) and
// the event loop's longest stall (every watch event and SSE client waits that long; issue 13's watch-to-SSE p95 is
// 200 ms), with `--whole` for the same measured with the body serialised whole, as before. A benchmark: exits 0.
//
// Run it with tsx, which resolves the @/ paths of the tsconfig:  node --expose-gc --import tsx bench/snapshot-serving.ts [--pods N] [--clients C] [--whole]
import { parseArgs } from 'node:util';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { json, jsonStream } from '../lib/api/responses.ts';
import { buildModel, generate, shapeFor } from './synthetic-cluster.ts';

const { values } = parseArgs({ options: { pods: { type: 'string', default: '50000' }, clients: { type: 'string', default: '5' }, whole: { type: 'boolean', default: false } } });
const pods = Number(values.pods);
const clients = Number(values.clients);
if (!Number.isInteger(pods) || pods < 100 || !Number.isInteger(clients) || clients < 1) throw new Error('--pods must be a whole number of at least 100 and --clients at least 1');

const STALL_TARGET_MS = 200;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

const model = buildModel(generate(1, shapeFor(pods), 200, 500));
const body = { context: 'bench', epoch: 'bench', seq: 1, model };
globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
let stall = 0;
let tick = performance.now();
const loop = setInterval(() => {
  const now = performance.now();
  stall = Math.max(stall, now - tick - 10);
  tick = now;
}, 10);
const start = performance.now();
const sizes = await Promise.all(
  Array.from({ length: clients }, async () => {
    const response = values.whole ? json(body) : jsonStream(body);
    let wire = 0;
    // A socket takes a write, then asks for the next one on a later turn of the loop.
    const socket = new Writable({
      write(chunk: Buffer, _encoding, done) {
        wire += chunk.length;
        setImmediate(done);
      },
    });
    await pipeline(Readable.fromWeb(response.body! as never), createGzip(), socket);
    return wire;
  }),
);
const took = performance.now() - start;
clearInterval(sampler);
clearInterval(loop);
peak = Math.max(peak, process.memoryUsage().rss);

const how = values.whole ? 'serialised whole (JSON.stringify, as before)' : 'streamed (jsonStream)';
console.log(
  `snapshot serving: ${pods} pods (${model.resources.namespaces.length} namespaces, ${model.resources.services.length} Services), ` +
    `${clients} clients at once, ${how}, ${mb(sizes[0]!)} gzip each; Node ${process.version}`,
);
console.log(`  all answered in ${(took / 1000).toFixed(2)} s`);
console.log(`  resident memory while they load: ${mb(before)} before, ${mb(peak)} at the peak: +${mb(peak - before)} — reported (the server's goal: 600 MB in all with ${pods >= 50_000 ? 'these' : '50,000'} pods and 5 tabs)`);
console.log(`  the event loop's longest stall: ${stall.toFixed(0)} ms — target < ${STALL_TARGET_MS} ms: ${stall < STALL_TARGET_MS ? 'PASS' : 'MISS'}`);

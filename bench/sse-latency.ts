// Time from a change in the cluster to its arrival at an SSE client of the dashboard, over 100 changes.
// Uses BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, otherwise the local control plane (started if needed).
import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startDashboard } from '../e2e/support/server.ts';
import { sseMessages } from './sse-messages.ts';
import { ms, percentile } from './stats.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';

const CHANGES = 100;

/** Reads the SSE stream and calls onChange for every change it carries. */
async function followEvents(url: string, onChange: (change: { op: string; kind: string; object?: { meta: { labels: Record<string, string> } } }) => void) {
  const stop = new AbortController();
  const response = await fetch(url, { signal: stop.signal });
  if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status}`);
  const body = response.body;
  void (async () => {
    for await (const { message } of sseMessages(body)) {
      const event = /^event: (.*)$/m.exec(message)?.[1];
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (event === 'changes' && data) for (const change of JSON.parse(data).changes) onChange(change);
    }
  })().catch(() => undefined);
  return () => stop.abort();
}

/** Measuring before the first list completes would time the initial sync, not the watch path. */
async function waitUntilSynced(snapshotUrl: string) {
  for (let i = 0; i < 300; i++) {
    const snapshot = (await (await fetch(snapshotUrl)).json()) as { model: { sync: Record<string, { status: string }> } };
    if (Object.values(snapshot.model.sync).every((s) => s.status === 'synced')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the dashboard did not sync within 30 s');
}

async function main() {
  const { file, startedHere } = clusterKubeconfig();
  buildIfStale();
  const admin = new KubeConfig();
  admin.loadFromFile(file);
  const core = admin.makeApiClient(CoreV1Api);
  const dashboard = await startDashboard(file);
  const namespace = `bench-sse-${Date.now().toString(36)}`;
  let stopFollowing = () => {};
  try {
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedService({ namespace, body: { metadata: { name: 'probe' }, spec: { ports: [{ port: 80 }] } } });
    const context = encodeURIComponent(admin.getCurrentContext());
    await waitUntilSynced(`${dashboard.url}/api/snapshot?context=${context}`);
    const waiting = new Map<string, () => void>();
    stopFollowing = await followEvents(`${dashboard.url}/api/events?context=${context}`, (change) => {
      const mark = change.kind === 'services' && change.op === 'upsert' ? change.object?.meta.labels['bench-mark'] : undefined;
      if (mark) waiting.get(mark)?.();
    });

    const fromRequest: number[] = [];
    const fromCommit: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const mark = `m${i}`;
      const arrived = new Promise<number>((resolve) => waiting.set(mark, () => resolve(performance.now())));
      const sent = performance.now();
      await core.patchNamespacedService(
        { namespace, name: 'probe', body: { metadata: { labels: { 'bench-mark': mark } } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      const committed = performance.now();
      const at = await Promise.race([arrived, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`change ${mark} never arrived`)), 10_000))]);
      fromRequest.push(at - sent);
      fromCommit.push(at - committed);
      waiting.delete(mark);
    }
    console.log(`SSE latency over ${CHANGES} changes (a Service label patched, then seen on /api/events):`);
    console.log(`  from the API write's response: median ${ms(percentile(fromCommit, 50))}, p95 ${ms(percentile(fromCommit, 95))}, max ${ms(Math.max(...fromCommit))}`);
    console.log(`  from sending the write:        median ${ms(percentile(fromRequest, 50))}, p95 ${ms(percentile(fromRequest, 95))}, max ${ms(Math.max(...fromRequest))}`);
    console.log(`  target: p95 under 200 ms`);
  } finally {
    stopFollowing();
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    await dashboard.stop();
    if (startedHere) stopCluster();
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

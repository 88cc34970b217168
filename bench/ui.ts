// The map's UI performance on a generated cluster of 2,000 pods in 50 namespaces: the first complete map, the
// highlight after a click on a pod, panning frame rate, and the time from a watch event to its node on the map.
// It prints each figure with its target and PASS or MISS; a benchmark, not a test: it exits 0 whatever the
// figures (and prints MISS (error: ...) for a step that failed).
//
// Uses BENCH_KUBECONFIG (or E2E_KUBECONFIG) when set, otherwise the local control plane (started if needed, and
// stopped at the end only if this run started it). Everything it creates carries the label kube-netmap.dev/bench=ui
// and is deleted at the end, on failure and on Ctrl-C too.
//
// Run it with Node's type stripping:  node bench/ui.ts
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  setHeaderOptions,
  type V1NetworkPolicy,
  type V1Node,
  type V1Pod,
  type V1PodSpec,
} from '@kubernetes/client-node';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startDashboard, type DashboardServer } from '../e2e/support/server.ts';
import { ms, percentile } from './stats.ts';
import { buildIfStale, clusterKubeconfig, stopCluster } from './cluster.ts';

const NAMESPACES = 50;
const PODS_PER_NAMESPACE = 40;
const TOTAL_PODS = NAMESPACES * PODS_PER_NAMESPACE;
/** Replicas of each namespace's Deployments: four of more than 3 pods (folded on the map), eleven that stay unfolded. */
const REPLICAS = [5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1];
const BARE_PODS = PODS_PER_NAMESPACE - REPLICAS.reduce((a, b) => a + b, 0);
/**
 * Fake nodes of the bench's own. kwok gives each node's pods addresses from the node's /24 and runs past its end
 * when it has more than 253 pods (into the next node's range: duplicate pod IPs). The 3 nodes of the local cluster
 * would carry about 670 pods each; 16 nodes of the bench's own carry about 130.
 */
const BENCH_NODES = 16;
const HIGHLIGHT_CLICKS = 10;
const WATCH_EVENTS = 20;
const PAN_MS = 3000;
const VIEW_REST_MS = 500;
const IN_FLIGHT = 10;
const IMAGE = 'registry.k8s.io/pause:3.10';
const BENCH_LABEL = 'kube-netmap.dev/bench';
const RUN_LABEL = 'kube-netmap.dev/bench-run';

const TARGETS = { firstMapMs: 3000, highlightMs: 200, panFps: 30, watchMs: 500 };

const runId = Date.now().toString(36);
const prefix = `bench-ui-${runId}`;
const namespaceNames = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
const benchLabels = { [BENCH_LABEL]: 'ui', [RUN_LABEL]: runId };

/** High-resolution wall clock (ms since the epoch), comparable with the page's performance.timeOrigin + now(). */
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
const log = (line: string) => console.log(line);
const progress = (line: string) => console.error(`[bench:ui ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}`);
const started = performance.now();

/** Runs fn over the items with at most `limit` calls in flight. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Polls until check returns a value (not undefined), or throws what describe says after timeoutMs. */
async function until<T>(what: string, timeoutMs: number, intervalMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs / 1000} s${lastError ? ` (last error: ${errorText(lastError)})` : ''}`);
    await sleep(intervalMs);
  }
}

const isReady = (pod: V1Pod) => !pod.metadata?.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const statusCode = (error: unknown) => (error as { code?: number }).code;

interface Kube {
  config: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  net: NetworkingV1Api;
}

function kubeClients(file: string): Kube {
  const config = new KubeConfig();
  config.loadFromFile(file);
  return { config, core: config.makeApiClient(CoreV1Api), apps: config.makeApiClient(AppsV1Api), net: config.makeApiClient(NetworkingV1Api) };
}

// ---------------------------------------------------------------------------------------------------------------
// The generated cluster

function podSpec(): V1PodSpec {
  return {
    nodeSelector: { [RUN_LABEL]: runId },
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds: 0,
    containers: [{ name: 'app', image: IMAGE, ports: [{ name: 'http', containerPort: 8080 }] }],
  };
}

function barePod(namespace: string, name: string): V1Pod {
  return { metadata: { name, namespace, labels: { app: name, ...benchLabels } }, spec: podSpec() };
}

const deploymentName = (i: number) => `d${String(i).padStart(2, '0')}`;

function policies(namespace: string): V1NetworkPolicy[] {
  const app = (name: string) => ({ matchLabels: { app: name } });
  const meta = (name: string) => ({ name, namespace, labels: benchLabels });
  // The typed models call a rule's `from` `_from`; the client serialises it back to `from`.
  return [
    { metadata: meta('default-deny-ingress'), spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    {
      metadata: meta('allow-d01-from-d00'),
      spec: { podSelector: app('d01'), policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: app('d00') }], ports: [{ protocol: 'TCP', port: 8080 }] }] },
    },
    {
      metadata: meta('allow-d00-in-namespace'),
      spec: { podSelector: app('d00'), policyTypes: ['Ingress'], ingress: [{ _from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 'http' }] }] },
    },
    {
      metadata: meta('allow-d06-from-bench'),
      spec: {
        podSelector: app('d06'),
        policyTypes: ['Ingress'],
        ingress: [{ _from: [{ namespaceSelector: { matchLabels: { [BENCH_LABEL]: 'ui' } }, podSelector: app('d02') }] }],
      },
    },
  ];
}

async function createNodes(kube: Kube): Promise<void> {
  await inParallel(
    Array.from({ length: BENCH_NODES }, (_, i) => i),
    IN_FLIGHT,
    async (i) => {
      const name = `${prefix}-node-${String(i).padStart(2, '0')}`;
      const node: V1Node = {
        metadata: {
          name,
          annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
          labels: { ...benchLabels, 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
        },
        spec: { podCIDR: `10.244.${100 + i}.0/24`, podCIDRs: [`10.244.${100 + i}.0/24`] },
      };
      await kube.core.createNode({ body: node });
      await kube.core.patchNodeStatus(
        { name, body: { status: { addresses: [{ type: 'InternalIP', address: `172.18.1.${i + 1}` }, { type: 'Hostname', address: name }] } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    },
  );
  await until(`${BENCH_NODES} Ready bench nodes`, 60_000, 250, async () => {
    const nodes = (await kube.core.listNode({ labelSelector: `${RUN_LABEL}=${runId}` })).items;
    const ready = nodes.filter(
      (n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !n.spec?.taints?.some((t) => t.effect === 'NoSchedule'),
    );
    return ready.length === BENCH_NODES ? true : undefined;
  });
}

async function createCluster(kube: Kube): Promise<void> {
  await inParallel(namespaceNames, IN_FLIGHT, (name) => kube.core.createNamespace({ body: { metadata: { name, labels: benchLabels } } }));
  // Pods are refused until a namespace's default ServiceAccount exists; the ReplicaSet controller would back off.
  await until('the default ServiceAccount in every bench namespace', 60_000, 250, async () => {
    const accounts = await kube.core.listServiceAccountForAllNamespaces({ fieldSelector: 'metadata.name=default' });
    const have = new Set(accounts.items.map((a) => a.metadata?.namespace));
    return namespaceNames.every((n) => have.has(n)) ? true : undefined;
  });

  const tasks: (() => Promise<unknown>)[] = [];
  for (const namespace of namespaceNames) {
    // Deployments first (the controllers create their pods at their own pace), then the rest.
    REPLICAS.forEach((replicas, i) => {
      const name = deploymentName(i);
      const labels = { app: name, ...benchLabels };
      tasks.push(() =>
        kube.apps.createNamespacedDeployment({
          namespace,
          body: {
            metadata: { name, labels },
            spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: podSpec() } },
          },
        }),
      );
    });
  }
  for (const namespace of namespaceNames) {
    for (let i = 0; i < BARE_PODS; i++) tasks.push(() => kube.core.createNamespacedPod({ namespace, body: barePod(namespace, `solo-${i}`) }));
    for (const [name, app] of [
      ['svc-a', 'd00'],
      ['svc-b', 'd06'],
    ] as const) {
      tasks.push(() =>
        kube.core.createNamespacedService({
          namespace,
          body: { metadata: { name, labels: benchLabels }, spec: { selector: { app }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } },
        }),
      );
    }
    for (const policy of policies(namespace)) tasks.push(() => kube.net.createNamespacedNetworkPolicy({ namespace, body: policy }));
  }
  await inParallel(tasks, IN_FLIGHT, (task) => task());
}

async function waitForPods(kube: Kube, timeoutMs: number): Promise<void> {
  let lastReport = 0;
  await until(`${TOTAL_PODS} Ready bench pods`, timeoutMs, 2000, async () => {
    const pods = (await kube.core.listPodForAllNamespaces({ labelSelector: `${RUN_LABEL}=${runId}`, resourceVersion: '0' })).items;
    const ready = pods.filter(isReady).length;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      progress(`${pods.length} bench pods, ${ready} Ready`);
    }
    return ready >= TOTAL_PODS ? true : undefined;
  });
}

/**
 * Deletes the bench's namespaces and nodes matching the selector: namespaces first (a terminating namespace takes
 * no new pods, so the ReplicaSet controller cannot recreate them), then their pods at once (grace 0, not at the
 * namespace controller's pace), then, once the pods are gone (kwok returns their addresses to the node's pool only
 * while the node exists), the nodes.
 */
async function deleteBench(kube: Kube, selector: string): Promise<void> {
  const namespaces = (await kube.core.listNamespace({ labelSelector: selector })).items.map((n) => n.metadata!.name!);
  await inParallel(namespaces, IN_FLIGHT, async (namespace) => {
    await kube.core.deleteNamespace({ name: namespace }).catch((e: unknown) => {
      if (statusCode(e) !== 404) throw e;
    });
    await kube.core.deleteCollectionNamespacedPod({ namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  });
  await until('the bench pods gone', 60_000, 500, async () =>
    (await kube.core.listPodForAllNamespaces({ labelSelector: selector, limit: 1 })).items.length === 0 ? true : undefined,
  ).catch((error: unknown) => progress(`cleanup: ${errorText(error)}`));
  const nodes = (await kube.core.listNode({ labelSelector: selector })).items.map((n) => n.metadata!.name!);
  await inParallel(nodes, IN_FLIGHT, (name) => kube.core.deleteNode({ name }).catch(() => undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// The page

/** When the first complete map was there, in the page's clock (performance.now(), origin = navigation start). */
interface FirstMap {
  /** The container got data-laid-out (the first full layout ran). */
  laidOut: number;
  /** Laid out, and every bench pod in the Cytoscape instance: the frame in which the poller saw it. */
  complete: number;
  /** The next frame's start: the frame that drew the complete map is done. */
  drawn: number;
  /** The same, as the page's wall clock (performance.timeOrigin + drawn). */
  drawnWall: number;
  /** The first of 3 frames in a row at most 50 ms apart after drawn: the page animates again (at most 10 s later). */
  settled?: number;
}

/** What the bench keeps in the page, beside the app's own window.__kubeNetmapMap. */
type BenchWindow = Window & {
  __benchFirstMap?: FirstMap;
  __benchDrawn?: number;
  __benchClick?: { up?: number; tap?: number; classSet?: number; seen?: number };
  __benchSeen?: Record<string, number>;
};

/**
 * Installed before the page's own scripts: once per frame, counts the bench pods the map draws (as pod nodes, or
 * inside folded workloads) until the first complete map is there, then follows the frames until they are smooth.
 */
function firstMapWatcher({ idPart, want }: { idPart: string; want: number }) {
  const w = window as BenchWindow;
  let laidOut: number | undefined;
  let complete: number | undefined;
  let last = 0;
  let smoothSince: number | undefined;
  let smooth = 0;
  const tick = (frame: number) => {
    const result = w.__benchFirstMap;
    if (complete === undefined) {
      const cy = w.__kubeNetmapMap;
      if (laidOut === undefined && cy && document.querySelector('[data-testid="network-map"][data-laid-out="true"]')) laidOut = performance.now();
      if (cy && laidOut !== undefined) {
        let count = 0;
        cy.nodes().forEach((node) => {
          if (!node.id().includes(idPart)) return;
          const kind = node.data('kind') as string;
          if (kind === 'pod') count += 1;
          else if (kind === 'workload') count += Number(node.data('podCount') ?? 0);
        });
        w.__benchDrawn = count;
        if (count >= want) complete = performance.now();
      }
    } else if (!result) {
      w.__benchFirstMap = { laidOut: laidOut!, complete, drawn: frame, drawnWall: performance.timeOrigin + frame };
    } else {
      if (frame - last <= 50) {
        smoothSince ??= last;
        smooth += 1;
      } else {
        smoothSince = undefined;
        smooth = 0;
      }
      if (smooth === 3) result.settled = smoothSince;
      if (smooth === 3 || frame - result.drawn > 10_000) return;
    }
    last = frame;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The offset of the page's clock from this process's (page minus here), from the round trip with the least delay. */
async function pageClockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 10; i++) {
    const before = wallNow();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: there - (before + after) / 2 };
  }
  return best.offset;
}

const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

async function measureFirstMap(page: Page, url: string): Promise<string[]> {
  await page.addInitScript(firstMapWatcher, { idPart: prefix, want: TOTAL_PODS });
  const offset = await pageClockOffset(page);
  const gotoStart = wallNow();
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  try {
    await page.waitForFunction(() => (window as BenchWindow).__benchFirstMap !== undefined, null, { polling: 100, timeout: 60_000 });
  } catch (error) {
    const drawn = await page.evaluate(() => (window as BenchWindow).__benchDrawn).catch(() => undefined);
    throw new Error(`not complete within 60 s (${drawn ?? 'no'} bench pods drawn): ${errorText(error)}`);
  }
  // Until the frames are smooth again (or 10 s), so that the next measurement does not start in the middle of it.
  await page
    .waitForFunction(() => (window as BenchWindow).__benchFirstMap!.settled !== undefined, null, { polling: 100, timeout: 11_000 })
    .catch(() => undefined);
  const first = (await page.evaluate(() => (window as BenchWindow).__benchFirstMap))!;
  // The offset was taken on the blank page before; a new document's clock has the same base, only another origin.
  const wall = first.drawnWall - offset - gotoStart;
  const nav = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return entry ? { responseEnd: entry.responseEnd, domContentLoaded: entry.domContentLoadedEventEnd, load: entry.loadEventEnd } : undefined;
  });
  const drawn = await page.evaluate(() => (window as BenchWindow).__benchDrawn);
  return [
    `first complete map (${drawn} bench pods on the map): drawn ${ms(first.drawn)} after navigation start (the page's performance.now(), whose origin is ` +
      `the navigation start; ${ms(wall)} of wall clock from the page.goto() call) — target < ${TARGETS.firstMapMs / 1000} s: ${verdict(first.drawn < TARGETS.firstMapMs)}`,
    `  (HTML response end ${nav ? ms(nav.responseEnd) : '?'}, DOMContentLoaded ${nav ? ms(nav.domContentLoaded) : '?'}, first layout done ${ms(first.laidOut)}, ` +
      `every bench pod in the map ${ms(first.complete)}, drawn = the start of the next frame ${ms(first.drawn)}, ` +
      `frames smooth again ${first.settled !== undefined ? ms(first.settled) : 'not within 10 s'})`,
  ];
}

async function mapFacts(page: Page): Promise<string[]> {
  const facts = await page.evaluate(() => {
    const cy = window.__kubeNetmapMap!;
    const container = document.querySelector('[data-testid="network-map"]');
    const canvases = [...(container?.querySelectorAll('canvas') ?? [])];
    // getContext with a canvas's own type returns its context; with another type, null (and creates nothing).
    const webglCanvas = canvases.some((c) => c.getContext('webgl2') !== null || c.getContext('webgl') !== null);
    return {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      renderer: container?.getAttribute('data-renderer') ?? 'unset',
      webglCanvas,
      pods: cy.nodes('[kind = "pod"]').length,
      workloads: cy.nodes('[kind = "workload"]').length,
      services: cy.nodes('[kind = "service"]').length,
    };
  });
  return [
    `elements on the map: ${facts.nodes + facts.edges} (${facts.nodes} nodes: ${facts.pods} pods, ${facts.workloads} folded workloads, ${facts.services} Services; ${facts.edges} edges)`,
    `renderer: data-renderer="${facts.renderer}" (${facts.renderer === 'webgl' ? 'WebGL' : 'canvas 2D'}); a WebGL canvas in the map: ${facts.webglCanvas ? 'yes' : 'no'}`,
  ];
}

/** What draws WebGL in this browser, asked on a page of its own (a second WebGL context beside the map's would weigh on it). */
async function webglInfo(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'none (no WebGL2 context)';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
    });
  } finally {
    await context.close();
  }
}

async function measurePanning(page: Page): Promise<string[]> {
  const overview = await panFps(page, 'fit');
  const close = await panFps(page, 1);
  const line = (what: string, r: PanResult) =>
    `${what}: ${r.fps.toFixed(1)} fps, longest frame ${ms(r.maxGap)}, ${r.drawn} of ${r.total} elements drawn — target >= ${TARGETS.panFps} fps: ${verdict(r.fps >= TARGETS.panFps)}`;
  return [
    line(`panning, whole map in view (zoom ${overview.zoom.toFixed(2)}: group summaries; cy.panBy({x: 4, y: 2}) every frame for ${(PAN_MS / 1000).toFixed(0)} s)`, overview),
    line(`panning, zoomed in (zoom 1: the groups near the view drawn)`, close),
    `  (headless Chromium launched with --disable-gpu: no GPU, WebGL is software-rendered (see the WebGL line), on a machine shared with the ` +
      `control plane. Far out, a big map draws its namespaces as summaries; zoomed in, it hides the groups far from a settled view)`,
  ];
}

interface PanResult {
  fps: number;
  maxGap: number;
  zoom: number;
  drawn: number;
  total: number;
}

/** Frame rate while panning through the API at the given zoom ('fit': the whole map in view). */
async function panFps(page: Page, zoom: number | 'fit'): Promise<PanResult> {
  // Braces: Cytoscape's calls return the instance, which page.evaluate would try to serialise (for many seconds).
  await page.evaluate((level) => {
    const cy = window.__kubeNetmapMap!;
    cy.fit(undefined, 30);
    if (level !== 'fit') cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }, zoom);
  // As a person pans: after the zoom has come to rest (the map hides far groups once the view settles).
  await page.waitForTimeout(VIEW_REST_MS);
  await nextFrames(page);
  const result = await page.evaluate(
    (duration) =>
      new Promise<PanResult>((resolve) => {
        const cy = window.__kubeNetmapMap!;
        const drawn = cy.elements(':visible').length;
        let first: number | undefined;
        let last = 0;
        let frames = 0;
        let maxGap = 0;
        const step = (t: number) => {
          if (first === undefined) first = t;
          else {
            frames += 1;
            maxGap = Math.max(maxGap, t - last);
          }
          last = t;
          if (t - first >= duration) return resolve({ fps: frames / ((t - first) / 1000), maxGap, zoom: cy.zoom(), drawn, total: cy.elements().length });
          cy.panBy({ x: 4, y: 2 });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    PAN_MS,
  );
  return result;
}

/** Places a node at zoom 1 in the middle of the map and returns where it is drawn, in the page's viewport coordinates. */
async function bringIntoView(page: Page, id: string): Promise<{ x: number; y: number }> {
  await page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap!;
    // Panned to, as a person would: cy.center() needs a drawn node, and far groups are hidden until the view nears.
    const at = cy.getElementById(nodeId).position();
    cy.zoom(1);
    cy.pan({ x: cy.width() / 2 - at.x, y: cy.height() / 2 - at.y });
  }, id);
  await nextFrames(page);
  const at = await page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap!;
    const node = cy.getElementById(nodeId);
    if (node.empty()) return undefined;
    const r = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    const x = box.left + r.x;
    const y = box.top + r.y;
    const inside = x > box.left && x < box.right && y > box.top && y < box.bottom && x > 0 && y > 0 && x < window.innerWidth && y < window.innerHeight;
    return inside ? { x, y } : undefined;
  }, id);
  if (!at) throw new Error(`${id} is not inside the viewport after centring`);
  return at;
}

async function measureHighlight(page: Page): Promise<string[]> {
  await page.locator('[data-testid="network-map"]').scrollIntoViewIfNeeded();
  const candidates = await page.evaluate(
    (idPart) =>
      window
        .__kubeNetmapMap!.nodes('[kind = "pod"]')
        .map((n) => n.id())
        .filter((id) => id.includes(idPart)),
    prefix,
  );
  if (candidates.length < HIGHLIGHT_CLICKS) throw new Error(`only ${candidates.length} unfolded bench pods on the map`);
  const picks = [...candidates].sort(() => Math.random() - 0.5).slice(0, HIGHLIGHT_CLICKS);
  const times: number[] = [];
  const taps: number[] = [];
  const classSet: number[] = [];
  const failures: string[] = [];
  for (const id of picks) {
    try {
      const at = await bringIntoView(page, id);
      // All in place before the click. The click's time is the mouseup's own timestamp (Cytoscape's tap fires on
      // mouseup). The poller looks once per frame, after Cytoscape's own frame callback (requested earlier), so the
      // frame in which it sees the class is one Cytoscape has drawn with it. The node's tap and class events give
      // the breakdown: Cytoscape's dispatch, then the app's route change and effect, then the drawing.
      await page.evaluate((nodeId) => {
        const w = window as BenchWindow;
        const cy = w.__kubeNetmapMap!;
        const node = cy.getElementById(nodeId);
        const marks: { up?: number; tap?: number; classSet?: number; seen?: number } = {};
        w.__benchClick = marks;
        window.addEventListener('mouseup', (event) => (marks.up = event.timeStamp), { capture: true, once: true });
        node.one('tap', () => (marks.tap = performance.now()));
        const onClass = () => {
          if (!node.hasClass('selected')) return;
          marks.classSet = performance.now();
          node.removeListener('class', undefined, onClass);
        };
        node.on('class', onClass);
        const give = performance.now() + 5000;
        const tick = () => {
          if (node.hasClass('selected')) marks.seen = performance.now();
          else if (performance.now() > give) marks.seen = -1;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, id);
      await page.mouse.click(at.x, at.y);
      await page.waitForFunction(() => (window as BenchWindow).__benchClick?.seen !== undefined, null, { polling: 50, timeout: 10_000 });
      const marks = (await page.evaluate(() => (window as BenchWindow).__benchClick))!;
      if (marks.seen! < 0 || marks.up === undefined) throw new Error(`${id}: not selected within 5 s of the click`);
      const expected = `pod=${encodeURIComponent(id.slice(4))}`;
      if (!page.url().includes(expected)) throw new Error(`${id}: selected, but the URL has no ${expected}`);
      times.push(marks.seen! - marks.up);
      if (marks.tap !== undefined) taps.push(marks.tap - marks.up);
      if (marks.classSet !== undefined) classSet.push(marks.classSet - marks.up);
    } catch (error) {
      failures.push(errorText(error));
    }
  }
  if (times.length === 0) throw new Error(failures[0] ?? 'no click measured');
  const median = percentile(times, 50);
  const max = Math.max(...times);
  return [
    `highlight after a click on a pod (${times.length} of ${picks.length} random unfolded bench pods; from the mouseup to the first frame with the node's class 'selected'): ` +
      `median ${ms(median)}, max ${ms(max)} — target < ${TARGETS.highlightMs} ms: median ${verdict(median < TARGETS.highlightMs)}, max ${verdict(max < TARGETS.highlightMs)}`,
    `  (medians after the mouseup: Cytoscape's tap ${ms(percentile(taps, 50))}, the class set by the app ${ms(percentile(classSet, 50))}, ` +
      `seen in a drawn frame ${ms(median)}; the first click ${ms(times[0]!)})`,
    ...failures.map((f) => `  click failed: ${f}`),
  ];
}

async function measureWatch(page: Page, kube: Kube): Promise<string[]> {
  // No selection: the selection's own cost (peers recomputed on every change) is the highlight figure's.
  // A tap on the background, as Cytoscape reports it: the app clears the selection.
  await page.evaluate(() => {
    window.__kubeNetmapMap!.emit('tap');
  });
  await page.waitForURL((u) => !u.searchParams.has('pod'), { timeout: 5000 }).catch(() => undefined);
  const offset = await pageClockOffset(page);
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < WATCH_EVENTS; i++) {
    const namespace = namespaceNames[Math.floor(Math.random() * NAMESPACES)]!;
    const name = `watch-${i}`;
    const id = `pod:${namespace}/${name}`;
    try {
      await page.evaluate((nodeId) => {
        const w = window as BenchWindow;
        const seen = (w.__benchSeen ??= {});
        const give = performance.now() + 10_000;
        const tick = () => {
          if (w.__kubeNetmapMap?.getElementById(nodeId).nonempty()) seen[nodeId] = performance.timeOrigin + performance.now();
          else if (performance.now() > give) seen[nodeId] = -1;
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, id);
      const sent = wallNow();
      await kube.core.createNamespacedPod({ namespace, body: barePod(namespace, name) });
      await page.waitForFunction((nodeId) => (window as BenchWindow).__benchSeen?.[nodeId] !== undefined, id, { polling: 20, timeout: 15_000 });
      const seenAt = await page.evaluate((nodeId) => (window as BenchWindow).__benchSeen![nodeId]!, id);
      if (seenAt < 0) throw new Error(`${id} not on the map within 10 s`);
      times.push(seenAt - offset - sent);
    } catch (error) {
      failures.push(errorText(error));
    }
    await sleep(150 + Math.random() * 150);
  }
  if (times.length === 0) throw new Error(failures[0] ?? 'no event measured');
  const p95 = percentile(times, 95);
  return [
    `watch event -> map (${times.length} of ${WATCH_EVENTS} bare pods created through the API; from just before the create call to the first frame with the pod's node): ` +
      `median ${ms(percentile(times, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...times))} — target < ${TARGETS.watchMs} ms: ${verdict(p95 < TARGETS.watchMs)}`,
    ...failures.map((f) => `  event failed: ${f}`),
  ];
}

/** Waits until the dashboard's model of the context has synced every kind (the first page load then measures the UI, not the server's first list). */
async function waitUntilSynced(snapshotUrl: string): Promise<void> {
  await until('the dashboard synced', 60_000, 250, async () => {
    const snapshot = (await (await fetch(snapshotUrl)).json()) as { model: { sync: Record<string, { status: string }> } };
    return Object.values(snapshot.model.sync).every((s) => s.status === 'synced') ? true : undefined;
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { file, startedHere } = clusterKubeconfig();
  const kube = kubeClients(file);
  const context = kube.config.getCurrentContext();
  let browser: Browser | undefined;
  let dashboard: DashboardServer | undefined;
  // page.evaluate has no timeout of its own: every step has one.
  const step = async (name: string, run: () => Promise<string[]>, timeoutMs = 90_000) => {
    progress(`measuring: ${name}`);
    let lines: string[];
    let timer: NodeJS.Timeout | undefined;
    try {
      lines = await Promise.race([
        run(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs))),
      ]);
    } catch (error) {
      lines = [`${name}: MISS (error: ${errorText(error)})`];
    } finally {
      clearTimeout(timer);
    }
    for (const line of lines) log(line);
  };

  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      progress('cleaning up');
      await Promise.race([browser?.close().catch(() => undefined), sleep(10_000)]);
      await dashboard?.stop().catch(() => undefined);
      await deleteBench(kube, `${RUN_LABEL}=${runId}`).catch((error: unknown) => progress(`cleanup failed: ${errorText(error)}`));
      if (startedHere) stopCluster();
    })());
  // The whole run is bounded too: setup takes about 3 minutes, the measurements about 1.
  setTimeout(() => {
    console.error('bench failed: the run took over 12 minutes');
    void cleanup().finally(() => process.exit(1));
  }, 12 * 60_000).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    buildIfStale();
    const leftovers = await kube.core.listNamespace({ labelSelector: `${BENCH_LABEL}=ui` });
    const leftoverNodes = await kube.core.listNode({ labelSelector: `${BENCH_LABEL}=ui` });
    if (leftovers.items.length + leftoverNodes.items.length > 0) {
      progress(`deleting ${leftovers.items.length} namespaces and ${leftoverNodes.items.length} nodes left by an earlier run`);
      await deleteBench(kube, `${BENCH_LABEL}=ui`);
    }

    let setupError: unknown;
    try {
      progress(`creating ${BENCH_NODES} nodes, ${NAMESPACES} namespaces ${prefix}-NN, ${TOTAL_PODS} pods`);
      await createNodes(kube);
      await createCluster(kube);
      progress('created; the dashboard starts while the pods come up');
      // Settled both ways, so that a dashboard started while the pods failed is still stopped.
      const [starting, waiting] = await Promise.allSettled([startDashboard(file).then((d) => (dashboard = d)), waitForPods(kube, 240_000)]);
      if (starting.status === 'rejected') throw starting.reason;
      if (waiting.status === 'rejected') throw waiting.reason;
      if (!dashboard) throw new Error('the dashboard did not start');
      progress(`${TOTAL_PODS} bench pods Ready`);
      await waitUntilSynced(`${dashboard.url}/api/snapshot?context=${encodeURIComponent(context)}`);
      // The server's first answers (the page, its chunks) come from disk once; a user's first visit is not that cold.
      await fetch(`${dashboard.url}/?context=${encodeURIComponent(context)}`).then((r) => r.text());
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    } catch (error) {
      setupError = error;
    }

    log(`UI benchmark: ${TOTAL_PODS} pods in ${NAMESPACES} namespaces (${REPLICAS.length} Deployments of 1-5 replicas and ${BARE_PODS} bare pods each; 2 Services and 4 NetworkPolicies each), viewport 1280x800, headless Chromium`);
    if (setupError || !browser || !dashboard) {
      const why = `MISS (error: setup failed: ${errorText(setupError)})`;
      for (const name of ['first complete map', 'highlight', 'panning fps', 'watch event -> map']) log(`${name}: ${why}`);
      return;
    }
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(errorText(error)));
    const url = `${dashboard.url}/?context=${encodeURIComponent(context)}`;
    let mapUp = false;
    await step('first complete map', async () => {
      const lines = await measureFirstMap(page, url);
      mapUp = true;
      return lines;
    });
    if (mapUp) {
      await step('map facts', () => mapFacts(page));
      await step('panning fps', () => measurePanning(page));
      await step('highlight', () => measureHighlight(page), 150_000);
      await step('watch event -> map', () => measureWatch(page, kube), 240_000);
    } else {
      for (const name of ['panning fps', 'highlight', 'watch event -> map']) log(`${name}: MISS (error: no map to measure)`);
    }
    await step('WebGL', async () => [`the browser's WebGL2: ${await webglInfo(browser!)}`]);
    if (pageErrors.length > 0) log(`page errors: ${[...new Set(pageErrors)].join(' | ')}`);
  } finally {
    await cleanup();
    progress('done');
  }
}

// A step that fails is a MISS and the run still exits 0; only a cluster or build that cannot be had exits 1.
main().catch((error: unknown) => {
  console.error(`bench failed: ${errorText(error)}`);
  process.exit(1);
});

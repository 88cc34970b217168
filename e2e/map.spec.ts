import type { Page } from '@playwright/test';
import { describeRanges } from '@/lib/analysis/net/describe-ranges';
import type { ReachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { expect, test } from './fixtures';
import { applyObjects } from './support/demo-on-cluster';
import { runId } from './support/kube';
import { VIEWER_CONTEXT } from './support/dashboard-identities';

/** Where the map draws a node, in page coordinates (the map is a canvas; the test hook exposes its instance). */
async function nodePosition(page: Page, id: string) {
  return page.evaluate((nodeId) => {
    const cy = window.__kubeNetmapMap;
    const node = cy?.getElementById(nodeId);
    if (!cy || !node || node.empty()) return undefined;
    const r = node.renderedPosition();
    const box = cy.container()!.getBoundingClientRect();
    return { x: box.left + r.x, y: box.top + r.y };
  }, id);
}

/** The node ids the map currently shows as peers of the selection. */
async function highlightedPeers(page: Page) {
  return page.evaluate(() =>
    (window.__kubeNetmapMap?.nodes('.peer-egress, .peer-ingress, .peer-both').map((n) => n.id()) ?? []).sort(),
  );
}

const policy = (namespace: string, name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });

test('clicking a pod lights up exactly the peers reachablePeers gives, and the URL reproduces the selection', async ({ cluster, namespace, liveView, page }) => {
  await cluster.createDeployment(namespace, 'web', 1);
  await cluster.createDeployment(namespace, 'api', 1);
  await cluster.createService(namespace, 'api', 'api');
  // Deterministic peers whatever else runs in the cluster: web may only talk to api, and nothing may reach web.
  await applyObjects(
    cluster.config,
    [
      policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(namespace, 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] }] }),
      policy(namespace, 'web', { podSelector: { matchLabels: { app: 'web' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080 }] }] }),
    ],
    runId(),
  );
  const [web] = await cluster.waitForReadyPods(namespace, 'web', 1);
  const [api] = await cluster.waitForReadyPods(namespace, 'api', 1);
  const webId = `pod:${namespace}/${web!.metadata!.name}`;

  await liveView.open();
  await expect.poll(() => nodePosition(page, webId)).toBeTruthy();
  const at = (await nodePosition(page, webId))!;
  await page.mouse.click(at.x, at.y);

  await expect(page).toHaveURL(new RegExp(`[?&]pod=${namespace}%2F${web!.metadata!.name}`));
  const idOf = ({ peer }: ReachablePeers['egress'][number]) =>
    peer.type === 'ipRange' ? `ip:${describeRanges(peer.cidrs)}` : `${peer.type === 'service' ? 'svc' : 'pod'}:${peer.namespace}/${peer.name}`;
  const fetchReach = async () =>
    (await (
      await page.request.get(`${process.env.E2E_BASE_URL}/api/reachability?context=${VIEWER_CONTEXT}&pod=${namespace}/${web!.metadata!.name}`)
    ).json()) as ReachablePeers;
  // The Service becomes a peer once the EndpointSlice controller has published the ready api pod, a moment after
  // the pod is ready: wait for the engine to say so, then hold the map to the same answer.
  let reach = await fetchReach();
  await expect
    .poll(async () => {
      reach = await fetchReach();
      return [...reach.egress, ...reach.ingress].map(idOf).filter((id) => !id.startsWith('ip:')).sort();
    })
    .toEqual([`pod:${namespace}/${api!.metadata!.name}`, `svc:${namespace}/api`].sort());
  // The map's ids for the engine's peers: pods, Services, and address ranges (here only the pod's own node, with
  // which traffic is always allowed, in both directions).
  const expected = [...new Set([...reach.egress, ...reach.ingress].map(idOf))].sort();
  await expect.poll(() => highlightedPeers(page)).toEqual(expected);
  await expect(page.getByTestId('peer-row')).toHaveCount(reach.egress.length + reach.ingress.length);
  await expect(page.locator(`[data-testid="peer-row"][data-peer-id="pod:${namespace}/${api!.metadata!.name}"]`)).toContainText('TCP 8080');
  await expect(page.locator(`[data-testid="peer-row"][data-peer-id="svc:${namespace}/api"]`)).toContainText('TCP 80');

  // A copied link with the selection opens the same view in a new page.
  const copy = await page.context().newPage();
  await copy.goto(page.url());
  await expect.poll(() => highlightedPeers(copy)).toEqual(expected);
  await copy.close();
});

import type { Page } from '@playwright/test';
import { KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import type { FlowExplanation } from '@/lib/analysis/flow/explain-flow';
import type { ReachablePeers } from '@/lib/analysis/reach/reachable-peers';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { Cluster, RUN_LABEL, runId } from './support/kube';
import { egressPeers, nodePosition } from './support/map-page';

// Policy kinds beyond NetworkPolicy change verdicts live: a ClusterNetworkPolicy (policy.networking.k8s.io, the real
// CRD from sigs.k8s.io/network-policy-api) and a CiliumNetworkPolicy (cilium.io/v2, the real CRD from
// github.com/cilium/cilium) applied to the cluster each cut client → server on the map and in explain, naming the
// policy; deleted, the flow is allowed again. The namespace has no NetworkPolicy, so before and after, only the
// policy under test decides.
test.describe.configure({ mode: 'serial' });

let admin: Cluster;
let namespace: string | undefined;
const policyName = () => `e2e-deny-client-${runId()}`;
const CNP = { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy' };
const CILIUM = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' };

const view = (query = '') => `${process.env.E2E_BASE_URL}/?context=${VIEWER_CONTEXT}${query ? `&${query}` : ''}`;
const api = (path: string) => `${process.env.E2E_BASE_URL}/api/${path}${path.includes('?') ? '&' : '?'}context=${VIEWER_CONTEXT}`;

/** Only a pod labelled app=other may reach the server: Cilium's default deny cuts the client off. */
function ciliumNetworkPolicy(ns: string): KubernetesObject & { spec: object } {
  return {
    ...CILIUM,
    metadata: { name: policyName(), namespace: ns },
    spec: {
      endpointSelector: { matchLabels: { app: 'server' } },
      ingress: [{ fromEndpoints: [{ matchLabels: { app: 'other' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }],
    },
  };
}

function clusterNetworkPolicy(ns: string): KubernetesObject & { spec: object } {
  return {
    ...CNP,
    metadata: { name: policyName(), labels: { [RUN_LABEL]: runId() } },
    spec: {
      tier: 'Admin',
      priority: 5,
      subject: { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } }, podSelector: { matchLabels: { app: 'server' } } } },
      ingress: [
        {
          name: 'no-client',
          action: 'Deny',
          from: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } }, podSelector: { matchLabels: { app: 'client' } } } }],
        },
      ],
    },
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  admin = new Cluster();
  namespace = await admin.createNamespace('e2e-kinds');
  await admin.createDeployment(namespace, 'client', 1);
  await admin.createDeployment(namespace, 'server', 1);
  await admin.waitForReadyPods(namespace, 'client', 1);
  await admin.waitForReadyPods(namespace, 'server', 1);
});

test.afterAll(async () => {
  await KubernetesObjectApi.makeApiClient(admin.config)
    .delete({ ...CNP, metadata: { name: policyName() } })
    .catch(() => undefined);
  if (namespace) await admin.deleteNamespace(namespace);
});

/**
 * Before: client → server allowed, the server among the client's egress peers on the map. With `policy` applied:
 * denied in the engine, gone from the map, and the explain panel names `named`. Deleted: allowed again.
 */
async function cutsAndRestores(page: Page, policy: KubernetesObject, named: RegExp, screenshot: string) {
  const ns = namespace!;
  const [client, server] = await Promise.all(['client', 'server'].map(async (app) => (await admin.readyPods(ns, app))[0]!.metadata!.name!));
  const serverId = `pod:${ns}/${server}`;
  const verdict = async () => ((await (await page.request.get(api(`explain?from=pod/${ns}/${client}&to=pod/${ns}/${server}&port=8080`))).json()) as FlowExplanation).verdict;
  const reachesServer = async () => {
    const reach = (await (await page.request.get(api(`reachability?pod=${ns}/${client}`))).json()) as ReachablePeers;
    // A peer the policies close off is not listed at all.
    return reach.egress.some((p) => p.peer.type === 'pod' && p.peer.name === server);
  };

  await page.goto(view(`pod=${ns}%2F${client}`));
  await expect.poll(() => nodePosition(page, serverId)).toBeTruthy();
  await expect.poll(verdict).toBe('allowed');
  await expect.poll(() => egressPeers(page)).toContain(serverId);

  const objects = KubernetesObjectApi.makeApiClient(admin.config);
  await objects.create(policy);
  try {
    // Live: the engine's verdict, the map's highlight and the explain panel follow the new policy.
    await expect.poll(verdict).toBe('denied');
    await expect.poll(() => egressPeers(page)).not.toContain(serverId);
    expect(await reachesServer()).toBe(false);
    await page.goto(view(`panel=explain&from=pod%2F${ns}%2F${client}&to=pod%2F${ns}%2F${server}&port=8080&proto=TCP`));
    await expect(page.getByTestId('explain-verdict')).toHaveAttribute('data-verdict', 'denied');
    await expect(page.getByText(named).first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(screenshot) });
  } finally {
    await objects.delete(policy);
  }

  await expect.poll(verdict).toBe('allowed');
  await page.goto(view(`pod=${ns}%2F${client}`));
  await expect.poll(() => egressPeers(page)).toContain(serverId);
}

test('a ClusterNetworkPolicy applied live cuts client → server on the map and in explain, naming its rule; deleting it restores both', async ({ page }) => {
  await cutsAndRestores(page, clusterNetworkPolicy(namespace!), new RegExp(`ClusterNetworkPolicy ${policyName()} \\(Admin tier, priority 5\\) ingress rule "no-client"`), 'explain-cluster-network-policy.png');
});

test('a CiliumNetworkPolicy applied live isolates the server for ingress on the map and in explain; deleting it restores both', async ({ page }) => {
  await cutsAndRestores(page, ciliumNetworkPolicy(namespace!), new RegExp(`CiliumNetworkPolicy ${namespace}/${policyName()}`), 'explain-cilium-network-policy.png');
});

import type { EnforcementResult } from '@/lib/analysis/enforcement';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';
import { Cluster, RUN_LABEL, runId } from './support/kube';

// Whether a NetworkPolicy holds is the network plugin's to decide. A DaemonSet that looks like flannel's (its name,
// label and image) in kube-system makes the cluster "not enforced": the header's badge says so, and a flow the
// policies deny reads "denied, not enforced" in the explain panel, with the engine's note. Deleted, the badge is
// back where it was and the denial holds again. The DaemonSet selects no node, so no flannel runs anywhere (a
// user's kind cluster included): only its object is read.
test.describe.configure({ mode: 'serial' });

const FLANNEL = { namespace: 'kube-system', name: 'kube-flannel-ds', image: 'docker.io/flannel/flannel:v0.26.1' };
const NOTE = 'denied by policy, but not enforced by flannel: traffic flows';

let admin: Cluster;
let namespace: string | undefined;

const view = (query = '') => `${process.env.E2E_BASE_URL}/?context=${VIEWER_CONTEXT}${query ? `&${query}` : ''}`;

async function enforcementNow(): Promise<EnforcementResult> {
  const response = await fetch(`${process.env.E2E_BASE_URL}/api/enforcement?context=${VIEWER_CONTEXT}`);
  return (await response.json()) as EnforcementResult;
}

async function createFlannel(): Promise<void> {
  const labels = { app: 'flannel', tier: 'node' };
  await admin.apps.createNamespacedDaemonSet({
    namespace: FLANNEL.namespace,
    body: {
      metadata: { name: FLANNEL.name, labels: { ...labels, [RUN_LABEL]: runId() } },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            // No node has this label: the DaemonSet exists, its pods never do.
            nodeSelector: { 'kube-netmap.dev/e2e-no-such-node': 'true' },
            containers: [{ name: 'kube-flannel', image: FLANNEL.image, args: ['--ip-masq', '--kube-subnet-mgr'] }],
          },
        },
      },
    },
  });
}

const deleteFlannel = () => admin.apps.deleteNamespacedDaemonSet({ namespace: FLANNEL.namespace, name: FLANNEL.name });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  admin = new Cluster();
  namespace = await admin.createNamespace('e2e-enforce');
  await admin.createDeployment(namespace, 'client', 1);
  await admin.createDeployment(namespace, 'server', 1);
  // Every pod of the namespace isolated for ingress, nothing allowed in: client → server is denied by policy.
  await admin.networking.createNamespacedNetworkPolicy({
    namespace,
    body: { metadata: { name: 'deny-ingress' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  });
  await admin.waitForReadyPods(namespace, 'client', 1);
  await admin.waitForReadyPods(namespace, 'server', 1);
});

test.afterAll(async () => {
  await deleteFlannel().catch(() => undefined);
  if (namespace) await admin.deleteNamespace(namespace);
});

test('a flannel DaemonSet turns the badge to "not enforced" and a denied flow to "denied, not enforced"; deleting it turns both back', async ({ page }, testInfo) => {
  const ns = namespace!;
  // Where the cluster stands without it, once the DaemonSets are read (the local control plane runs no plugin: unknown).
  await expect.poll(async () => (await enforcementNow()).reason).not.toContain('still loading');
  const before = (await enforcementNow()).enforcement;
  test.skip(before === 'enforced', 'the cluster runs a plugin that enforces NetworkPolicy: a flannel DaemonSet beside it changes nothing');
  expect(before).toBe('unknown');

  const badge = page.getByTestId('enforcement');
  await page.goto(view());
  await expect(badge).toHaveAttribute('data-enforcement', before);

  const [client, server] = await Promise.all(['client', 'server'].map(async (app) => (await admin.readyPods(ns, app))[0]!.metadata!.name!));
  const explainUrl = view(`panel=explain&from=pod%2F${ns}%2F${client}&to=pod%2F${ns}%2F${server}&port=8080&proto=TCP`);
  try {
    await createFlannel();
    await expect(badge).toHaveAttribute('data-enforcement', 'not-enforced');
    await expect(badge).toHaveAttribute('data-plugins', 'flannel');
    await expect(badge).toContainText(/not enforced by flannel/i);

    // The page asks the server, which has seen the DaemonSet by now (the page's model comes from it).
    await page.goto(explainUrl);
    const verdict = page.getByTestId('explain-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'denied');
    await expect(verdict).toHaveAttribute('data-enforcement', 'not-enforced');
    await expect(verdict).toContainText(/not enforced/i);
    await expect(page.getByTestId('explain-summary')).toContainText(NOTE);
    await expect(page.getByTestId('explain-path-enforcement')).toHaveText(new RegExp(NOTE));
    await page.screenshot({ path: testInfo.outputPath('explain-not-enforced.png') });
  } finally {
    await deleteFlannel().catch(() => undefined);
  }

  await expect(badge).toHaveAttribute('data-enforcement', before);
  // Asked again, the same question: the policies' denial holds, without the note.
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  const verdict = page.getByTestId('explain-verdict');
  await expect(verdict).not.toHaveAttribute('data-enforcement', 'not-enforced');
  await expect(verdict).toHaveAttribute('data-verdict', 'denied');
  await expect(page.getByTestId('explain-summary')).not.toContainText('not enforced');
});

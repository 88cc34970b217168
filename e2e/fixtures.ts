import { test as base, expect, type Page } from '@playwright/test';
import { Cluster } from './support/kube';
import { VIEWER_CONTEXT } from './support/dashboard-identities';

export { expect };

/** The live page of one context, and locators into it by the data attributes the components expose. */
export class LiveViewPage {
  constructor(readonly page: Page) {}

  async open(context = VIEWER_CONTEXT) {
    const baseURL = process.env.E2E_BASE_URL;
    if (!baseURL) throw new Error('E2E_BASE_URL is not set (the global setup sets it)');
    await this.page.goto(`${baseURL}/?context=${encodeURIComponent(context)}`);
  }

  connection() {
    return this.page.getByTestId('connection');
  }

  syncState(kind: string) {
    return this.page.locator(`[data-testid="sync-state"][data-kind="${kind}"]`);
  }

  namespace(name: string) {
    return this.page.locator(`[data-testid="namespace"][data-namespace="${name}"]`);
  }

  podRows(namespace: string) {
    return this.namespace(namespace).getByTestId('pod-row');
  }

  serviceRow(namespace: string, name: string) {
    return this.namespace(namespace).locator(`[data-testid="service-row"][data-name="${name}"]`);
  }

  async shownPodIPs(namespace: string): Promise<string[]> {
    return (await this.podRows(namespace).getByTestId('pod-ip').allTextContents()).map((t) => t.trim()).sort();
  }
}

export const test = base.extend<{ cluster: Cluster; namespace: string; liveView: LiveViewPage }>({
  cluster: async ({}, provide) => {
    await provide(new Cluster());
  },
  // Every test works in a namespace of its own, deleted afterwards.
  namespace: async ({ cluster }, provide, testInfo) => {
    const slug = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30).replace(/-+$/, '');
    const name = await cluster.createNamespace(`e2e-${slug}`);
    await provide(name);
    await cluster.deleteNamespace(name);
  },
  liveView: async ({ page }, provide) => {
    await provide(new LiveViewPage(page));
  },
});

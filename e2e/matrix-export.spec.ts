import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The connectivity matrix and the map's exports, on the built-in demo (examples/demo). The matrix's numbers are
// checked against `kube-netmap connectivity --manifests examples/demo`: the same engine, asked from the CLI.

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'kube-netmap.mjs');

interface Endpoint {
  type: 'workload' | 'ipRange';
  namespace?: string;
  kind?: string;
  name?: string;
}
interface CliReport {
  entries: { source: Endpoint; destination: Endpoint; connections: unknown; partial?: true; policies: { namespace: string; name: string; kind?: string }[]; unknown?: unknown }[];
  workloads: Endpoint[];
}

function cliConnectivity(): CliReport {
  const result = spawnSync(process.execPath, [bin, 'connectivity', '--manifests', path.join(root, 'examples', 'demo'), '--output', 'json'], { encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as CliReport;
}

async function openMatrix(page: Page) {
  await page.goto(`${process.env.E2E_BASE_URL}/?context=@demo&panel=matrix`);
  await expect(page.getByTestId('matrix-namespaces')).toBeVisible({ timeout: 60_000 });
}

async function saved(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFileSync(file);
}

test('the matrix counts what the CLI lists: a cell, its workload pairs, and the rules behind a pair', async ({ page }) => {
  const report = cliConnectivity();
  const shop = report.workloads.filter((w) => w.namespace === 'shop');
  const fromController = report.entries.filter((e) => e.source.namespace === 'ingress-nginx' && e.destination.type === 'workload' && e.destination.namespace === 'shop');
  // The demo's controller reaches a few shop workloads, not all: the cell is "some".
  expect(fromController.length).toBeGreaterThan(0);
  expect(fromController.length).toBeLessThan(shop.length);
  expect(fromController.every((e) => !e.unknown)).toBe(true);

  await openMatrix(page);
  const cell = page.getByTestId('matrix-namespaces').locator('[data-source="ingress-nginx"][data-destination="shop"]');
  await expect(cell).toHaveAttribute('data-verdict', 'some');
  await expect(cell).toHaveAttribute('data-open', String(fromController.length));
  await expect(cell).toHaveAttribute('data-pairs', String(shop.length));
  await expect(cell).toContainText(`${fromController.length} of ${shop.length}`);

  // Keyboard: the grid is one tab stop; arrows move, Enter opens.
  const first = page.getByTestId('matrix-namespaces').locator('button[tabindex="0"]');
  await first.focus();
  const sources = await page.getByTestId('matrix-namespaces').locator('tbody tr').count();
  for (let i = 0; i < sources; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  // Row ingress-nginx is the first; its columns are ingress-nginx, shop, outside.
  await page.keyboard.press('ArrowRight');
  await expect(cell).toBeFocused();
  await page.keyboard.press('Enter');

  const drill = page.getByTestId('matrix-drilldown');
  await expect(drill).toContainText('ingress-nginx → shop');
  const workloads = drill.getByTestId('matrix-workloads');
  await expect(workloads.locator('[data-verdict="some"]')).toHaveCount(fromController.length);
  await expect(workloads.locator('[data-verdict="none"]')).toHaveCount(shop.length - fromController.length);

  // The pair to frontend: its connections and policies as the CLI lists them, then explain's rule on each side.
  const toFrontend = fromController.find((e) => e.destination.name === 'frontend')!;
  expect(toFrontend).toBeDefined();
  await workloads.locator('[data-destination="shop/Deployment/frontend"]').click();
  const pair = drill.getByTestId('matrix-pair');
  await expect(pair).toHaveAttribute('data-verdict', 'some');
  await expect(pair.getByTestId('matrix-pair-entry')).toContainText('TCP 8080');
  for (const policy of toFrontend.policies) {
    await expect(pair.getByTestId('matrix-pair-policies')).toContainText(`${policy.kind ?? 'NetworkPolicy'} ${policy.namespace}/${policy.name}`);
  }
  const explained = pair.getByTestId('matrix-explain');
  await expect(explained.getByTestId('matrix-explain-verdict')).toHaveAttribute('data-verdict', 'allowed');
  await expect(explained.getByTestId('explain-ingress').getByTestId('explain-allowed-by').first()).toContainText('NetworkPolicy shop/frontend rule');

  // The link keeps the open cell and pair: reloaded, the page shows them again.
  await expect(page).toHaveURL(/mx=ingress-nginx%3Eshop&mxp=ingress-nginx%2FDeployment%2Fingress-nginx-controller%3Eshop%2FDeployment%2Ffrontend/);
  await page.reload();
  await expect(pair).toHaveAttribute('data-verdict', 'some');
  await expect(pair).toContainText('ingress-nginx/Deployment/ingress-nginx-controller → shop/Deployment/frontend');

  // A pair nothing is allowed between says so, and explain names why on the port its destination serves.
  await workloads.locator('[data-destination="shop/StatefulSet/postgres"]').click();
  await expect(pair).toHaveAttribute('data-verdict', 'none');
  await expect(pair.getByTestId('matrix-pair-none')).toBeVisible();
  await expect(pair.getByTestId('matrix-explain-port')).toHaveValue('0');
  await expect(explained.getByTestId('matrix-explain-verdict')).toHaveAttribute('data-verdict', 'denied');
});

test('the map exports as PNG (the view and the whole map) and SVG, readable in the dark theme too', async ({ page }) => {
  await openMatrix(page);
  await expect(page.locator('[data-testid="network-map"][data-laid-out="true"]')).toBeVisible({ timeout: 60_000 });
  const exportMenu = page.getByTestId('map-export');
  await exportMenu.locator('summary').click();

  const png = async (testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), exportMenu.getByTestId(testId).click()]);
    expect(download.suggestedFilename()).toMatch(testId === 'map-export-png-full' ? /^kube-netmap_demo_\d{4}-\d\d-\d\d_\d{4}_full\.png$/ : /^kube-netmap_demo_\d{4}-\d\d-\d\d_\d{4}\.png$/);
    const bytes = await saved(download);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);
  };
  await png('map-export-png-view');
  await png('map-export-png-full');

  const svg = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), exportMenu.getByTestId('map-export-svg').click()]);
    expect(download.suggestedFilename()).toMatch(/^kube-netmap_demo_\d{4}-\d\d-\d\d_\d{4}_full\.svg$/);
    const text = (await saved(download)).toString('utf8');
    // Parsed as the browser parses an image: no parser error, and the map's labels are text in it.
    return page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? '',
        root: doc.documentElement.localName,
        texts: [...doc.querySelectorAll('tspan')].map((t) => t.textContent ?? ''),
        background: doc.querySelector('svg > rect')?.getAttribute('fill') ?? '',
        labelColour: doc.querySelector('text')?.getAttribute('fill') ?? '',
      };
    }, text);
  };
  const light = await svg();
  expect(light.error).toBe('');
  expect(light.root).toBe('svg');
  expect(light.texts).toEqual(expect.arrayContaining(['shop', 'ingress-nginx', 'api-template', 'checkout-template', 'postgres']));
  expect(light.background).toBe('#ffffff');

  // Dark: the labels are light, so the drawing carries the dark background they are read on.
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  if (!(await exportMenu.evaluate((d) => (d as HTMLDetailsElement).open))) await exportMenu.locator('summary').click();
  const dark = await svg();
  expect(dark.error).toBe('');
  expect(dark.background).toBe('#0f172a');
  expect(dark.labelColour).toBe('rgb(226,232,240)');
});
